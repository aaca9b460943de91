"""Which engine holds a store: a `postgresql://` URL is a PostgreSQL server, anything else a SQLite file."""

from __future__ import annotations

from collections.abc import Callable

from bot.store.database import Database, Location, is_server
from bot.store.sqlite import SQLiteDatabase, refuse_unwritable


def connect(location: Location, *, look_first: Callable[[Database], None] | None = None) -> Database:
    """The database at `location`, open for reading and writing.

    `look_first` sees an existing SQLite file read-only before it is opened for writing (which would already
    change it: the journal mode); a PostgreSQL database changes nothing on connecting, so it is not needed there.
    """
    if is_server(location):
        from bot.store.postgres import PostgresDatabase  # psycopg is loaded only where a server is used

        return PostgresDatabase(str(location))
    refuse_unwritable(location)
    if look_first is not None and SQLiteDatabase.exists(location):
        existing = SQLiteDatabase(location, read_only=True)
        try:
            look_first(existing)
        finally:
            existing.close()
    return SQLiteDatabase(location)
