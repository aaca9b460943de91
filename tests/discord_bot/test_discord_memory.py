"""The bot's memory of its posts and threads: what a reply or a thread is about, across restarts and upgrades.

The tests that take `store_location` run on a SQLite file and on a PostgreSQL database; those about files from
before named steps run on SQLite.
"""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot.discord_bot.memory import ChatLink, Followup, Memory
from bot.models import Answer, Document
from bot.store import Store, StoreError
from tests.helpers import MockMessage, MockThread
from tests.store.direct_sql import recorded, run_sql, tables
from tests.store.numbered_files import add_source, numbered_store

pytestmark = pytest.mark.discord

POSTED = "2026-01-01T00:00:00+00:00"


async def test_a_post_maps_to_its_source_and_conversation_across_a_reopen(open_store):
    store = open_store()
    doc = store.save_source(Document(text="The council voted."))
    memory = Memory(store)
    await memory.remember_posts([111], doc.id, 900)
    await memory.remember_posts([222], doc.id, 900, "discord:reply:333")
    store.close()
    again = Memory(open_store())
    assert await again.post(111) == ChatLink(doc.id, None)
    assert await again.post(222) == ChatLink(doc.id, "discord:reply:333")
    assert await again.post(999) is None


async def test_a_thread_maps_to_its_source_and_conversation(open_store):
    store = open_store()
    doc = store.save_source(Document(text="The council voted."))
    memory = Memory(store)
    await memory.remember_thread(444, doc.id, "discord:thread:444")
    assert await memory.thread(444) == ChatLink(doc.id, "discord:thread:444")
    assert await memory.thread(445) is None


async def test_a_channel_s_sources_come_most_recent_first_and_only_from_that_channel(open_store):
    store = open_store()
    first, second, elsewhere = (store.save_source(Document(text=t)) for t in ("One.", "Two.", "Three."))
    memory = Memory(store)
    await memory.remember_posts([1], first.id, 900)
    await memory.remember_posts([2], second.id, 900)
    await memory.remember_posts([3], elsewhere.id, 901)
    await memory.remember_posts([4], first.id, 900, "discord:reply:4")
    assert await memory.recent_sources(900, 25) == [first.id, second.id]
    assert await memory.recent_sources(900, 1) == [first.id]
    assert await memory.recent_sources(901, 25) == [elsewhere.id]


async def test_a_post_saved_again_keeps_its_place_in_the_channel_s_order(open_store):
    store = open_store()
    first, second = (store.save_source(Document(text=t)) for t in ("One.", "Two."))
    memory = Memory(store)
    await memory.remember_posts([1, 2], first.id, 900)
    await memory.remember_posts([3], second.id, 900)
    await memory.remember_posts([1], first.id, 900, "discord:reply:9")  # an edit of an older post
    assert await memory.recent_sources(900, 25) == [second.id, first.id]
    assert await memory.post(1) == ChatLink(first.id, "discord:reply:9")


async def test_the_core_store_holds_no_discord_table_until_the_adapter_brings_its_own(open_store, store_location):
    store = open_store()
    assert not {t for t in tables(store_location) if "chat" in t or "discord" in t}
    Memory(store)
    assert [name for part, name in recorded(store_location) if part == "discord"] == [
        "posts-and-threads",
        "numbered-posts",
        "cooldowns",
    ]
    made = tables(store_location)
    assert {"discord_posts", "discord_threads"} <= made and not {"chat_posts", "chat_threads"} & made


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
        ("discord", "cooldowns"),
    ]


async def test_a_schema_3_file_gets_the_discord_tables_made_fresh(tmp_path):
    path = numbered_store(tmp_path / "old.sqlite3", 3)
    add_source(path, "abc1234567", "The council voted.")
    memory = Memory(Store(path))
    await memory.remember_posts([5], "abc1234567", 900)
    assert await memory.recent_sources(900, 25) == ["abc1234567"]


async def test_a_store_with_a_discord_step_unknown_here_is_refused_with_the_reason(open_store, store_location):
    Memory(open_store())
    run_sql(store_location, "INSERT INTO migrations VALUES ('discord', 'post-reactions', '2027-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError) as refusal:
        Memory(open_store())
    assert str(refusal.value) == (
        f"the store {store_location} was written by a newer briefbot (its discord steps post-reactions are unknown "
        "here); upgrade briefbot"
    )


async def test_both_listeners_asking_about_one_message_share_one_lookup(open_store, monkeypatch):
    store = open_store()
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


async def test_a_cooldown_starts_once_and_tells_the_seconds_left_until_it_runs_out(open_store):
    memory = Memory(open_store())
    assert await memory.claim_cooldown("brief", 7, 30.0, now=1000.0) == 0.0
    assert await memory.claim_cooldown("brief", 7, 30.0, now=1010.0) == 20.0
    assert await memory.claim_cooldown("ask", 7, 5.0, now=1010.0) == 0.0  # each action has its own
    assert await memory.claim_cooldown("brief", 8, 30.0, now=1010.0) == 0.0  # and each user
    assert await memory.claim_cooldown("brief", 7, 30.0, now=1030.0) == 0.0  # run out: a new one starts
    assert await memory.claim_cooldown("brief", 7, 30.0, now=1031.0) == 29.0


async def test_of_many_claims_at_once_from_two_processes_one_starts_the_cooldown(open_store):
    here, there = Memory(open_store()), Memory(open_store())
    claims = [memory.claim_cooldown("brief", 7, 30.0, now=1000.0) for memory in (here, there) * 4]
    waits = await asyncio.gather(*claims)
    assert sorted(waits) == [0.0] + [30.0] * 7
