"""Stopping cleanly: the replies still being written are known, so a stop can end each job and say so in it.

Every job that shows a live reply runs inside `Pending.track`. On SIGINT or SIGTERM the bot (bot.py) calls
`stop_jobs`: a job whose final pages are already out is let finish (it only remembers its posts and opens a
thread, a moment's work); every other job is cancelled, whether it is waiting in the queue, reading, or
generating (the caller stops the engine too, so the model stops at its next step), and its reply is edited
to say the bot is restarting. A request that arrives while the bot stops is told the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from bot.discord_bot.limits import Refusal
from bot.discord_bot.live import LiveReply

log = logging.getLogger(__name__)
RESTARTING = "I'm restarting, so I stopped before finishing this: please ask again in a minute."
FINISH_WAIT_S = 10.0  # a job past its final pages gets this long to remember its posts and open its thread
CANCEL_WAIT_S = 10.0  # a cancelled job gets this long to unwind before its reply is edited anyway


@dataclass
class Stopped:
    """What `stop_jobs` did: jobs let finish, jobs cancelled, and how many of their replies were edited."""

    finished: int = 0
    cancelled: int = 0
    told: int = 0


class Pending:
    """The jobs running now (each an asyncio task with its live reply), and whether the bot is stopping."""

    def __init__(self) -> None:
        self.stopping = False
        self._jobs: dict[asyncio.Task, LiveReply] = {}

    def __len__(self) -> int:
        return len(self._jobs)

    @contextlib.contextmanager
    def track(self, live: LiveReply) -> Iterator[None]:
        """Count the current task's job, shown in `live`, until it ends; a Refusal once the bot is stopping."""
        if self.stopping:
            raise Refusal(RESTARTING)
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("Pending.track is used outside a task")
        self._jobs[task] = live
        try:
            yield
        finally:
            self._jobs.pop(task, None)

    def cancel_unfinished(self) -> list[tuple[asyncio.Task, LiveReply]]:
        """Refuse new jobs and cancel every job whose final pages are not out yet; returns every job known."""
        self.stopping = True
        jobs = list(self._jobs.items())
        for task, live in jobs:
            if not live.final:
                task.cancel()
        return jobs

    async def stop_jobs(self, jobs: list[tuple[asyncio.Task, LiveReply]]) -> Stopped:
        """Wait for the jobs `cancel_unfinished` returned, and edit the replies of the cancelled ones."""
        stopped = Stopped()
        finishing = [task for task, live in jobs if live.final]
        cancelled = [(task, live) for task, live in jobs if not live.final]
        stopped.finished, stopped.cancelled = len(finishing), len(cancelled)
        waits = [_wait(finishing, FINISH_WAIT_S), _wait([task for task, _ in cancelled], CANCEL_WAIT_S)]
        await asyncio.gather(*waits)
        told = await asyncio.gather(*(live.interrupt(RESTARTING) for _, live in cancelled))
        stopped.told = sum(told)
        return stopped


async def _wait(tasks: list[asyncio.Task], timeout: float) -> None:
    if not tasks:
        return
    _, late = await asyncio.wait(tasks, timeout=timeout)
    for task in late:
        log.warning("a job did not end within %.0f s of the stop: %s", timeout, task.get_name())
        task.cancel()
