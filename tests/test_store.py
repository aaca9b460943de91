"""The SQLite store: round trips, stable ids, and migrations of older files."""

from __future__ import annotations

import sqlite3

import pytest

from bot.models import Document
from bot.store import MIGRATIONS, Store, StoreError


def test_a_source_round_trips_with_its_metadata(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = Document(
        text="The council voted.",
        title="Vote",
        url="https://news.example/vote",
        author="A. Writer",
        warnings=["the text seems cut off at the end"],
    )
    store.save_source(doc)
    again = Store(tmp_path / "b.sqlite3").get_source(doc.id)
    assert again is not None
    assert (again.text, again.title, again.url, again.author) == (doc.text, "Vote", doc.url, "A. Writer")
    assert again.warnings == doc.warnings
    assert again.added


def test_the_same_text_gives_the_same_id_and_one_row(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    first = store.save_source(Document(text="Same  words\nhere."))
    second = store.save_source(Document(text="Same words here."))
    assert first.id == second.id
    assert len(store.list_sources()) == 1
    assert Document(text="Other words.").id != first.id


def test_the_same_url_gives_the_same_id_whatever_the_text():
    assert Document(text="one", url="https://a.example/x").id == Document(text="two", url="https://a.example/x").id


def test_sources_are_found_by_id_prefix(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="Findable text."))
    assert [d.id for d in store.find_sources(doc.id[:5])] == [doc.id]
    assert store.find_sources("%") == []


def test_briefings_are_stored_with_their_source(tmp_path):
    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    store.save_briefing(doc.id, "tiny", 2, "casual", "It voted.", [{"name": "Ana Ruiz"}])
    latest = store.latest_briefing(doc.id)
    assert latest["briefing"] == "It voted."
    assert latest["experts"] == [{"name": "Ana Ruiz"}]


def test_an_old_schema_is_migrated_in_place_without_losing_sources(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = Store.__new__(Store)
    old.path = path
    old._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    old._db.row_factory = sqlite3.Row
    old._lock = __import__("threading").RLock()
    old.migrate(MIGRATIONS[:1])
    old._db.execute(
        "INSERT INTO sources (id, url, title, site, author, published, text, hash, added) "
        "VALUES ('abc', NULL, 'Old', NULL, NULL, NULL, 'Old text.', 'h', '2026-01-01T00:00:00+00:00')"
    )
    old.close()
    store = Store(path)
    assert store.version == len(MIGRATIONS)
    doc = store.get_source("abc")
    assert doc.title == "Old" and doc.warnings == []


def test_a_store_from_a_newer_briefbot_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer briefbot"):
        Store(path)


def test_conversations_keep_their_turns_across_reopening(tmp_path):
    from bot.models import Answer

    store = Store(tmp_path / "b.sqlite3")
    doc = store.save_source(Document(text="The council voted."))
    store.add_turn("chat-1", Answer(doc.id, "Who voted?", "The council.", ["The council voted."], False))
    store.add_turn("chat-1", Answer(doc.id, "When?", "It does not say.", [], True))
    store.close()
    turns = Store(tmp_path / "b.sqlite3").turns("chat-1")
    assert [t.question for t in turns] == ["Who voted?", "When?"]
    assert turns[0].citations == ["The council voted."] and turns[1].not_covered


def test_a_conversation_stays_with_its_source(tmp_path):
    from bot.models import Answer

    store = Store(tmp_path / "b.sqlite3")
    one = store.save_source(Document(text="One."))
    two = store.save_source(Document(text="Two."))
    store.add_turn("chat", Answer(one.id, "q", "a", [], False))
    with pytest.raises(StoreError, match="about another source"):
        store.add_turn("chat", Answer(two.id, "q", "a", [], False))
