"""The bot's door: allowlists, per-user cooldowns (kept in the bot's memory) and the one queue with a maximum
length."""

from __future__ import annotations

import asyncio

import pytest

from bot.discord_bot.limits import BUSY, Limits, Refusal, Requester, requester_of
from bot.discord_bot.memory import Memory
from tests.helpers import MockGuild, MockMember, MockRole, MockTextChannel, MockThread

pytestmark = pytest.mark.discord

GUILD, CHANNEL, PARENT, ROLE = 10, 20, 30, 40


def member_in(channel_ids=(CHANNEL,), roles=(), guild=GUILD, user=1) -> Requester:
    return Requester(user, guild, tuple(channel_ids), frozenset(roles))


@pytest.fixture
def memory(open_store) -> Memory:
    return Memory(open_store())


@pytest.fixture
def limits_with(write_config, memory):
    """Limits under these discord settings, keeping cooldowns in a store (a file, then a PostgreSQL database)."""

    def make(clock=None, **discord) -> Limits:
        settings = write_config({"discord": discord}).discord
        return Limits(settings, memory) if clock is None else Limits(settings, memory, clock=clock)

    return make


def test_with_empty_allowlists_everyone_may_ask_in_every_server_but_not_in_dms(limits_with):
    limits = limits_with()
    assert limits.why_not(member_in()) is None
    assert limits.why_not(member_in(guild=None)) == "I don't answer direct messages; ask me in a server channel."


def test_dms_can_be_switched_on(limits_with):
    assert limits_with(allow_dms=True).why_not(member_in(guild=None)) is None


def test_guild_channel_and_role_allowlists_each_keep_people_out(limits_with):
    limits = limits_with(allowed_guilds=[GUILD], allowed_channels=[PARENT], allowed_roles=[ROLE])
    assert limits.why_not(member_in(guild=99)) == "I'm not switched on in this server."
    assert limits.why_not(member_in(channel_ids=(CHANNEL,), roles=(ROLE,))) == "I'm not switched on in this channel."
    assert limits.why_not(member_in(channel_ids=(PARENT,))) == "You need one of the roles allowed to use me here."
    assert limits.why_not(member_in(channel_ids=(PARENT,), roles=(ROLE, 41))) is None


def test_a_thread_counts_as_the_channel_it_belongs_to(limits_with):
    limits = limits_with(allowed_channels=[PARENT])
    thread = MockThread(id=CHANNEL, parent_id=PARENT, guild=MockGuild(id=GUILD))
    assert limits.why_not(requester_of(MockMember(), thread)) is None
    assert limits.why_not(requester_of(MockMember(), MockTextChannel(id=CHANNEL))) is not None


def test_requester_of_reads_author_roles_guild_and_channel():
    channel = MockTextChannel(id=CHANNEL, guild=MockGuild(id=GUILD))
    requester = requester_of(MockMember(id=7, roles=[MockRole(id=ROLE)]), channel)
    assert requester == Requester(7, GUILD, (CHANNEL,), frozenset({ROLE}))


async def test_a_second_briefing_within_the_cooldown_is_refused_with_the_wait(limits_with):
    now = [1000.0]
    limits = limits_with(clock=lambda: now[0], brief_cooldown_s=30, ask_cooldown_s=5)
    (await limits.admit(member_in(), "brief")).close()
    now[0] += 10
    with pytest.raises(Refusal, match=r"^Please wait 20 s before your next briefing\.$"):
        await limits.admit(member_in(), "brief")
    (await limits.admit(member_in(user=2), "brief")).close()  # another user
    (await limits.admit(member_in(), "ask")).close()  # questions cool down on their own
    now[0] += 20
    (await limits.admit(member_in(), "brief")).close()
    assert limits.queue.length == 0  # a refused request gave its place back


async def test_a_cooldown_holds_in_another_process_on_the_same_store(write_config, open_store):
    settings = write_config({"discord": {"brief_cooldown_s": 30}}).discord
    here, there = (Limits(settings, Memory(open_store()), clock=lambda: 1000.0) for _ in range(2))
    (await here.admit(member_in(), "brief")).close()
    with pytest.raises(Refusal, match=r"^Please wait 30 s before your next briefing\.$"):
        await there.admit(member_in(guild=GUILD + 1), "brief")  # the same user, in a server of another shard


async def test_beyond_the_queue_s_length_requests_are_told_the_bot_is_busy(limits_with):
    limits = limits_with(max_queue=2, brief_cooldown_s=0)
    first, second = await limits.admit(member_in(user=1), "brief"), await limits.admit(member_in(user=2), "brief")
    assert (first.ahead, second.ahead) == (0, 0)  # neither has joined the line: both have read nothing yet
    with pytest.raises(Refusal) as refusal:
        await limits.admit(member_in(user=3), "brief")
    assert str(refusal.value) == BUSY == "I'm busy with other briefings, try again in a minute."
    first.close()
    await limits.admit(member_in(user=3), "brief")


async def test_a_refused_request_costs_no_cooldown(limits_with):
    limits = limits_with(max_queue=1, brief_cooldown_s=30)
    held = await limits.admit(member_in(user=1), "brief")
    with pytest.raises(Refusal, match="busy"):
        await limits.admit(member_in(user=2), "brief")
    held.close()
    await limits.admit(member_in(user=2), "brief")


async def test_jobs_take_their_turns_in_arrival_order_one_at_a_time(limits_with):
    limits = limits_with(max_queue=5, brief_cooldown_s=0)
    order, running = [], []

    async def job(user: int) -> None:
        async with await limits.admit(member_in(user=user), "brief") as ticket:
            await ticket.my_turn()
            running.append(user)
            assert len(running) == 1
            await asyncio.sleep(0.01)
            order.append(user)
            running.remove(user)

    await asyncio.gather(*(job(user) for user in range(5)))
    assert order == [0, 1, 2, 3, 4]
    assert limits.queue.length == 0


async def test_a_ticket_abandoned_while_waiting_frees_its_place(limits_with):
    limits = limits_with(max_queue=2, brief_cooldown_s=0)
    first = await limits.admit(member_in(user=1), "brief")
    await first.my_turn()

    async def wait_in_line() -> None:
        async with await limits.admit(member_in(user=2), "brief") as ticket:
            await ticket.my_turn()

    waiting = asyncio.create_task(wait_in_line())
    await asyncio.sleep(0.01)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    first.close()
    assert limits.queue.length == 0
    assert limits.queue.line == []


async def test_a_waiting_job_hears_its_place_each_time_the_line_moves(limits_with):
    limits = limits_with(max_queue=4, brief_cooldown_s=0)
    tickets = [await limits.admit(member_in(user=user), "brief") for user in range(4)]
    heard: dict[int, list[int]] = {user: [] for user in range(4)}
    waiting = []
    for user, ticket in enumerate(tickets):
        waiting.append(asyncio.create_task(ticket.my_turn(heard[user].append)))
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    assert [ticket.ahead for ticket in tickets] == [0, 1, 2, 3]
    for done in range(3):
        tickets[done].close()  # the running job ends; the next one runs, the others move up
        await asyncio.sleep(0.01)
        assert waiting[done + 1].done() and not any(task.done() for task in waiting[done + 2 :])
    assert heard == {0: [], 1: [1], 2: [2, 1], 3: [3, 2, 1]}
    tickets[3].close()
    assert limits.queue.length == 0 and limits.queue.line == []


async def test_a_job_that_leaves_the_line_moves_those_behind_it_up(limits_with):
    limits = limits_with(max_queue=3, brief_cooldown_s=0)
    running, leaving, last = [await limits.admit(member_in(user=user), "brief") for user in range(3)]
    await running.my_turn()
    heard: list[int] = []
    gone = asyncio.create_task(leaving.my_turn())
    await asyncio.sleep(0)
    behind = asyncio.create_task(last.my_turn(heard.append))
    await asyncio.sleep(0.01)
    gone.cancel()  # the user's request was cancelled (the bot is stopping, say) while it waited
    await asyncio.sleep(0.01)
    assert heard == [2, 1] and last.ahead == 1 and not behind.done()
    running.close()
    await asyncio.sleep(0.01)
    assert behind.done()
