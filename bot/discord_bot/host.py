"""What a cog needs from the bot that carries it, as a small Protocol, so no cog imports the bot's module.

`BriefBot` (bot.py) is one; the tests' spec'd MockBot is another.
"""

from __future__ import annotations

from typing import Protocol

import discord
from discord import app_commands

from bot.config import Settings
from bot.discord_bot.limits import Limits
from bot.discord_bot.memory import Memory
from bot.discord_bot.stopping import Pending
from bot.service import Briefer


class CogHost(Protocol):
    """The settings, the one Briefer, the door (allowlists, cooldowns, queue), the memory of posts and threads and
    the jobs running (to stop them cleanly), plus the two things every Discord bot has: its user (None before
    login) and its command tree."""

    settings: Settings
    briefer: Briefer
    limits: Limits
    memory: Memory
    pending: Pending
    tree: app_commands.CommandTree

    @property
    def user(self) -> discord.ClientUser | None: ...
