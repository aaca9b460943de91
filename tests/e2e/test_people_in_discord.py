"""/who with its autocomplete, /compare and /forget as users meet them: `briefbot run` as a process on the fake
Discord, with the tiny random model, in two servers. Server A's #news is briefed on three articles of our own
(tests/fixtures/people, attached as files); server B's on the sample article, which quotes a Helen Okafor and an
Ana Ruiz too. Neither server ever sees the other's articles; only a member who may manage messages can make the
bot forget one.
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
import pytest_asyncio

from tests.e2e.bot_process import BotProcess
from tests.e2e.deployment import SAMPLE, Deployment
from tests.e2e.discord_objects import EPHEMERAL, EVERYONE_PERMISSIONS
from tests.e2e.discord_server import Guild, Interaction, Json
from tests.e2e.payloads import all_problems, is_final, response_text
from tests.people_articles import ARTICLES
from tests.store.direct_sql import run_sql

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]
MANAGE_MESSAGES = 1 << 13
NEEDS_MANAGE = "You need the Manage Messages permission to make me forget an article here."


@dataclasses.dataclass
class Servers:
    deployment: Deployment
    bot: BotProcess
    a: tuple[Guild, Json, Json]  # server A: the guild, its #news, a reader
    b: tuple[Guild, Json, Json]
    moderator: Json  # a member of A who may manage messages

    @property
    def discord(self):
        return self.deployment.discord


async def finished(servers: Servers, used: Interaction, timeout: float = 60.0) -> Json:
    await servers.discord.wait_until(lambda: is_final(servers.discord, used), timeout, "the final reply")
    return servers.discord.messages.get(used.original_id or 0) or {}


async def posts_kept(servers: Servers, count: int) -> None:
    """Wait until the bot has kept `count` posts in its memory (the last thing it does for a briefing)."""
    store = servers.deployment.folder / "briefbot.sqlite3"
    for _ in range(200):
        if run_sql(store, "SELECT COUNT(*) FROM discord_posts")[0][0] >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the bot kept fewer than {count} posts")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def servers(tmp_path_factory, tiny_model_dir):
    deployment = await Deployment(tmp_path_factory.mktemp("people"), tiny_model_dir).start()
    a, b = deployment.place("News"), deployment.place("Other")
    moderator = deployment.discord.add_member(a[0], "moderator")
    moderator["permissions"] = str(int(EVERYONE_PERMISSIONS) | MANAGE_MESSAGES)
    bot = await deployment.start_bot(deployment.config())
    try:
        await deployment.ready(bot)
        live = Servers(deployment, bot, a, b, moderator)
        for number, article in enumerate(ARTICLES, start=1):
            used = await live.discord.slash_command(*a, "brief", {}, attachment=(article.name, article.read_bytes()))
            await finished(live, used)
            await posts_kept(live, number)
        used = await live.discord.slash_command(*b, "brief", {"text": SAMPLE.read_text(encoding="utf-8")})
        await finished(live, used)
        await posts_kept(live, 4)
        yield live
    finally:
        await deployment.close()


async def choices(servers: Servers, where: tuple, command: str, options: dict[str, str], focused: str) -> list[Json]:
    used = await servers.discord.autocomplete(*where, command, options, focused)
    await servers.discord.wait_until(lambda: servers.discord.choices(used) is not None, 10, "autocomplete choices")
    return servers.discord.choices(used)


def check_payloads(servers: Servers) -> None:
    assert all_problems(servers.discord) == []
    assert servers.deployment.troubles() == []


async def test_who_autocompletes_over_the_people_this_server_has_seen(servers):
    in_a = [c["value"] for c in await choices(servers, servers.a, "who", {"name": "smi"}, "name")]
    assert in_a == ["Daniel Smith", "Maria Smith", "Smith"]
    assert await choices(servers, servers.b, "who", {"name": "smi"}, "name") == []
    in_b = [c["value"] for c in await choices(servers, servers.b, "who", {"name": ""}, "name")]
    assert "Helen Okafor" in in_b and "Maria Smith" not in in_b
    check_payloads(servers)


async def test_who_lists_each_article_of_this_server_only(servers):
    used = await servers.discord.slash_command(*servers.a, "who", {"name": "Okafor"})
    head, articles = (await finished(servers, used))["embeds"]
    assert head["title"] == "Helen Okafor"
    assert [f["name"][:10] for f in articles["fields"]] == ["2026-03-16", "2026-03-09", "2026-03-02"]
    used = await servers.discord.slash_command(*servers.b, "who", {"name": "Okafor"})
    _, articles = (await finished(servers, used))["embeds"]
    (only,) = articles["fields"]
    assert "Riverton Council Approves $48 Million Harbour Bridge" in only["name"]
    check_payloads(servers)


async def test_compare_two_articles_picked_from_the_autocomplete(servers):
    listed = await choices(servers, servers.a, "compare", {"first": "propos", "second": ""}, "first")
    (proposed,) = [c["value"] for c in listed]
    listed = await choices(servers, servers.a, "compare", {"first": proposed, "second": "shop"}, "second")
    (shops,) = [c["value"] for c in listed]
    used = await servers.discord.slash_command(*servers.a, "compare", {"first": proposed, "second": shops})
    embeds = (await finished(servers, used))["embeds"]
    assert [e.get("title") for e in embeds] == ["Two articles side by side", "Quoted in both", "Only in [1]",
                                               "Only in [2]"]
    assert embeds[1]["fields"][0]["name"].startswith("Helen Okafor in [1]")
    assert await choices(servers, servers.b, "compare", {"first": "propos", "second": ""}, "first") == []
    check_payloads(servers)


async def test_forget_needs_manage_messages_and_then_forgets_the_article_here(servers):
    guild, channel, reader = servers.a
    (shops,) = [c["value"] for c in await choices(servers, servers.a, "forget", {"source": "shop"}, "source")]
    refused = await servers.discord.slash_command(guild, channel, reader, "forget", {"source": shops})
    await finished(servers, refused)
    assert response_text(servers.discord, refused) == NEEDS_MANAGE
    done = await servers.discord.slash_command(guild, channel, servers.moderator, "forget", {"source": shops})
    await finished(servers, done)
    assert response_text(servers.discord, done).startswith("Forgotten here: Shop Owners Fear Congestion Charge")
    callback = next(r for r in servers.discord.sent_for(done) if r.kind == "callback")
    assert callback.body["data"]["flags"] & EPHEMERAL
    assert [c["value"] for c in await choices(servers, servers.a, "who", {"name": "maria"}, "name")] == []
    check_payloads(servers)
