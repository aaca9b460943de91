"""What a place has read about people: `/who` (one person across its articles), `/compare` (two articles side
by side) and `/forget` (an article out of the place's memory, for members who may manage messages).

The place is the channel, or the server with `discord.memory_scope: server` (bot/discord_bot/places.py); the
Briefer does the work (`who`, `compare`, `forget`), this cog only parses, queues and renders. /who and
/compare may need the model (a position never written, an article never briefed), so they wait their turn in
the queue like a question; /forget does not.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.host import CogHost
from bot.discord_bot.limits import Refusal, requester_of
from bot.discord_bot.live import NO_MENTIONS, SORRY, InteractionOutlet, LiveReply
from bot.discord_bot.people_render import person_pages, side_by_side_pages
from bot.discord_bot.places import DiscordPlace
from bot.discord_bot.render import Page, notice, shorten, status_line, title_of, waiting_for
from bot.models import BriefbotError

log = logging.getLogger(__name__)
CHOICES = 25  # Discord shows at most 25 autocomplete choices
NEEDS_MANAGE = "You need the Manage Messages permission to make me forget an article here."


class PeopleCog(commands.Cog, name="People"):
    """/who, /compare and /forget over the place's memory."""

    def __init__(self, bot: CogHost) -> None:
        self.bot = bot

    def place(self, channel: object) -> DiscordPlace:
        return DiscordPlace(self.bot.memory, channel, self.bot.settings.discord.memory_scope)

    # -- /who ------------------------------------------------------------------------------------------
    @app_commands.command(name="who", description="What one person has said in the articles briefed here")
    @app_commands.describe(name="someone quoted in the articles briefed here")
    async def who(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        place = self.place(interaction.channel)
        await self.run_queued(interaction, "looking through the articles", functools.partial(self._who, name, place))

    async def _who(self, name: str, place: DiscordPlace) -> list[Page]:
        return person_pages(await self.bot.briefer.who(name, place))

    @who.autocomplete("name")
    async def person_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """The people quoted in the place's articles (those seen most first) that match what is typed."""
        if self.bot.limits.why_not(requester_of(interaction.user, interaction.channel)):
            return []
        typed = current.strip().casefold()
        labels = await self.bot.briefer.people(self.place(interaction.channel))
        matching = [label for label in labels if typed in label.casefold()]
        return [app_commands.Choice(name=shorten(label, 100), value=label[:100]) for label in matching[:CHOICES]]

    # -- /compare --------------------------------------------------------------------------------------
    @app_commands.command(name="compare", description="Two articles briefed here, side by side")
    @app_commands.describe(first="an article briefed here", second="another article briefed here")
    async def compare(self, interaction: discord.Interaction, first: str, second: str) -> None:
        place = self.place(interaction.channel)
        compared = functools.partial(self._compare, first, second, place)
        await self.run_queued(interaction, "putting the articles side by side", compared)

    async def _compare(self, first: str, second: str, place: DiscordPlace) -> list[Page]:
        return side_by_side_pages(await self.bot.briefer.compare(first, second, place))

    @compare.autocomplete("first")
    @compare.autocomplete("second")
    async def source_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """The place's articles (title and id), the most recently posted about first, that match what is typed."""
        if self.bot.limits.why_not(requester_of(interaction.user, interaction.channel)):
            return []
        typed = current.strip().lower()
        ids = await self.place(interaction.channel).source_ids()
        docs = await asyncio.to_thread(self.bot.briefer.sources_by_id, ids[:100])
        matching = [d for d in docs if not typed or d.id.startswith(typed) or typed in title_of(d).lower()]
        return [
            app_commands.Choice(name=f"{shorten(' '.join(title_of(d).split()), 85)} · {d.id}", value=d.id)
            for d in matching[:CHOICES]
        ]

    # -- /forget ---------------------------------------------------------------------------------------
    @app_commands.command(name="forget", description="Make me forget an article briefed here, and who it quotes")
    @app_commands.describe(source="the article to forget")
    @app_commands.default_permissions(manage_messages=True)
    async def forget(self, interaction: discord.Interaction, source: str) -> None:
        requester = requester_of(interaction.user, interaction.channel)
        try:
            self.bot.limits.check_place(requester)
            if not interaction.permissions.manage_messages:
                raise Refusal(NEEDS_MANAGE)
            doc = await self.bot.briefer.forget(source, self.place(interaction.channel))
        except BriefbotError as refusal:
            await interaction.response.send_message(notice(str(refusal)), ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        said = f"Forgotten here: {shorten(title_of(doc), 200)} (source {doc.id}), with the people it quotes."
        await interaction.response.send_message(notice(said), ephemeral=True, allowed_mentions=NO_MENTIONS)

    forget.autocomplete("source")(source_choices)

    # -- the queue -------------------------------------------------------------------------------------
    async def run_queued(
        self, interaction: discord.Interaction, stage: str, work: Callable[[], Awaitable[list[Page]]]
    ) -> None:
        """Refuse at once (privately) what may not run; otherwise defer, wait the queue's turn, and show `work`'s
        pages (a one-line private message when it fails)."""
        requester = requester_of(interaction.user, interaction.channel)
        try:
            self.bot.limits.check_place(requester)
            ticket = await self.bot.limits.admit(requester, "ask")
        except BriefbotError as refusal:
            await interaction.response.send_message(notice(str(refusal)), ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        async with ticket:
            await interaction.response.defer(thinking=True)
            live = LiveReply(InteractionOutlet(interaction))
            try:
                with self.bot.pending.track(live):
                    await ticket.my_turn(lambda ahead: live.show([Page(status_line(waiting_for(ahead)))]))
                    live.show([Page(status_line(stage))])
                    await live.finish(await work())
            except BriefbotError as exc:
                log.info("could not answer /%s: %s", interaction.command.name if interaction.command else "?", exc)
                await live.fail(str(exc))
            except Exception:
                log.exception("/%s failed", interaction.command.name if interaction.command else "?")
                await live.fail(SORRY)
