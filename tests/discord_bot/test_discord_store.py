"""The store's memory of the bot's posts and threads (migration 4): what a reply or a thread is about."""

from __future__ import annotations

import pytest

from bot.models import Document
from bot.store import ChatLink, Store

pytestmark = pytest.mark.discord


def test_a_post_maps_to_its_source_and_conversation_across_a_reopen(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    store.save_post("111", doc.id, "900")
    store.save_post("222", doc.id, "900", "discord:reply:333")
    store.close()
    again = Store(tmp_path / "b.sqlite3")
    assert again.get_post("111") == ChatLink(doc.id, None)
    assert again.get_post("222") == ChatLink(doc.id, "discord:reply:333")
    assert again.get_post("999") is None


def test_a_thread_maps_to_its_source_and_conversation(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    store.save_thread("444", doc.id, "discord:thread:444")
    assert store.get_thread("444") == ChatLink(doc.id, "discord:thread:444")
    assert store.get_thread("445") is None


def test_a_channel_s_sources_come_most_recent_first_and_only_from_that_channel(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    first, second, elsewhere = (store.save_source(Document(text=t)) for t in ("One.", "Two.", "Three."))
    store.save_post("1", first.id, "900")
    store.save_post("2", second.id, "900")
    store.save_post("3", elsewhere.id, "901")
    store.save_post("4", first.id, "900", "discord:reply:4")
    assert [d.id for d in store.place_sources("900")] == [first.id, second.id]
    assert [d.id for d in store.place_sources("900", limit=1)] == [first.id]
    assert [d.id for d in store.place_sources("901")] == [elsewhere.id]
