"""A message as the cogs' listeners first see it: from whom and where, whether it speaks to the bot, its text.

Both cogs listen to every message and each acts on its own kind: the follow-ups cog on replies to the bot's
posts and messages in its threads, the briefing cog on the other messages that mention the bot (or links in
an auto-brief channel). Each checks the allowlists only once it knows the message is its own, so a request is
checked once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord

from bot.discord_bot.limits import Limits, Requester, requester_of
from bot.discord_bot.live import NO_MENTIONS

_MENTION = re.compile(r"<@[!&]?(\d+)>")


@dataclass(frozen=True)
class Incoming:
    message: discord.Message
    requester: Requester
    addressed: bool  # it mentions the bot (or the role Discord gives the bot in a server), or it is a DM
    text: str  # its content without the bot's own mentions

    @property
    def may_continue(self) -> bool:
        """A reply, or a message in a thread: it may continue a conversation about an article."""
        return self.message.reference is not None or isinstance(self.message.channel, discord.Thread)


def incoming(message: discord.Message, me: discord.ClientUser | None) -> Incoming | None:
    """The message as the listeners see it; None for what the bot never answers (bots, itself, before login)."""
    if message.author.bot or me is None:
        return None
    requester = requester_of(message.author, message.channel)
    own_roles = {role.id for role in message.role_mentions if role.tags is not None and role.tags.bot_id == me.id}
    addressed = requester.in_dm or me in message.mentions or bool(own_roles)
    own = {me.id} | own_roles
    text = _MENTION.sub(lambda m: "" if int(m.group(1)) in own else m.group(0), message.content).strip()
    return Incoming(message, requester, addressed, text)


async def turned_away(got: Incoming, limits: Limits) -> bool:
    """Whether the allowlists keep this requester out; in a direct message the bot says why, elsewhere nothing."""
    reason = limits.why_not(got.requester)
    if reason and got.requester.in_dm:
        await got.message.reply(reason, mention_author=False, allowed_mentions=NO_MENTIONS)
    return reason is not None
