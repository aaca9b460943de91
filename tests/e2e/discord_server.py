"""A Discord of the tests' own, on loopback: enough of Discord's HTTP API and gateway for an unmodified discord.py
bot (a real `briefbot run` process) to log in, sync its commands, connect its shards and serve users.

The bot is pointed at it by setting `discord.http.Route.BASE` to `server.api_base` before it starts (see
tests/e2e/bot_process.py); the gateway's address then comes from `GET /gateway/bot`, as from Discord.

Use it from an async test or fixture:

    server = await FakeDiscord(heartbeat_interval_s=0.25).start()
    guild = server.add_guild("News")                     # or add_guild(..., shard=(1, 2)): a server on shard 1 of 2
    channel = server.add_channel(guild, "news")
    reader = server.add_member(guild, "reader")
    ...start the bot process, then `await server.wait_until_ready(shard_count)` (every shard's GUILD_CREATEs sent)
    used = await server.slash_command(guild, channel, reader, "brief", {"text": "…"})   # INTERACTION_CREATE
    used = await server.slash_command(guild, channel, reader, "brief", {}, attachment=("a.txt", data))
    used = await server.context_menu(guild, channel, reader, "Brief this message", message)
    typing = await server.autocomplete(guild, channel, reader, "who", {"name": "oka"}, focused="name")
    posted = await server.post_message(guild, channel, reader, "hello", mention_bot=True, reply_to=message)
    thread = server.threads[message_id]                  # a thread the bot opened on one of its messages
    request = await server.wait_for(lambda r: r.interaction_id == used.id and r.kind == "callback", timeout=10)
    await server.stop()

Everything the bot sends is recorded with when it arrived: its HTTP requests in `server.requests` (`Request`:
method, path, route kind, JSON body, the interaction or message it concerns), its gateway payloads in each
connection's `sent`; the state it leaves is in `server.messages` (id -> message JSON as last edited). Each
gateway connection (`server.connections`) records its shard, when the client's
heartbeats arrived (`beats`; HELLO sets a short interval) and the probes: every `probe_interval_s` the server
sends a HEARTBEAT request (op 1), which the client must answer from its event loop, and records how long the
answer took (`probes`). `delays(since, until)` gives the longest of those in a window (`Delays`): how long the
bot's event loop kept Discord waiting. Routes the fake does not know answer 404 and are listed in `unknown`.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.e2e import discord_objects as objects
from tests.e2e.discord_objects import Json
from tests.e2e.discord_routes import error, route

API = "/api/v10"
TOKEN = "fake-bot-token.for-the-loopback-discord"
HELLO, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HEARTBEAT_ACK, DISPATCH = 10, 1, 2, 6, 9, 11, 0


@dataclass
class Request:
    """One HTTP request the bot made, as received."""

    at: float  # time.monotonic()
    method: str
    path: str
    kind: str  # callback, original, followup, channel-message, thread, commands, login, gateway, cdn, unknown
    body: Json | None
    interaction_id: int | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class Delays:
    """The worst wait in a window: for the answer to a heartbeat request (probe), and of a heartbeat beyond its
    interval (late beat), with how many of each the window held."""

    probe: float
    late_beat: float
    probes: int
    beats: int

    @property
    def worst(self) -> float:
        return max(self.probe, self.late_beat)


@dataclass
class Probe:
    sent: float
    answered: float | None = None


@dataclass
class Connection:
    """One gateway connection (one shard) and what its heartbeats show."""

    ws: web.WebSocketResponse
    opened: float = field(default_factory=time.monotonic)
    shard: tuple[int, int] | None = None  # (shard id, shard count) from IDENTIFY; None: unsharded
    identify: Json | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    sent: list[tuple[float, Json]] = field(default_factory=list)  # every payload the client sent, and when
    beats: list[float] = field(default_factory=list)  # when each client heartbeat arrived
    probes: list[Probe] = field(default_factory=list)
    sequence: int = 0

    def serves(self, guild_id: int) -> bool:
        return self.shard is None or (guild_id >> 22) % self.shard[1] == self.shard[0]

    async def send(self, op: int, data: Any, event: str | None = None) -> None:
        payload: Json = {"op": op, "d": data}
        if op == DISPATCH:
            self.sequence += 1
            payload.update(t=event, s=self.sequence)
        if not self.ws.closed:
            await self.ws.send_str(json.dumps(payload))


@dataclass
class Interaction:
    """An interaction the server sent: its id and token, and when it went out."""

    id: int
    token: str
    sent: float
    channel_id: int
    original_id: int | None = None  # the message of its first response


@dataclass
class Guild:
    id: int
    name: str
    channels: list[Json] = field(default_factory=list)
    members: list[Json] = field(default_factory=list)
    roles: list[Json] = field(default_factory=list)

    def payload(self) -> Json:
        return objects.guild(self.id, self.name, self.channels, self.members, self.roles)


class FakeDiscord:
    """The loopback Discord (see the module's docstring for how a test drives it)."""

    def __init__(self, *, heartbeat_interval_s: float = 0.25, probe_interval_s: float = 1.0) -> None:
        self.heartbeat_interval_s = heartbeat_interval_s
        self.probe_interval_s = probe_interval_s  # discord.py allows 110 gateway sends a minute: stay well below
        self.ids = objects.Snowflakes()
        self.application_id = self.ids.next()
        self.bot_user = objects.user(self.application_id, "briefbot", bot=True)
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Json] = {}
        self.messages: dict[int, Json] = {}
        self.threads: dict[int, Json] = {}  # the threads the bot opened, by the message they were opened on
        self.commands: list[Json] = []
        self.requests: list[Request] = []
        self.unknown: list[str] = []
        self.connections: list[Connection] = []
        self.interactions: dict[int, Interaction] = {}
        self.files: dict[str, bytes] = {}
        self.gateway_bot_shards = 1
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._tasks: list[asyncio.Task] = []
        self.port = 0

    # -- the server ---------------------------------------------------------------------------------
    async def start(self) -> FakeDiscord:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{name:.*}", self._attachment)
        app.router.add_route("*", API + "/{path:.*}", self._api)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for connection in self.connections:
            await connection.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- the world the bot sees -----------------------------------------------------------------------
    def add_guild(self, name: str, *, shard: tuple[int, int] | None = None) -> Guild:
        """A server the bot is in (on `shard` = (id, count) by Discord's formula, when given)."""
        guild_id = self.ids.on_shard(*shard) if shard else self.ids.next()
        bot_member = objects.member(self.bot_user)
        guild = Guild(guild_id, name, members=[bot_member], roles=[objects.role(guild_id, "@everyone")])
        self.guilds[guild_id] = guild
        return guild

    def add_channel(self, guild: Guild, name: str) -> Json:
        channel = objects.text_channel(self.ids.next(), guild.id, name, len(guild.channels))
        guild.channels.append(channel)
        self.channels[int(channel["id"])] = channel
        return channel

    def add_member(self, guild: Guild, name: str) -> Json:
        member = objects.member(objects.user(self.ids.next(), name))
        guild.members.append(member)
        return member

    # -- driving the bot ----------------------------------------------------------------------------
    async def wait_until_ready(self, shards: int = 1, timeout: float = 60.0) -> None:
        """Wait until `shards` open gateway connections have identified and had their READY and GUILD_CREATEs."""
        await self.wait_until(lambda: len(self.open_connections()) >= shards, timeout)

    def open_connections(self) -> list[Connection]:
        return [c for c in self.connections if c.ready.is_set() and not c.ws.closed]

    async def slash_command(
        self,
        guild: Guild,
        channel: Json,
        member: Json,
        name: str,
        options: dict[str, Any],
        *,
        attachment: tuple[str, bytes] | None = None,
    ) -> Interaction:
        """A member uses /name with these string options (and a file for the command's attachment option)."""
        command = self.command(name, kind=1)
        data: Json = {"id": command["id"], "name": name, "type": 1, "options": [], "guild_id": str(guild.id)}
        for key, value in options.items():
            data["options"].append({"name": key, "type": 3, "value": value})
        if attachment is not None:
            filename, content = attachment
            file = self.attach(filename, content)
            data["options"].append({"name": "file", "type": 11, "value": file["id"]})
            data["resolved"] = {"attachments": {file["id"]: file}}
        return await self._interact(guild, channel, member, data)

    async def autocomplete(
        self, guild: Guild, channel: Json, member: Json, name: str, options: dict[str, str], focused: str
    ) -> Interaction:
        """A member typing in option `focused` of /name (an autocomplete interaction): the bot answers with a
        callback of type 8 whose choices `choices` reads."""
        command = self.command(name, kind=1)
        data: Json = {"id": command["id"], "name": name, "type": 1, "options": [], "guild_id": str(guild.id)}
        for key, value in options.items():
            option = {"name": key, "type": 3, "value": value}
            data["options"].append({**option, "focused": True} if key == focused else option)
        return await self._interact(guild, channel, member, data, kind=4)

    def choices(self, interaction: Interaction) -> list[Json] | None:
        """The choices the bot answered an autocomplete interaction with (None before it answered)."""
        callback = next((r for r in self.sent_for(interaction) if r.kind == "callback"), None)
        return None if callback is None else callback.body["data"]["choices"]

    async def context_menu(self, guild: Guild, channel: Json, member: Json, name: str, target: Json) -> Interaction:
        """A member right-clicks a message → Apps → `name` (a message command)."""
        command = self.command(name, kind=3)
        data = {
            "id": command["id"],
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
            "guild_id": str(guild.id),
        }
        return await self._interact(guild, channel, member, data)

    async def post_message(
        self,
        guild: Guild,
        channel: Json,
        member: Json,
        content: str,
        *,
        mention_bot: bool = False,
        reply_to: Json | None = None,
        attachment: tuple[str, bytes] | None = None,
    ) -> Json:
        """A member's message (MESSAGE_CREATE); `mention_bot` writes `<@bot>` first and lists the mention."""
        mentions = [{**self.bot_user, "member": objects.member(self.bot_user)}] if mention_bot else []
        text = f"<@{self.application_id}> {content}" if mention_bot else content
        files = [self.attach(*attachment)] if attachment else []
        posted = objects.message(
            self.ids.next(),
            self.channels[int(channel["id"])],
            member["user"],
            text,
            author_member=member,
            mentions=mentions,
            reference=reply_to,
            attachments=files,
        )
        self.messages[int(posted["id"])] = posted
        await self.dispatch(guild.id, "MESSAGE_CREATE", posted)
        return posted

    def attach(self, filename: str, content: bytes) -> Json:
        """A file uploaded to the fake CDN, as an attachment object."""
        attachment_id = self.ids.next()
        self.files[f"{attachment_id}/{filename}"] = content
        url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
        kind = "text/plain" if filename.endswith(".txt") else "application/octet-stream"
        return objects.attachment(attachment_id, filename, len(content), url, kind)

    def command(self, name: str, *, kind: int) -> Json:
        """A command the bot registered (the test fails if it did not)."""
        for command in self.commands:
            if command["name"] == name and command.get("type", 1) == kind:
                return command
        raise AssertionError(f"the bot registered no command {name!r} of type {kind}: {self.commands}")

    async def dispatch(self, guild_id: int, event: str, data: Json) -> None:
        """Send a gateway event to the connection that serves this server's shard."""
        serving = [c for c in self.open_connections() if c.serves(guild_id)]
        assert serving, f"no connected shard serves server {guild_id}"
        for connection in serving:
            await connection.send(DISPATCH, data, event)

    # -- watching the bot ----------------------------------------------------------------------------
    async def wait_until(self, condition: Callable[[], bool], timeout: float, what: str = "") -> None:
        """Wait until `condition` holds (it is looked at whenever the bot sends something); an AssertionError
        naming `what` and the bot's last requests if it does not within `timeout` seconds."""
        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(condition), timeout)
        except TimeoutError:
            last = "\n".join(f"  {r.method} {r.path} {r.kind} {str(r.body)[:200]}" for r in self.requests[-8:])
            raise AssertionError(f"not within {timeout} s: {what or condition}; the last requests:\n{last}") from None

    async def wait_for(self, predicate: Callable[[Request], bool], timeout: float = 30.0) -> Request:
        """The first recorded request that matches (waiting for it up to `timeout` seconds)."""
        found: list[Request] = []

        def seen() -> bool:
            found[:] = [r for r in self.requests if predicate(r)][:1]
            return bool(found)

        await self.wait_until(seen, timeout)
        return found[0]

    def sent_for(self, interaction: Interaction) -> list[Request]:
        return [r for r in self.requests if r.interaction_id == interaction.id]

    def delays(self, since: float, until: float) -> Delays:
        """How long the bot's event loop kept the gateway waiting in [since, until]: probe answers, late beats."""
        probes = [
            (p.answered or until) - p.sent for c in self.connections for p in c.probes if since <= p.sent <= until
        ]
        late = [
            later - earlier - self.heartbeat_interval_s
            for c in self.connections
            for earlier, later in zip(c.beats, c.beats[1:], strict=False)
            if since <= later <= until
        ]
        return Delays(max(probes, default=0.0), max(late, default=0.0), len(probes), len(late))

    async def _changed_now(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _interact(self, guild: Guild, channel: Json, member: Json, data: Json, kind: int = 2) -> Interaction:
        interaction_id = self.ids.next()
        token = f"interaction-{interaction_id}-{secrets.token_hex(8)}"
        payload = objects.interaction(interaction_id, token, self.application_id, channel, member, data, kind=kind)
        used = Interaction(interaction_id, token, time.monotonic(), int(channel["id"]))
        self.interactions[interaction_id] = used
        await self.dispatch(guild.id, "INTERACTION_CREATE", payload)
        return used

    # -- the gateway ---------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = Connection(ws)
        self.connections.append(connection)
        await connection.send(HELLO, {"heartbeat_interval": int(self.heartbeat_interval_s * 1000)})
        prober = asyncio.create_task(self._probe(connection))
        self._tasks.append(prober)
        try:
            async for frame in ws:
                if frame.type is WSMsgType.TEXT:
                    await self._gateway_op(connection, json.loads(frame.data))
        finally:
            prober.cancel()
            await self._changed_now()
        return ws

    async def _gateway_op(self, connection: Connection, payload: Json) -> None:
        connection.sent.append((time.monotonic(), payload))
        op, data = payload.get("op"), payload.get("d")
        if op == HEARTBEAT:
            now = time.monotonic()
            waiting = [p for p in connection.probes if p.answered is None]
            for probe in waiting:
                probe.answered = now
            if not waiting:
                connection.beats.append(now)
            await connection.send(HEARTBEAT_ACK, None)
        elif op == IDENTIFY:
            await self._identify(connection, data)
        elif op == RESUME:
            await connection.send(INVALID_SESSION, False)

    async def _identify(self, connection: Connection, data: Json) -> None:
        connection.identify = data
        if data.get("token") != TOKEN:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        if data.get("shard"):
            connection.shard = (data["shard"][0], data["shard"][1])
        served = [guild for guild in self.guilds.values() if connection.serves(guild.id)]
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(guild.id), "unavailable": True} for guild in served],
            "session_id": secrets.token_hex(16),
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if connection.shard is not None:
            ready["shard"] = list(connection.shard)
        await connection.send(DISPATCH, ready, "READY")
        for guild in served:
            await connection.send(DISPATCH, guild.payload(), "GUILD_CREATE")
        connection.ready.set()
        await self._changed_now()

    async def _probe(self, connection: Connection) -> None:
        """Every `probe_interval_s`, ask for a heartbeat (op 1) and time the answer."""
        while not connection.ws.closed:
            await asyncio.sleep(self.probe_interval_s)
            if connection.ready.is_set() and not any(p.answered is None for p in connection.probes):
                connection.probes.append(Probe(time.monotonic()))
                await connection.send(HEARTBEAT, None)

    # -- the HTTP API --------------------------------------------------------------------------------
    async def _attachment(self, request: web.Request) -> web.Response:
        self._record(request, "cdn", None)
        content = self.files.get(request.match_info["name"])
        return web.Response(status=404) if content is None else web.Response(body=content)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        parts = request.match_info["path"].strip("/").split("/")
        by_token = parts[0] in ("webhooks", "interactions")  # an interaction's token is its authorization
        if not by_token and request.headers.get("Authorization") != f"Bot {TOKEN}":
            return error(401, "401: Unauthorized")
        body = await request.json() if request.can_read_body else None
        answer = await route(self, request, parts, body)
        await self._changed_now()
        return answer

    def _record(self, request: web.Request, kind: str, body: Json | None, **about: int | None) -> Request:
        recorded = Request(time.monotonic(), request.method, request.path_qs, kind, body, **about)
        self.requests.append(recorded)
        return recorded
