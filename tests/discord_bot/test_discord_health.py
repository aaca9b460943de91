"""The health line each shard logs: connected or not, ready or not, latency, how many servers it serves."""

from __future__ import annotations

import logging
import math
import unittest.mock

import discord
import pytest

from bot.discord_bot.health import ShardHealth
from tests.helpers import MockGuild

pytestmark = pytest.mark.discord


def sharded_client(latencies: dict[int, float], closed: set[int] = frozenset()) -> unittest.mock.NonCallableMagicMock:
    client = unittest.mock.create_autospec(discord.AutoShardedClient, instance=True)
    client.shard_count = 4
    shards = {}
    for shard_id, latency in latencies.items():
        shard = unittest.mock.create_autospec(discord.ShardInfo, instance=True)
        shard.latency = latency
        shard.is_closed.return_value = shard_id in closed
        shards[shard_id] = shard
    client.shards = shards
    client.get_shard.side_effect = shards.get
    client.guilds = [MockGuild(shard_id=1), MockGuild(shard_id=1), MockGuild(shard_id=3)]
    return client


async def test_each_shard_s_line_says_whether_it_is_connected_and_ready_its_latency_and_servers(caplog):
    health = ShardHealth(sharded_client({1: 0.0412, 3: math.inf}, closed={3}))
    with caplog.at_level(logging.INFO, logger="bot.discord_bot.health"):
        await health.shard_ready(1)
        await health.shard_dropped(3)
    assert caplog.messages == [
        "shard 1/4: connected, ready, latency 41 ms, 2 servers",
        "shard 3/4: disconnected, not ready, latency -, 1 server",
    ]
    assert health.shard_ids() == [1, 3]


def test_a_bot_without_shards_is_shard_0_of_1():
    client = unittest.mock.create_autospec(discord.Client, instance=True)
    client.latency = 0.005
    client.is_closed.return_value = False
    client.guilds = [MockGuild(shard_id=None)]
    health = ShardHealth(client)
    health.report(0, became_ready=True)
    assert health.shard_ids() == [0]
    assert health.line(0) == "shard 0/1: connected, ready, latency 5 ms, 1 server"
