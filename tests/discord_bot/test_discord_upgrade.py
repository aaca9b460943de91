"""A bot upgraded in place: replies to what the numbering briefbot (schema 4) posted are still follow-ups."""

from __future__ import annotations

import discord.ext.test as dpytest
import pytest

from tests.helpers import latest, reply
from tests.store.direct_sql import run_sql
from tests.store.numbered_files import add_source, numbered_store

pytestmark = pytest.mark.discord

SOURCE = "abc1234567"
BRIEFING_POST, ANSWER_POST = 1100000000000000001, 1100000000000000002
POSTED = "2026-01-01T00:00:00+00:00"


@pytest.fixture
def settings(write_config, tmp_path):
    """Settings on a store file that briefbot wrote before named migrations: a briefing and an answer posted."""
    path = numbered_store(tmp_path / "old.sqlite3", 4)
    add_source(path, SOURCE, "The council voted to build a bridge across the harbour.", title="Bridge")
    for post, conversation in [(BRIEFING_POST, None), (ANSWER_POST, "discord:reply:77")]:
        run_sql(path, "INSERT INTO chat_posts VALUES (?, ?, ?, '900', ?)", (str(post), SOURCE, conversation, POSTED))
    return write_config({"storage": {"path": str(path)}, "discord": {"brief_cooldown_s": 0, "ask_cooldown_s": 0}})


async def test_a_reply_to_a_briefing_posted_before_the_upgrade_is_answered_about_its_source(dpy_bot, briefer):
    question = await reply(BRIEFING_POST, f"<@{dpy_bot.user.id}> Who pays?")
    answer = await latest(dpytest.get_message())
    assert briefer.ask.await_args.args == (SOURCE, "Who pays?")
    assert briefer.ask.await_args.kwargs["conversation"] == f"discord:reply:{question.id}"
    assert answer.embeds[0].footer.text.startswith(f"source {SOURCE}")


async def test_a_reply_to_an_answer_posted_before_the_upgrade_continues_its_conversation(dpy_bot, briefer, memory):
    await reply(ANSWER_POST, f"<@{dpy_bot.user.id}> And when?")
    answer = await latest(dpytest.get_message())
    assert briefer.ask.await_args.args == (SOURCE, "And when?")
    assert briefer.ask.await_args.kwargs["conversation"] == "discord:reply:77"
    assert (await memory.post(answer.id)).conversation_id == "discord:reply:77"
