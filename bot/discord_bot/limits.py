"""Who may use the bot, how often, and how much work may wait: allowlists, per-user cooldowns, one queue.

Model jobs run one at a time in arrival order (the engine has one worker anyway), so the queue is a fair lock
plus a count: a request beyond `discord.max_queue` is refused at once with a polite message instead of waiting
for minutes. Refusals are `Refusal` errors carrying the one line the user sees.

What is shared between bot processes and what is not: a user's cooldown holds in every process (the user may
be in servers that different shards serve), so it lives in the store (`Cooldowns`: the bot's memory). The
queue is this process's own: it bounds the work waiting for this process's engine, and a busy reply must be
immediate; an inference server behind several processes queues and batches their requests itself.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import discord

from bot.config import DiscordSettings
from bot.models import BriefbotError

Action = Literal["brief", "ask"]
BUSY = "I'm busy with other briefings, try again in a minute."


class Refusal(BriefbotError):
    """A request turned away (not allowed here, too soon, too busy); the message is for the user."""


class Cooldowns(Protocol):
    """Where cooldowns are kept so that every bot process sees them (the bot's memory, in the store)."""

    async def claim_cooldown(self, action: str, user_id: int, seconds: float, now: float) -> float:
        """Start the user's cooldown for `action` unless one is running; 0 when it started, else the seconds left."""


@dataclass(frozen=True)
class Requester:
    """Who asks, and where: what the allowlists and cooldowns look at."""

    user_id: int
    guild_id: int | None
    channel_ids: tuple[int, ...]  # the channel, and for a thread also the channel it belongs to
    role_ids: frozenset[int]

    @property
    def in_dm(self) -> bool:
        return self.guild_id is None


def channel_ids_of(channel: object) -> tuple[int, ...]:
    """The channel's id and, for a thread, the id of the channel it belongs to."""
    return tuple(i for i in (getattr(channel, "id", None), getattr(channel, "parent_id", None)) if i)


def requester_of(user: discord.abc.User, channel: object) -> Requester:
    """The Requester behind a message or an interaction, from its author and channel."""
    guild = getattr(channel, "guild", None)
    roles = frozenset(role.id for role in getattr(user, "roles", ()))
    return Requester(user.id, guild.id if guild else None, channel_ids_of(channel), roles)


class Ticket:
    """A place in the queue: counted from the moment it is given until it is closed (use `async with`).

    A ticket joins the line when its job is ready to run (`my_turn`: an article is read first, outside the
    line), so its position is the number of jobs that joined before it and are not done: the one running and
    those waiting. The position only falls, and `my_turn` reports each new one as it falls.
    """

    def __init__(self, queue: WorkQueue) -> None:
        self._queue = queue
        self._moved = asyncio.Event()
        self._closed = False

    @property
    def ahead(self) -> int:
        """Jobs that run before this one: its place in the line, or the whole line while it has not joined."""
        line = self._queue.line
        return line.index(self) if self in line else len(line)

    async def my_turn(self, on_wait: Callable[[int], None] | None = None) -> None:
        """Join the line and wait until every job that joined earlier is done; `on_wait(ahead)` is called with
        the number of jobs ahead whenever it changes while this one waits."""
        line = self._queue.line
        line.append(self)
        shown = None
        try:
            while line[0] is not self:
                ahead = line.index(self)
                if on_wait is not None and ahead != shown:
                    on_wait(ahead)
                    shown = ahead
                self._moved.clear()
                await self._moved.wait()
        except BaseException:
            self._leave()
            raise

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._leave()
        self._queue.length -= 1

    def _leave(self) -> None:
        line = self._queue.line
        if self in line:
            line.remove(self)
            for waiting in line:
                waiting._moved.set()

    async def __aenter__(self) -> Ticket:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()


class WorkQueue:
    """Jobs queued or running, at most `max_length` of them, run one at a time in the order they are ready."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length
        self.length = 0  # tickets given and not closed: reading, waiting or running
        self.line: list[Ticket] = []  # the job running first, then those waiting, in the order they joined

    def reserve(self) -> Ticket:
        if self.length >= self.max_length:
            raise Refusal(BUSY)
        self.length += 1
        return Ticket(self)


class Limits:
    """The bot's door: allowlists from config, per-user cooldowns (kept in `cooldowns`), and the work queue."""

    def __init__(
        self, settings: DiscordSettings, cooldowns: Cooldowns, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.settings = settings
        self.queue = WorkQueue(settings.max_queue)
        self.cooldowns = cooldowns
        self._clock = clock  # wall-clock seconds: every process on the store reads the same time

    def why_not(self, requester: Requester) -> str | None:
        """Why this requester may not use the bot here, or None when they may."""
        s = self.settings
        if requester.in_dm:
            return None if s.allow_dms else "I don't answer direct messages; ask me in a server channel."
        if s.allowed_guilds and requester.guild_id not in s.allowed_guilds:
            return "I'm not switched on in this server."
        if s.allowed_channels and not set(requester.channel_ids) & set(s.allowed_channels):
            return "I'm not switched on in this channel."
        if s.allowed_roles and not requester.role_ids & set(s.allowed_roles):
            return "You need one of the roles allowed to use me here."
        return None

    def check_place(self, requester: Requester) -> None:
        """A Refusal when the allowlists keep this requester out."""
        reason = self.why_not(requester)
        if reason:
            raise Refusal(reason)

    async def admit(self, requester: Requester, action: Action) -> Ticket:
        """A queue ticket for a request the allowlists let in, or a Refusal saying why not (too busy, too soon).

        The place in the queue is taken first, so a busy refusal costs the user no cooldown.
        """
        ticket = self.queue.reserve()
        cooldown = self.settings.brief_cooldown_s if action == "brief" else self.settings.ask_cooldown_s
        if cooldown <= 0:
            return ticket
        try:
            wait = await self.cooldowns.claim_cooldown(action, requester.user_id, cooldown, self._clock())
        except BaseException:
            ticket.close()
            raise
        if wait > 0:
            ticket.close()
            noun = "briefing" if action == "brief" else "question"
            raise Refusal(f"Please wait {math.ceil(wait)} s before your next {noun}.")
        return ticket
