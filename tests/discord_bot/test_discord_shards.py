"""`briefbot run --shard-count N --shards IDS`: which shards a process serves, and one line for what cannot be used."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.discord_bot.shards import Shards, parse_shards, shard_of
from bot.models import BriefbotError

pytestmark = pytest.mark.discord


@pytest.mark.parametrize(
    ("count", "spec", "ids"),
    [(4, "0-3", (0, 1, 2, 3)), (4, "2", (2,)), (8, "6,0-1", (0, 1, 6)), (3, None, (0, 1, 2)), (1, "0", (0,))],
)
def test_shards_are_a_number_a_range_or_a_list_of_them(count, spec, ids):
    assert parse_shards(count, spec) == Shards(count, ids)


def test_without_flags_there_are_no_shards():
    assert parse_shards(None, None) is None


@pytest.mark.parametrize(
    ("count", "spec", "message"),
    [
        (None, "0-1", "--shards needs --shard-count (the number of shards across all processes)"),
        (0, None, "--shard-count must be at least 1, not 0"),
        (2, "0-3", "--shards 0-3: shard 2 is beyond --shard-count 2 (shards are 0 to 1)"),
        (4, "3-1", "--shards 3-1: the range 3-1 runs backwards"),
        (4, "a-b", "--shards must be shard numbers or ranges such as 0-3 or 0,2,4-5, not 'a-b'"),
        (4, "0,0", "--shards 0,0 names a shard twice"),
    ],
)
def test_shards_that_cannot_be_used_are_one_line_naming_the_flag(count, spec, message):
    with pytest.raises(BriefbotError) as refusal:
        parse_shards(count, spec)
    assert str(refusal.value) == message


def test_a_server_goes_to_the_shard_discord_s_formula_gives():
    guild_id = 1_100_000_000_000_000_000
    assert shard_of(guild_id, 1) == 0
    assert shard_of(guild_id, 2) == (guild_id >> 22) % 2
    assert {shard_of(guild_id + (n << 22), 2) for n in range(2)} == {0, 1}


def test_the_command_line_refuses_bad_shards_in_one_line_before_looking_for_the_token(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DISCORD_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--shard-count", "2", "--shards", "5"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr == "briefbot: --shards 5: shard 5 is beyond --shard-count 2 (shards are 0 to 1)\n"
