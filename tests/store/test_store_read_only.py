"""Stores briefbot may not write get their own one-line messages, from the real command line run as a user
without the right to write (root may write anything, so as root the command runs as `nobody`); a store
from a newer briefbot is refused and left byte for byte as it was, with nothing added beside it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import Store, StoreError
from bot.store.migrations import NAMED_SCHEME

REPO = Path(__file__).resolve().parents[2]
HINT = "make it writable, or set storage.path to a file briefbot may write"


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder everyone may enter (pytest's own temporary folders are the owner's alone)."""
    path = Path(tempfile.mkdtemp(prefix="briefbot-ro-"))
    path.chmod(0o777)
    yield path
    for inner in [path, *path.rglob("*")]:
        inner.chmod(0o777)
    shutil.rmtree(path)


def as_unprivileged_user(folder: Path, store: Path) -> subprocess.CompletedProcess:
    """`briefbot sources` on `store`, run by a user the file permissions apply to."""
    config = folder / "config.yaml"
    config.write_text(f"storage:\n  path: {store}\n")
    config.chmod(0o644)
    command = [sys.executable, "-m", "bot", "sources", "--config", str(config)]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions cannot be tested")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder, timeout=120)


def a_store(path: Path) -> Path:
    Store(path).close()
    for extra in path.parent.glob(path.name + "-*"):  # the WAL's files go once the last connection closes
        extra.unlink()
    path.chmod(0o666)
    return path


def test_a_read_only_store_file_has_its_own_message(folder):
    store = a_store(folder / "briefbot.sqlite3")
    store.chmod(0o444)
    ran = as_unprivileged_user(folder, store)
    assert ran.returncode == 1
    assert ran.stderr == f"briefbot: the store {store} is a read-only file: {HINT}\n"


def test_a_store_in_a_read_only_folder_has_its_own_message(folder):
    (folder / "data").mkdir()
    store = a_store(folder / "data" / "briefbot.sqlite3")
    (folder / "data").chmod(0o555)
    ran = as_unprivileged_user(folder, store)
    assert ran.returncode == 1
    said = f"the store {store} is in a read-only folder, where SQLite keeps its journal: {HINT}"
    assert ran.stderr == f"briefbot: {said}\n"


def test_a_store_that_cannot_be_created_in_a_read_only_folder_has_its_own_message(folder):
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    store = locked / "sub" / "briefbot.sqlite3"
    ran = as_unprivileged_user(folder, store)
    assert ran.returncode == 1
    assert ran.stderr == f"briefbot: the store {store} cannot be created: the folder {locked} is read-only; {HINT}\n"


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_newer_store_is_refused_and_left_byte_for_byte_with_nothing_beside_it(folder, journal):
    store = folder / "briefbot.sqlite3"
    db = sqlite3.connect(store)
    db.execute(f"PRAGMA journal_mode = {journal}")
    db.execute("CREATE TABLE migrations (part TEXT, name TEXT, applied TEXT, PRIMARY KEY (part, name))")
    db.execute("INSERT INTO migrations VALUES ('core', 'from-the-future', '2030-01-01T00:00:00+00:00')")
    db.execute(f"PRAGMA user_version = {NAMED_SCHEME}")
    db.commit()
    db.close()
    before, listing = store.read_bytes(), sorted(p.name for p in folder.iterdir())
    with pytest.raises(StoreError) as refused:
        Store(store)
    assert "was written by a newer briefbot (its core steps from-the-future are unknown here)" in str(refused.value)
    assert store.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == listing
