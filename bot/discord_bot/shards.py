"""Which of Discord's shards this process serves: `briefbot run --shard-count N --shards 0-3`.

Discord splits a bot's servers into `count` shards, a server going to shard `(guild_id >> 22) % count`, and
each gateway connection serves one shard. An operator runs several processes, each for its own shards, all on
one store; the shard count is the same in every process, the shard ids differ. A spelling that cannot be used
is a BriefbotError of one line naming the flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.models import BriefbotError

_PIECE = re.compile(r"^(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class Shards:
    """The total number of shards, and the ids this process connects (in order, each once)."""

    count: int
    ids: tuple[int, ...]

    def describe(self) -> str:
        return f"shards {', '.join(map(str, self.ids))} of {self.count}"


def shard_of(guild_id: int, count: int) -> int:
    """The shard Discord sends a server's events to."""
    return (guild_id >> 22) % count


def parse_shards(count: int | None, spec: str | None) -> Shards | None:
    """The shards named by --shard-count and --shards (None: no flag, one unsharded connection)."""
    if count is None:
        if spec is not None:
            raise BriefbotError("--shards needs --shard-count (the number of shards across all processes)")
        return None
    if count < 1:
        raise BriefbotError(f"--shard-count must be at least 1, not {count}")
    if spec is None:
        return Shards(count, tuple(range(count)))
    ids: list[int] = []
    for piece in spec.split(","):
        ids += _shard_range(piece.strip(), spec)
    beyond = [shard for shard in ids if shard >= count]
    if beyond:
        raise BriefbotError(
            f"--shards {spec}: shard {beyond[0]} is beyond --shard-count {count} (shards are 0 to {count - 1})"
        )
    if len(set(ids)) != len(ids):
        raise BriefbotError(f"--shards {spec} names a shard twice")
    return Shards(count, tuple(sorted(ids)))


def _shard_range(piece: str, spec: str) -> list[int]:
    match = _PIECE.match(piece)
    if match is None:
        raise BriefbotError(f"--shards must be shard numbers or ranges such as 0-3 or 0,2,4-5, not '{spec}'")
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) is not None else first
    if last < first:
        raise BriefbotError(f"--shards {spec}: the range {piece} runs backwards")
    return list(range(first, last + 1))
