"""A reply that shows work as it moves: bot messages edited at most once a second and grown as results land.

Callbacks from the service are plain functions on the event loop, so `show` only notes the newest pages and
makes sure one flushing task is running; the task sleeps out the rest of the second and applies whatever is
newest by then. Where the messages go (an interaction's response or a reply to a message) is an `Outlet`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Protocol

import discord

from bot.discord_bot.render import Page, notice

log = logging.getLogger(__name__)
NO_MENTIONS = discord.AllowedMentions.none()
EDIT_INTERVAL_S = 1.0
SORRY = "Sorry, something went wrong on my side; it has been logged."


class Outlet(Protocol):
    """Where a reply's messages are posted."""

    async def post(self, page: Page, first: bool) -> discord.Message: ...

    async def fail(self, text: str, posted: list[discord.Message]) -> None:
        """Replace whatever was posted with a short error message."""

    async def interrupt(self, text: str, posted: list[discord.Message]) -> None:
        """Replace whatever was posted, in place and in public, with a short message (the bot is stopping)."""


class InteractionOutlet:
    """A slash command's or context menu's deferred response, then follow-up messages; errors are ephemeral."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction

    async def post(self, page: Page, first: bool) -> discord.Message:
        if first:
            return await self.interaction.edit_original_response(
                content=page.content, embeds=page.embeds, allowed_mentions=NO_MENTIONS
            )
        return await self.interaction.followup.send(
            content=page.content, embeds=page.embeds, allowed_mentions=NO_MENTIONS, wait=True
        )

    async def fail(self, text: str, posted: list[discord.Message]) -> None:
        # The public "thinking…" message cannot turn ephemeral: remove it and say it privately instead.
        for message in posted[1:]:
            await message.delete()
        await self.interaction.delete_original_response()
        await self.interaction.followup.send(notice(text), ephemeral=True, allowed_mentions=NO_MENTIONS)

    async def interrupt(self, text: str, posted: list[discord.Message]) -> None:
        for message in posted[1:]:
            await message.delete()
        await self.interaction.edit_original_response(content=notice(text), embeds=[], allowed_mentions=NO_MENTIONS)


class MessageOutlet:
    """A reply to a user's message (a mention, a reply to the bot, a message in a thread)."""

    def __init__(self, message: discord.Message) -> None:
        self.message = message

    async def post(self, page: Page, first: bool) -> discord.Message:
        if first:
            return await self.message.reply(
                content=page.content, embeds=page.embeds, mention_author=False, allowed_mentions=NO_MENTIONS
            )
        return await self.message.channel.send(content=page.content, embeds=page.embeds, allowed_mentions=NO_MENTIONS)

    async def fail(self, text: str, posted: list[discord.Message]) -> None:
        if not posted:
            await self.message.reply(notice(text), mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        for message in posted[1:]:
            await message.delete()
        await posted[0].edit(content=notice(text), embeds=[], allowed_mentions=NO_MENTIONS)

    async def interrupt(self, text: str, posted: list[discord.Message]) -> None:
        await self.fail(text, posted)  # a reply to a message is public either way


class LiveReply:
    """The messages of one reply, kept in step with the newest pages, at most one edit per `interval` seconds."""

    def __init__(
        self, outlet: Outlet, *, interval: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.outlet = outlet
        self.messages: list[discord.Message] = []
        self._interval = EDIT_INTERVAL_S if interval is None else interval
        self._clock = clock
        self._shown: list[tuple] = []
        self._wanted: list[Page] | None = None
        self._last_flush = -float("inf")
        self._task: asyncio.Task | None = None
        self._failure: discord.HTTPException | None = None
        self.final = False  # the final pages are asked for: the reply is no longer a job's progress

    def show(self, pages: list[Page]) -> None:
        """Show these pages soon (callable from plain callbacks on the event loop)."""
        self._wanted = pages
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush_newest())

    async def finish(self, pages: list[Page]) -> list[discord.Message]:
        """Show these final pages (still keeping to the edit interval) and return the messages posted."""
        self.final = True
        self.show(pages)
        await self._task
        if self._failure is not None:
            raise self._failure
        return self.messages

    async def fail(self, text: str) -> None:
        """Stop showing progress and replace the reply with a short error message."""
        self.final = True
        self._wanted = None
        if self._task is not None:
            await self._task
        try:
            await self.outlet.fail(text, self.messages)
        except discord.HTTPException as exc:
            log.warning("could not tell the user about a failure: %s", exc)

    async def interrupt(self, text: str) -> bool:
        """Stop showing progress and replace the reply, in place, with `text`; whether Discord took the edit."""
        self._wanted = None
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        try:
            await self.outlet.interrupt(text, self.messages)
        except discord.HTTPException as exc:
            log.warning("could not tell the user the bot is stopping: %s", exc)
            return False
        return True

    async def _flush_newest(self) -> None:
        while self._wanted is not None:
            await asyncio.sleep(max(0.0, self._last_flush + self._interval - self._clock()))
            pages, self._wanted = self._wanted, None
            if pages is None:
                return
            self._last_flush = self._clock()
            try:
                await self._apply(pages)
                self._failure = None
            except discord.HTTPException as exc:  # the next flush tries again; `finish` reports the last one
                log.warning("could not update a reply: %s", exc)
                self._failure = exc

    async def _apply(self, pages: list[Page]) -> None:
        for index, page in enumerate(pages):
            state = (page.content, [embed.to_dict() for embed in page.embeds])
            if index < len(self.messages):
                if self._shown[index] != state:
                    await self.messages[index].edit(
                        content=page.content, embeds=page.embeds, allowed_mentions=NO_MENTIONS
                    )
                    self._shown[index] = state
            else:
                self.messages.append(await self.outlet.post(page, first=index == 0))
                self._shown.append(state)
        while len(self.messages) > len(pages):
            await self.messages.pop().delete()
            self._shown.pop()
