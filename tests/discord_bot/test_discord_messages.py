"""Mentions, replies and auto-brief through dpytest: messages in, embeds out, follow-ups by reply."""

from __future__ import annotations

import discord
import discord.ext.test as dpytest
import pytest

from bot.discord_bot import build_bot
from bot.discord_bot.followups import CANNOT_SEE
from bot.discord_bot.inputs import HOW_TO
from tests.helpers import latest, mention, reply, start_offline

pytestmark = pytest.mark.discord

LINK = "https://news.example/harbour-bridge"


async def briefing_by_mention(bot) -> discord.Message:
    await mention(bot, LINK)
    return await latest(dpytest.get_message())


async def test_a_mention_with_a_link_gets_the_briefing_as_a_reply(dpy_bot, briefer, memory):
    posted = await briefing_by_mention(dpy_bot)
    briefer.read.assert_awaited_once_with(LINK)
    article, experts = posted.embeds
    assert article.title == "Riverton Council Approves $48 Million Harbour Bridge"
    assert article.url == LINK
    assert article.colour == discord.Colour.green()
    assert experts.title == "Who says what"
    assert not posted.content
    assert (await memory.post(posted.id)).conversation_id is None
    assert dpytest.verify().message().nothing()  # the status line became the briefing: one message


async def test_a_mention_with_nothing_to_brief_explains_how(dpy_bot):
    await mention(dpy_bot, "hello!")
    assert dpytest.verify().message().content(HOW_TO)


async def test_a_mention_with_an_attached_file_briefs_the_file(dpy_bot, briefer, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(" ".join(["The council voted to build a bridge across the harbour."] * 6))
    await mention(dpy_bot, "", attachments=[str(path)])
    briefer.read_upload.assert_awaited_once_with("story.txt", path.read_bytes())
    (doc,) = briefer.brief.await_args.args
    assert doc.input == "story.txt"
    assert (await latest(dpytest.get_message())).embeds


async def test_messages_that_do_not_mention_the_bot_are_left_alone(dpy_bot, briefer):
    await dpytest.message(f"look at {LINK}")
    assert dpytest.verify().message().nothing()
    briefer.read.assert_not_awaited()


async def test_a_reply_to_the_briefing_is_a_follow_up_and_a_reply_chain_is_one_conversation(dpy_bot, briefer, memory):
    posted = await briefing_by_mention(dpy_bot)
    question = await reply(posted.id, f"<@{dpy_bot.user.id}> What about maintenance?")
    answer = await latest(dpytest.get_message())
    source_id, asked = briefer.ask.await_args.args
    first_conversation = briefer.ask.await_args.kwargs["conversation"]
    assert (source_id, asked) == ((await memory.post(posted.id)).source_id, "What about maintenance?")
    assert first_conversation == f"discord:reply:{question.id}"
    assert answer.embeds[0].description == "Helen Okafor says the council underestimated maintenance costs."
    assert answer.embeds[1].fields[0].value.startswith("> Helen Okafor")

    await reply(answer.id, f"<@{dpy_bot.user.id}> And who pays?")
    assert briefer.ask.await_args.kwargs["conversation"] == first_conversation
    await reply(posted.id, f"<@{dpy_bot.user.id}> Who voted against?")
    assert briefer.ask.await_args.kwargs["conversation"] not in (first_conversation, None)


async def test_a_reply_whose_text_discord_withheld_gets_a_hint(dpy_bot, briefer):
    posted = await briefing_by_mention(dpy_bot)
    await reply(posted.id, "")  # a reply with the mention switched off, without the message-content intent
    assert dpytest.verify().message().content(CANNOT_SEE)
    briefer.ask.assert_not_awaited()


async def test_a_reply_to_someone_else_s_message_is_not_a_follow_up(dpy_bot, briefer):
    other = await dpytest.message("just chatting")
    await reply(other.id, "me too")
    assert dpytest.verify().message().nothing()
    briefer.ask.assert_not_awaited()


async def test_links_in_an_auto_brief_channel_are_briefed_unasked(write_config, briefer):
    bot = await start_offline(build_bot(briefer.settings, briefer))
    channel = dpytest.get_config().channels[0]  # its id is known only now
    bot.settings = write_config({"discord": {"auto_brief_channels": [channel.id]}})
    await dpytest.message("nice weather today")
    assert dpytest.verify().message().nothing()
    await dpytest.message(f"today's big story {LINK}")
    briefer.read.assert_awaited_once_with(LINK)
    assert (await latest(dpytest.get_message())).embeds
    await dpytest.empty_queue()


async def test_mentions_in_the_article_reach_discord_broken(dpy_bot, sample_result):
    sample_result.document.title = "@everyone look: <@&123456789012345678>"
    posted = await briefing_by_mention(dpy_bot)
    assert posted.embeds[0].title == "@\u200beveryone look: <\u200b@\u200b&123456789012345678\\>"


def test_the_bot_needs_no_privileged_intent_and_pings_nobody(settings, briefer):
    bot = build_bot(settings, briefer)
    assert not bot.intents.message_content and not bot.intents.members and not bot.intents.presences
    assert bot.allowed_mentions.to_dict() == {"parse": []}
