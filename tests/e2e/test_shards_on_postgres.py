"""Two shard processes on one PostgreSQL store: each serves the servers of its own shard (Discord's formula),
a user's cooldown holds across them, and what a follow-up needs is in the store: after the process that posted
a briefing is gone and the other has restarted to serve both shards, a reply to that briefing is answered."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.deployment import SAMPLE, Deployment
from tests.e2e.discord_server import Guild, Json
from tests.e2e.payloads import all_problems, is_done, reply_to, response_text
from tests.store.direct_sql import run_sql

pytestmark = pytest.mark.e2e

ARTICLE = SAMPLE.read_text(encoding="utf-8")
TITLE = ARTICLE.split("\n", 1)[0]


async def brief_by_mention(deployment: Deployment, guild: Guild, channel: Json, member: Json) -> Json:
    asked = await deployment.discord.post_message(guild, channel, member, ARTICLE, mention_bot=True)
    await deployment.discord.wait_until(lambda: is_done(reply_to(deployment.discord, asked) or {}), 60, "a briefing")
    return reply_to(deployment.discord, asked)


async def kept(url: str, posted: Json) -> None:
    """Wait until the bot has kept its post in the store (the last thing it does for a briefing)."""
    for _ in range(100):
        if run_sql(url, "SELECT 1 FROM discord_posts WHERE message_id = ?", (posted["id"],)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the post {posted['id']} was not kept in the store")


async def ask_in_reply(deployment: Deployment, guild: Guild, channel: Json, member: Json, to: Json, question: str):
    asked = await deployment.discord.post_message(guild, channel, member, question, mention_bot=True, reply_to=to)
    await deployment.discord.wait_until(lambda: is_done(reply_to(deployment.discord, asked) or {}), 60, "an answer")
    return reply_to(deployment.discord, asked)


async def test_two_shards_on_one_postgresql_answer_their_own_servers_and_share_what_follow_ups_need(
    postgres_database, deployment, capsys
):
    url = postgres_database  # set up before the deployment, so removed after its processes have stopped
    zero, zero_channel, zero_reader = deployment.place("Shard zero news", shard=(0, 2))
    one, one_channel, one_reader = deployment.place("Shard one news", shard=(1, 2))
    one.members.append(zero_reader)  # one user in servers of both shards
    config = deployment.config(storage={"url": url}, discord={"brief_cooldown_s": 600, "ask_cooldown_s": 0})
    health = ("--health-interval", "0.5")
    first = await deployment.start_bot(config, "--shard-count", "2", "--shards", "0", *health, name="shard 0")
    second = await deployment.start_bot(config, "--shard-count", "2", "--shards", "1", *health, name="shard 1")
    await deployment.ready(first)
    await deployment.ready(second, shards=2)
    assert sorted(c.shard for c in deployment.discord.open_connections()) == [(0, 2), (1, 2)]
    await first.wait_for_line(r"shard 0/2: connected, ready, latency \d+ ms, 1 server$")
    await second.wait_for_line(r"shard 1/2: connected, ready, latency \d+ ms, 1 server$")

    # each process answers the servers of its own shard
    posted_by_first = await brief_by_mention(deployment, zero, zero_channel, zero_reader)
    posted_by_second = await brief_by_mention(deployment, one, one_channel, one_reader)
    assert posted_by_first["embeds"][0]["title"] == posted_by_second["embeds"][0]["title"] == TITLE
    await first.wait_for_line(r"briefed pasted text", timeout=10)
    await second.wait_for_line(r"briefed pasted text", timeout=10)
    assert len(first.matching(r"briefed pasted text")) == len(second.matching(r"briefed pasted text")) == 1

    # the cooldown the first process started holds in the second
    used = await deployment.discord.slash_command(one, one_channel, zero_reader, "brief", {"text": ARTICLE})
    await deployment.discord.wait_for(lambda r: r.interaction_id == used.id and r.kind == "callback", 10)
    assert response_text(deployment.discord, used).startswith("Please wait ")

    # the first process goes away (once it has kept its post in the store); the second restarts to serve both
    for posted in (posted_by_first, posted_by_second):
        await kept(url, posted)
    await first.stop()
    await second.stop()
    both = await deployment.start_bot(config, "--shard-count", "2", "--shards", "0-1", *health, name="shards 0-1")
    await deployment.ready(both, shards=2)
    answer = await ask_in_reply(deployment, zero, zero_channel, zero_reader, posted_by_first, "Who voted against?")
    assert answer["embeds"][0]["title"] == "Who voted against?"
    assert answer["embeds"][0]["author"]["name"] == TITLE
    again = await ask_in_reply(deployment, one, one_channel, one_reader, posted_by_second, "What will it cost?")
    assert again["embeds"][0]["title"] == "What will it cost?"
    assert all_problems(deployment.discord) == []
    assert deployment.troubles() == []
    assert both.matching(r"shard 0/2: connected, ready") and both.matching(r"shard 1/2: connected, ready")
    with capsys.disabled():
        print(
            f"\n[e2e] two shards on PostgreSQL, then one process for both: {len(deployment.discord.requests)} requests"
        )
