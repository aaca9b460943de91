"""The Discord bot: built by `build_bot` around one Briefer, started by `run_bot` with a token from the caller.

The bot holds what the cogs share (settings, the Briefer, the limits, the memory of its posts and threads) and
adds the cogs, which own their commands and their message listeners. Without shards it is one gateway
connection (`BriefBot`); given shards (bot/discord_bot/shards.py) it is an `AutoShardedBot` over the shards
this process serves (`ShardedBriefBot`), beside other processes serving the others on the same store. Either
logs a health line per shard (bot/discord_bot/health.py). It needs no privileged intent: slash
commands and context menus carry their input, and a message that mentions the bot (or replies to it with the
mention on, or comes as a DM) arrives with its content. Only auto-brief channels and un-mentioned messages in
follow-up threads need `discord.message_content_intent`.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.discord_bot.briefing import BriefingCog
from bot.discord_bot.followups import FollowupsCog
from bot.discord_bot.health import INTERVAL_S, ShardHealth
from bot.discord_bot.limits import Limits
from bot.discord_bot.live import NO_MENTIONS, SORRY
from bot.discord_bot.memory import Memory
from bot.discord_bot.people import PeopleCog
from bot.discord_bot.shards import Shards
from bot.discord_bot.stopping import Pending
from bot.models import BriefbotError, Document
from bot.service import Briefer

log = logging.getLogger(__name__)


class BriefBot(commands.Bot):
    """A commands.Bot whose features are three cogs (briefing, follow-ups, people) sharing one Briefer, one queue
    and one memory; it is the cogs' `CogHost`."""

    def __init__(
        self,
        settings: Settings,
        briefer: Briefer,
        memory: Memory,
        *,
        health_interval_s: float = INTERVAL_S,
        **gateway: object,
    ) -> None:
        intents = discord.Intents.default()
        intents.message_content = settings.discord.message_content_intent
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # the bot never joins voice
        # There are no prefix commands (the cogs listen to messages themselves); commands.Bot wants a prefix anyway.
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            help_command=None,
            **gateway,
        )
        self.settings = settings
        self.briefer = briefer
        self.memory = memory
        self.limits = Limits(settings.discord, memory)
        self.pending = Pending()
        self.health = ShardHealth(self, health_interval_s)
        self.health.listen_to(self)
        self._background: list[asyncio.Task] = []

    async def add_features(self) -> None:
        """Add the cogs and their application commands (to the local tree; `setup_hook` syncs it)."""
        await self.add_cog(BriefingCog(self))
        await self.add_cog(FollowupsCog(self))
        await self.add_cog(PeopleCog(self))
        self.tree.error(self.on_app_command_error)

    async def setup_hook(self) -> None:
        await self.add_features()
        synced = await self.tree.sync()
        log.info("registered %d application commands with Discord", len(synced))
        warming = asyncio.create_task(self.warm_up())
        warming.add_done_callback(_log_warm_up)
        self._background = [warming, asyncio.create_task(self.health.run())]

    async def shut_down(self) -> None:
        """Stop serving cleanly: end every job (the finished ones finish, the others are cancelled and their
        replies say the bot is restarting), stop the model, then close the gateway and the HTTP session."""
        jobs = self.pending.cancel_unfinished()
        self.briefer.stop()
        stopped = await self.pending.stop_jobs(jobs)
        log.info(
            "stopping: %d job(s) let finish, %d cancelled, %d reply(ies) told the bot is restarting",
            stopped.finished,
            stopped.cancelled,
            stopped.told,
        )
        await self.close()

    async def close(self) -> None:
        for task in self._background:
            task.cancel()
        await super().close()

    async def warm_up(self) -> None:
        """Load the model and the parser now, off the event loop, so the first briefing waits for neither.

        Loading holds Python's interpreter lock for long stretches (imports, deserialising weights), which
        would stall the event loop by up to half a second at a time in the middle of someone's briefing.
        """
        await asyncio.to_thread(self.briefer.engine.load)
        await self.briefer.analyse(Document(text="The parser is loaded before anyone asks for a briefing."))

    async def on_ready(self) -> None:
        log.info("connected as %s to %d servers", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        """Nothing here: the cogs' listeners take the messages (commands.Bot's own would look for prefix commands)."""

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
    if isinstance(task.exception(), BriefbotError):  # a model server that is down or misconfigured: one line
        log.error("could not get the model ready at startup: %s", task.exception())
    elif task.exception() is not None:
        log.error("could not load the model or the parser at startup", exc_info=task.exception())
    else:
        log.info("model and parser loaded")


class ShardedBriefBot(BriefBot, commands.AutoShardedBot):
    """The same bot over one gateway connection per shard that this process serves."""


def build_bot(
    settings: Settings,
    briefer: Briefer,
    *,
    memory: Memory | None = None,
    shards: Shards | None = None,
    health_interval_s: float = INTERVAL_S,
) -> BriefBot:
    """A bot ready to start (its memory opened on the Briefer's store unless given); nothing connects or loads
    until `start`."""
    memory = memory if memory is not None else Memory(briefer.store)
    if shards is None:
        return BriefBot(settings, briefer, memory, health_interval_s=health_interval_s)
    return ShardedBriefBot(
        settings,
        briefer,
        memory,
        health_interval_s=health_interval_s,
        shard_count=shards.count,
        shard_ids=list(shards.ids),
    )


async def run_bot(
    settings: Settings,
    briefer: Briefer,
    token: str,
    *,
    shards: Shards | None = None,
    health_interval_s: float = INTERVAL_S,
) -> None:
    """Connect to Discord and serve until stopped; a refused token or intent is a one-line BriefbotError.

    The store (and the bot's tables in it) is opened first, in a worker thread: on PostgreSQL several shard
    processes may be migrating it at once, and the event loop waits on no database.
    """
    memory = await asyncio.to_thread(lambda: Memory(briefer.store))
    if shards is not None:
        log.info("serving %s", shards.describe())
    bot = build_bot(settings, briefer, memory=memory, shards=shards, health_interval_s=health_interval_s)
    try:
        async with bot:
            await serve_until_stopped(bot, token)
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


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # Ctrl-C, and what `docker stop` and systemd send


async def serve_until_stopped(bot: BriefBot, token: str) -> None:
    """Serve until Discord refuses the bot (raised) or SIGINT or SIGTERM arrives (a clean `shut_down`)."""
    loop = asyncio.get_running_loop()
    asked = asyncio.Event()

    def on_signal(number: int) -> None:
        if asked.is_set():
            log.info("still stopping (%s again): waiting for the jobs to end", signal.Signals(number).name)
            return
        log.info("%s received: stopping", signal.Signals(number).name)
        asked.set()

    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, on_signal, number)
    serving = asyncio.create_task(bot.start(token), name="briefbot-gateway")
    stop_asked = asyncio.create_task(asked.wait(), name="briefbot-stop-signal")
    try:
        await asyncio.wait({serving, stop_asked}, return_when=asyncio.FIRST_COMPLETED)
        if stop_asked.done():
            await bot.shut_down()
        await serving
        if stop_asked.done():
            log.info("stopped cleanly")
    finally:
        stop_asked.cancel()
        for number in STOP_SIGNALS:
            loop.remove_signal_handler(number)
