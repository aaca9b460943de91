"""The Discord adapter: slash commands, a context menu, mentions and replies on top of the Briefer."""

from bot.discord_bot.bot import BriefBot, build_bot, run_bot

__all__ = ["BriefBot", "build_bot", "run_bot"]
