"""How many CPU threads the model runs on: `model.threads: auto` picks the cores that are actually free.

torch's threads wait for each other at every step of a forward pass, and on a core that another process is
using, a thread is descheduled while its partners spin: on a 2-core machine with one other busy process, two
threads made a briefing take 197 s against 43.5 s on one. So `auto` counts the cores this process may use
(its CPU affinity, capped by a cgroup CPU quota) and subtracts the cores other processes kept busy (from
/proc/stat, this process's own CPU time taken out), rounding to the nearest whole core; at least one thread.
It measures a short sample when the model loads, then looks again before each job over the time since its
last look, so a bot started on a quiet machine drops to one thread when another process comes and goes back
up when it leaves. Without /proc/stat (not Linux) the one-minute load average stands in, once.
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
SAMPLE_S = 0.3  # the sample taken when the model loads
RECHECK_S = 5.0  # before a job, the window since the last look must be at least this long to count
PROC_STAT = Path("/proc/stat")
CGROUP_QUOTA = Path("/sys/fs/cgroup/cpu.max")
_clock, _sleep = time.monotonic, time.sleep


@dataclass(frozen=True)
class ThreadChoice:
    """The threads chosen, and what they were chosen from (for the log)."""

    threads: int
    usable: int  # cores this process may run on
    busy: float  # cores other processes kept busy

    def describe(self) -> str:
        return f"{self.threads} (auto: {self.usable} usable cores, {self.busy:.1f} busy with other work)"


@dataclass(frozen=True)
class _Reading:
    busy_ticks: int
    all_ticks: int
    cores: int  # the machine's, as /proc/stat counts them
    own_cpu_s: float
    clock: float


class ModelThreads:
    """torch's thread count for a `model.threads` setting: a number as given (0: torch's default, every core),
    or `auto`: chosen when the model loads (`first`) and again before each job (`changed`). Each choice of
    `auto` is logged."""

    def __init__(self, setting: int | str) -> None:
        self.setting = setting
        self.count: int | None = None
        self._last: _Reading | None = None

    def first(self) -> int:
        """The count to load the model with (chosen once)."""
        if self.count is None:
            if self.setting != "auto":
                self.count = int(self.setting)
            else:
                choice = choose_threads()
                log.info("model threads: %s", choice.describe())
                self.count = choice.threads
                self._last = _reading()
        return self.count

    def changed(self) -> int | None:
        """Before a job: the new count when `auto` now chooses differently, else None."""
        if self.setting != "auto" or self._last is None:
            return None
        now = _reading()
        if now is None or now.clock - self._last.clock < RECHECK_S:
            return None
        busy, self._last = _busy_between(self._last, now), now
        choice = _choice(usable_cores(), busy)
        if choice.threads == self.count:
            return None
        log.info("model threads: %s, was %s", choice.describe(), self.count)
        self.count = choice.threads
        return self.count


def threads_for(setting: int | str) -> int:
    """The count for a `model.threads` setting, chosen now (for a one-off use: the embeddings of a client)."""
    return ModelThreads(setting).first()


def choose_threads(sample_s: float = SAMPLE_S) -> ThreadChoice:
    """The free cores over a sample of `sample_s` seconds taken now."""
    first = _reading()
    if first is None:
        try:
            busy = os.getloadavg()[0]
        except (AttributeError, OSError):
            busy = 0.0
        return _choice(usable_cores(), busy)
    _sleep(sample_s)
    second = _reading()
    return _choice(usable_cores(), _busy_between(first, second) if second else 0.0)


def busy_elsewhere(sample_s: float = SAMPLE_S) -> float:
    """Cores kept busy by other processes over a sample of `sample_s` seconds."""
    return choose_threads(sample_s).busy


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity, capped by a cgroup v2 CPU quota if one is set."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        quota, period = CGROUP_QUOTA.read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cores)


def _choice(usable: int, busy: float) -> ThreadChoice:
    return ThreadChoice(max(1, min(usable, math.floor(usable - busy + 0.5))), usable, busy)


def _busy_between(before: _Reading, after: _Reading) -> float:
    """Cores other processes kept busy between two readings: the machine's busy cores less this process's."""
    if after.all_ticks <= before.all_ticks:
        return 0.0
    busy_cores = after.cores * (after.busy_ticks - before.busy_ticks) / (after.all_ticks - before.all_ticks)
    own_cores = (after.own_cpu_s - before.own_cpu_s) / max(after.clock - before.clock, 1e-6)
    return max(0.0, busy_cores - own_cores)


def _reading() -> _Reading | None:
    """The machine's CPU ticks (busy and all, summed over its cores) from /proc/stat, and this process's CPU
    time, now; None without /proc/stat."""
    try:
        lines = PROC_STAT.read_text().splitlines()
    except OSError:
        return None
    cores = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
    total = next((line for line in lines if line.startswith("cpu ")), None)
    if total is None or not cores:
        return None
    ticks = [int(value) for value in total.split()[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and iowait
    counted = sum(ticks[:8])  # guest time is already inside user time
    return _Reading(counted - idle, counted, cores, _own_cpu_s(), _clock())


def _own_cpu_s() -> float:
    times = os.times()
    return times.user + times.system
