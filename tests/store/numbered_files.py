"""Store files as briefbot wrote them before named migrations (schema numbers 1 to 4 in PRAGMA user_version).

The schema is copied from bot/store.py at fc00487, the last release that numbered its migrations, so these
files are what users' disks hold; tests upgrade them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# bot/store.py at fc00487, verbatim
NUMBERED_SCHEMA_AT_FC00487: list[str] = [
    # 1: sources and briefings
    """
    CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        url TEXT,
        title TEXT,
        site TEXT,
        author TEXT,
        published TEXT,
        text TEXT NOT NULL,
        hash TEXT NOT NULL,
        added TEXT NOT NULL
    );
    CREATE INDEX sources_added ON sources (added);
    CREATE TABLE briefings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        length INTEGER NOT NULL,
        tone TEXT NOT NULL,
        briefing TEXT NOT NULL,
        experts TEXT,
        created TEXT NOT NULL
    );
    CREATE INDEX briefings_source ON briefings (source_id);
    """,
    # 2: where a source came from (its warnings), kept so a re-read shows the same notices
    """
    ALTER TABLE sources ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
    """,
    # 3: follow-up conversations about one source, turn by turn
    """
    CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        created TEXT NOT NULL
    );
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        not_covered INTEGER NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX turns_conversation ON turns (conversation_id, id);
    """,
    # 4: chat posts (the bot's messages in Discord) and chat threads, each tied to the source it is about,
    # so a reply to a briefing posted before a restart still finds its source and conversation
    """
    CREATE TABLE chat_posts (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        conversation_id TEXT,
        place TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX chat_posts_place ON chat_posts (place, created);
    CREATE TABLE chat_threads (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        conversation_id TEXT NOT NULL,
        created TEXT NOT NULL
    );
    """,
]


ADDED = "2026-01-01T00:00:00+00:00"


def numbered_store(path: Path, number: int) -> Path:
    """A store file at schema `number` (1 to 4), as the numbering briefbot left it (in WAL mode), with no rows."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    for script in NUMBERED_SCHEMA_AT_FC00487[:number]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {number}")
    db.commit()
    db.close()
    return path


def add_source(path: Path, source_id: str, text: str, title: str | None = None) -> None:
    """A source row as the numbering briefbot wrote it (without the warnings column before schema 2)."""
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO sources (id, url, title, site, author, published, text, hash, added) "
        "VALUES (?, NULL, ?, NULL, NULL, NULL, ?, 'h', ?)",
        (source_id, title, text, ADDED),
    )
    db.commit()
    db.close()
