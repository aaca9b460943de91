"""`briefbot run` as a real process, pointed at the fake Discord, with its log read line by line as it comes.

The process is started as

    python -c "import sys, yarl, discord.http as h, discord.gateway as g; h.Route.BASE = sys.argv[1];
               g.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2]); from bot.cli import main; …" API WS CONFIG

with DISCORD_TOKEN set to the fake's token: discord.py runs unmodified and talks to the loopback server, and
briefbot holds no test hook of any kind. Both addresses are set because discord.py 2.7 asks `GET /gateway/bot`
for the gateway only when it picks the shard count itself; a bot without shards, or given its shard count (as
`briefbot run --shard-count` gives it), connects to the built-in `DEFAULT_GATEWAY`. The checkout under test
comes first on PYTHONPATH; the process runs in the test's own folder, so nothing is written into the checkout.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from pathlib import Path

from tests.e2e.discord_server import TOKEN

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = (
    "import sys, yarl, discord.http as h, discord.gateway as g; h.Route.BASE = sys.argv[1]; "
    "g.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2]); from bot.cli import main; "
    "raise SystemExit(main(['run', '--config', sys.argv[3], *sys.argv[4:]]))"
)


class BotProcess:
    """One `briefbot run` process; `lines` is its standard error so far, each line with when it arrived."""

    def __init__(self, api_base: str, gateway: str, config: Path, *args: str, cwd: Path, name: str = "bot") -> None:
        self.api_base = api_base
        self.gateway = gateway
        self.config = config
        self.args = args
        self.cwd = cwd
        self.name = name
        self.lines: list[tuple[float, str]] = []
        self.started = 0.0
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None
        self._new_line = asyncio.Condition()

    async def start(self) -> BotProcess:
        env = {
            **os.environ,
            "DISCORD_TOKEN": TOKEN,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "PYTHONUNBUFFERED": "1",
            "HF_HUB_OFFLINE": "1",
        }
        self.started = time.monotonic()
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            LAUNCH,
            self.api_base,
            self.gateway,
            str(self.config),
            *self.args,
            cwd=self.cwd,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read())
        return self

    async def wait_for_line(self, pattern: str, timeout: float = 120.0) -> tuple[float, str]:
        """The first log line matching `pattern` (a regular expression), with when it arrived."""
        found: list[tuple[float, str]] = []
        expression = re.compile(pattern)

        def seen() -> bool:
            found[:] = [(at, line) for at, line in self.lines if expression.search(line)][:1]
            return bool(found) or self.returncode is not None

        async with self._new_line:
            try:
                await asyncio.wait_for(self._new_line.wait_for(seen), timeout)
            except TimeoutError:
                raise AssertionError(f"{self.name} logged no line matching {pattern!r}:\n{self.log()}") from None
        if not found:
            raise AssertionError(f"{self.name} ended ({self.returncode}) before {pattern!r}:\n{self.log()}")
        return found[0]

    def matching(self, pattern: str) -> list[str]:
        expression = re.compile(pattern)
        return [line for _, line in self.lines if expression.search(line)]

    def log(self) -> str:
        return "\n".join(line for _, line in self.lines[-80:])

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.returncode

    async def stop(self, timeout: float = 20.0, how: signal.Signals = signal.SIGINT) -> int:
        """Interrupt the process as Ctrl-C would (or send it `how`: SIGTERM, as `docker stop` does), and wait for
        it to end (killed if it does not)."""
        process = self._process
        if process is None:
            return 0
        if process.returncode is None:
            process.send_signal(how)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._reader is not None:
            await self._reader
        return process.returncode

    async def _read(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        async for raw in self._process.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            async with self._new_line:
                self.lines.append((time.monotonic(), line))
                self._new_line.notify_all()
        await self._process.wait()
        async with self._new_line:
            self._new_line.notify_all()
