"""The bot's memory: which Discord message or thread is about which source and conversation, and the users'
cooldowns. It is what bot processes must share: in the store, not in any process.

Its tables are the Discord adapter's own, brought into the store through the store's named migrations (part
"discord"); the core store knows nothing of them. Up to schema 4 they were the core store's (`chat_posts`,
`chat_threads`): such a file keeps its rows, so a reply to a briefing posted before an upgrade (or a restart,
or by another shard's process) still finds its source and conversation. A cooldown holds across processes
(one user is in servers served by different shards): starting one is a single conditional upsert, so two
processes cannot both let the same user in. Every call runs off the event loop.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.store import Database, Migration, Store
from bot.store.database import now

PART = "discord"
RECENT_LOOKUPS = 200  # messages whose follow-up lookup is kept, so both cogs' listeners share one
CLAIMS_BETWEEN_SWEEPS = 1000  # cooldowns started between two sweeps of the ones that have run out

MIGRATIONS: tuple[Migration, ...] = (
    # each post and thread tied to the source it is about (the core store's step 4 before steps had names)
    Migration(
        "posts-and-threads",
        (
            """CREATE TABLE chat_posts (
                id TEXT PRIMARY KEY,
                source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
                conversation_id TEXT,
                place TEXT NOT NULL,
                created TEXT NOT NULL
            )""",
            "CREATE INDEX chat_posts_place ON chat_posts (place, created)",
            """CREATE TABLE chat_threads (
                id TEXT PRIMARY KEY,
                source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
                conversation_id TEXT NOT NULL,
                created TEXT NOT NULL
            )""",
        ),
        number=4,
    ),
    # posts numbered in the order they are saved (a channel's latest article), tables named for their owner
    Migration(
        "numbered-posts",
        (
            """CREATE TABLE discord_posts (
                seq {serial_key},
                message_id TEXT NOT NULL UNIQUE,
                source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
                conversation_id TEXT,
                place TEXT NOT NULL,
                created TEXT NOT NULL
            )""",
            """INSERT INTO discord_posts (message_id, source_id, conversation_id, place, created)
               SELECT id, source_id, conversation_id, place, created FROM chat_posts
               ORDER BY created, CAST(id AS BIGINT)""",
            "DROP TABLE chat_posts",
            "CREATE INDEX discord_posts_place ON discord_posts (place, seq)",
            "ALTER TABLE chat_threads RENAME TO discord_threads",
        ),
    ),
    # when each user may next ask for a briefing or a question, shared by every bot process on the store
    Migration(
        "cooldowns",
        (
            """CREATE TABLE discord_cooldowns (
                action TEXT NOT NULL,
                user_id TEXT NOT NULL,
                ready_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (action, user_id)
            )""",
            "CREATE INDEX discord_cooldowns_ready ON discord_cooldowns (ready_at)",
        ),
    ),
)


@dataclass(frozen=True)
class ChatLink:
    """What a post or thread is about: a source, and the conversation when it is an answer or a thread."""

    source_id: str
    conversation_id: str | None


@dataclass(frozen=True)
class Followup:
    """A message that continues a conversation about one source."""

    source_id: str
    conversation: str


# The conversations of the Discord adapter, named by where they happen.
def reply_conversation(message_id: int) -> str:
    """A reply chain that starts with a reply (this message) to a briefing."""
    return f"discord:reply:{message_id}"


def thread_conversation(thread_id: int) -> str:
    return f"discord:thread:{thread_id}"


def ask_conversation(channel_id: int, user_id: int, source_id: str) -> str:
    """One user's /ask questions about one source in one channel."""
    return f"discord:ask:{channel_id}:{user_id}:{source_id}"


class Memory:
    """The posts and threads the bot has made, in the store's file, with the lookups the cogs need."""

    def __init__(self, store: Store) -> None:
        self._db: Database = store.extend(PART, MIGRATIONS)
        self._lookups: OrderedDict[int, asyncio.Future[Followup | None]] = OrderedDict()
        self._claims = 0

    # -- cooldowns --------------------------------------------------------------------------------------
    async def claim_cooldown(self, action: str, user_id: int, seconds: float, now: float) -> float:
        """Start the user's cooldown for `action` (`now` + `seconds`, wall-clock seconds) unless one is running;
        0 when it started, else the seconds left of the running one."""
        self._claims += 1
        sweep = self._claims % CLAIMS_BETWEEN_SWEEPS == 0
        return await asyncio.to_thread(self._claim, action, str(user_id), seconds, now, sweep)

    # -- posts ------------------------------------------------------------------------------------------
    async def remember_posts(
        self, message_ids: Sequence[int], source_id: str, place: int, conversation: str | None = None
    ) -> None:
        """These bot messages (in channel `place`) show a briefing of a source, or an answer in `conversation`."""
        await asyncio.to_thread(self._save_posts, [str(i) for i in message_ids], source_id, str(place), conversation)

    async def post(self, message_id: int) -> ChatLink | None:
        row = await asyncio.to_thread(
            self._db.row,
            "SELECT source_id, conversation_id FROM discord_posts WHERE message_id = ?",
            (str(message_id),),
        )
        return ChatLink(row["source_id"], row["conversation_id"]) if row else None

    async def recent_sources(self, place: int, limit: int) -> list[str]:
        """The ids of the sources briefed or discussed in one channel, the most recently posted about first."""
        rows = await asyncio.to_thread(
            self._db.rows,
            """SELECT source_id FROM discord_posts WHERE place = ?
               GROUP BY source_id ORDER BY MAX(seq) DESC LIMIT ?""",
            (str(place), limit),
        )
        return [row["source_id"] for row in rows]

    async def sources_in(self, places: Sequence[int]) -> list[str]:
        """The ids of the sources posted about in any of these channels, the most recently posted about first."""
        if not places:
            return []
        marks = ", ".join("?" for _ in places)
        rows = await asyncio.to_thread(
            self._db.rows,
            f"""SELECT source_id FROM discord_posts WHERE place IN ({marks})
                GROUP BY source_id ORDER BY MAX(seq) DESC""",
            tuple(str(place) for place in places),
        )
        return [row["source_id"] for row in rows]

    async def forget_posts(self, source_id: str, places: Sequence[int]) -> bool:
        """Forget the posts (and follow-up threads) about a source in these channels; whether any other channel
        still has a post about it."""
        return await asyncio.to_thread(self._forget_posts, source_id, [str(place) for place in places])

    # -- threads ----------------------------------------------------------------------------------------
    async def remember_thread(self, thread_id: int, source_id: str, conversation: str) -> None:
        """A thread given over to follow-up questions about one source (one conversation)."""
        await asyncio.to_thread(
            self._db.write,
            """INSERT INTO discord_threads (id, source_id, conversation_id, created) VALUES (?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET source_id=excluded.source_id,
                 conversation_id=excluded.conversation_id, created=excluded.created""",
            (str(thread_id), source_id, conversation, now()),
        )

    async def thread(self, thread_id: int) -> ChatLink | None:
        row = await asyncio.to_thread(
            self._db.row, "SELECT source_id, conversation_id FROM discord_threads WHERE id = ?", (str(thread_id),)
        )
        return ChatLink(row["source_id"], row["conversation_id"]) if row else None

    # -- which conversation a message continues -------------------------------------------------------
    async def followup_of(self, message: discord.Message) -> Followup | None:
        """The conversation a message continues: a reply to one of the bot's posts, or a follow-up thread.

        Both cogs' listeners ask about the same message; the lookup runs once and both hear its answer.
        """
        lookup = self._lookups.get(message.id)
        if lookup is None:
            lookup = asyncio.ensure_future(self._look_up(message))
            self._lookups[message.id] = lookup
            while len(self._lookups) > RECENT_LOOKUPS:
                self._lookups.popitem(last=False)
        return await asyncio.shield(lookup)

    async def _look_up(self, message: discord.Message) -> Followup | None:
        reference = message.reference
        if reference is not None and reference.message_id is not None:
            post = await self.post(reference.message_id)
            if post is not None:
                return Followup(post.source_id, post.conversation_id or reply_conversation(message.id))
        if isinstance(message.channel, discord.Thread):
            thread = await self.thread(message.channel.id)
            if thread is not None:
                return Followup(thread.source_id, thread.conversation_id or thread_conversation(message.channel.id))
        return None

    def _claim(self, action: str, user_id: str, seconds: float, now: float, sweep: bool) -> float:
        with self._db.transaction() as tx:
            if sweep:
                tx.execute("DELETE FROM discord_cooldowns WHERE ready_at <= ?", (now,))
            started = tx.execute(
                """INSERT INTO discord_cooldowns (action, user_id, ready_at) VALUES (?, ?, ?)
                   ON CONFLICT (action, user_id) DO UPDATE SET ready_at = excluded.ready_at
                   WHERE discord_cooldowns.ready_at <= ?
                   RETURNING ready_at""",
                (action, user_id, now + seconds, now),
            )
            if started is not None:
                return 0.0
            running = tx.execute(
                "SELECT ready_at FROM discord_cooldowns WHERE action = ? AND user_id = ?", (action, user_id)
            )
            return running["ready_at"] - now

    def _forget_posts(self, source_id: str, places: list[str]) -> bool:
        marks = ", ".join("?" for _ in places)
        with self._db.transaction() as tx:
            tx.execute(f"DELETE FROM discord_posts WHERE source_id = ? AND place IN ({marks})", (source_id, *places))
            tx.execute(f"DELETE FROM discord_threads WHERE source_id = ? AND id IN ({marks})", (source_id, *places))
            return tx.execute("SELECT 1 FROM discord_posts WHERE source_id = ? LIMIT 1", (source_id,)) is not None

    def _save_posts(self, message_ids: list[str], source_id: str, place: str, conversation: str | None) -> None:
        with self._db.transaction() as tx:
            for message_id in message_ids:
                tx.execute(
                    """INSERT INTO discord_posts (message_id, source_id, conversation_id, place, created)
                       VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (message_id) DO UPDATE SET source_id=excluded.source_id,
                         conversation_id=excluded.conversation_id, place=excluded.place""",
                    (message_id, source_id, conversation, place, now()),
                )
