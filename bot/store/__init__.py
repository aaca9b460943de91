"""The store: what briefbot has read and said, kept by named migrations in a SQLite file (the embedded
default) or on a PostgreSQL server that several bot processes share.

`store.py` has the core tables' queries, `schema.py` their migrations, `migrations.py` the mechanism that runs
and records named steps (and recognises files from before it), `database.py` what the store asks of an engine,
`engines.py` which engine a location names, `sqlite.py` and `postgres.py` everything engine-specific.
"""

from bot.store.database import Database, StoreError
from bot.store.migrations import Migration
from bot.store.store import Store

__all__ = ["Database", "Migration", "Store", "StoreError"]
