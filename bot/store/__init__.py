"""The store: one file (SQLite) holding what briefbot has read and said, kept by named migrations.

`store.py` has the core tables' queries, `schema.py` their migrations, `migrations.py` the mechanism that runs
and records named steps (and recognises files from before it), `database.py` everything SQLite-specific.
"""

from bot.store.database import Database, StoreError
from bot.store.migrations import Migration
from bot.store.store import Store

__all__ = ["Database", "Migration", "Store", "StoreError"]
