"""The SQLite file under the store: one connection, one lock, transactions, and every detail only SQLite has.

The SQL that the store and the Discord adapter hand to a `Database` is portable (PostgreSQL runs it as it is,
once `?` placeholders become `%s`): standard DDL, `INSERT … ON CONFLICT … DO UPDATE`, `RETURNING`, `LIKE …
ESCAPE`. What is SQLite's own lives here and nowhere else: the connection's PRAGMAs, `BEGIN IMMEDIATE`, the
catalogue (`sqlite_master`), the type of a key numbered on insert (`{serial_key}` in a migration's statements),
and the number in the file's header (`PRAGMA user_version`). A PostgreSQL backend is another class with the
same methods.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bot.models import BriefbotError

Row = sqlite3.Row
Params = Sequence[object]
MEMORY = ":memory:"
# A key numbered on insert, written `{serial_key}` in a migration (PostgreSQL: BIGINT GENERATED … AS IDENTITY).
SERIAL_KEY = "INTEGER PRIMARY KEY AUTOINCREMENT"


class StoreError(BriefbotError):
    """The store cannot be opened, read or written, or refuses the file; the message names the file."""


def now() -> str:
    """The time a row is written: ISO 8601 in UTC, to the second (text, so every database sorts it alike)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Transaction:
    """Statements that are committed together or not at all; handed out by `Database.transaction`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, params: Params = ()) -> Row | None:
        """Run one statement; its first row (a SELECT, an INSERT … RETURNING), or None."""
        rows = self._connection.execute(sql, params).fetchall()
        return rows[0] if rows else None

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        return self._connection.execute(sql, params).fetchall()

    def define(self, statement: str) -> None:
        """Run one statement of a migration, with this database's words for what SQL spells differently."""
        self._connection.execute(statement.replace("{serial_key}", SERIAL_KEY))

    def set_header_number(self, number: int) -> None:
        """The number SQLite keeps in the file's header (`PRAGMA user_version`)."""
        self._connection.execute(f"PRAGMA user_version = {int(number)}")


class Database:
    """One SQLite file, safe to share between threads: one connection, one lock, errors as StoreErrors.

    `read_only` opens an existing file without the right to change it (to look at a file before deciding
    whether to upgrade or refuse it).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self._connection = _connect(path, read_only)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the store {path}: {_reason(exc)}") from None

    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether there is a file to look at before opening it for writing (an in-memory database is new)."""
        return str(path) != MEMORY and Path(path).exists()

    def row(self, sql: str, params: Params = ()) -> Row | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        with self._lock, self._errors():
            return self._connection.execute(sql, params).fetchall()

    def write(self, sql: str, params: Params = ()) -> Row | None:
        """One statement in a transaction of its own; its first row (an INSERT … RETURNING), or None."""
        with self.transaction() as tx:
            return tx.execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Everything done on the Transaction inside the `with` block is committed at its end, or rolled back."""
        with self._lock, self._errors():
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._connection)
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def has_table(self, name: str) -> bool:
        return self.row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def header_number(self) -> int:
        """The number SQLite keeps in the file's header (`PRAGMA user_version`); 0 in a new file."""
        row = self.row("PRAGMA user_version")
        return row[0] if row else 0

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"the store {self.path}: {_reason(exc)}") from None


def _connect(path: str | Path, read_only: bool) -> sqlite3.Connection:
    in_memory = str(path) == MEMORY
    if read_only:
        target, uri = f"{Path(path).resolve().as_uri()}?mode=ro", True
    else:
        if not in_memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        target, uri = str(path), False
    connection = sqlite3.connect(target, uri=uri, check_same_thread=False, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    if not (in_memory or read_only):
        connection.execute("PRAGMA journal_mode = WAL")
    return connection


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
