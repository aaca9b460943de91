"""The core store's tables, as the named steps that build them: sources, briefings, follow-up conversations,
and each source's experts.

A released step never changes; a new table or column is a new step at the end. Steps 1 to 3 had those numbers
before steps had names. (Number 4 made the tables of the bot's Discord posts and threads, which are now the
Discord adapter's own: bot/discord_bot/memory.py.)
"""

from __future__ import annotations

from bot.store.migrations import Migration

PART = "core"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "sources-and-briefings",
        (
            """CREATE TABLE sources (
                id TEXT PRIMARY KEY,
                url TEXT,
                title TEXT,
                site TEXT,
                author TEXT,
                published TEXT,
                text TEXT NOT NULL,
                hash TEXT NOT NULL,
                added TEXT NOT NULL
            )""",
            "CREATE INDEX sources_added ON sources (added)",
            """CREATE TABLE briefings (
                id {serial_key},
                source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
                model TEXT NOT NULL,
                length INTEGER NOT NULL,
                tone TEXT NOT NULL,
                briefing TEXT NOT NULL,
                experts TEXT,
                created TEXT NOT NULL
            )""",
            "CREATE INDEX briefings_source ON briefings (source_id)",
        ),
        number=1,
    ),
    # where a source came from (its warnings), kept so a re-read shows the same notices
    Migration("source-warnings", ("ALTER TABLE sources ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'",), number=2),
    # follow-up conversations about one source, turn by turn
    Migration(
        "conversations",
        (
            """CREATE TABLE conversations (
                id TEXT PRIMARY KEY,
                source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
                created TEXT NOT NULL
            )""",
            """CREATE TABLE turns (
                id {serial_key},
                conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                citations TEXT NOT NULL,
                not_covered INTEGER NOT NULL,
                created TEXT NOT NULL
            )""",
            "CREATE INDEX turns_conversation ON turns (conversation_id, id)",
        ),
        number=3,
    ),
    # each source's experts as last found (name, role, position, verbatim evidence): one person across sources
    Migration(
        "source-experts",
        (
            """CREATE TABLE expert_lists (
                source_id TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
                found TEXT NOT NULL
            )""",
            """CREATE TABLE experts (
                source_id TEXT NOT NULL REFERENCES expert_lists (source_id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                name TEXT NOT NULL,
                role TEXT,
                position TEXT,
                evidence TEXT NOT NULL,
                PRIMARY KEY (source_id, seq)
            )""",
        ),
    ),
    # the section a web page says it belongs to ("Opinion"): an opinion piece is briefed thesis first
    Migration("source-section", ("ALTER TABLE sources ADD COLUMN section TEXT",)),
)
