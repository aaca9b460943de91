"""A throwaway PostgreSQL server for the tests: `initdb` in a temporary folder, started by `pg_ctl` on a free
loopback port, one new database per test (`new_database` gives its URL, `drop_database` removes it), stopped
and removed at the end.

The binaries are looked for on PATH, then in Debian's /usr/lib/postgresql/*/bin. PostgreSQL refuses to run as
root, so as root the cluster belongs to the `postgres` user (its folder too) and runs through `runuser`.
Durability is switched off (fsync, synchronous commit): the data lives as long as the test session.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "postgres"
SETTINGS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def why_not_available() -> str | None:
    """Why no cluster can be started here (a line for a skip), or None when one can."""
    if find_binaries() is None:
        return "PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, so PostgreSQL cannot be started as another user"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return f"running as root and there is no '{SUPERUSER}' user to run PostgreSQL as"
    return None


class PostgresCluster:
    """One running server; `new_database()` makes an empty database and gives its postgresql:// URL."""

    def __init__(self) -> None:
        self.bindir = find_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="briefbot-pg-"))
        self.port = _free_port()
        self._count = 0
        if os.geteuid() == 0:
            shutil.chown(self.folder, SUPERUSER)

    def start(self) -> PostgresCluster:
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", SUPERUSER, "--no-sync", "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 {SETTINGS}"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        self._count += 1
        name = f"test_{self._count}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Remove a database made by `new_database` (its connections are ended first), keeping the cluster small."""
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.folder)
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text() if log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()} {detail[-2000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
