"""The store on a PostgreSQL server: a wrong URL or a server out of reach is one line without the password;
four processes starting together on one new database run each migration step once, and none of them fails."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.discord_bot.memory import MIGRATIONS as DISCORD_STEPS
from bot.store import Store, StoreError
from bot.store.schema import MIGRATIONS as CORE_STEPS
from tests.store.direct_sql import recorded

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_server_out_of_reach_is_one_line_naming_it_without_the_password():
    port = unused_port()
    with pytest.raises(StoreError) as refusal:
        Store(f"postgresql://briefbot:s3cret-pw@127.0.0.1:{port}/briefbot")
    assert str(refusal.value) == (
        f"cannot reach the store postgresql://briefbot@127.0.0.1:{port}/briefbot: Connection refused"
    )


def test_a_url_that_cannot_be_read_is_one_line_without_echoing_it():
    with pytest.raises(StoreError) as refusal:
        Store("postgresql://briefbot:s3cret-pw@127.0.0.1:notaport/briefbot")
    assert "s3cret-pw" not in str(refusal.value)
    assert str(refusal.value).startswith("cannot reach the store postgresql://briefbot@127.0.0.1:notaport/briefbot: ")
    assert "\n" not in str(refusal.value)


def test_a_database_that_does_not_exist_is_named_in_one_line(postgres_cluster):
    url = postgres_cluster.url("no_such_database").replace("postgres@", "postgres:pw-x@")
    with pytest.raises(StoreError) as refusal:
        Store(url)
    assert str(refusal.value) == (
        f'cannot reach the store {postgres_cluster.url("no_such_database")}: database "no_such_database" does not exist'
    )


def test_the_command_line_says_in_one_line_that_the_server_is_out_of_reach(tmp_path, capsys, write_config):
    port = unused_port()
    write_config({"storage": {"url": f"postgresql://bot:s3cret-pw@127.0.0.1:{port}/briefbot"}})
    code = main(["sources", "--config", str(tmp_path / "config.yaml")])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"briefbot: cannot reach the store postgresql://bot@127.0.0.1:{port}/briefbot: Connection refused\n"


def test_the_command_line_stores_on_the_server_it_is_given(postgres_database, write_config, capsys, tmp_path):
    url = postgres_database
    settings = write_config({"storage": {"url": url}})
    sample = ROOT / "samples" / "harbour-bridge.txt"
    assert main(["read", str(sample), "--json", "--config", str(tmp_path / "config.yaml")]) == 0
    read = json.loads(capsys.readouterr().out)
    assert main(["sources", "--json", "--config", str(tmp_path / "config.yaml")]) == 0
    (listed,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed["id"] == read["source"]["id"]
    assert not (Path(settings.storage.path)).exists()  # the SQLite file is not used beside the server


OPEN_AT = """
import json, sys, time
from bot.store import Store
from bot.discord_bot.memory import Memory
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all start migrating at the same moment
store = Store(sys.argv[1])
Memory(store)
store.close()
print(json.dumps({"ok": True}))
"""


def test_four_processes_starting_together_run_each_step_once_and_none_fails(postgres_database):
    url = postgres_database
    start_at = time.time() + 4.0  # after every process has imported briefbot
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AT, url, str(start_at)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * PROCESSES, [err for _, err in results]
    assert [out.strip() for out, _ in results] == ['{"ok": true}'] * PROCESSES
    assert [err for _, err in results] == [""] * PROCESSES
    expected = [("core", step.name) for step in CORE_STEPS] + [("discord", step.name) for step in DISCORD_STEPS]
    assert recorded(url) == expected  # each step once, in order
