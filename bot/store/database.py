"""What the store asks of a database, whichever engine holds it: a SQLite file or a PostgreSQL server.

The SQL that the store and the Discord adapter hand to a `Database` is portable: standard DDL, `INSERT … ON
CONFLICT … DO UPDATE`, `RETURNING`, `LIKE … ESCAPE`, `?` placeholders. What differs between the engines lives
in one module each, and nowhere else: bot/store/sqlite.py (PRAGMAs, `BEGIN IMMEDIATE`, `sqlite_master`, the
number in the file's header) and bot/store/postgres.py (a connection pool, `%s` placeholders, the catalogue,
an advisory lock around migrating). bot/store/engines.py picks the engine from the location: a `postgresql://`
URL is a server, anything else a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from bot.models import BriefbotError

Row = Mapping[str, Any]  # a row's values by column name (sqlite3.Row, or a dict from PostgreSQL)
Params = Sequence[object]
Location = str | Path  # a SQLite file, or a postgresql:// URL
SERVER_SCHEMES = ("postgresql://", "postgres://")
# A key numbered on insert, written thus in a migration's statements; each engine says how it spells one.
SERIAL_KEY = "{serial_key}"


class StoreError(BriefbotError):
    """The store cannot be opened, read or written, or refuses its contents; the message names the store."""


def now() -> str:
    """The time a row is written: ISO 8601 in UTC, to the second (text, so every database sorts it alike)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def is_server(location: Location) -> bool:
    """Whether the location is a PostgreSQL URL rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


class Transaction(Protocol):
    """Statements that are committed together or not at all; handed out by `Database.transaction`."""

    def execute(self, sql: str, params: Params = ()) -> Row | None:
        """Run one statement; its first row (a SELECT, an INSERT … RETURNING), or None."""

    def rows(self, sql: str, params: Params = ()) -> list[Row]: ...

    def define(self, statement: str) -> None:
        """Run one statement of a migration, with this engine's words for what SQL spells differently."""

    def has_table(self, name: str) -> bool: ...

    def header_number(self) -> int:
        """The schema number a SQLite file kept in its header before steps had names; 0 where there is none."""

    def set_header_number(self, number: int) -> None:
        """Write that number (a PostgreSQL database never had one: nothing to write)."""


class Database(Protocol):
    """One store's database, safe to share between threads; every failure is a StoreError naming `label`."""

    label: str  # how messages name the store: the file, or the URL without its password

    def row(self, sql: str, params: Params = ()) -> Row | None: ...

    def rows(self, sql: str, params: Params = ()) -> list[Row]: ...

    def write(self, sql: str, params: Params = ()) -> Row | None:
        """One statement in a transaction of its own; its first row (an INSERT … RETURNING), or None."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """Everything done on the Transaction inside the `with` block is committed at its end, or rolled back."""

    def schema_transaction(self) -> AbstractContextManager[Transaction]:
        """A transaction that no other process's schema transaction runs beside (several may start at once)."""

    def has_table(self, name: str) -> bool: ...

    def header_number(self) -> int: ...

    def close(self) -> None: ...
