"""How many CPU threads the model runs on: `model.threads: auto` picks the cores that are actually free.

torch's threads wait for each other at every step of a forward pass, and on a core that another process is
using, a thread is descheduled while its partners spin: on a 2-core machine with one other busy process, two
threads made a briefing take 197 s against 43.5 s on one. So `auto` counts the cores this process may use
(its CPU affinity, capped by a cgroup CPU quota) and subtracts the cores other processes kept busy over a
short sample of /proc/stat (this process's own CPU time taken out), rounding to the nearest whole core; at
least one thread. Without /proc/stat (not Linux) the one-minute load average stands in for the sample.
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
SAMPLE_S = 0.3
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


def threads_for(setting: int | str) -> int:
    """torch's thread count for a `model.threads` setting: a number as given (0: torch's default, all
    cores), or `auto`: the free cores, measured now (and logged)."""
    if setting != "auto":
        return int(setting)
    choice = choose_threads()
    log.info("model threads: %s", choice.describe())
    return choice.threads


def choose_threads(sample_s: float = SAMPLE_S) -> ThreadChoice:
    usable = usable_cores()
    busy = busy_elsewhere(sample_s)
    return ThreadChoice(max(1, min(usable, math.floor(usable - busy + 0.5))), usable, busy)


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


def busy_elsewhere(sample_s: float) -> float:
    """Cores kept busy by other processes over `sample_s` seconds (the load average where /proc/stat is not)."""
    first = _cpu_ticks()
    if first is None:
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):
            return 0.0
    own_first, started = _own_cpu_s(), _clock()
    _sleep(sample_s)
    second = _cpu_ticks()
    if second is None:
        return 0.0
    own_cores = (_own_cpu_s() - own_first) / max(_clock() - started, 1e-6)
    (busy_before, all_before, cores), (busy_after, all_after, _) = first, second
    if all_after <= all_before:
        return 0.0
    busy_cores = cores * (busy_after - busy_before) / (all_after - all_before)
    return max(0.0, busy_cores - own_cores)


def _cpu_ticks() -> tuple[int, int, int] | None:
    """(busy ticks, all ticks, cores) summed over the machine's cores, from /proc/stat."""
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
    return counted - idle, counted, cores


def _own_cpu_s() -> float:
    times = os.times()
    return times.user + times.system
