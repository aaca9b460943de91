"""The bot as a process with the real embedded model: while the model loads (imports, deserialising weights,
the first conversion on a fresh machine) and while it writes a briefing, the event loop keeps answering the
gateway's heartbeats. Slow (the real model; run it by hand under `flock /tmp/model.lock`)."""

from __future__ import annotations

import pytest

from tests.e2e.bot_process import ROOT
from tests.e2e.deployment import SAMPLE, Deployment
from tests.e2e.payloads import acknowledged_after, all_problems, finished_at, is_final

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ARTICLE = SAMPLE.read_text(encoding="utf-8")
MAX_DELAY_S = 1.0  # the gateway's heartbeats answered within a second, however busy the model is


async def test_the_embedded_model_loads_and_writes_while_heartbeats_are_answered(tmp_path, record_property, capsys):
    deployment = await Deployment(tmp_path, ROOT / "unused").start()
    try:
        guild, channel, reader = deployment.place("News")
        # the converted model is cached in the checkout's own cache folder, shared with the quick start
        config = deployment.config(
            model={"name": "embedded", "threads": 2, "cache_dir": str(ROOT / ".cache" / "models")}
        )
        bot = await deployment.start_bot(config)
        await deployment.ready(bot, timeout=300)
        loaded_at, _ = await bot.wait_for_line("model and parser loaded", timeout=900)
        loading = deployment.discord.delays(bot.started, loaded_at)
        opened = deployment.discord.connections[0].opened

        used = await deployment.discord.slash_command(guild, channel, reader, "brief", {"text": ARTICLE})
        await deployment.discord.wait_until(lambda: is_final(deployment.discord, used), 900)
        done = finished_at(deployment.discord, used)
        writing = deployment.discord.delays(used.sent, done)
        ack = acknowledged_after(deployment.discord, used)
        figures = {
            "loaded_after_start_s": loaded_at - bot.started,
            "loading_with_the_gateway_open_s": loaded_at - opened,
            "brief_s": done - used.sent,
            "ack_ms": ack * 1000,
            "loading_heartbeat_delay_ms": loading.worst * 1000,
            "loading_beats": loading.beats,
            "writing_heartbeat_delay_ms": writing.worst * 1000,
            "writing_beats": writing.beats,
        }
        for name, value in figures.items():
            record_property(name, round(value, 1))
        with capsys.disabled():
            print("\n[e2e] embedded model: " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()))
        original = deployment.discord.messages[used.original_id]
        assert original["embeds"][0]["title"] == ARTICLE.split("\n", 1)[0]
        assert ack < 3.0
        assert all_problems(deployment.discord) == []
        assert deployment.troubles() == []
        assert loading.beats >= 1 and loading.worst < MAX_DELAY_S * 2
        assert writing.beats >= 1 and writing.worst < MAX_DELAY_S
    finally:
        await deployment.close()
