"""Named migrations: steps recorded by name in the store, old numbered files upgraded, newer stores refused untouched.

The tests that take `store_location` run on a SQLite file and on a PostgreSQL database; those about numbered
files (SQLite's `user_version` from before named steps) and about what is or is not a SQLite file run on SQLite.
"""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.models import Answer
from bot.store import Migration, Store, StoreError
from bot.store.migrations import NAMED_SCHEME
from bot.store.schema import MIGRATIONS as CORE_STEPS
from tests.store.direct_sql import engine_of, recorded, run_sql, snapshot, tables
from tests.store.numbered_files import add_source, numbered_store

CORE_NAMES = [step.name for step in CORE_STEPS]


def test_a_new_store_records_every_core_step_by_name_and_time(store_location):
    Store(store_location).close()
    assert recorded(store_location) == [("core", name) for name in CORE_NAMES]
    assert CORE_NAMES == ["sources-and-briefings", "source-warnings", "conversations", "source-experts",
                          "source-section"]
    times = [applied for (applied,) in run_sql(store_location, "SELECT applied FROM migrations")]
    assert all(applied.startswith("20") and applied.endswith("+00:00") for applied in times)


def test_a_new_file_carries_the_named_scheme_in_its_header(tmp_path):
    path = tmp_path / "b.sqlite3"
    Store(path).close()
    assert run_sql(path, "PRAGMA user_version") == [(NAMED_SCHEME,)]


def test_reopening_an_up_to_date_store_runs_nothing(store_location):
    Store(store_location).close()
    before = run_sql(store_location, "SELECT part, name, applied FROM migrations")
    Store(store_location).close()
    assert run_sql(store_location, "SELECT part, name, applied FROM migrations") == before


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_a_numbered_file_is_upgraded_to_named_steps_keeping_its_rows(tmp_path, number):
    path = numbered_store(tmp_path / "old.sqlite3", number)
    add_source(path, "abc1234567", "Old text.", title="Old")
    store = Store(path)
    doc = store.get_source("abc1234567")
    assert (doc.title, doc.text, doc.warnings) == ("Old", "Old text.", [])
    assert recorded(path) == [("numbered", str(number))] + [("core", name) for name in CORE_NAMES]
    assert run_sql(path, "PRAGMA user_version") == [(NAMED_SCHEME,)]
    store.add_turn("chat", Answer(doc.id, "q?", "a.", [], False))
    assert [t.question for t in store.turns("chat")] == ["q?"]


def test_a_schema_4_file_keeps_the_discord_tables_the_core_no_longer_defines(tmp_path):
    path = numbered_store(tmp_path / "old.sqlite3", 4)
    add_source(path, "abc1234567", "Old text.")
    run_sql(path, "INSERT INTO chat_posts VALUES ('111', 'abc1234567', NULL, '900', '2026-01-01T00:00:00+00:00')")
    Store(path).close()  # the command line opens it: only core steps are known
    assert run_sql(path, "SELECT id, source_id FROM chat_posts") == [("111", "abc1234567")]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_numbered_file_from_a_newer_briefbot_is_refused_before_anything_in_it_changes(tmp_path, journal):
    path = tmp_path / "new.sqlite3"
    run_sql(path, f"PRAGMA journal_mode = {journal}")
    run_sql(path, "CREATE TABLE sources (id TEXT PRIMARY KEY)")
    run_sql(path, "PRAGMA user_version = 5")
    before = path.read_bytes()
    with pytest.raises(StoreError) as refusal:
        Store(path)
    assert str(refusal.value) == f"the store {path} was written by a newer briefbot (schema 5); upgrade briefbot"
    assert path.read_bytes() == before  # not even switched to WAL, as opening it for writing would


def test_a_named_store_with_a_core_step_unknown_here_is_refused_before_anything_in_it_changes(store_location):
    Store(store_location).close()
    run_sql(store_location, "INSERT INTO migrations VALUES ('core', 'people-index', '2027-01-01T00:00:00+00:00')")
    before = snapshot(store_location)
    with pytest.raises(StoreError) as refusal:
        Store(store_location)
    assert str(refusal.value) == (
        f"the store {store_location} was written by a newer briefbot (its core steps people-index are unknown "
        "here); upgrade briefbot"
    )
    assert snapshot(store_location) == before


def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("just some notes, not a database\n" * 10)
    with pytest.raises(StoreError) as refusal:
        Store(path)
    assert str(refusal.value) == f"the store {path}: file is not a database"
    assert path.read_text() == "just some notes, not a database\n" * 10


def test_another_part_s_steps_run_once_each_in_order_and_later_steps_alone(open_store, store_location):
    first = Migration("notes", ("CREATE TABLE notes (id {serial_key}, body TEXT NOT NULL)",))
    second = Migration("note-authors", ("ALTER TABLE notes ADD COLUMN author TEXT",))
    store = open_store()
    database = store.extend("notes", [first])
    database.write("INSERT INTO notes (body) VALUES (?)", ("kept",))
    store.extend("notes", [first])
    store.extend("notes", [first, second])
    assert run_sql(store_location, "SELECT id, body, author FROM notes") == [(1, "kept", None)]
    assert recorded(store_location)[-2:] == [("notes", "notes"), ("notes", "note-authors")]


ALREADY_EXISTS = {"sqlite": "table half already exists", "postgresql": 'relation "half" already exists'}


def test_a_failing_step_changes_nothing_and_is_not_recorded(open_store, store_location):
    store = open_store()
    broken = Migration("broken", ("CREATE TABLE half (x TEXT)", "CREATE TABLE half (x TEXT)"))
    with pytest.raises(StoreError) as refusal:
        store.extend("notes", [broken])
    assert str(refusal.value) == f"the store {store_location}: {ALREADY_EXISTS[engine_of(store_location)]}"
    assert "half" not in tables(store_location)
    assert ("notes", "broken") not in recorded(store_location)


def test_a_part_with_a_step_unknown_here_is_refused_before_its_steps_run(open_store, store_location):
    open_store().extend("notes", [Migration("notes", ("CREATE TABLE notes (body TEXT)",))])
    run_sql(store_location, "INSERT INTO migrations VALUES ('notes', 'note-tags', '2027-01-01T00:00:00+00:00')")
    store = open_store()  # the core is up to date: the store opens
    with pytest.raises(StoreError) as refusal:
        store.extend("notes", [Migration("notes", ("CREATE TABLE notes (body TEXT)",)), Migration("x", ("BAD",))])
    assert str(refusal.value) == (
        f"the store {store_location} was written by a newer briefbot (its notes steps note-tags are unknown here); "
        "upgrade briefbot"
    )
    assert ("notes", "x") not in recorded(store_location)


def test_the_command_line_refuses_a_newer_file_in_one_line(tmp_path, capsys, write_config):
    path = tmp_path / "new.sqlite3"
    run_sql(path, "PRAGMA user_version = 7")
    write_config({"storage": {"path": str(path)}})
    code = main(["sources", "--config", str(tmp_path / "config.yaml")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"briefbot: the store {path} was written by a newer briefbot (schema 7); upgrade briefbot\n"
    )
