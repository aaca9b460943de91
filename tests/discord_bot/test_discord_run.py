"""`briefbot run`: the token comes from DISCORD_TOKEN only; without it, one line and a non-zero exit at once."""

from __future__ import annotations

import os
import subprocess
import sys

import discord
import pytest
import yaml

from bot.discord_bot import run_bot
from bot.discord_bot.bot import BriefBot
from bot.models import BriefbotError

pytestmark = pytest.mark.discord


def test_without_a_token_run_stops_at_once_with_one_line_and_loads_nothing(tmp_path):
    cache = tmp_path / "models"
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"model": {"cache_dir": str(cache)}}))
    env = {key: value for key, value in os.environ.items() if key != "DISCORD_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode != 0
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("briefbot: set DISCORD_TOKEN")
    assert done.stdout == ""
    assert not cache.exists()  # the model was not touched


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (discord.LoginFailure("Improper token has been passed."), "Discord refused the token in DISCORD_TOKEN"),
        (discord.PrivilegedIntentsRequired(None), "Discord refused the message-content intent"),
        (OSError("Name or service not known"), "cannot reach Discord: Name or service not known"),
    ],
)
async def test_a_refused_start_is_one_line_without_the_token(monkeypatch, settings, briefer, failure, message):
    async def refuse(self, token: str) -> None:
        raise failure

    monkeypatch.setattr(BriefBot, "start", refuse)
    with pytest.raises(BriefbotError) as error:
        await run_bot(settings, briefer, "secret-token-value")
    assert str(error.value).startswith(message)
    assert "secret-token-value" not in str(error.value)
    assert "\n" not in str(error.value)
