"""/who (with its autocomplete), /compare and /forget, called directly with spec'd doubles on a real Briefer
(its model a scripted double) over three articles of our own: what each place sees, what is posted, who may
forget."""

from __future__ import annotations

import discord
import pytest

from bot.discord_bot import build_bot
from bot.discord_bot.escape import visible
from bot.discord_bot.limits import Limits
from bot.discord_bot.live import NO_MENTIONS
from bot.discord_bot.people import NEEDS_MANAGE, PeopleCog
from bot.service import Briefer
from tests.helpers import MockBot, MockGuild, MockInteraction, MockTextChannel, original_message, snowflake
from tests.people_articles import PROPOSED, SHOPS, VOTE, read_all, scripted_engine

pytestmark = pytest.mark.discord
MODERATOR = discord.Permissions(manage_messages=True)


@pytest.fixture
async def briefer(settings, store):
    real = Briefer(settings, engine=scripted_engine(), store=store, progress=False)
    yield real
    real.forget_analyses()


def cog_for(settings, briefer, memory) -> PeopleCog:
    bot = MockBot(
        build_bot(settings, briefer, memory=memory),
        settings=settings,
        briefer=briefer,
        limits=Limits(settings.discord, memory),
        memory=memory,
    )
    return PeopleCog(bot)


@pytest.fixture
def cog(settings, briefer, memory) -> PeopleCog:
    return cog_for(settings, briefer, memory)


@pytest.fixture
async def places(briefer, memory):
    """Server A's channel #news, where the three articles were briefed; server B's, where only the first was."""
    news = MockTextChannel(guild=MockGuild())
    elsewhere = MockTextChannel(guild=MockGuild())
    docs = await read_all(briefer, PROPOSED, SHOPS, VOTE)
    for doc in docs:
        await memory.remember_posts([snowflake()], doc.id, news.id)
    await memory.remember_posts([snowflake()], docs[0].id, elsewhere.id)
    return news, elsewhere, docs


def private_reply(interaction: MockInteraction) -> str:
    call = interaction.response.send_message.await_args
    assert call.kwargs["ephemeral"] is True and call.kwargs["allowed_mentions"] is NO_MENTIONS
    return visible(call.args[0])  # what the user reads: the escapes that keep outside text inert are not shown


async def test_autocomplete_offers_the_people_of_this_place_only(cog, places):
    news, elsewhere, _ = places
    here = [c.value for c in await cog.person_choices(MockInteraction(channel=news), "")]
    assert {"Helen Okafor", "Maria Smith", "Smith", "Priya Nair"} <= set(here)
    assert [c.value for c in await cog.person_choices(MockInteraction(channel=news), "smi")] == [
        "Daniel Smith",
        "Maria Smith",
        "Smith",
    ]
    there = [c.value for c in await cog.person_choices(MockInteraction(channel=elsewhere), "")]
    assert set(there) == {"Ana Ruiz", "Helen Okafor", "Daniel Smith", "Tom Becker"}


async def test_who_shows_each_article_quoting_the_person_newest_first(cog, places):
    news, _, docs = places
    interaction = MockInteraction(channel=news)
    await cog.who.callback(cog, interaction, name="Okafor")
    interaction.response.defer.assert_awaited_once_with(thinking=True)
    head, articles = original_message(interaction).embeds
    assert head.title == "Helen Okafor"
    assert head.description.startswith("Quoted in 3 articles here, newest first.\nAlso written as: Helen M. Okafor")
    assert [f.name for f in articles.fields] == [
        "2026-03-16 · Council Approves Congestion Charge After Heated Debate",
        "2026-03-09 · Shop Owners Fear Congestion Charge Will Empty the Old Town",
        "2026-03-02 · Riverton Proposes a Congestion Charge for the Old Town",
    ]
    assert articles.fields[0].value.startswith("*transport economist at Northfield University*\n")
    assert f"source {docs[2].id}" in articles.fields[0].value


async def test_who_in_another_server_never_shows_this_ones_articles(cog, places):
    _, elsewhere, docs = places
    interaction = MockInteraction(channel=elsewhere)
    await cog.who.callback(cog, interaction, name="Helen Okafor")
    _, articles = original_message(interaction).embeds
    assert len(articles.fields) == 1 and f"source {docs[0].id}" in articles.fields[0].value
    refused = MockInteraction(channel=elsewhere)
    await cog.who.callback(cog, refused, name="Maria Smith")
    refused.followup.send.assert_awaited_once_with(
        "nobody called 'Maria Smith' is quoted in this channel", ephemeral=True, allowed_mentions=NO_MENTIONS
    )


async def test_a_server_wide_memory_sees_every_channel_of_its_server_only(write_config, briefer, memory, places):
    news, elsewhere, _ = places
    settings = write_config({"discord": {"memory_scope": "server", "ask_cooldown_s": 0}})
    cog = cog_for(settings, briefer, memory)
    sibling = MockTextChannel(guild=news.guild)
    news.guild.channels = [news, sibling]
    news.guild.threads = []
    assert "Maria Smith" in [c.value for c in await cog.person_choices(MockInteraction(channel=sibling), "")]
    elsewhere.guild.channels, elsewhere.guild.threads = [elsewhere], []
    assert "Maria Smith" not in [c.value for c in await cog.person_choices(MockInteraction(channel=elsewhere), "")]


async def test_compare_puts_two_articles_side_by_side(cog, places):
    news, _, docs = places
    interaction = MockInteraction(channel=news)
    await cog.compare.callback(cog, interaction, first=docs[0].id, second=docs[1].id[:6])
    embeds = [e for e in original_message(interaction).embeds]
    head, both = embeds[0], embeds[1]
    assert head.title == "Two articles side by side"
    assert [f.name.split(" · ")[0] for f in head.fields] == [
        "[1] Riverton Proposes a Congestion Charge for the Old Town",
        "[2] Shop Owners Fear Congestion Charge Will Empty the Old Town",
    ]
    assert both.title == "Quoted in both"
    assert both.fields[0].name == "Helen Okafor in [1] — transport economist at Northfield University"
    assert [e.title for e in embeds[2:]] == ["Only in [1]", "Only in [2]"]
    choices = await cog.source_choices(MockInteraction(channel=news), "shop")
    assert [c.value for c in choices] == [docs[1].id]


async def test_forget_needs_the_manage_messages_permission(cog, places, briefer):
    news, _, docs = places
    interaction = MockInteraction(channel=news)
    interaction.permissions = discord.Permissions.none()
    await cog.forget.callback(cog, interaction, source=docs[1].id)
    assert private_reply(interaction) == NEEDS_MANAGE
    assert briefer.store.get_source(docs[1].id) is not None


async def test_forget_removes_an_article_and_its_people_from_the_place(cog, places, briefer):
    news, elsewhere, docs = places
    for doc in docs[:2]:
        interaction = MockInteraction(channel=news)
        interaction.permissions = MODERATOR
        await cog.forget.callback(cog, interaction, source=doc.id)
        assert private_reply(interaction).startswith(f"Forgotten here: {doc.title} (source {doc.id})")
    assert "Maria Smith" not in [c.value for c in await cog.person_choices(MockInteraction(channel=news), "")]
    assert briefer.store.get_source(docs[1].id) is None  # no other place had it
    assert briefer.store.get_source(docs[0].id) is not None  # the other server still has it
    assert [c.value for c in await cog.person_choices(MockInteraction(channel=elsewhere), "Okafor")] == ["Helen Okafor"]
    again = MockInteraction(channel=news)
    again.permissions = MODERATOR
    await cog.forget.callback(cog, again, source=docs[1].id)
    assert private_reply(again) == f"no source in this channel starts with '{docs[1].id}'"
