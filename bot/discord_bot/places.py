"""A Discord place, as the Briefer's `who`, `compare` and `forget` see it (bot.people.Place): the sources whose
briefings or answers the bot posted there, and letting one go.

With `discord.memory_scope: channel` (the default) a place is one channel (a thread with the channel it
belongs to, as for /ask); with `server`, every channel and active thread of the server the bot can see. A
place is never more than one server, so one server never sees what another read. Forgetting a source in a
place removes the bot's posts about it there (replies to them no longer continue a conversation) and the
follow-up threads among those channels; whether the source itself goes is the Briefer's to decide, from
whether another channel still has a post about it.
"""

from __future__ import annotations

from bot.discord_bot.limits import channel_ids_of
from bot.discord_bot.memory import Memory


class DiscordPlace:
    """The channel (or server) an interaction comes from, over the bot's memory of its posts."""

    def __init__(self, memory: Memory, channel: object, scope: str) -> None:
        self.memory = memory
        guild = getattr(channel, "guild", None)
        own = channel_ids_of(channel)
        if scope == "server" and guild is not None:
            everywhere = [c.id for c in guild.channels] + [t.id for t in guild.threads]
            self.places = tuple(dict.fromkeys([*own, *everywhere]))
            self.label = "this server"
        else:
            self.places = own
            self.label = "this channel"

    async def source_ids(self) -> list[str]:
        return await self.memory.sources_in(self.places)

    async def release(self, source_id: str) -> bool:
        return await self.memory.forget_posts(source_id, self.places)
