"""The core store: sources, briefings, follow-up conversations and each source's experts, kept by named
migrations in a SQLite file or on a PostgreSQL server (bot/store/engines.py picks which from the location).

Other parts that keep tables of their own in the same store (the Discord adapter's memory of its posts) bring
them in with `Store.extend`, through the same migrations, and run their SQL on the database it returns.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from bot.models import Answer, Document
from bot.store.database import Database, Location, Row, StoreError, now
from bot.store.migrations import Migration, migrate, open_database
from bot.store.schema import MIGRATIONS, PART


class Store:
    """One store (a SQLite file, or a `postgresql://` URL); safe to share between threads.

    Every call blocks on the database: code on an event loop calls it through `asyncio.to_thread`.
    """

    def __init__(self, location: Location) -> None:
        self._db = open_database(location, PART, MIGRATIONS)

    def extend(self, part: str, migrations: Sequence[Migration]) -> Database:
        """Bring the tables of another part (an adapter's own) up to date in this store; its SQL runs on the result."""
        migrate(self._db, part, migrations)
        return self._db

    def close(self) -> None:
        self._db.close()

    # -- sources --------------------------------------------------------------------------------------
    def save_source(self, doc: Document) -> Document:
        """Store a source (or refresh it when the same id comes again); the stored copy, with its `added` time."""
        with self._db.transaction() as tx:
            existing = tx.execute("SELECT hash, added FROM sources WHERE id = ?", (doc.id,))
            added = existing["added"] if existing and existing["hash"] == doc.hash else now()
            if existing and existing["hash"] != doc.hash:  # a new text: the experts found in the old one go
                tx.execute("DELETE FROM expert_lists WHERE source_id = ?", (doc.id,))
            tx.execute(
                """INSERT INTO sources (id, url, title, site, author, published, text, hash, added, warnings,
                                          section)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET url=excluded.url, title=excluded.title, site=excluded.site,
                     author=excluded.author, published=excluded.published, text=excluded.text,
                     hash=excluded.hash, added=excluded.added, warnings=excluded.warnings,
                     section=excluded.section""",
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
                    doc.section,
                ),
            )
        return dataclasses.replace(doc, added=added, warnings=list(doc.warnings))

    def get_source(self, source_id: str) -> Document | None:
        row = self._db.row("SELECT * FROM sources WHERE id = ?", (source_id,))
        return _document(row) if row else None

    def get_sources(self, source_ids: Sequence[str]) -> list[Document]:
        """The stored sources with these ids, in the order of the ids (ids not stored are left out)."""
        if not source_ids:
            return []
        marks = ", ".join("?" for _ in source_ids)
        rows = self._db.rows(f"SELECT * FROM sources WHERE id IN ({marks})", tuple(source_ids))
        found = {row["id"]: _document(row) for row in rows}
        return [found[source_id] for source_id in source_ids if source_id in found]

    def find_sources(self, prefix: str) -> list[Document]:
        """Sources whose id starts with `prefix` (users may type a few characters of an id)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.rows("SELECT * FROM sources WHERE id LIKE ? ESCAPE '\\' ORDER BY added DESC", (escaped + "%",))
        return [_document(r) for r in rows]

    def list_sources(self, limit: int = 50) -> list[Document]:
        rows = self._db.rows("SELECT * FROM sources ORDER BY added DESC, id LIMIT ?", (limit,))
        return [_document(r) for r in rows]

    # -- briefings ------------------------------------------------------------------------------------
    def save_briefing(
        self, source_id: str, model: str, length: int, tone: str, briefing: str, experts: list[dict] | None
    ) -> int:
        """Keep a briefing as written (its experts as JSON); its id."""
        row = self._db.write(
            """INSERT INTO briefings (source_id, model, length, tone, briefing, experts, created)
               VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            (source_id, model, length, tone, briefing, None if experts is None else json.dumps(experts), now()),
        )
        return row["id"]

    def latest_briefing(self, source_id: str) -> str | None:
        """The text of the source's newest briefing, or None when it has never been briefed."""
        row = self._db.row(
            "SELECT briefing FROM briefings WHERE source_id = ? ORDER BY id DESC LIMIT 1", (source_id,)
        )
        return row["briefing"] if row else None

    def delete_source(self, source_id: str) -> bool:
        """Remove a source with everything kept about it (briefings, experts, conversations); whether it was there."""
        return self._db.write("DELETE FROM sources WHERE id = ? RETURNING id", (source_id,)) is not None

    # -- experts --------------------------------------------------------------------------------------
    def save_experts(self, source_id: str, experts: Sequence[dict]) -> None:
        """Keep a source's experts as found (`Expert.to_json` dicts), in place of those found before.

        A position found earlier stays when the new list has none for that person (`experts --no-positions`
        after a briefing): both were written from the same text.
        """
        with self._db.transaction() as tx:
            earlier = tx.rows("SELECT name, position FROM experts WHERE source_id = ?", (source_id,))
            positions = {row["name"]: row["position"] for row in earlier if row["position"]}
            tx.execute("DELETE FROM expert_lists WHERE source_id = ?", (source_id,))
            tx.execute("INSERT INTO expert_lists (source_id, found) VALUES (?, ?)", (source_id, now()))
            for seq, expert in enumerate(experts):
                position = expert.get("position") or positions.get(expert["name"])
                tx.execute(
                    """INSERT INTO experts (source_id, seq, name, role, position, evidence)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (source_id, seq, expert["name"], expert.get("role"), position, json.dumps(expert["evidence"])),
                )

    def set_position(self, source_id: str, name: str, position: str) -> None:
        """Keep the position written for one stored expert of a source."""
        self._db.write(
            "UPDATE experts SET position = ? WHERE source_id = ? AND name = ?", (position, source_id, name)
        )

    def experts_of(self, source_ids: Sequence[str] | None = None) -> list[dict]:
        """The stored experts of these sources (None: of every source), each as a dict with its `source_id`,
        the sources in the order they were stored, each one's in the order found."""
        where, params = _among("e.source_id", source_ids)
        rows = self._db.rows(
            f"""SELECT e.source_id, e.name, e.role, e.position, e.evidence FROM experts e
                JOIN sources s ON s.id = e.source_id {where} ORDER BY s.added, e.source_id, e.seq""",
            params,
        )
        return [{**dict(row), "evidence": json.loads(row["evidence"])} for row in rows]

    def without_experts(self, source_ids: Sequence[str] | None = None) -> list[str]:
        """The ids of these sources (None: of every source) whose experts have never been found and kept."""
        where, params = _among("s.id", source_ids)
        rows = self._db.rows(
            f"""SELECT s.id FROM sources s LEFT JOIN expert_lists e ON e.source_id = s.id
                {where} {'AND' if where else 'WHERE'} e.source_id IS NULL ORDER BY s.added, s.id""",
            params,
        )
        return [row["id"] for row in rows]

    # -- conversations --------------------------------------------------------------------------------
    def add_turn(self, conversation_id: str, answer: Answer) -> None:
        """Append a question and its answer to a conversation about `answer.source_id` (created if new)."""
        with self._db.transaction() as tx:
            row = tx.execute("SELECT source_id FROM conversations WHERE id = ?", (conversation_id,))
            if row is None:
                tx.execute(
                    "INSERT INTO conversations (id, source_id, created) VALUES (?, ?, ?)",
                    (conversation_id, answer.source_id, now()),
                )
            elif row["source_id"] != answer.source_id:
                raise StoreError(f"conversation {conversation_id} is about another source ({row['source_id']})")
            tx.execute(
                """INSERT INTO turns (conversation_id, question, answer, citations, not_covered, created)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    conversation_id,
                    answer.question,
                    answer.answer,
                    json.dumps(answer.citations),
                    int(answer.not_covered),
                    now(),
                ),
            )

    def conversation_source(self, conversation_id: str) -> str | None:
        row = self._db.row("SELECT source_id FROM conversations WHERE id = ?", (conversation_id,))
        return row["source_id"] if row else None

    def turns(self, conversation_id: str, limit: int = 20) -> list[Answer]:
        """The last `limit` turns of a conversation, oldest first."""
        rows = self._db.rows(
            """SELECT t.*, c.source_id FROM turns t JOIN conversations c ON c.id = t.conversation_id
               WHERE t.conversation_id = ? ORDER BY t.id DESC LIMIT ?""",
            (conversation_id, limit),
        )
        return [
            Answer(r["source_id"], r["question"], r["answer"], json.loads(r["citations"]), bool(r["not_covered"]))
            for r in reversed(rows)
        ]


def _among(column: str, values: Sequence[str] | None) -> tuple[str, tuple]:
    """A WHERE clause keeping rows whose `column` is one of `values` (none when `values` is None)."""
    if values is None:
        return "", ()
    if not values:
        return "WHERE 1 = 0", ()
    return f"WHERE {column} IN ({', '.join('?' for _ in values)})", tuple(values)


def _document(row: Row) -> Document:
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
        section=row["section"],
    )
