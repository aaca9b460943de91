"""The bot in use, as a process on the fake Discord with the tiny random model: a queue whose status lines move,
and a stop (SIGINT, as Ctrl-C; SIGTERM, as `docker stop`) in the middle of the work, which must end the jobs,
edit every pending reply to say the bot is restarting, close the store and exit 0."""

from __future__ import annotations

import asyncio
import re
import signal

import pytest

from bot.discord_bot.stopping import RESTARTING
from tests.e2e.bot_process import ROOT
from tests.e2e.deployment import SAMPLE, Deployment
from tests.e2e.discord_server import Interaction, Json
from tests.e2e.payloads import all_problems, is_done, is_final, reply_to

pytestmark = [pytest.mark.e2e]

ARTICLE = SAMPLE.read_text(encoding="utf-8")
TITLE = ARTICLE.split("\n", 1)[0]
QUEUED = 4
WAITING = re.compile(r"^⏳ Waiting for (\d+) earlier requests?…$")


async def started(deployment: Deployment):
    guild, channel, _ = deployment.place("News")
    config = deployment.config(discord={"max_queue": QUEUED + 2, "brief_cooldown_s": 0, "ask_cooldown_s": 0})
    bot = await deployment.start_bot(config)
    await deployment.ready(bot)
    await bot.wait_for_line("model and parser loaded")
    members = [deployment.discord.add_member(guild, f"reader {n}") for n in range(QUEUED)]
    return bot, guild, channel, members


def contents(deployment: Deployment, interaction: Interaction) -> list[str]:
    """Every status line the interaction's public reply showed, in order."""
    sent = deployment.discord.sent_for(interaction)
    return [r.body.get("content") or "" for r in sent if r.kind == "original" and r.method == "PATCH" and r.body]


def positions(lines: list[str]) -> list[int]:
    return [int(match.group(1)) for line in lines if (match := WAITING.match(line))]


async def test_a_queue_of_four_shows_each_request_its_place_as_the_line_moves(deployment):
    _, guild, channel, members = await started(deployment)
    discord = deployment.discord
    used = await asyncio.gather(
        *(discord.slash_command(guild, channel, member, "brief", {"text": ARTICLE}) for member in members)
    )
    await discord.wait_until(lambda: all(is_final(discord, u) for u in used), 240, "every briefing finished")
    seen = {u.id: positions(contents(deployment, u)) for u in used}
    print(f"\n[e2e] queue of {QUEUED}: places shown {sorted(seen.values(), key=len)}")
    last = max(seen.values(), key=lambda places: places[:1] or [0])
    # How many are ahead when a request joins depends on how far the first job got while the others were read
    # (3 on a quiet machine, fewer on a loaded one); what must hold is that the line moved, down to 1.
    assert last[0] >= 2 and last[-1] == 1, f"the status line never moved: {last}"
    for places in seen.values():
        assert places == sorted(places, reverse=True) and len(places) == len(set(places))  # only ever down
    for u in used:
        assert discord.messages[u.original_id]["embeds"][0]["title"] == TITLE
    assert all_problems(discord) == []
    assert deployment.troubles() == []


async def stop_mid_job(deployment: Deployment, how: signal.Signals) -> None:
    """Four briefings asked for (three by /brief, one by a mention); the stop comes while the first is being
    written and the others wait. Every reply ends finished or saying the bot is restarting, never half-done."""
    bot, guild, channel, members = await started(deployment)
    discord = deployment.discord
    used = await asyncio.gather(
        *(discord.slash_command(guild, channel, member, "brief", {"text": ARTICLE}) for member in members[:-1])
    )
    asked = await discord.post_message(guild, channel, members[-1], ARTICLE, mention_bot=True)

    def writing(message: Json) -> bool:
        described = " ".join(embed.get("description") or "" for embed in message.get("embeds") or [])
        return (message.get("content") or "").startswith("⏳ Writing") or "being written" in described

    def mid_job() -> bool:
        # One briefing being written while others are not finished. How many still wait at that moment depends
        # on the machine's speed (the tiny model writes a briefing in about a second), so it is not required.
        messages = [discord.messages.get(u.original_id or 0) or {} for u in used]
        return any(writing(m) for m in messages) and sum(not is_done(m) for m in messages) >= 2

    await discord.wait_until(mid_job, 120, "one briefing being written, another not finished")
    assert await bot.stop(timeout=60, how=how) == 0
    originals: list[Json] = [discord.messages[u.original_id] for u in used]
    replies = [*originals, reply_to(discord, asked)]
    told = [m for m in replies if m is not None and m.get("content") == RESTARTING and not m.get("embeds")]
    finished = [m for m in replies if m is not None and is_done(m)]
    print(f"\n[e2e] {how.name} mid-job: {len(finished)} finished, {len(told)} told the bot is restarting")
    assert len(told) + len(finished) == len(replies) == QUEUED  # none left at "⏳ …"
    assert len(told) >= 1  # the unfinished ones at least
    assert bot.matching(rf"{how.name} received: stopping")
    assert bot.matching(r"stopped cleanly")
    assert not bot.matching(r"terminate called|Traceback|Aborted")
    assert all_problems(discord) == []
    assert deployment.troubles() == []


async def test_sigint_in_the_middle_of_the_work_ends_it_cleanly(deployment):
    await stop_mid_job(deployment, signal.SIGINT)


async def test_sigterm_in_the_middle_of_the_work_ends_it_cleanly(deployment):
    await stop_mid_job(deployment, signal.SIGTERM)


@pytest.mark.slow
async def test_sigint_while_the_embedded_model_writes_stops_it_at_once_and_exits_0(tmp_path):
    """The real model (slow; run it by hand under `flock /tmp/model.lock`): the stop comes while the model is
    writing the briefing, the model stops at its next token, and the process exits 0 without an abort."""
    deployment = await Deployment(tmp_path, ROOT / "unused").start()
    try:
        guild, channel, reader = deployment.place("News")
        model = {"name": "embedded", "threads": "auto", "cache_dir": str(ROOT / ".cache" / "models")}
        bot = await deployment.start_bot(deployment.config(model=model))
        await deployment.ready(bot, timeout=300)
        await bot.wait_for_line("model and parser loaded", timeout=900)
        used = await deployment.discord.slash_command(guild, channel, reader, "brief", {"text": ARTICLE})

        def writing() -> bool:
            message = deployment.discord.messages.get(used.original_id or 0) or {}
            return (message.get("content") or "").startswith("⏳ Writing")

        await deployment.discord.wait_until(writing, 300, "the model writing the briefing")
        assert await bot.stop(timeout=120) == 0
        reply = deployment.discord.messages[used.original_id]
        assert reply["content"] == RESTARTING or is_done(reply)
        assert bot.matching(r"stopping: 0 job\(s\) let finish, 1 cancelled, 1 reply\(ies\) told") or is_done(reply)
        assert not bot.matching(r"terminate called|Traceback|Aborted")
        assert deployment.troubles() == []
    finally:
        await deployment.close()
