"""Follow-up questions about a briefed article: replies to the bot, follow-up threads, `/ask` and `/sources`.

Which article a reply is about comes from the bot's memory (bot message id -> source and conversation), not from
the message cache, so replies keep working after a restart. A reply chain is one conversation: replying to a
briefing starts one, keyed by the question's message id; replying to an answer continues the answer's. The
cog's message listener takes the replies to the bot's posts and the messages in its follow-up threads.
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.host import CogHost
from bot.discord_bot.incoming import incoming, turned_away
from bot.discord_bot.limits import Refusal, Ticket, channel_ids_of, requester_of
from bot.discord_bot.live import NO_MENTIONS, SORRY, InteractionOutlet, LiveReply, MessageOutlet
from bot.discord_bot.memory import Followup, ask_conversation
from bot.discord_bot.render import (
    Page,
    answer_pages,
    notice,
    shorten,
    sources_pages,
    status_line,
    title_of,
    waiting_for,
)
from bot.models import BriefbotError, Document
from bot.service import MAX_QUESTION_CHARS

log = logging.getLogger(__name__)
RECENT_SOURCES = 100  # how far back /ask looks for an id typed in a channel
CANNOT_SEE = "I can't see the text of your reply: keep the @mention switched on when you reply to me, or use /ask."


class FollowupsCog(commands.Cog, name="Follow-ups"):
    """Questions answered from an article the channel has been briefed on."""

    def __init__(self, bot: CogHost) -> None:
        self.bot = bot

    # -- ways in -----------------------------------------------------------------------------------
    @commands.Cog.listener("on_message")
    async def on_message(self, message: discord.Message) -> None:
        """A reply to one of the bot's posts, or a message in one of its follow-up threads."""
        got = incoming(message, self.bot.user)
        if got is None or not got.may_continue:
            return
        followup = await self.bot.memory.followup_of(message)
        if followup is None or await turned_away(got, self.bot.limits):
            return
        await self.answer_message(message, followup, got.text)

    async def answer_message(self, message: discord.Message, followup: Followup, question: str) -> None:
        """A reply to the bot, or a message in a follow-up thread."""
        if not question:
            if message.reference is not None:  # in a thread, other chat is not ours to answer
                await message.reply(CANNOT_SEE, mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        try:
            ticket = await self.bot.limits.admit(requester_of(message.author, message.channel), "ask")
        except Refusal as refusal:
            await message.reply(notice(str(refusal)), mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        async with ticket:
            live = LiveReply(MessageOutlet(message))
            await self.run_answer(question, followup, live, ticket, place=message.channel.id)

    @app_commands.command(name="ask", description="Ask about an article briefed in this channel")
    @app_commands.describe(question="your question", source="which article (default: the latest one here)")
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        source: str | None = None,
    ) -> None:
        requester = requester_of(interaction.user, interaction.channel)
        try:
            self.bot.limits.check_place(requester)
            doc = await self.resolve_source(interaction.channel, source)
            ticket = await self.bot.limits.admit(requester, "ask")
        except BriefbotError as refusal:
            await interaction.response.send_message(notice(str(refusal)), ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        conversation = ask_conversation(interaction.channel_id, interaction.user.id, doc.id)
        async with ticket:
            await interaction.response.defer(thinking=True)
            live = LiveReply(InteractionOutlet(interaction))
            await self.run_answer(question, Followup(doc.id, conversation), live, ticket, place=interaction.channel_id)

    @ask.autocomplete("source")
    async def source_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """The channel's recent articles (title and id) that match what has been typed so far."""
        if self.bot.limits.why_not(requester_of(interaction.user, interaction.channel)):
            return []
        typed = current.strip().lower()
        docs = await self.channel_sources(interaction.channel, 25 if not typed else RECENT_SOURCES)
        matching = [d for d in docs if not typed or d.id.startswith(typed) or typed in title_of(d).lower()]
        return [
            app_commands.Choice(name=f"{shorten(' '.join(title_of(d).split()), 85)} · {d.id}", value=d.id)
            for d in matching[:25]
        ]

    @app_commands.command(name="sources", description="List the articles briefed in this channel")
    async def sources(self, interaction: discord.Interaction) -> None:
        reason = self.bot.limits.why_not(requester_of(interaction.user, interaction.channel))
        if reason:
            await interaction.response.send_message(reason, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        pages = sources_pages(await self.channel_sources(interaction.channel, 10))
        first, *more = pages
        await interaction.response.send_message(
            content=first.content, embeds=first.embeds, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        for page in more:
            await interaction.followup.send(
                content=page.content, embeds=page.embeds, ephemeral=True, allowed_mentions=NO_MENTIONS
            )

    # -- sources of a channel ------------------------------------------------------------------------
    async def channel_sources(self, channel: object, limit: int) -> list[Document]:
        """Sources briefed or discussed in this channel (and its parent, for a thread), most recent first."""
        source_ids: dict[str, None] = {}
        for place in channel_ids_of(channel):  # a thread's sources include its channel's
            source_ids.update(dict.fromkeys(await self.bot.memory.recent_sources(place, limit)))
        return await asyncio.to_thread(self.bot.briefer.sources_by_id, list(source_ids)[:limit])

    async def resolve_source(self, channel: object, typed: str | None) -> Document:
        """The source /ask means: a typed id (or its start) among this channel's, else the thread's or latest."""
        if not typed and isinstance(channel, discord.Thread):
            thread = await self.bot.memory.thread(channel.id)
            if thread is not None:
                return await asyncio.to_thread(self.bot.briefer.get_source, thread.source_id)
        docs = await self.channel_sources(channel, RECENT_SOURCES)
        if not typed:
            if not docs:
                raise Refusal("No article has been briefed in this channel yet: use /brief first.")
            return docs[0]
        typed = typed.strip().lower()
        matches = [d for d in docs if d.id.startswith(typed)]
        if len(matches) != 1:
            many = "several articles here match" if matches else "no article briefed in this channel has"
            raise Refusal(f"{many} the id '{typed}': pick one from the list, or see /sources.")
        return matches[0]

    # -- the job -------------------------------------------------------------------------------------
    async def run_answer(
        self, question: str, followup: Followup, live: LiveReply, ticket: Ticket, *, place: int
    ) -> None:
        """Wait for the queue's turn, answer from the source, then remember the answer's messages."""
        briefer = self.bot.briefer
        try:
            with self.bot.pending.track(live):
                await ticket.my_turn(lambda ahead: live.show([Page(status_line(waiting_for(ahead)))]))
                live.show([Page(status_line("looking for the answer in the article"))])
                answer = await briefer.ask(followup.source_id, question, conversation=followup.conversation)
                doc = await asyncio.to_thread(briefer.get_source, followup.source_id)
                messages = await live.finish(answer_pages(doc, answer))
        except BriefbotError as exc:
            log.info("could not answer about %s: %s", followup.source_id, exc)
            await live.fail(str(exc))
            return
        except Exception:
            log.exception("answering about %s failed", followup.source_id)
            await live.fail(SORRY)
            return
        await self.bot.memory.remember_posts([m.id for m in messages], doc.id, place, followup.conversation)
