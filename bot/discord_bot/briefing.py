"""Briefing an article from Discord: `/brief`, the "Brief this message" context menu, and mentions.

Every way in ends in `run_briefing`: read what the user gave (outside the queue: a download needs no model),
wait for the queue's turn, then brief it while a live reply shows each stage and each piece as it lands. The
bot's memory keeps its messages with the source they show, so replies to them are follow-ups, even after a
restart. The cog's message listener takes the messages that mention the bot and are not follow-ups.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.host import CogHost
from bot.discord_bot.incoming import Incoming, incoming, turned_away
from bot.discord_bot.inputs import ArticleInput, check_size, choose_input, find_links, read_input
from bot.discord_bot.limits import Refusal, Ticket, requester_of
from bot.discord_bot.live import NO_MENTIONS, SORRY, InteractionOutlet, LiveReply, MessageOutlet
from bot.discord_bot.memory import thread_conversation
from bot.discord_bot.render import Page, briefing_pages, notice, shorten, status_line, title_of, waiting_for
from bot.models import BriefbotError, Document
from bot.resources import named_tones
from bot.service import BriefResult

log = logging.getLogger(__name__)
TONE_CHOICES = [app_commands.Choice(name=tone, value=tone) for tone in named_tones()]


class BriefingCog(commands.Cog, name="Briefing"):
    """The ways to ask for a briefing, and the job that writes it."""

    def __init__(self, bot: CogHost) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Brief this message", callback=self.brief_this_message)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    # -- ways in -----------------------------------------------------------------------------------
    @commands.Cog.listener("on_message")
    async def on_message(self, message: discord.Message) -> None:
        """A message that mentions the bot (or a DM), or a link in an auto-brief channel; not a follow-up."""
        got = incoming(message, self.bot.user)
        if got is None or not (got.addressed or self._auto_brief(got)):
            return
        if got.may_continue and await self.bot.memory.followup_of(message) is not None:
            return  # the follow-ups cog answers it
        if await turned_away(got, self.bot.limits):
            return
        await self.brief_message(message, got.text, unasked=not got.addressed)

    def _auto_brief(self, got: Incoming) -> bool:
        return got.message.channel.id in self.bot.settings.discord.auto_brief_channels and bool(find_links(got.text))

    @app_commands.command(name="brief", description="Brief this channel on an article: a link, its text, or a file")
    @app_commands.describe(
        link="the article's web address",
        text="the article's text, pasted",
        file="the article as a .txt, .html or .pdf file",
        length="sentences in the briefing (1-10)",
        tone="the voice of the briefing",
    )
    @app_commands.choices(tone=TONE_CHOICES)
    async def brief(
        self,
        interaction: discord.Interaction,
        link: str | None = None,
        text: str | None = None,
        file: discord.Attachment | None = None,
        length: app_commands.Range[int, 1, 10] | None = None,
        tone: app_commands.Choice[str] | None = None,
    ) -> None:
        def article() -> ArticleInput:
            if sum(given is not None for given in (link, text, file)) != 1:
                raise Refusal("Give me one of link, text or file.")
            if link is not None:
                links = find_links(link)
                if not links:
                    raise Refusal("That doesn't look like a web address (it should start with https://).")
                return ArticleInput(link=links[0])
            return choose_input(text or "", [file] if file else [])

        await self.brief_interaction(interaction, article, length=length, tone=tone.value if tone else None)

    async def brief_this_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Context menu: brief the links, attachment or text of the message it is used on."""
        await self.brief_interaction(interaction, lambda: choose_input(message.content, message.attachments))

    async def brief_interaction(
        self,
        interaction: discord.Interaction,
        article: Callable[[], ArticleInput],
        *,
        length: int | None = None,
        tone: str | None = None,
    ) -> None:
        """Refuse at once (privately) what cannot be done; otherwise defer, then brief in public."""
        # Only quick checks come before the deferral (in memory, and one store round trip for the cooldown), so
        # a refusal can still be the private (ephemeral) first response, which it cannot be once deferred.
        requester = requester_of(interaction.user, interaction.channel)
        try:
            self.bot.limits.check_place(requester)
            chosen = article()
            check_size(chosen, self.bot.briefer.settings)
            ticket = await self.bot.limits.admit(requester, "brief")
        except Refusal as refusal:
            await interaction.response.send_message(notice(str(refusal)), ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        async with ticket:
            await interaction.response.defer(thinking=True)
            live = LiveReply(InteractionOutlet(interaction))
            await self.run_briefing(chosen, live, ticket, place=interaction.channel_id, length=length, tone=tone)

    async def brief_message(self, message: discord.Message, text: str, *, unasked: bool = False) -> None:
        """A mention, a direct message, or (`unasked`) a link posted in an auto-brief channel."""
        try:
            chosen = choose_input(text, message.attachments)
            if unasked and chosen.link is None:
                return
            check_size(chosen, self.bot.briefer.settings)
            ticket = await self.bot.limits.admit(requester_of(message.author, message.channel), "brief")
        except Refusal as refusal:
            if not unasked:  # nobody asked: stay quiet rather than explain
                await message.reply(notice(str(refusal)), mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        async with ticket:
            await self.run_briefing(chosen, LiveReply(MessageOutlet(message)), ticket, place=message.channel.id)

    # -- the job -------------------------------------------------------------------------------------
    async def run_briefing(
        self,
        article: ArticleInput,
        live: LiveReply,
        ticket: Ticket,
        *,
        place: int,
        length: int | None = None,
        tone: str | None = None,
    ) -> None:
        """Read, wait for the queue's turn, brief with live progress, then remember the messages posted."""
        started = time.perf_counter()
        briefer = self.bot.briefer
        try:
            with self.bot.pending.track(live):
                live.show([Page(status_line("reading the article"))])
                doc = await read_input(article, briefer)
                await ticket.my_turn(lambda ahead: live.show(briefing_pages(doc, stage=waiting_for(ahead))))
                progress = _Progress(doc, live)
                result = await briefer.brief(
                    doc, length=length, tone=tone, progress=progress.stage_started, on_partial=progress.landed
                )
                messages = await live.finish(briefing_pages(result.document, result.briefing, result.experts))
        except BriefbotError as exc:
            log.info("could not brief %s: %s", article.describe(), exc)
            await live.fail(str(exc))
            return
        except Exception:
            log.exception("briefing %s failed", article.describe())
            await live.fail(SORRY)
            return
        log.info("briefed %s (source %s) in %.1f s", article.describe(), doc.id, time.perf_counter() - started)
        await self.bot.memory.remember_posts([message.id for message in messages], doc.id, place)
        if self.bot.settings.discord.threads:
            await self.open_thread(messages[0], doc)

    async def open_thread(self, message: discord.Message, doc: Document) -> None:
        """A public thread on the briefing whose messages are follow-up questions (one conversation)."""
        if not isinstance(message.channel, discord.TextChannel):
            return  # already a thread, a DM, or a channel without threads
        try:
            thread = await message.create_thread(name=shorten(title_of(doc), 100))
            mention = "" if self.bot.settings.discord.message_content_intent else " (mention me in your message)"
            hint = await thread.send(
                f"Ask me about this article here{mention}; I answer from the article.", allowed_mentions=NO_MENTIONS
            )
        except discord.HTTPException as exc:
            log.warning("could not open a thread on a briefing: %s", exc)
            return
        conversation = thread_conversation(thread.id)
        await self.bot.memory.remember_thread(thread.id, doc.id, conversation)
        await self.bot.memory.remember_posts([hint.id], doc.id, thread.id, conversation)


class _Progress:
    """Turns the service's callbacks (a stage starts, a piece lands) into the live reply's pages."""

    def __init__(self, doc: Document, live: LiveReply) -> None:
        self.doc = doc
        self.live = live
        self.stage = "reading"
        self.result: BriefResult | None = None

    def stage_started(self, stage: str) -> None:
        self.stage = stage
        self._show()

    def landed(self, result: BriefResult) -> None:
        self.result = result
        self._show()

    def _show(self) -> None:
        result = self.result
        briefing, experts = (result.briefing, result.experts) if result else (None, None)
        self.live.show(briefing_pages(self.doc, briefing, experts, stage=self.stage))
