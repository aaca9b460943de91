"""Spec'd test doubles for discord.py objects, in the manner of python-discord/bot's tests/helpers.py.

Each double is a MagicMock whose `spec_set` is the real discord.py class (or, for the bot, a real BriefBot
instance), so an attribute Discord does not have fails the test instead of quietly returning a mock, and the
class's coroutine methods are AsyncMocks. Ids are unique snowflake-sized numbers; any attribute can be given
by keyword. `transcript` renders what the bot posted as plain text (for assertions and the docs); the
dpytest helpers fill what dpytest 0.7 lacks: a bot readied without logging in, and replies with a reference.
"""

from __future__ import annotations

import itertools
import unittest.mock
from typing import Any

import discord
import discord.ext.test as dpytest
from discord.ext.test import backend, factories

from bot.discord_bot.bot import BriefBot
from bot.discord_bot.render import Page

_snowflakes = itertools.count(1_100_000_000_000_000_000)


def snowflake() -> int:
    return next(_snowflakes)


class CustomMockMixin:
    """A MagicMock spec'd on a discord.py class; `name` sets the attribute, not the mock's own name."""

    spec_set: Any = None

    def __init__(self, **kwargs: Any) -> None:
        name = kwargs.pop("name", None)
        spec_set = kwargs.pop("spec_set", self.spec_set)
        super().__init__(spec_set=spec_set, **kwargs)
        if name is not None:
            self.name = name

    def _get_child_mock(self, **kw: Any) -> unittest.mock.MagicMock:
        """Attributes not given are plain mocks (AsyncMocks for coroutine methods), not more of these doubles."""
        if kw.get("_new_name") in self.__dict__["_spec_asyncs"]:
            return unittest.mock.AsyncMock(**kw)
        return unittest.mock.MagicMock(**kw)


class MockRole(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Role

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"id": snowflake(), "name": "role", "tags": None, **kwargs})


class MockGuild(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Guild

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"id": snowflake(), "name": "Test Server", **kwargs})


class MockMember(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Member

    def __init__(self, **kwargs: Any) -> None:
        defaults = {"id": snowflake(), "name": "reader", "display_name": "reader", "bot": False, "roles": []}
        super().__init__(**{**defaults, **kwargs})


class MockMessage(CustomMockMixin, unittest.mock.MagicMock):
    """A message; `reply`, `edit` and `create_thread` answer with new doubles, as Discord would."""

    spec_set = discord.Message

    def __init__(self, **kwargs: Any) -> None:
        defaults = {
            "id": snowflake(),
            "content": "",
            "attachments": [],
            "embeds": [],
            "mentions": [],
            "role_mentions": [],
            "reference": None,
            "author": MockMember(),
        }
        if "channel" not in kwargs:
            defaults["channel"] = MockTextChannel()
        super().__init__(**{**defaults, **kwargs})
        self.reply.side_effect = lambda *args, **kw: MockMessage(channel=self.channel, **_posted(args, kw))
        self.edit.side_effect = self._edit
        self.create_thread.side_effect = lambda **kw: MockThread(parent_id=self.channel.id, name=kw.get("name"))

    def _edit(self, **changes: Any) -> MockMessage:
        if "content" in changes:
            self.content = changes["content"]
        if "embeds" in changes:
            self.embeds = list(changes["embeds"])
        return self


class MockTextChannel(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.TextChannel

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"id": snowflake(), "name": "news", "guild": MockGuild(), **kwargs})
        self.send.side_effect = lambda *args, **kw: MockMessage(channel=self, **_posted(args, kw))


class MockThread(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Thread

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            **{"id": snowflake(), "name": "thread", "parent_id": snowflake(), "guild": MockGuild(), **kwargs}
        )
        self.send.side_effect = lambda *args, **kw: MockMessage(channel=self, **_posted(args, kw))


class MockAttachment(CustomMockMixin, unittest.mock.MagicMock):
    """An attachment whose `read` returns `data`."""

    spec_set = discord.Attachment

    def __init__(self, data: bytes = b"", **kwargs: Any) -> None:
        super().__init__(**{"id": snowflake(), "filename": "article.txt", "size": len(data), **kwargs})
        self.read.return_value = data


class MockInteractionResponse(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.InteractionResponse

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.is_done.return_value = False


class MockWebhook(CustomMockMixin, unittest.mock.MagicMock):
    """An interaction's `followup`: `send` posts a new message."""

    spec_set = discord.Webhook

    def __init__(self, channel: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.send.side_effect = lambda *args, **kw: MockMessage(channel=channel, **_posted(args, kw))


class MockInteraction(CustomMockMixin, unittest.mock.MagicMock):
    """A slash command or context menu use in a text channel, with its response and follow-up webhook.

    The deferred "thinking…" response is a MockMessage that `edit_original_response` edits and returns.
    """

    spec_set = discord.Interaction

    def __init__(self, **kwargs: Any) -> None:
        channel = kwargs.pop("channel", None) or MockTextChannel()
        defaults = {
            "id": snowflake(),
            "user": MockMember(),
            "channel": channel,
            "channel_id": channel.id,
            "guild_id": channel.guild.id if getattr(channel, "guild", None) else None,
            "response": MockInteractionResponse(),
            "followup": MockWebhook(channel=channel),
            "command": None,
        }
        super().__init__(**{**defaults, **kwargs})
        original = MockMessage(channel=channel)
        self.edit_original_response.return_value = original
        self.edit_original_response.side_effect = lambda **kw: original._edit(**kw)


def original_message(interaction: MockInteraction) -> MockMessage:
    """The message behind an interaction's deferred response, as last edited."""
    return interaction.edit_original_response.return_value


def _posted(args: tuple, kw: dict) -> dict:
    """A posted message's content and embeds, from the arguments of send/reply."""
    content = args[0] if args else kw.get("content")
    embeds = kw.get("embeds") or ([kw["embed"]] if kw.get("embed") else [])
    return {"content": content, "embeds": list(embeds)}


class MockBot(CustomMockMixin, unittest.mock.MagicMock):
    """A bot double spec'd on a real BriefBot instance (so its settings, briefer, limits and tree exist)."""

    def __init__(self, spec_bot: discord.Client, **kwargs: Any) -> None:
        super().__init__(spec_set=spec_bot, **kwargs)


def transcript(pages: list[Page]) -> str:
    """What the messages show, as plain text: each message's content, then each embed's parts."""
    out = []
    for number, page in enumerate(pages, start=1):
        out.append(f"--- message {number} ---")
        if page.content:
            out.append(page.content)
        for embed in page.embeds:
            out.extend(_embed_lines(embed))
    return "\n".join(out)


def _embed_lines(embed: discord.Embed) -> list[str]:
    lines = ["┃"]
    if embed.author.name:
        lines.append(f"┃ {embed.author.name}")
    if embed.title:
        lines.append(f"┃ **{embed.title}**" + (f"  <{embed.url}>" if embed.url else ""))
    if embed.description:
        lines += [f"┃ {line}" for line in embed.description.splitlines()]
    for field in embed.fields:
        lines.append(f"┃ **{field.name}**")
        lines += [f"┃ {line}" for line in field.value.splitlines()]
    if embed.footer.text:
        lines.append(f"┃ {embed.footer.text}")
    return lines


# -- dpytest ---------------------------------------------------------------------------------------------
async def start_offline(bot: BriefBot) -> BriefBot:
    """Ready a bot for dpytest: its loop-bound parts and its cogs, without logging in or syncing commands."""
    await bot._async_setup_hook()
    await bot.add_features()
    # dpytest finds mentioned members in the member cache, which needs the members intent; the real bot does not.
    bot._connection._intents.members = True
    bot._connection.member_cache_flags = discord.MemberCacheFlags.from_intents(bot._connection._intents)
    dpytest.configure(bot)
    return bot


async def mention(bot: BriefBot, text: str, **kwargs) -> discord.Message:
    """A member's message that mentions the bot."""
    return await dpytest.message(f"<@{bot.user.id}> {text}", **kwargs)


async def reply(to_message_id: int, content: str, *, channel=None, member=None) -> discord.Message:
    """A member's reply to a message, by id (dpytest's own messages cannot carry a reference)."""
    config = dpytest.get_config()
    channel = channel or config.channels[0]
    member = member or config.members[0]
    mentions = backend.find_user_mentions(content, channel.guild)
    data = factories.make_message_dict(channel, member, content=content, mentions=mentions)
    data["message_reference"] = {"message_id": to_message_id, "channel_id": channel.id, "guild_id": channel.guild.id}
    backend.get_state().parse_message_create(data)
    await dpytest.run_all_events()
    return backend.get_state()._get_message(data["id"])


async def latest(message: discord.Message) -> discord.Message:
    """A message the bot posted, as last edited (dpytest keeps edits in its store, not in the object)."""
    return await message.channel.fetch_message(message.id)
