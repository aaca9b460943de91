"""The core store: round trips of sources, briefings and conversations, stable ids, no argument changed.

Every test runs twice: on a SQLite file and on a PostgreSQL database (`store_location`).
"""

from __future__ import annotations

import pytest

from bot.models import Answer, Document
from bot.store import StoreError
from tests.store.direct_sql import run_sql


def test_a_source_round_trips_with_its_metadata(open_store):
    store = open_store()
    doc = Document(
        text="The council voted.",
        title="Vote",
        url="https://news.example/vote",
        author="A. Writer",
        warnings=["the text seems cut off at the end"],
    )
    store.save_source(doc)
    again = open_store().get_source(doc.id)
    assert again is not None
    assert (again.text, again.title, again.url, again.author) == (doc.text, "Vote", doc.url, "A. Writer")
    assert again.warnings == doc.warnings
    assert again.added
    assert again.section is None


def test_a_sources_section_round_trips(open_store):
    doc = Document(text="The bridge can wait.", url="https://news.example/opinion/bridge", section="Opinion")
    open_store().save_source(doc)
    assert open_store().get_source(doc.id).section == "Opinion"


def test_saving_a_source_returns_the_stored_copy_and_leaves_the_argument_alone(open_store):
    store = open_store()
    doc = Document(text="The council voted.", warnings=["cut off"])
    saved = store.save_source(doc)
    assert doc.added is None
    assert saved is not doc and saved.warnings is not doc.warnings
    assert saved.added == store.get_source(doc.id).added
    assert (saved.id, saved.text, saved.warnings) == (doc.id, doc.text, ["cut off"])


def test_a_source_saved_again_with_the_same_text_keeps_when_it_was_added(open_store, store_location):
    store = open_store()
    first = store.save_source(Document(text="Same text.", url="https://a.example/x"))
    run_sql(store_location, "UPDATE sources SET added = '2020-01-01T00:00:00+00:00'")
    again = store.save_source(Document(text="Same text.", url="https://a.example/x", title="Now titled"))
    changed = store.save_source(Document(text="Other text.", url="https://a.example/x"))
    assert first.id == again.id == changed.id
    assert again.added == "2020-01-01T00:00:00+00:00"
    assert changed.added != again.added


def test_the_same_text_gives_the_same_id_and_one_row(open_store):
    store = open_store()
    first = store.save_source(Document(text="Same  words\nhere."))
    second = store.save_source(Document(text="Same words here."))
    assert first.id == second.id
    assert len(store.list_sources()) == 1
    assert Document(text="Other words.").id != first.id


def test_the_same_url_gives_the_same_id_whatever_the_text():
    assert Document(text="one", url="https://a.example/x").id == Document(text="two", url="https://a.example/x").id


def test_sources_are_found_by_id_prefix(open_store):
    store = open_store()
    doc = store.save_source(Document(text="Findable text."))
    assert [d.id for d in store.find_sources(doc.id[:5])] == [doc.id]
    assert store.find_sources("%") == []


def test_sources_are_fetched_by_id_in_the_order_asked_leaving_out_unknown_ids(open_store):
    store = open_store()
    one, two = (store.save_source(Document(text=t)) for t in ("One.", "Two."))
    assert [d.id for d in store.get_sources([two.id, "nope", one.id])] == [two.id, one.id]
    assert store.get_sources([]) == []


def test_briefings_are_stored_with_their_source(open_store, store_location):
    store = open_store()
    doc = store.save_source(Document(text="The council voted."))
    first = store.save_briefing(doc.id, "tiny", 2, "casual", "It voted.", [{"name": "Ana Ruiz"}])
    second = store.save_briefing(doc.id, "tiny", 1, "neutral", "Voted.", None)
    assert second == first + 1
    rows = run_sql(store_location, "SELECT source_id, tone, briefing, experts FROM briefings ORDER BY id")
    assert rows == [(doc.id, "casual", "It voted.", '[{"name": "Ana Ruiz"}]'), (doc.id, "neutral", "Voted.", None)]


def test_conversations_keep_their_turns_across_reopening(open_store):
    store = open_store()
    doc = store.save_source(Document(text="The council voted."))
    store.add_turn("chat-1", Answer(doc.id, "Who voted?", "The council.", ["The council voted."], False))
    store.add_turn("chat-1", Answer(doc.id, "When?", "It does not say.", [], True))
    store.close()
    turns = open_store().turns("chat-1")
    assert [t.question for t in turns] == ["Who voted?", "When?"]
    assert turns[0].citations == ["The council voted."] and turns[1].not_covered


def test_a_conversation_stays_with_its_source(open_store):
    store = open_store()
    one = store.save_source(Document(text="One."))
    two = store.save_source(Document(text="Two."))
    store.add_turn("chat", Answer(one.id, "q", "a", [], False))
    with pytest.raises(StoreError) as refusal:
        store.add_turn("chat", Answer(two.id, "q", "a", [], False))
    assert str(refusal.value) == f"conversation chat is about another source ({one.id})"
    assert [t.source_id for t in store.turns("chat")] == [one.id]  # the refused turn was rolled back
