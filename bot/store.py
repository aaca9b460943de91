"""SQLite storage for sources, briefings and conversations, with numbered migrations.

The schema version lives in `PRAGMA user_version`; each migration moves it up by one and runs in a transaction,
so an old file is upgraded in place the first time a newer briefbot opens it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.models import Answer, BriefbotError, Document

MIGRATIONS: list[str] = [
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


class StoreError(BriefbotError):
    pass


@dataclass(frozen=True)
class ChatLink:
    """What a chat message or thread is about: a source, and the conversation when it is an answer."""

    source_id: str
    conversation_id: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One SQLite file; safe to share between threads (one connection, one lock)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 5000")
            if str(path) != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from None
        self._lock = threading.RLock()
        self.migrate()

    # -- schema ---------------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self, migrations: list[str] | None = None) -> None:
        migrations = MIGRATIONS if migrations is None else migrations
        with self._lock:
            current = self.version
            if current > len(migrations):
                raise StoreError(
                    f"the store {self.path} was written by a newer briefbot (schema {current}); upgrade briefbot"
                )
            for number, script in enumerate(migrations[current:], start=current + 1):
                self._transaction(lambda db, s=script, n=number: _run_migration(db, s, n))

    def _transaction(self, work: Callable[[sqlite3.Connection], object]) -> object:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- sources --------------------------------------------------------------------------------------
    def save_source(self, doc: Document) -> Document:
        """Store a source (or refresh it when the same id comes again) and return it with its `added` time."""
        existing = self.get_source(doc.id)
        added = existing.added if existing and existing.hash == doc.hash else _now()
        self._transaction(
            lambda db: db.execute(
                """INSERT INTO sources (id, url, title, site, author, published, text, hash, added, warnings)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET url=excluded.url, title=excluded.title, site=excluded.site,
                     author=excluded.author, published=excluded.published, text=excluded.text,
                     hash=excluded.hash, added=excluded.added, warnings=excluded.warnings""",
                (
                    doc.id,
                    doc.url,
                    doc.title,
                    doc.site,
                    doc.author,
                    doc.published,
                    doc.text,
                    doc.hash,
                    added,
                    json.dumps(doc.warnings),
                ),
            )
        )
        doc.added = added
        return doc

    def get_source(self, source_id: str) -> Document | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
        return _document(row) if row else None

    def find_sources(self, prefix: str) -> list[Document]:
        """Sources whose id starts with `prefix` (users may type a few characters of an id)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM sources WHERE id LIKE ? ESCAPE '\\' ORDER BY added DESC",
                (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            ).fetchall()
        return [_document(r) for r in rows]

    def list_sources(self, limit: int = 50) -> list[Document]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM sources ORDER BY added DESC, id LIMIT ?", (limit,)).fetchall()
        return [_document(r) for r in rows]

    # -- briefings ------------------------------------------------------------------------------------
    def save_briefing(
        self, source_id: str, model: str, length: int, tone: str, briefing: str, experts: list[dict] | None
    ) -> int:
        return self._transaction(
            lambda db: (
                db.execute(
                    """INSERT INTO briefings (source_id, model, length, tone, briefing, experts, created)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (
                        source_id,
                        model,
                        length,
                        tone,
                        briefing,
                        None if experts is None else json.dumps(experts),
                        _now(),
                    ),
                ).lastrowid
            )
        )

    def latest_briefing(self, source_id: str) -> dict | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM briefings WHERE source_id = ? ORDER BY id DESC LIMIT 1", (source_id,)
            ).fetchone()
        if row is None:
            return None
        result = dict(row)
        result["experts"] = json.loads(row["experts"]) if row["experts"] else None
        return result

    # -- conversations --------------------------------------------------------------------------------
    def add_turn(self, conversation_id: str, answer: Answer) -> None:
        """Append a question and its answer to a conversation about `answer.source_id` (created if new)."""

        def work(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT source_id FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO conversations (id, source_id, created) VALUES (?, ?, ?)",
                    (conversation_id, answer.source_id, _now()),
                )
            elif row["source_id"] != answer.source_id:
                raise StoreError(f"conversation {conversation_id} is about another source ({row['source_id']})")
            db.execute(
                """INSERT INTO turns (conversation_id, question, answer, citations, not_covered, created)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    conversation_id,
                    answer.question,
                    answer.answer,
                    json.dumps(answer.citations),
                    int(answer.not_covered),
                    _now(),
                ),
            )

        self._transaction(work)

    def conversation_source(self, conversation_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT source_id FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        return row["source_id"] if row else None

    def turns(self, conversation_id: str, limit: int = 20) -> list[Answer]:
        """The last `limit` turns of a conversation, oldest first."""
        with self._lock:
            rows = self._db.execute(
                """SELECT t.*, c.source_id FROM turns t JOIN conversations c ON c.id = t.conversation_id
                   WHERE t.conversation_id = ? ORDER BY t.id DESC LIMIT ?""",
                (conversation_id, limit),
            ).fetchall()
        return [
            Answer(r["source_id"], r["question"], r["answer"], json.loads(r["citations"]), bool(r["not_covered"]))
            for r in reversed(rows)
        ]

    # -- chat posts and threads -----------------------------------------------------------------------
    def save_post(self, post_id: str, source_id: str, place: str, conversation_id: str | None = None) -> None:
        """Remember that a bot message (`post_id`, in channel `place`) shows a briefing of, or an answer about,
        a source; an answer also names its conversation."""
        self._transaction(
            lambda db: db.execute(
                """INSERT INTO chat_posts (id, source_id, conversation_id, place, created) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET source_id=excluded.source_id,
                     conversation_id=excluded.conversation_id, place=excluded.place""",
                (post_id, source_id, conversation_id, place, _now()),
            )
        )

    def get_post(self, post_id: str) -> ChatLink | None:
        with self._lock:
            row = self._db.execute(
                "SELECT source_id, conversation_id FROM chat_posts WHERE id = ?", (post_id,)
            ).fetchone()
        return ChatLink(row["source_id"], row["conversation_id"]) if row else None

    def save_thread(self, thread_id: str, source_id: str, conversation_id: str) -> None:
        """Remember a chat thread given over to follow-up questions about one source."""
        self._transaction(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO chat_threads (id, source_id, conversation_id, created) VALUES (?, ?, ?, ?)",
                (thread_id, source_id, conversation_id, _now()),
            )
        )

    def get_thread(self, thread_id: str) -> ChatLink | None:
        with self._lock:
            row = self._db.execute(
                "SELECT source_id, conversation_id FROM chat_threads WHERE id = ?", (thread_id,)
            ).fetchone()
        return ChatLink(row["source_id"], row["conversation_id"]) if row else None

    def place_sources(self, place: str, limit: int = 25) -> list[Document]:
        """The sources briefed or discussed in one channel, most recent first."""
        with self._lock:
            rows = self._db.execute(
                """SELECT s.* FROM sources s
                   JOIN (SELECT source_id, MAX(rowid) AS latest FROM chat_posts WHERE place = ? GROUP BY source_id) p
                     ON p.source_id = s.id
                   ORDER BY p.latest DESC LIMIT ?""",
                (place, limit),
            ).fetchall()
        return [_document(r) for r in rows]


def _run_migration(db: sqlite3.Connection, script: str, number: int) -> None:
    for statement in (s.strip() for s in script.split(";")):
        if statement:
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {number}")


def _document(row: sqlite3.Row) -> Document:
    return Document(
        text=row["text"],
        input=row["url"] or row["id"],
        url=row["url"],
        title=row["title"],
        site=row["site"],
        author=row["author"],
        published=row["published"],
        warnings=json.loads(row["warnings"]),
        id=row["id"],
        added=row["added"],
    )
