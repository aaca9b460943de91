"""How the cogs' listeners take messages: who speaks to the bot, which cog answers, one allowlist check per request."""

from __future__ import annotations

import unittest.mock

import discord
import pytest

from bot.discord_bot.briefing import BriefingCog
from bot.discord_bot.followups import FollowupsCog
from bot.discord_bot.incoming import incoming
from bot.discord_bot.limits import Limits
from bot.discord_bot.live import NO_MENTIONS
from tests.helpers import MockMember, MockMessage, MockRole, MockTextChannel

pytestmark = pytest.mark.discord

LINK = "https://news.example/harbour-bridge"
NO_DMS = "I don't answer direct messages; ask me in a server channel."


@pytest.fixture
def me() -> MockMember:
    return MockMember(name="briefbot", bot=True)


@pytest.fixture
def cogs(mock_bot, me) -> tuple[BriefingCog, FollowupsCog]:
    mock_bot.user = me
    return BriefingCog(mock_bot), FollowupsCog(mock_bot)


async def both_listen(cogs, message: MockMessage) -> None:
    for cog in cogs:
        await cog.on_message(message)


def reply_to(message_id: int, **kwargs) -> MockMessage:
    return MockMessage(reference=discord.MessageReference(message_id=message_id, channel_id=1), **kwargs)


def in_dm(**kwargs) -> MockMessage:
    return MockMessage(channel=MockTextChannel(guild=None), **kwargs)


def test_the_bot_s_own_mentions_leave_the_text_and_others_stay(me):
    own_role = MockRole(tags=unittest.mock.Mock(bot_id=me.id))
    message = MockMessage(
        content=f"<@{me.id}> <@&{own_role.id}> ask <@123> about {LINK}", mentions=[me], role_mentions=[own_role]
    )
    got = incoming(message, me)
    assert (got.addressed, got.text) == (True, f"ask <@123> about {LINK}")
    by_role = incoming(MockMessage(content=f"<@&{own_role.id}> hi", role_mentions=[own_role]), me)
    assert (by_role.addressed, by_role.text) == (True, "hi")
    assert not incoming(MockMessage(content="hello <@123>"), me).addressed
    assert incoming(in_dm(content="hello"), me).addressed


def test_bots_and_a_bot_not_logged_in_are_never_answered(me):
    assert incoming(MockMessage(author=MockMember(bot=True), mentions=[me]), me) is None
    assert incoming(MockMessage(content="hi"), None) is None


async def test_a_direct_message_while_dms_are_off_gets_the_reason_once(cogs, mock_bot, briefer):
    message = in_dm(content=LINK)
    await both_listen(cogs, message)
    message.reply.assert_awaited_once_with(NO_DMS, mention_author=False, allowed_mentions=NO_MENTIONS)
    briefer.read.assert_not_awaited()


async def test_a_direct_reply_to_a_briefing_while_dms_are_off_gets_the_reason_once(cogs, memory, store, sample_doc):
    doc = store.save_source(sample_doc)
    await memory.remember_posts([42], doc.id, 7)
    message = reply_to(42, channel=MockTextChannel(guild=None), content="Who pays?")
    await both_listen(cogs, message)
    message.reply.assert_awaited_once_with(NO_DMS, mention_author=False, allowed_mentions=NO_MENTIONS)


async def test_outside_the_allowed_channels_a_mention_and_a_reply_get_no_answer(
    cogs, mock_bot, me, memory, store, sample_doc, briefer, write_config
):
    mock_bot.limits = Limits(write_config({"discord": {"allowed_channels": [1]}}).discord, mock_bot.memory)
    doc = store.save_source(sample_doc)
    await memory.remember_posts([42], doc.id, 7)
    mention, followup = MockMessage(content=f"<@{me.id}> {LINK}", mentions=[me]), reply_to(42, content="Who pays?")
    await both_listen(cogs, mention)
    await both_listen(cogs, followup)
    mention.reply.assert_not_awaited()
    followup.reply.assert_not_awaited()
    briefer.read.assert_not_awaited()
    briefer.ask.assert_not_awaited()


async def test_a_mention_is_briefed_and_a_reply_to_the_bot_is_answered_each_by_one_cog(
    cogs, me, memory, store, sample_doc, briefer
):
    doc = store.save_source(sample_doc)
    await memory.remember_posts([42], doc.id, 7)
    await both_listen(cogs, MockMessage(content=f"<@{me.id}> {LINK}", mentions=[me]))
    briefer.read.assert_awaited_once_with(LINK)
    await both_listen(cogs, reply_to(42, content=f"<@{me.id}> Who pays?", mentions=[me]))
    assert briefer.ask.await_args.args == (doc.id, "Who pays?")
    briefer.read.assert_awaited_once()  # the reply was not briefed as well


@pytest.mark.parametrize("kind", ["mention", "reply"])
async def test_the_allowlists_are_checked_once_per_request(cogs, mock_bot, me, memory, store, sample_doc, kind):
    doc = store.save_source(sample_doc)
    await memory.remember_posts([42], doc.id, 7)
    message = (
        MockMessage(content=f"<@{me.id}> {LINK}", mentions=[me])
        if kind == "mention"
        else reply_to(42, content=f"<@{me.id}> Who pays?", mentions=[me])
    )
    with unittest.mock.patch.object(mock_bot.limits, "why_not", wraps=mock_bot.limits.why_not) as why_not:
        await both_listen(cogs, message)
    assert why_not.call_count == 1
