"""Reading and writing a store directly, as another program would, on either engine (a SQLite file or a
postgresql:// URL): rows come back as plain tuples, `?` placeholders work on both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg

from bot.store.database import is_server


def engine_of(location) -> str:
    return "postgresql" if is_server(location) else "sqlite"


def run_sql(location, sql: str, params: tuple = ()) -> list[tuple]:
    """Run one statement on the store at `location` and commit; its rows as tuples."""
    if is_server(location):
        with psycopg.connect(location, autocommit=True) as connection:
            cursor = connection.execute(sql.replace("?", "%s"), params)
            return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
    db = sqlite3.connect(location)
    try:
        rows = db.execute(sql, params).fetchall()
        db.commit()
    finally:
        db.close()
    return rows


def recorded(location) -> list[tuple[str, str]]:
    """The migration steps recorded, in the order they were recorded (the order rows were inserted)."""
    order = "ctid" if is_server(location) else "rowid"
    return run_sql(location, f"SELECT part, name FROM migrations ORDER BY {order}")


def tables(location) -> set[str]:
    if is_server(location):
        return {name for (name,) in run_sql(location, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    return {name for (name,) in run_sql(location, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def snapshot(location) -> object:
    """Everything a refusal must leave as it was: a file's bytes, or a server database's tables and steps."""
    if is_server(location):
        return sorted(tables(location)), run_sql(location, "SELECT part, name, applied FROM migrations ORDER BY ctid")
    return Path(location).read_bytes()
