"""Named migrations: each part of briefbot that keeps tables (the core store, the Discord adapter) lists its
schema steps as data, and the file records in a `migrations` table which steps it has run, and when.

A step runs once, in one transaction with the row that records it. A file that records a step of a part that
this briefbot does not know was written by a newer briefbot: it is refused before anything in it changes (the
file is first looked at read-only). Files from before named steps numbered their schema instead (SQLite's
`user_version`, 1 to 4): such a file keeps its old number as a row of the table, and every step that had a
number up to it counts as run. The header then carries `NAMED_SCHEME`, which a numbering briefbot refuses as
newer than itself instead of running its numbered steps again.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.store.database import Database, StoreError, now

LAST_NUMBERED_SCHEMA = 4
NAMED_SCHEME = 1000
NUMBERED = "numbered"  # the part whose one row keeps an old file's schema number
TABLE = """CREATE TABLE migrations (
    part TEXT NOT NULL,
    name TEXT NOT NULL,
    applied TEXT NOT NULL,
    PRIMARY KEY (part, name)
)"""


@dataclass(frozen=True)
class Migration:
    """One schema step of one part: a name that never changes once released, and the statements it runs.

    `number` is the step's schema number from before steps had names, for the steps that had one.
    """

    name: str
    statements: tuple[str, ...]
    number: int | None = None


def open_database(path: str | Path, part: str, steps: Sequence[Migration]) -> Database:
    """The file at `path` with the steps of `part` run: looked at read-only first, refused if newer, created if new."""
    if Database.exists(path):
        with closing(Database(path, read_only=True)) as existing:
            refuse_newer(existing, part, steps)
    database = Database(path)
    try:
        _start_named_scheme(database)
        migrate(database, part, steps)
    except BaseException:
        database.close()
        raise
    return database


def migrate(database: Database, part: str, steps: Sequence[Migration]) -> None:
    """Run, in order, the steps of `part` that the file has not recorded (the file is named-scheme already)."""
    refuse_newer(database, part, steps)
    done = _recorded(database, part)
    numbered = _old_number(database)
    for step in steps:
        if step.name not in done:
            _apply(database, part, step, run=step.number is None or step.number > numbered)


def refuse_newer(database: Database, part: str, steps: Sequence[Migration]) -> None:
    """A StoreError when a newer briefbot wrote the file: a step of `part` unknown here, or a higher old number."""
    if database.has_table("migrations"):
        unknown = sorted(_recorded(database, part) - {step.name for step in steps})
        if unknown:
            raise StoreError(
                f"the store {database.path} was written by a newer briefbot (its {part} steps "
                f"{', '.join(unknown)} are unknown here); upgrade briefbot"
            )
        return
    number = database.header_number()
    if number > LAST_NUMBERED_SCHEMA:
        raise StoreError(
            f"the store {database.path} was written by a newer briefbot (schema {number}); upgrade briefbot"
        )


def _start_named_scheme(database: Database) -> None:
    """Give a new file, or one from before named steps, the migrations table; an old file keeps its number."""
    if database.has_table("migrations"):
        return
    number = database.header_number()
    with database.transaction() as tx:
        tx.define(TABLE)
        if number:
            tx.execute("INSERT INTO migrations (part, name, applied) VALUES (?, ?, ?)", (NUMBERED, str(number), now()))
        tx.set_header_number(NAMED_SCHEME)


def _recorded(database: Database, part: str) -> set[str]:
    return {row["name"] for row in database.rows("SELECT name FROM migrations WHERE part = ?", (part,))}


def _old_number(database: Database) -> int:
    return max((int(name) for name in _recorded(database, NUMBERED)), default=0)


def _apply(database: Database, part: str, step: Migration, *, run: bool) -> None:
    with database.transaction() as tx:
        if run:
            for statement in step.statements:
                tx.define(statement)
        tx.execute("INSERT INTO migrations (part, name, applied) VALUES (?, ?, ?)", (part, step.name, now()))
