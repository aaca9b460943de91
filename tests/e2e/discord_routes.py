"""The HTTP routes of the fake Discord (tests/e2e/discord_server.py): login, gateway, command sync, interaction
callbacks, webhook messages (followups and @original edits), channel messages, threads.

Each answers as Discord does, with the JSON discord.py reads, and records the request (`FakeDiscord._record`).
A second response to one interaction, or a followup before any response, is refused as Discord refuses it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.e2e import discord_objects as objects
from tests.e2e.discord_objects import EPHEMERAL, LOADING, Json

if TYPE_CHECKING:
    from tests.e2e.discord_server import FakeDiscord

MESSAGE_WITH_SOURCE, DEFERRED_MESSAGE = 4, 5


def answer(data: Any, status: int = 200) -> web.Response:
    """JSON as Discord sends it: discord.py reads a body as JSON only under exactly `application/json`."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


def error(status: int, message: str, code: int = 0) -> web.Response:
    return answer({"message": message, "code": code}, status)


async def route(server: FakeDiscord, request: web.Request, parts: list[str], body: Json | None) -> web.Response:
    """Answer one API request (`parts`: the path after /api/v10, split on slashes)."""
    method, head = request.method, parts[0]
    if head in ("users", "oauth2", "gateway") and method == "GET":
        return login(server, request, parts)
    if head == "applications" and parts[2:] == ["commands"] and method == "PUT":
        return sync_commands(server, request, body)
    if head == "interactions" and parts[3:] == ["callback"] and method == "POST":
        return respond(server, request, int(parts[1]), parts[2], body)
    if head == "webhooks":
        return webhook(server, request, parts[2], parts[3:], body)
    if head == "channels" and len(parts) >= 3 and parts[2] == "messages":
        if parts[4:] == ["threads"]:
            return await open_thread(server, request, int(parts[1]), int(parts[3]), body)
        return channel_message(server, request, int(parts[1]), parts[3:], body)
    server._record(request, "unknown", body)
    server.unknown.append(f"{method} {request.path}")
    return error(404, "404: Not Found")


def login(server: FakeDiscord, request: web.Request, parts: list[str]) -> web.Response:
    if parts == ["users", "@me"]:
        server._record(request, "login", None)
        return answer(server.bot_user)
    if parts == ["oauth2", "applications", "@me"]:
        server._record(request, "login", None)
        owner = objects.user(server.ids.next(), "owner")
        return answer(
            {
                "id": str(server.application_id),
                "name": "briefbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
            }
        )
    server._record(request, "gateway", None)
    return answer(
        {
            "url": server.gateway_url,
            "shards": server.gateway_bot_shards,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 16},
        }
    )


def sync_commands(server: FakeDiscord, request: web.Request, body: list[Json]) -> web.Response:
    """The bulk overwrite of the bot's global commands: each gets an id and a version."""
    server._record(request, "commands", {"commands": body})
    server.commands = [
        {
            **command,
            "id": str(server.ids.next()),
            "application_id": str(server.application_id),
            "version": str(server.ids.next()),
            "type": command.get("type", 1),
            "description": command.get("description", ""),
        }
        for command in body
    ]
    return answer(server.commands)


def respond(server: FakeDiscord, request: web.Request, interaction_id: int, token: str, body: Json) -> web.Response:
    """The interaction's first response: a message (4) or a deferral with "thinking…" (5)."""
    server._record(request, "callback", body, interaction_id=interaction_id)
    used = server.interactions.get(interaction_id)
    if used is None or used.token != token:
        return error(404, "Unknown interaction", 10062)
    if used.original_id is not None:
        return error(400, "Interaction has already been acknowledged.", 40060)
    kind, data = body["type"], body.get("data") or {}
    if kind not in (MESSAGE_WITH_SOURCE, DEFERRED_MESSAGE):
        return web.Response(status=204)
    flags = (data.get("flags") or 0) & EPHEMERAL
    content = data.get("content") or ""
    if kind == DEFERRED_MESSAGE:
        flags |= LOADING
        content = ""
    original = bot_message(server, used.channel_id, content, data.get("embeds") or [], flags, webhook=True)
    used.original_id = int(original["id"])
    return answer(
        {
            "interaction": {
                "id": str(interaction_id),
                "type": 2,
                "response_message_id": original["id"],
                "response_message_loading": kind == DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(flags & EPHEMERAL),
            },
            "resource": {"type": kind, "message": original},
        }
    )


def webhook(server: FakeDiscord, request: web.Request, token: str, rest: list[str], body: Json | None) -> web.Response:
    """An interaction's webhook: followups (POST), and edits and deletions of @original or a followup."""
    used = next((i for i in server.interactions.values() if i.token == token), None)
    if used is None:
        server._record(request, "unknown", body)
        return error(404, "Unknown Webhook", 10015)
    target = used.original_id if rest[-1:] == ["@original"] else (int(rest[-1]) if rest else None)
    kind = "original" if rest[-1:] == ["@original"] else "followup"
    server._record(request, kind, body, interaction_id=used.id, message_id=target)
    if used.original_id is None:
        return error(400, "The interaction has not been responded to yet", 10062)
    if not rest:
        data = body or {}
        posted = bot_message(
            server, used.channel_id, data.get("content") or "", data.get("embeds") or [], data.get("flags") or 0, True
        )
        return answer(posted) if request.query.get("wait") == "true" else web.Response(status=204)
    return edit_or_delete(server, request, target, body)


def channel_message(
    server: FakeDiscord, request: web.Request, channel_id: int, rest: list[str], body: Json | None
) -> web.Response:
    """A message the bot posts in a channel (a reply, with its reference), edits, deletes, or opens a thread on."""
    message_id = int(rest[0]) if rest else None
    server._record(request, "channel-message", body, message_id=message_id)
    if channel_id not in server.channels:
        return error(404, "Unknown Channel", 10003)
    if message_id is not None:
        return edit_or_delete(server, request, message_id, body)
    data = body or {}
    reference = data.get("message_reference")
    replied = server.messages.get(int(reference["message_id"])) if reference else None
    if reference and replied is None:
        return error(400, "Invalid Form Body: message_reference: Unknown message", 50035)
    posted = bot_message(server, channel_id, data.get("content") or "", data.get("embeds") or [], 0, False, replied)
    server.requests[-1].message_id = int(posted["id"])
    return answer(posted)


async def open_thread(
    server: FakeDiscord, request: web.Request, channel_id: int, message_id: int, body: Json
) -> web.Response:
    """A public thread on a message; its server hears of it (THREAD_CREATE), as from Discord."""
    server._record(request, "thread", body, message_id=message_id)
    parent = server.channels[channel_id]
    thread = objects.thread_channel(server.ids.next(), parent, server.application_id, body.get("name", "thread"))
    server.channels[int(thread["id"])] = thread
    server.threads[message_id] = thread
    await server.dispatch(int(parent["guild_id"]), "THREAD_CREATE", {**thread, "newly_created": True})
    return answer(thread)


def edit_or_delete(
    server: FakeDiscord, request: web.Request, message_id: int | None, body: Json | None
) -> web.Response:
    message = server.messages.get(message_id) if message_id is not None else None
    if message is None:
        return error(404, "Unknown Message", 10008)
    if request.method == "DELETE":
        message["deleted"] = True
        return web.Response(status=204)
    data = body or {}
    for key in ("content", "embeds"):
        if key in data:
            message[key] = data[key] if data[key] is not None else ([] if key == "embeds" else "")
    message["flags"] = message.get("flags", 0) & ~LOADING
    message["edited_timestamp"] = objects.timestamp()
    return answer(message)


def bot_message(
    server: FakeDiscord,
    channel_id: int,
    content: str,
    embeds: list[Json],
    flags: int,
    webhook: bool,
    reference: Json | None = None,
) -> Json:
    """A message by the bot, kept in `server.messages` (the state tests look at)."""
    extra: dict[str, Any] = {"webhook_id": server.application_id, "application_id": server.application_id}
    posted = objects.message(
        server.ids.next(),
        server.channels[channel_id],
        server.bot_user,
        content,
        embeds=embeds,
        flags=flags,
        reference=reference,
        kind=19 if reference is not None else (20 if webhook else 0),
        **(extra if webhook else {}),
    )
    server.messages[int(posted["id"])] = posted
    return posted
