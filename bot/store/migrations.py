"""Named migrations: each part of briefbot that keeps tables (the core store, the Discord adapter) lists its
schema steps as data, and the store records in a `migrations` table which steps it has run, and when.

A step runs once, in one transaction with the row that records it. That transaction is a schema transaction
(one process at a time: an advisory lock on PostgreSQL, the write lock on SQLite) which first looks again
whether the step is recorded, so several processes starting together on one store run each step once. A store
that records a step of a part that this briefbot does not know was written by a newer briefbot: it is refused
before anything in it changes (a SQLite file is first looked at read-only). Files from before named steps
numbered their schema instead (SQLite's `user_version`, 1 to 4): such a file keeps its old number as a row of
the table, and every step that had a number up to it counts as run. The header then carries `NAMED_SCHEME`,
which a numbering briefbot refuses as newer than itself instead of running its numbered steps again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.store.database import Database, Location, StoreError, Transaction, now
from bot.store.engines import connect

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


def open_database(location: Location, part: str, steps: Sequence[Migration]) -> Database:
    """The store at `location` with the steps of `part` run: refused if newer (before anything in it changes),
    created if new."""
    database = connect(location, look_first=lambda existing: refuse_newer(existing, part, steps))
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
    """A StoreError when a newer briefbot wrote the store: a step of `part` unknown here, or a higher old number."""
    if database.has_table("migrations"):
        unknown = sorted(_recorded(database, part) - {step.name for step in steps})
        if unknown:
            raise StoreError(
                f"the store {database.label} was written by a newer briefbot (its {part} steps "
                f"{', '.join(unknown)} are unknown here); upgrade briefbot"
            )
        return
    number = database.header_number()
    if number > LAST_NUMBERED_SCHEMA:
        raise StoreError(
            f"the store {database.label} was written by a newer briefbot (schema {number}); upgrade briefbot"
        )


def _start_named_scheme(database: Database) -> None:
    """Give a new store, or a file from before named steps, the migrations table; an old file keeps its number."""
    if database.has_table("migrations"):
        return
    with database.schema_transaction() as tx:
        if tx.has_table("migrations"):  # another process made it meanwhile
            return
        number = tx.header_number()
        tx.define(TABLE)
        if number:
            tx.execute("INSERT INTO migrations (part, name, applied) VALUES (?, ?, ?)", (NUMBERED, str(number), now()))
        tx.set_header_number(NAMED_SCHEME)


def _recorded(database: Database, part: str) -> set[str]:
    return {row["name"] for row in database.rows("SELECT name FROM migrations WHERE part = ?", (part,))}


def _old_number(database: Database) -> int:
    return max((int(name) for name in _recorded(database, NUMBERED)), default=0)


def _apply(database: Database, part: str, step: Migration, *, run: bool) -> None:
    with database.schema_transaction() as tx:
        if _is_recorded(tx, part, step.name):  # another process ran it meanwhile
            return
        if run:
            for statement in step.statements:
                tx.define(statement)
        tx.execute("INSERT INTO migrations (part, name, applied) VALUES (?, ?, ?)", (part, step.name, now()))


def _is_recorded(tx: Transaction, part: str, name: str) -> bool:
    return tx.execute("SELECT 1 FROM migrations WHERE part = ? AND name = ?", (part, name)) is not None
