"""Live replies: at most one edit per interval, grown and shrunk with the pages, errors replace progress."""

from __future__ import annotations

import asyncio
import itertools
import time

import discord
import pytest

from bot.discord_bot.live import NO_MENTIONS, InteractionOutlet, LiveReply, MessageOutlet
from bot.discord_bot.render import Page
from tests.helpers import MockInteraction, MockMessage, original_message

pytestmark = pytest.mark.discord


def pages(*texts: str) -> list[Page]:
    return [Page(text) for text in texts]


async def test_a_burst_of_updates_becomes_at_most_one_edit_per_interval_and_the_last_is_shown():
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0.2)
    started = time.monotonic()
    for step in range(30):
        live.show(pages(f"step {step}"))
        await asyncio.sleep(0.02)  # 0.6 s of updates, every 20 ms
    posted = await live.finish(pages("done"))
    elapsed = time.monotonic() - started
    edits = posted[0].edit.await_args_list
    assert len(edits) + 1 <= elapsed / 0.2 + 2  # one post, then one edit per 0.2 s at most
    assert edits[-1].kwargs["content"] == "done"
    assert all(call.kwargs["allowed_mentions"] is NO_MENTIONS for call in edits)


async def test_edits_keep_their_distance_in_time():
    stamps = []
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0.1)
    live.show(pages("a"))
    await asyncio.sleep(0)
    (posted,) = await live.finish(pages("a"))
    posted.edit.side_effect = lambda **kw: stamps.append(time.monotonic()) or posted
    for step in range(8):
        live.show(pages(f"b{step}"))
        await asyncio.sleep(0.03)
    await live.finish(pages("c"))
    gaps = [later - earlier for earlier, later in itertools.pairwise(stamps)]
    assert gaps and min(gaps) >= 0.09


async def test_more_pages_post_more_messages_and_fewer_delete_the_extra_ones():
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0)
    first, second, third = await live.finish(pages("1", "2", "3"))
    message.reply.assert_awaited_once()
    assert message.channel.send.await_count == 2
    await live.finish(pages("1", "2 changed"))
    third.delete.assert_awaited_once()
    first.edit.assert_not_awaited()  # unchanged pages are not edited
    assert second.edit.await_args.kwargs["content"] == "2 changed"


async def test_an_interaction_reply_edits_the_deferred_response_then_follows_up():
    interaction = MockInteraction()
    live = LiveReply(InteractionOutlet(interaction), interval=0)
    posted = await live.finish(pages("first", "second"))
    assert posted[0] is original_message(interaction)
    assert original_message(interaction).content == "first"
    assert interaction.followup.send.await_args.kwargs["wait"] is True


async def test_a_failure_after_deferring_removes_the_public_reply_and_says_it_privately():
    interaction = MockInteraction()
    live = LiveReply(InteractionOutlet(interaction), interval=0)
    live.show(pages("working", "more"))
    await live.fail("https://x.example: the server refused the connection")
    interaction.delete_original_response.assert_awaited_once()
    interaction.followup.send.assert_awaited_with(
        "https://x.example: the server refused the connection", ephemeral=True, allowed_mentions=NO_MENTIONS
    )


async def test_a_failure_in_a_message_reply_replaces_the_progress_with_the_error():
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0)
    (posted,) = await live.finish(pages("working"))
    await live.fail("no article text in it @everyone")
    assert posted.content == "no article text in it @\u200beveryone"
    assert posted.embeds == []


async def test_a_failed_intermediate_edit_is_retried_by_the_next_one():
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0)
    (posted,) = await live.finish(pages("a"))
    response = type("Response", (), {"status": 500, "reason": "boom"})()
    posted.edit.side_effect = [discord.HTTPException(response, "boom"), posted]
    live.show(pages("b"))
    await asyncio.sleep(0.01)
    await live.finish(pages("c"))
    assert posted.edit.await_args.kwargs["content"] == "c"
