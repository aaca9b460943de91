"""A whole deployment on loopback, for end-to-end tests: the fake Discord, an article site, bot configs, and the
`briefbot run` processes started against them (each stopped by `close`).

    deployment = await Deployment(folder, tiny_model_dir).start()
    guild, channel, reader = deployment.place("News")          # a server with a channel and a member
    config = deployment.config(storage={"url": url})            # the tiny model, the site allowlisted, no cooldowns
    bot = await deployment.start_bot(config, "--shard-count", "2", "--shards", "0", name="shard 0")
    await deployment.ready(bot)                                  # its shards connected and it logged on_ready
    ...
    await deployment.close()
"""

from __future__ import annotations

from pathlib import Path

import yaml
from aiohttp import web

from tests.e2e.bot_process import ROOT, BotProcess
from tests.e2e.discord_server import FakeDiscord, Guild, Json

SAMPLE = ROOT / "samples" / "harbour-bridge.txt"


def article_page() -> str:
    """The sample article as a news site serves it."""
    title, body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)
    paragraphs = "".join(f"<p>{p.strip()}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title><meta name='author' content='Sam Reporter'></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


class ArticleSite:
    """A news site on loopback with the sample article at /harbour-bridge."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> ArticleSite:
        page = article_page()

        async def serve(request: web.Request) -> web.Response:
            return web.Response(text=page, content_type="text/html")

        app = web.Application()
        app.router.add_get("/harbour-bridge", serve)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


class Deployment:
    """The fake Discord, the article site and the bot processes of one test (or one module of tests)."""

    def __init__(self, folder: Path, model_dir: Path, **discord_options: float) -> None:
        self.folder = folder
        self.model_dir = model_dir
        self.discord = FakeDiscord(**discord_options)
        self.site = ArticleSite()
        self.processes: list[BotProcess] = []

    async def start(self) -> Deployment:
        await self.discord.start()
        await self.site.start()
        return self

    def place(self, name: str, *, shard: tuple[int, int] | None = None) -> tuple[Guild, Json, Json]:
        """A server (on `shard`, when given) with one text channel and one member: where a test talks to the bot."""
        guild = self.discord.add_guild(name, shard=shard)
        return guild, self.discord.add_channel(guild, "news"), self.discord.add_member(guild, "reader")

    def config(self, name: str = "config.yaml", **sections: dict) -> Path:
        """A config.yaml for the bot: the tiny model, the site allowlisted, no cooldowns, a SQLite store here;
        `sections` replace or extend those keys."""
        config = {
            "model": {"name": str(self.model_dir), "threads": 1, "cache_dir": str(self.folder / "models")},
            "fetch": {"allowlist": ["127.0.0.1"], "allowed_ports": [self.site.port]},
            "storage": {"path": str(self.folder / "briefbot.sqlite3")},
            "discord": {"brief_cooldown_s": 0, "ask_cooldown_s": 0},
        }
        for section, values in sections.items():
            config[section] = {**config.get(section, {}), **values}
        path = self.folder / name
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        return path

    async def start_bot(self, config: Path, *args: str, name: str = "bot") -> BotProcess:
        process = BotProcess(self.discord.api_base, self.discord.gateway_url, config, *args, cwd=self.folder, name=name)
        self.processes.append(process)
        return await process.start()

    async def ready(self, bot: BotProcess, shards: int = 1, timeout: float = 120.0) -> None:
        """Wait until the bot's shards have connected and it says it is ready (discord.py's on_ready)."""
        await bot.wait_for_line(r"connected as .* to \d+ servers", timeout)
        await self.discord.wait_until_ready(shards, timeout=5)

    def troubles(self) -> list[str]:
        """Every warning, error and traceback any bot process logged (a clean run has none): per process that
        logged one, its log from the first of them on."""
        marks = ("WARNING", "ERROR", "CRITICAL", "Traceback")
        found = []
        for process in self.processes:
            lines = [line for _, line in process.lines]
            first = next((i for i, line in enumerate(lines) if line.startswith(marks)), None)
            if first is not None:
                found.append(f"{process.name}:\n" + "\n".join(lines[first : first + 60]))
        return found

    async def close(self) -> None:
        for process in self.processes:
            await process.stop()
        await self.site.stop()
        await self.discord.stop()
