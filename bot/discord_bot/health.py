"""One health line per shard in the log: connected or not, ready or not, gateway latency, servers served.

A line is logged whenever a shard connects, becomes ready, resumes or drops, and for every shard every
`interval` seconds, so an operator running several shard processes can see each one's state in its log.
A bot without shards is shard 0 of 1, as Discord counts it.
"""

from __future__ import annotations

import asyncio
import logging
import math

import discord

log = logging.getLogger(__name__)
INTERVAL_S = 60.0


class ShardHealth:
    """Keeps which shards are ready (from the gateway's events) and writes their health lines."""

    def __init__(self, client: discord.Client, interval: float = INTERVAL_S) -> None:
        self.client = client
        self.interval = interval
        self.ready: set[int] = set()

    def shard_ids(self) -> list[int]:
        if isinstance(self.client, discord.AutoShardedClient):
            return sorted(self.client.shards) or list(self.client.shard_ids or ())
        return [0]

    def line(self, shard_id: int) -> str:
        """`shard 1/4: connected, ready, latency 41 ms, 12 servers`."""
        connected, latency, count = self._state(shard_id)
        servers = sum(1 for guild in self.client.guilds if (guild.shard_id or 0) == shard_id)
        return (
            f"shard {shard_id}/{count}: {'connected' if connected else 'disconnected'}, "
            f"{'ready' if shard_id in self.ready else 'not ready'}, "
            f"latency {'-' if math.isinf(latency) or math.isnan(latency) else f'{latency * 1000:.0f} ms'}, "
            f"{servers} server{'' if servers == 1 else 's'}"
        )

    def report(self, shard_id: int, *, became_ready: bool | None = None) -> None:
        """Note a change (ready, or no longer) and log the shard's line."""
        if became_ready is True:
            self.ready.add(shard_id)
        elif became_ready is False:
            self.ready.discard(shard_id)
        log.info("%s", self.line(shard_id))

    def listen_to(self, bot: discord.Client) -> None:
        """Hear the gateway's events on `bot` (per shard on a sharded bot; as shard 0 on one that is not)."""
        events = ("shard_ready", "shard_resumed", "shard_disconnect")
        if not isinstance(bot, discord.AutoShardedClient):
            events = ("ready", "resumed", "disconnect")
        for event, handler in zip(events, (self.shard_ready, self.shard_ready, self.shard_dropped), strict=True):
            bot.add_listener(handler if event.startswith("shard_") else _as_shard_zero(handler), f"on_{event}")

    async def shard_ready(self, shard_id: int) -> None:
        self.report(shard_id, became_ready=True)

    async def shard_dropped(self, shard_id: int) -> None:
        self.report(shard_id, became_ready=False)

    async def run(self) -> None:
        """Every `interval` seconds, each shard's line (until cancelled)."""
        while True:
            await asyncio.sleep(self.interval)
            for shard_id in self.shard_ids():
                log.info("%s", self.line(shard_id))

    def _state(self, shard_id: int) -> tuple[bool, float, int]:
        client = self.client
        if isinstance(client, discord.AutoShardedClient):
            shard = client.get_shard(shard_id)
            count = client.shard_count or 1
            if shard is None:
                return False, math.inf, count
            return not shard.is_closed(), shard.latency, count
        # an unsharded client is connected once its gateway has acknowledged a heartbeat (a finite latency)
        return not client.is_closed() and math.isfinite(client.latency), client.latency, 1


def _as_shard_zero(handler):
    """A listener for an unsharded bot's event (no shard id) that reports it as shard 0's."""

    async def on_event() -> None:
        await handler(0)

    return on_event
