"""Each source's experts in the store: kept whenever found, replaced by a newer list, positions kept when a
later list has none, gone with a new text or with the source; on a SQLite file and on PostgreSQL."""

from __future__ import annotations

from bot.models import Document

OKAFOR = {"name": "Helen Okafor", "role": "economist", "position": "Charges work.", "evidence": ["It works."]}
SMITH = {"name": "Daniel Smith", "role": None, "position": None, "evidence": ["We cannot absorb it.", "Stay away"]}


def test_experts_round_trip_in_the_order_found(open_store):
    store = open_store()
    first = store.save_source(Document(text="One."))
    second = store.save_source(Document(text="Two."))
    store.save_experts(first.id, [OKAFOR, SMITH])
    store.save_experts(second.id, [SMITH])
    again = open_store()
    rows = again.experts_of([first.id])
    assert [(r["source_id"], r["name"], r["role"], r["position"], r["evidence"]) for r in rows] == [
        (first.id, "Helen Okafor", "economist", "Charges work.", ["It works."]),
        (first.id, "Daniel Smith", None, None, ["We cannot absorb it.", "Stay away"]),
    ]
    assert len(again.experts_of()) == 3
    assert again.experts_of([]) == []


def test_a_newer_list_replaces_the_old_but_keeps_a_position_it_lacks(open_store):
    store = open_store()
    doc = store.save_source(Document(text="One."))
    store.save_experts(doc.id, [OKAFOR, SMITH])
    store.save_experts(doc.id, [{**OKAFOR, "position": None}])
    assert [(r["name"], r["position"]) for r in store.experts_of([doc.id])] == [("Helen Okafor", "Charges work.")]


def test_sources_whose_experts_were_never_found_are_listed(open_store):
    store = open_store()
    found = store.save_source(Document(text="One."))
    never = store.save_source(Document(text="Two."))
    store.save_experts(found.id, [])  # found, and nobody is quoted: not to be looked for again
    assert store.without_experts() == [never.id]
    assert store.without_experts([found.id]) == []


def test_a_new_text_for_the_same_source_drops_its_experts(open_store):
    store = open_store()
    doc = store.save_source(Document(text="Old text.", url="https://news.example/a"))
    store.save_experts(doc.id, [OKAFOR])
    store.save_source(Document(text="Old text.", url="https://news.example/a", title="Same text"))
    assert len(store.experts_of([doc.id])) == 1
    store.save_source(Document(text="New text.", url="https://news.example/a"))
    assert store.experts_of([doc.id]) == []
    assert store.without_experts() == [doc.id]


def test_deleting_a_source_removes_its_briefings_and_experts(open_store):
    store = open_store()
    doc = store.save_source(Document(text="One."))
    store.save_briefing(doc.id, "m", 3, "neutral", "First. Second.", None)
    store.save_experts(doc.id, [OKAFOR])
    assert store.latest_briefing(doc.id) == "First. Second."
    assert store.delete_source(doc.id) is True
    assert store.delete_source(doc.id) is False
    assert (store.get_source(doc.id), store.experts_of(), store.latest_briefing(doc.id)) == (None, [], None)
