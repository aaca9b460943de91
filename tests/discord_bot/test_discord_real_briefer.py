"""The bot on the real Briefer with a tiny random Llama: the event loop stays free, follow-ups survive restarts."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import discord.ext.test as dpytest
import pytest

from bot.discord_bot import build_bot
from bot.service import Briefer
from tests.helpers import latest, mention, reply, start_offline

pytestmark = pytest.mark.discord

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "harbour-bridge.txt"
HEARTBEAT_S = 0.01
# Generation and parsing run off the loop; what is left (rendering, checking, imports on first use, SQLite) must
# never hold it for long. Discord's gateway heartbeat allows tens of seconds; people notice half a second.
MAX_STALL_S = 0.25


async def test_the_event_loop_stays_responsive_while_the_model_writes_a_briefing(
    tiny_settings, capsys, record_property
):
    briefer = Briefer(tiny_settings, progress=False)
    bot = await start_offline(build_bot(tiny_settings, briefer))
    await bot.warm_up()  # as `briefbot run` does at startup
    gaps: list[float] = []
    done = asyncio.Event()

    async def heartbeat() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(HEARTBEAT_S)
            now = time.perf_counter()
            gaps.append(now - last - HEARTBEAT_S)
            last = now
            loop_ticked.set()

    loop_ticked = threading.Event()
    passes_that_saw_a_tick: list[bool] = []

    def wait_for_the_loop(module, args, kwargs):  # were generation run on the loop, the loop could not tick
        loop_ticked.clear()
        passes_that_saw_a_tick.append(loop_ticked.wait(timeout=5))

    hook = briefer.engine._model.register_forward_pre_hook(wait_for_the_loop, with_kwargs=True)
    beating = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    try:
        await mention(bot, SAMPLE.read_text(encoding="utf-8"))
    finally:
        done.set()
        await beating
        hook.remove()
        await dpytest.empty_queue()
        briefer.close()
    took = time.perf_counter() - started
    stall = max(gaps)
    record_property("max_event_loop_stall_ms", round(stall * 1000, 1))
    with capsys.disabled():
        print(f"\n[discord] brief on the tiny model: {took:.1f} s; longest event-loop stall {stall * 1000:.1f} ms")
    assert briefer.engine.last_stats.calls >= 1  # the model did generate
    assert passes_that_saw_a_tick and all(passes_that_saw_a_tick)  # the loop ran during every forward pass
    assert stall < MAX_STALL_S


async def test_a_reply_to_a_briefing_posted_before_a_restart_is_answered(tiny_settings):
    before = Briefer(tiny_settings, progress=False)
    bot = await start_offline(build_bot(tiny_settings, before))
    await mention(bot, SAMPLE.read_text(encoding="utf-8"))
    briefing = await latest(dpytest.get_message())
    assert briefing.embeds[0].colour.value == 0x2ECC71  # green: done
    await dpytest.empty_queue()
    before.close()

    after = Briefer(tiny_settings, progress=False)  # a new process: new Bot, new Briefer, the same SQLite file
    bot = await start_offline(build_bot(tiny_settings, after))
    try:
        question = await reply(briefing.id, f"<@{bot.user.id}> Who voted against?")
        answer = await latest(dpytest.get_message())
    finally:
        await dpytest.empty_queue()
    (turn,) = after.store.turns(f"discord:reply:{question.id}")
    after.close()
    assert turn.question == "Who voted against?"
    assert answer.embeds[0].title == "Who voted against?"
    assert answer.embeds[0].description
    cited = [field.value for embed in answer.embeds[1:] for field in embed.fields]
    assert any("Priya Nair" in value for value in cited), (answer.embeds[0].description, cited)
