"""The bot's memory of its posts and threads: what a reply or a thread is about, across restarts and upgrades."""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot.discord_bot.memory import ChatLink, Followup, Memory
from bot.models import Answer, Document
from bot.store import Store, StoreError
from tests.helpers import MockMessage, MockThread
from tests.store.numbered_files import add_source, numbered_store, run_sql

pytestmark = pytest.mark.discord

POSTED = "2026-01-01T00:00:00+00:00"


async def test_a_post_maps_to_its_source_and_conversation_across_a_reopen(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    memory = Memory(store)
    await memory.remember_posts([111], doc.id, 900)
    await memory.remember_posts([222], doc.id, 900, "discord:reply:333")
    store.close()
    again = Memory(Store(tmp_path / "b.sqlite3"))
    assert await again.post(111) == ChatLink(doc.id, None)
    assert await again.post(222) == ChatLink(doc.id, "discord:reply:333")
    assert await again.post(999) is None


async def test_a_thread_maps_to_its_source_and_conversation(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    memory = Memory(store)
    await memory.remember_thread(444, doc.id, "discord:thread:444")
    assert await memory.thread(444) == ChatLink(doc.id, "discord:thread:444")
    assert await memory.thread(445) is None


async def test_a_channel_s_sources_come_most_recent_first_and_only_from_that_channel(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    first, second, elsewhere = (store.save_source(Document(text=t)) for t in ("One.", "Two.", "Three."))
    memory = Memory(store)
    await memory.remember_posts([1], first.id, 900)
    await memory.remember_posts([2], second.id, 900)
    await memory.remember_posts([3], elsewhere.id, 901)
    await memory.remember_posts([4], first.id, 900, "discord:reply:4")
    assert await memory.recent_sources(900, 25) == [first.id, second.id]
    assert await memory.recent_sources(900, 1) == [first.id]
    assert await memory.recent_sources(901, 25) == [elsewhere.id]


async def test_a_post_saved_again_keeps_its_place_in_the_channel_s_order(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    first, second = (store.save_source(Document(text=t)) for t in ("One.", "Two."))
    memory = Memory(store)
    await memory.remember_posts([1, 2], first.id, 900)
    await memory.remember_posts([3], second.id, 900)
    await memory.remember_posts([1], first.id, 900, "discord:reply:9")  # an edit of an older post
    assert await memory.recent_sources(900, 25) == [second.id, first.id]
    assert await memory.post(1) == ChatLink(first.id, "discord:reply:9")


async def test_the_core_store_holds_no_discord_table_until_the_adapter_brings_its_own(tmp_path):
    path = tmp_path / "b.sqlite3"
    store = Store(path)
    tables = {name for (name,) in run_sql(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {t for t in tables if "chat" in t or "discord" in t}
    Memory(store)
    assert run_sql(path, "SELECT name FROM migrations WHERE part = 'discord' ORDER BY rowid") == [
        ("posts-and-threads",),
        ("numbered-posts",),
    ]
    tables = {name for (name,) in run_sql(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"discord_posts", "discord_threads"} <= tables and not {"chat_posts", "chat_threads"} & tables


async def test_a_reply_to_a_briefing_posted_before_the_upgrade_finds_its_source_and_conversation(tmp_path):
    path = numbered_store(tmp_path / "old.sqlite3", 4)  # as briefbot left it before named migrations
    add_source(path, "abc1234567", "The council voted to build a bridge.", title="Bridge")
    add_source(path, "def1234567", "The mayor resigned.", title="Mayor")
    for post, source, conversation, place, created in [
        ("1100000000000000001", "abc1234567", None, "900", "2026-01-01T00:00:00+00:00"),
        ("1100000000000000003", "def1234567", None, "900", "2026-01-01T00:01:00+00:00"),
        # an answer about the first article, begun before the second briefing was done, saved after it
        ("1100000000000000002", "abc1234567", "discord:reply:77", "900", "2026-01-01T00:02:00+00:00"),
        ("1100000000000000004", "def1234567", "discord:thread:55", "55", "2026-01-01T00:03:00+00:00"),
    ]:
        run_sql(path, "INSERT INTO chat_posts VALUES (?, ?, ?, ?, ?)", (post, source, conversation, place, created))
    run_sql(path, "INSERT INTO chat_threads VALUES ('55', 'def1234567', 'discord:thread:55', ?)", (POSTED,))
    store = Store(path)
    store.add_turn("discord:reply:77", Answer("abc1234567", "q", "a", [], False))
    memory = Memory(store)

    briefing = MockMessage(id=1100000000000000001)
    reply = MockMessage(reference=discord.MessageReference(message_id=briefing.id, channel_id=900))
    assert await memory.followup_of(reply) == Followup("abc1234567", f"discord:reply:{reply.id}")
    to_answer = MockMessage(reference=discord.MessageReference(message_id=1100000000000000002, channel_id=900))
    assert await memory.followup_of(to_answer) == Followup("abc1234567", "discord:reply:77")
    in_thread = MockMessage(channel=MockThread(id=55, parent_id=900))
    assert await memory.followup_of(in_thread) == Followup("def1234567", "discord:thread:55")
    assert [t.question for t in store.turns("discord:reply:77")] == ["q"]
    assert await memory.recent_sources(900, 25) == ["abc1234567", "def1234567"]  # in the order they were saved
    assert run_sql(path, "SELECT part, name FROM migrations WHERE part != 'core' ORDER BY rowid") == [
        ("numbered", "4"),
        ("discord", "posts-and-threads"),
        ("discord", "numbered-posts"),
    ]


async def test_a_schema_3_file_gets_the_discord_tables_made_fresh(tmp_path):
    path = numbered_store(tmp_path / "old.sqlite3", 3)
    add_source(path, "abc1234567", "The council voted.")
    memory = Memory(Store(path))
    await memory.remember_posts([5], "abc1234567", 900)
    assert await memory.recent_sources(900, 25) == ["abc1234567"]


async def test_a_file_with_a_discord_step_unknown_here_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "b.sqlite3"
    Memory(Store(path))
    run_sql(path, "INSERT INTO migrations VALUES ('discord', 'post-reactions', '2027-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError) as refusal:
        Memory(Store(path))
    assert str(refusal.value) == (
        f"the store {path} was written by a newer briefbot (its discord steps post-reactions are unknown here); "
        "upgrade briefbot"
    )


async def test_both_listeners_asking_about_one_message_share_one_lookup(tmp_path, monkeypatch):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    memory = Memory(store)
    await memory.remember_thread(55, doc.id, "discord:thread:55")
    lookups = []
    thread = memory.thread
    monkeypatch.setattr(memory, "thread", lambda thread_id: lookups.append(thread_id) or thread(thread_id))
    message = MockMessage(channel=MockThread(id=55))
    first, second = await asyncio.gather(memory.followup_of(message), memory.followup_of(message))
    assert first == second == Followup(doc.id, "discord:thread:55")
    assert lookups == [55]
