"""The store in a SQLite file (the embedded default): one connection, one lock, and every detail only SQLite has.

The connection's PRAGMAs, `BEGIN IMMEDIATE` (which also keeps two processes' migrations apart: SQLite lets one
writer in at a time), the catalogue (`sqlite_master`), the type of a key numbered on insert, and the number in
the file's header (`PRAGMA user_version`) that files kept before steps had names.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from bot.store.database import SERIAL_KEY, Params, Row, StoreError

MEMORY = ":memory:"
SERIAL = "INTEGER PRIMARY KEY AUTOINCREMENT"
HAS_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"


class SQLiteTransaction:
    """A transaction on the file's one connection (see `Transaction` in bot/store/database.py)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, params: Params = ()) -> Row | None:
        rows = self._connection.execute(sql, params).fetchall()
        return rows[0] if rows else None

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        return self._connection.execute(sql, params).fetchall()

    def define(self, statement: str) -> None:
        self._connection.execute(statement.replace(SERIAL_KEY, SERIAL))

    def has_table(self, name: str) -> bool:
        return self.execute(HAS_TABLE, (name,)) is not None

    def header_number(self) -> int:
        return self._connection.execute("PRAGMA user_version").fetchone()[0]

    def set_header_number(self, number: int) -> None:
        self._connection.execute(f"PRAGMA user_version = {int(number)}")


class SQLiteDatabase:
    """One SQLite file, safe to share between threads: one connection, one lock, errors as StoreErrors.

    `read_only` opens an existing file without the right to change it (to look at a file before deciding
    whether to upgrade or refuse it).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.label = str(path)
        self._lock = threading.RLock()
        if not read_only:
            refuse_unwritable(path)
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
        with self.transaction() as tx:
            return tx.execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[SQLiteTransaction]:
        with self._lock, self._errors():
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield SQLiteTransaction(self._connection)
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def schema_transaction(self) -> AbstractContextManager[SQLiteTransaction]:
        """`BEGIN IMMEDIATE` takes the file's one write lock, which another process's schema transaction waits for."""
        return self.transaction()

    def has_table(self, name: str) -> bool:
        return self.row(HAS_TABLE, (name,)) is not None

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
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY:  # any SQLITE_READONLY_*
                raise StoreError(f"the store {self.label} is read-only: {WRITABLE_HINT}") from None
            raise StoreError(f"the store {self.label}: {_reason(exc)}") from None


WRITABLE_HINT = "make it writable, or set storage.path to a file briefbot may write"


def refuse_unwritable(location: str | Path) -> None:
    """A StoreError, before SQLite is asked, when the file or the folder it keeps its journal in is read-only."""
    if str(location) == MEMORY:
        return
    path = Path(location)
    folder = _existing_folder(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"the store {path} is a read-only file: {WRITABLE_HINT}")
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        if path.exists():
            raise StoreError(
                f"the store {path} is in a read-only folder, where SQLite keeps its journal: {WRITABLE_HINT}"
            )
        raise StoreError(f"the store {path} cannot be created: the folder {folder} is read-only; {WRITABLE_HINT}")


def _existing_folder(path: Path) -> Path | None:
    """The nearest folder above `path` that exists (the one its missing folders would be made in)."""
    for folder in path.absolute().parents:
        if folder.is_dir():
            return folder
    return None


def _connect(path: str | Path, read_only: bool) -> sqlite3.Connection:
    in_memory = str(path) == MEMORY
    if read_only:
        target, uri = f"{Path(path).resolve().as_uri()}?{_read_only_mode(Path(path))}", True
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


def _read_only_mode(path: Path) -> str:
    """Look without changing anything, not even beside the file: with no WAL file there is nothing but the file
    to read, so SQLite may treat it as immutable (a WAL-mode file opened plainly read-only gets -shm and -wal
    files made beside it). With a WAL file, another briefbot may be writing: it is read through it as usual."""
    return "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
