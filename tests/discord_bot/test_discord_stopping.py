"""Stopping cleanly: unfinished jobs are cancelled and their replies say the bot is restarting, finished ones
are let finish, and a request that comes while the bot stops is told the same."""

from __future__ import annotations

import asyncio

import pytest

from bot.discord_bot.limits import Refusal
from bot.discord_bot.live import NO_MENTIONS, InteractionOutlet, LiveReply, MessageOutlet
from bot.discord_bot.render import Page
from bot.discord_bot.stopping import RESTARTING, Pending
from tests.helpers import MockInteraction, MockMessage, original_message

pytestmark = pytest.mark.discord


async def job(pending: Pending, live: LiveReply, step: asyncio.Event, *, finish: bool, done: list[str]) -> None:
    """A job that shows progress, waits for `step`, then (if `finish`) posts its final pages and tidies up."""
    with pending.track(live):
        live.show([Page("⏳ Writing the briefing…")])
        if finish:
            await live.finish([Page("the briefing")])
        await step.wait()
        done.append("tidied up")


async def test_an_unfinished_job_is_cancelled_and_its_reply_says_the_bot_is_restarting():
    pending, step, done = Pending(), asyncio.Event(), []
    interaction = MockInteraction()
    live = LiveReply(InteractionOutlet(interaction), interval=0)
    task = asyncio.create_task(job(pending, live, step, finish=False, done=done))
    await asyncio.sleep(0.01)
    assert len(pending) == 1
    stopped = await pending.stop_jobs(pending.cancel_unfinished())
    assert task.cancelled() and done == []
    assert (stopped.finished, stopped.cancelled, stopped.told) == (0, 1, 1)
    interaction.edit_original_response.assert_awaited_with(content=RESTARTING, embeds=[], allowed_mentions=NO_MENTIONS)
    interaction.delete_original_response.assert_not_awaited()  # edited in place, in public: not deleted
    assert len(pending) == 0


async def test_a_job_past_its_final_pages_is_let_finish_and_its_reply_is_left_alone():
    pending, step, done = Pending(), asyncio.Event(), []
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0)
    task = asyncio.create_task(job(pending, live, step, finish=True, done=done))
    await asyncio.sleep(0.01)
    jobs = pending.cancel_unfinished()
    step.set()
    stopped = await pending.stop_jobs(jobs)
    assert task.done() and not task.cancelled() and done == ["tidied up"]
    assert (stopped.finished, stopped.cancelled, stopped.told) == (1, 0, 0)
    (reply,) = live.messages
    assert reply.content == "the briefing"
    reply.edit.assert_not_awaited()


async def test_a_message_reply_waiting_in_line_is_edited_to_say_the_bot_is_restarting():
    pending, step, done = Pending(), asyncio.Event(), []
    message = MockMessage()
    live = LiveReply(MessageOutlet(message), interval=0)
    task = asyncio.create_task(job(pending, live, step, finish=False, done=done))
    await asyncio.sleep(0.01)
    assert message.reply.await_args.kwargs["content"] == "⏳ Writing the briefing…"
    await pending.stop_jobs(pending.cancel_unfinished())
    assert task.cancelled()
    (reply,) = live.messages
    assert reply.edit.await_args.kwargs == {"content": RESTARTING, "embeds": [], "allowed_mentions": NO_MENTIONS}
    assert reply.content == RESTARTING


async def test_a_request_that_comes_while_the_bot_stops_is_told_it_is_restarting():
    pending = Pending()
    pending.cancel_unfinished()
    live = LiveReply(InteractionOutlet(MockInteraction()), interval=0)
    with pytest.raises(Refusal, match=r"^I'm restarting, so I stopped before finishing this"), pending.track(live):
        pass
    assert len(pending) == 0


async def test_an_interrupted_reply_with_several_messages_keeps_only_the_notice():
    interaction = MockInteraction()
    live = LiveReply(InteractionOutlet(interaction), interval=0)
    live.show([Page("⏳ Writing positions…"), Page("more")])
    await asyncio.sleep(0.01)
    extra = live.messages[1]
    assert await live.interrupt(RESTARTING)
    extra.delete.assert_awaited_once()
    assert original_message(interaction) is not None
    interaction.edit_original_response.assert_awaited_with(content=RESTARTING, embeds=[], allowed_mentions=NO_MENTIONS)
