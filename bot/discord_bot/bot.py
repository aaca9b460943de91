"""The Discord bot: built by `build_bot` around one Briefer, started by `run_bot` with a token from the caller.

It needs no privileged intent: slash commands and context menus carry their input, and a message that
mentions the bot (or replies to it with the mention on, or comes as a DM) arrives with its content. Only
auto-brief channels and un-mentioned messages in follow-up threads need `discord.message_content_intent`.
"""

from __future__ import annotations

import asyncio
import logging
import re

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.discord_bot.briefing import BriefingCog
from bot.discord_bot.followups import FollowupsCog
from bot.discord_bot.inputs import find_links
from bot.discord_bot.limits import Limits, requester_of
from bot.discord_bot.live import NO_MENTIONS, SORRY
from bot.discord_bot.memory import Memory
from bot.models import BriefbotError, Document
from bot.service import Briefer

log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@[!&]?(\d+)>")


class BriefBot(commands.Bot):
    """A commands.Bot whose features are two cogs (briefing, follow-ups) sharing one Briefer and one queue."""

    def __init__(self, settings: Settings, briefer: Briefer) -> None:
        intents = discord.Intents.default()
        intents.message_content = settings.discord.message_content_intent
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # the bot never joins voice
        # There are no prefix commands (on_message routes messages itself); commands.Bot wants a prefix anyway.
        super().__init__(
            command_prefix=commands.when_mentioned, intents=intents, allowed_mentions=NO_MENTIONS, help_command=None
        )
        self.settings = settings
        self.briefer = briefer
        self.limits = Limits(settings.discord)
        self.memory = Memory(briefer.store)
        self.briefing = BriefingCog(self)
        self.followups = FollowupsCog(self)
        self._warming: asyncio.Task | None = None

    async def add_features(self) -> None:
        """Add the cogs and their application commands (to the local tree; `setup_hook` syncs it)."""
        await self.add_cog(self.briefing)
        await self.add_cog(self.followups)
        self.tree.error(self.on_app_command_error)

    async def setup_hook(self) -> None:
        await self.add_features()
        synced = await self.tree.sync()
        log.info("registered %d application commands with Discord", len(synced))
        self._warming = asyncio.create_task(self.warm_up())
        self._warming.add_done_callback(_log_warm_up)

    async def warm_up(self) -> None:
        """Load the model and the parser now, off the event loop, so the first briefing waits for neither.

        Loading holds Python's interpreter lock for long stretches (imports, deserialising weights), which
        would stall the event loop by up to half a second at a time in the middle of someone's briefing.
        """
        await asyncio.to_thread(self.briefer.engine.load)
        await self.briefer.analyse(Document(text="The parser is loaded before anyone asks for a briefing."))

    async def on_ready(self) -> None:
        log.info("connected as %s to %d servers", self.user, len(self.guilds))

    # -- messages -----------------------------------------------------------------------------------
    async def on_message(self, message: discord.Message) -> None:
        """Route a message: a follow-up question, a request to brief, or nothing for the bot."""
        if message.author.bot or self.user is None:
            return
        requester = requester_of(message.author, message.channel)
        addressed = requester.in_dm or self.is_addressed(message)
        reason = self.limits.why_not(requester)
        if reason:
            if addressed and requester.in_dm:
                await message.reply(reason, mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        text = self.without_own_mentions(message)
        if message.reference is not None or isinstance(message.channel, discord.Thread):
            followup = await self.memory.followup_of(message)
            if followup is not None:
                await self.followups.answer_message(message, followup, text)
                return
        if addressed:
            await self.briefing.brief_message(message, text)
        elif message.channel.id in self.settings.discord.auto_brief_channels and find_links(text):
            await self.briefing.brief_message(message, text, unasked=True)

    def is_addressed(self, message: discord.Message) -> bool:
        """Mentioned by name, or through the role Discord gives the bot in a server."""
        if self.user in message.mentions:
            return True
        return any(role.tags is not None and role.tags.bot_id == self.user.id for role in message.role_mentions)

    def without_own_mentions(self, message: discord.Message) -> str:
        own = {self.user.id} | {r.id for r in message.role_mentions if r.tags and r.tags.bot_id == self.user.id}
        return _MENTION.sub(lambda m: "" if int(m.group(1)) in own else m.group(0), message.content).strip()

    # -- errors -------------------------------------------------------------------------------------
    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Last resort for a command that failed outside its own error handling: log it, tell the user briefly."""
        log.error("application command %s failed", getattr(interaction.command, "name", "?"), exc_info=error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(SORRY, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(SORRY, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("could not report a command failure: %s", exc)


def _log_warm_up(task: asyncio.Task) -> None:
    if task.cancelled():
        return
    if task.exception() is not None:
        log.error("could not load the model or the parser at startup", exc_info=task.exception())
    else:
        log.info("model and parser loaded")


def build_bot(settings: Settings, briefer: Briefer) -> BriefBot:
    """A bot ready to start; nothing connects or loads until `start`."""
    return BriefBot(settings, briefer)


async def run_bot(settings: Settings, briefer: Briefer, token: str) -> None:
    """Connect to Discord and serve until stopped; a refused token or intent is a one-line BriefbotError."""
    bot = build_bot(settings, briefer)
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        raise BriefbotError(
            "Discord refused the token in DISCORD_TOKEN: copy it again from the Developer Portal (Bot, Reset Token)"
        ) from None
    except (aiohttp.ClientError, OSError) as exc:
        raise BriefbotError(f"cannot reach Discord: {exc}") from None
    except discord.PrivilegedIntentsRequired:
        raise BriefbotError(
            "Discord refused the message-content intent: switch it on in the Developer Portal (Bot, Privileged "
            "Gateway Intents) or set discord.message_content_intent: false"
        ) from None
