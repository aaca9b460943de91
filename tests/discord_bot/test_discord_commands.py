"""Slash commands and the context menu, called directly with spec'd doubles (dpytest cannot fire them)."""

from __future__ import annotations

import logging
import unittest.mock

import discord
import pytest

from bot.discord_bot.briefing import BriefingCog
from bot.discord_bot.escape import visible
from bot.discord_bot.followups import FollowupsCog
from bot.discord_bot.inputs import HOW_TO
from bot.discord_bot.limits import BUSY, Limits
from bot.discord_bot.live import NO_MENTIONS, SORRY
from bot.discord_bot.memory import ChatLink, Followup
from bot.jobs.answers import NOT_COVERED
from bot.models import Answer, BriefbotError
from tests.helpers import (
    MockAttachment,
    MockInteraction,
    MockMessage,
    MockTextChannel,
    MockThread,
    original_message,
)

pytestmark = pytest.mark.discord

LINK = "https://news.example/harbour-bridge"
ARTICLE = " ".join(["The council voted to build a bridge across the harbour on Tuesday."] * 6)


@pytest.fixture
def briefing(mock_bot) -> BriefingCog:
    return BriefingCog(mock_bot)


@pytest.fixture
def followups(mock_bot) -> FollowupsCog:
    return FollowupsCog(mock_bot)


def private_reply(interaction: MockInteraction) -> str:
    """The text of the ephemeral first response (a refusal)."""
    call = interaction.response.send_message.await_args
    assert call.kwargs["ephemeral"] is True
    return visible(call.args[0])  # what the user reads: the escapes that keep outside text inert are not shown


async def brief(cog: BriefingCog, interaction: MockInteraction, **options) -> None:
    await cog.brief.callback(cog, interaction, **options)


async def test_brief_defers_first_then_shows_the_finished_briefing_in_green(briefing, briefer, memory):
    interaction = MockInteraction()
    deferred_before_first_edit = []
    edit = interaction.edit_original_response.side_effect
    interaction.edit_original_response.side_effect = lambda **kw: (
        deferred_before_first_edit.append(interaction.response.defer.await_count == 1) or edit(**kw)
    )
    await brief(briefing, interaction, link=LINK)
    interaction.response.defer.assert_awaited_once_with(thinking=True)
    assert all(deferred_before_first_edit)
    briefer.read.assert_awaited_once_with(LINK)
    message = original_message(interaction)
    assert message.content is None
    article, experts = message.embeds
    assert article.colour == discord.Colour.green()
    assert article.title == "Riverton Council Approves $48 Million Harbour Bridge"
    assert [field.name for field in experts.fields] == [
        "Ana Ruiz — Mayor",
        "Helen Okafor — a transport economist at Northfield University",
    ]
    assert (await memory.post(message.id)).source_id == article.footer.text.split()[1]


async def test_brief_shows_each_stage_in_orange_while_it_works(briefing, briefer):
    interaction = MockInteraction()
    shown = []
    edit = interaction.edit_original_response.side_effect
    interaction.edit_original_response.side_effect = lambda **kw: shown.append(kw) or edit(**kw)
    original = original_message(interaction)
    original.edit.side_effect = lambda **kw: shown.append(kw) or original._edit(**kw)
    await brief(briefing, interaction, link=LINK)
    contents = [kw["content"] for kw in shown]
    assert {"⏳ Writing the briefing…", "⏳ Finding who is quoted…", "⏳ Writing positions…"} <= set(contents)
    assert contents[-1] is None
    assert all(kw["allowed_mentions"] is NO_MENTIONS for kw in shown)
    colours = [kw["embeds"][0].colour for kw in shown if kw["embeds"]]
    assert colours[-1] == discord.Colour.green()
    assert set(colours[:-1]) == {discord.Colour.orange()}
    # the verified briefing shows before the experts are found, the experts before their positions
    first_with_briefing = next(kw for kw in shown if kw["embeds"] and "council voted" in kw["embeds"][0].description)
    assert first_with_briefing["embeds"][0].colour == discord.Colour.orange()
    positions_pending = [
        kw for kw in shown if len(kw["embeds"]) == 2 and "being written" in kw["embeds"][1].fields[0].value
    ]
    assert positions_pending


async def test_length_and_tone_reach_the_service(briefing, briefer):
    tone = discord.app_commands.Choice(name="skeptical", value="skeptical")
    await brief(briefing, MockInteraction(), link=LINK, length=5, tone=tone)
    assert briefer.brief.await_args.kwargs["length"] == 5
    assert briefer.brief.await_args.kwargs["tone"] == "skeptical"


def test_brief_offers_exactly_the_named_tones_and_lengths_one_to_ten(briefing):
    parameters = {p.name: p for p in briefing.brief.parameters}
    assert [c.value for c in parameters["tone"].choices] == [
        "neutral",
        "formal",
        "casual",
        "skeptical",
        "plain-english",
    ]
    assert (parameters["length"].min_value, parameters["length"].max_value) == (1, 10)
    assert not any(p.required for p in parameters.values())


async def test_pasted_text_is_cleaned_and_remembered(briefing, briefer):
    await brief(briefing, MockInteraction(), text=ARTICLE)
    (doc,) = briefer.remember.await_args.args
    assert doc.text.startswith("The council voted")
    briefer.read.assert_not_awaited()


async def test_an_attached_file_is_read_by_the_service(briefing, briefer):
    await brief(briefing, MockInteraction(), file=MockAttachment(ARTICLE.encode(), filename="story.txt"))
    briefer.read_upload.assert_awaited_once_with("story.txt", ARTICLE.encode())
    (doc,) = briefer.brief.await_args.args
    assert doc.input == "story.txt"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "Give me one of link, text or file."),
        ({"link": LINK, "text": ARTICLE}, "Give me one of link, text or file."),
        ({"link": "news.example/x"}, "That doesn't look like a web address (it should start with https://)."),
        ({"text": "hi there"}, HOW_TO),
        ({"file": MockAttachment(b"x", filename="a.docx")}, "I can't read a.docx: attach a .txt, .html or .pdf file."),
    ],
)
async def test_unusable_options_are_refused_privately_without_deferring(briefing, briefer, options, message):
    interaction = MockInteraction()
    await brief(briefing, interaction, **options)
    assert private_reply(interaction) == message
    interaction.response.defer.assert_not_awaited()
    briefer.brief.assert_not_awaited()


async def test_when_the_queue_is_full_the_user_is_told_politely(briefing, mock_bot):
    for _ in range(mock_bot.limits.queue.max_length):
        mock_bot.limits.queue.reserve()
    interaction = MockInteraction()
    await brief(briefing, interaction, link=LINK)
    assert private_reply(interaction) == BUSY == "I'm busy with other briefings, try again in a minute."


async def test_a_second_briefing_within_the_cooldown_is_refused_with_the_wait(briefing, mock_bot, write_config):
    mock_bot.limits = Limits(write_config({"discord": {"brief_cooldown_s": 30}}).discord, mock_bot.memory)
    user_interaction = MockInteraction()
    await brief(briefing, user_interaction, link=LINK)
    again = MockInteraction(user=user_interaction.user)
    await brief(briefing, again, link=LINK)
    assert private_reply(again) == "Please wait 30 s before your next briefing."


async def test_a_slash_command_checks_the_allowlists_once(briefing, followups, mock_bot):
    channel = await briefed_channel(briefing)
    with unittest.mock.patch.object(mock_bot.limits, "why_not", wraps=mock_bot.limits.why_not) as why_not:
        await brief(briefing, MockInteraction(channel=channel), link=LINK)
        assert why_not.call_count == 1
        await followups.ask.callback(followups, MockInteraction(channel=channel), question="Who pays?")
        assert why_not.call_count == 2


async def test_outside_the_allowed_channels_the_bot_says_so_privately(briefing, mock_bot, write_config):
    mock_bot.limits = Limits(write_config({"discord": {"allowed_channels": [1]}}).discord, mock_bot.memory)
    interaction = MockInteraction()
    await brief(briefing, interaction, link=LINK)
    assert private_reply(interaction) == "I'm not switched on in this channel."


async def test_a_source_that_cannot_be_read_is_reported_privately_after_the_deferral(briefing, briefer):
    briefer.read.side_effect = BriefbotError("https://news.example/x: the server answered 404")
    interaction = MockInteraction()
    await brief(briefing, interaction, link="https://news.example/x")
    interaction.delete_original_response.assert_awaited_once()
    interaction.followup.send.assert_awaited_once_with(
        "https://news.example/x: the server answered 404", ephemeral=True, allowed_mentions=NO_MENTIONS
    )


async def test_an_unexpected_failure_is_logged_in_full_and_told_in_one_line(briefing, briefer, caplog):
    briefer.brief.side_effect = RuntimeError("tensor shapes do not match")
    interaction = MockInteraction()
    with caplog.at_level(logging.ERROR):
        await brief(briefing, interaction, link=LINK)
    assert interaction.followup.send.await_args.args == (SORRY,)
    assert "tensor shapes do not match" in caplog.text
    assert "Traceback" in caplog.text


async def test_the_context_menu_briefs_the_link_in_the_message(briefing, briefer):
    message = MockMessage(content=f"Worth a read: <{LINK}>")
    interaction = MockInteraction()
    await briefing.brief_this_message(interaction, message)
    briefer.read.assert_awaited_once_with(LINK)
    assert original_message(interaction).embeds[0].colour == discord.Colour.green()


async def test_the_context_menu_briefs_an_attached_file(briefing, briefer):
    message = MockMessage(attachments=[MockAttachment(ARTICLE.encode(), filename="story.txt")])
    await briefing.brief_this_message(MockInteraction(), message)
    briefer.read_upload.assert_awaited_once_with("story.txt", ARTICLE.encode())


async def test_the_context_menu_on_a_message_without_an_article_explains(briefing):
    interaction = MockInteraction()
    await briefing.brief_this_message(interaction, MockMessage(content="lol"))
    assert private_reply(interaction) == HOW_TO


async def test_with_threads_on_a_briefing_opens_a_thread_for_follow_ups(briefing, mock_bot, memory, write_config):
    mock_bot.settings = write_config({"discord": {"threads": True}})
    interaction = MockInteraction()
    thread = MockThread(parent_id=interaction.channel.id)
    original = original_message(interaction)
    original.create_thread.side_effect = None
    original.create_thread.return_value = thread
    await brief(briefing, interaction, link=LINK)
    original.create_thread.assert_awaited_once_with(name="Riverton Council Approves $48 Million Harbour Bridge")
    assert "mention me" in thread.send.await_args.args[0]
    source_id = (await memory.post(original.id)).source_id
    assert await memory.thread(thread.id) == ChatLink(source_id, f"discord:thread:{thread.id}")


# -- /ask, its autocomplete, /sources ------------------------------------------------------------------
async def briefed_channel(briefing: BriefingCog) -> MockTextChannel:
    interaction = MockInteraction()
    await brief(briefing, interaction, link=LINK)
    return interaction.channel


async def test_ask_answers_about_the_channel_s_latest_article_with_cited_quotes(briefing, followups, briefer, memory):
    channel = await briefed_channel(briefing)
    interaction = MockInteraction(channel=channel)
    await followups.ask.callback(followups, interaction, question="What about maintenance?")
    interaction.response.defer.assert_awaited_once_with(thinking=True)
    source_id, question = briefer.ask.await_args.args
    conversation = briefer.ask.await_args.kwargs["conversation"]
    assert question == "What about maintenance?"
    assert conversation == f"discord:ask:{channel.id}:{interaction.user.id}:{source_id}"
    answer, cited = original_message(interaction).embeds
    assert answer.title == "What about maintenance?"
    assert answer.description == "Helen Okafor says the council underestimated maintenance costs."
    assert cited.fields[0].value.startswith("> Helen Okafor, a transport economist")
    assert (await memory.post(original_message(interaction).id)).conversation_id == conversation


async def test_an_answer_the_source_does_not_cover_says_so_plainly(briefing, followups, briefer):
    channel = await briefed_channel(briefing)
    briefer.ask.side_effect = lambda source_id, question, conversation=None: Answer(
        source_id, question, NOT_COVERED, [], True
    )
    interaction = MockInteraction(channel=channel)
    await followups.ask.callback(followups, interaction, question="Who built the Eiffel tower?")
    (embed,) = original_message(interaction).embeds
    assert embed.description == "**The source does not cover that.**"  # said once, not twice in other words


async def test_ask_in_a_channel_with_no_briefing_explains_privately(followups):
    interaction = MockInteraction()
    await followups.ask.callback(followups, interaction, question="What happened?")
    assert private_reply(interaction) == "No article has been briefed in this channel yet: use /brief first."


async def test_ask_only_reaches_sources_briefed_in_this_channel(briefing, followups):
    await briefed_channel(briefing)
    interaction = MockInteraction()  # another channel
    source_id = briefing.bot.briefer.store.list_sources()[0].id
    await followups.ask.callback(followups, interaction, question="What happened?", source=source_id)
    assert "no article briefed in this channel has the id" in private_reply(interaction)


async def test_autocomplete_offers_the_channel_s_recent_sources_by_title_and_id(briefing, followups):
    channel = await briefed_channel(briefing)
    interaction = MockInteraction(channel=channel)
    (choice,) = await followups.source_choices(interaction, "")
    source_id = choice.value
    assert choice.name == f"Riverton Council Approves $48 Million Harbour Bridge · {source_id}"
    assert await followups.source_choices(interaction, "harbour") == [choice]
    assert await followups.source_choices(interaction, source_id[:4]) == [choice]
    assert await followups.source_choices(interaction, "weather") == []
    assert await followups.source_choices(MockInteraction(), "") == []  # another channel


async def test_sources_lists_the_channel_s_articles_privately(briefing, followups):
    channel = await briefed_channel(briefing)
    interaction = MockInteraction(channel=channel)
    await followups.sources.callback(followups, interaction)
    call = interaction.response.send_message.await_args
    assert call.kwargs["ephemeral"] is True
    (embed,) = call.kwargs["embeds"]
    assert embed.title == "Articles briefed in this channel"
    assert "Riverton Council Approves $48 Million Harbour Bridge" in embed.description


# -- follow-up threads ---------------------------------------------------------------------------------
async def test_a_message_in_a_follow_up_thread_continues_the_thread_s_conversation(memory, store, sample_doc):
    doc = store.save_source(sample_doc)
    thread = MockThread()
    await memory.remember_thread(thread.id, doc.id, f"discord:thread:{thread.id}")
    followup = await memory.followup_of(MockMessage(channel=thread, content="Who pays?"))
    assert (followup.source_id, followup.conversation) == (doc.id, f"discord:thread:{thread.id}")
    assert await memory.followup_of(MockMessage(channel=MockThread())) is None


async def test_chat_in_a_follow_up_thread_that_the_bot_cannot_read_gets_no_answer(followups, briefer, sample_doc):
    message = MockMessage(channel=MockThread(), content="")
    await followups.answer_message(message, Followup(sample_doc.id, "discord:thread:1"), "")
    message.reply.assert_not_awaited()
    briefer.ask.assert_not_awaited()


async def test_ask_in_a_follow_up_thread_means_the_thread_s_article(followups, briefer, store, memory, sample_doc):
    doc = store.save_source(sample_doc)
    thread = MockThread()
    await memory.remember_thread(thread.id, doc.id, f"discord:thread:{thread.id}")
    interaction = MockInteraction(channel=thread, channel_id=thread.id)
    await followups.ask.callback(followups, interaction, question="Who pays?")
    assert briefer.ask.await_args.args == (doc.id, "Who pays?")
