"""Fixtures for the Discord adapter: settings in a temporary folder, a Briefer double with canned results
built on the repository's own sample article, the bot's memory in the same store file, a spec'd MockBot for
calling cogs directly, and a dpytest bot.
"""

from __future__ import annotations

import asyncio
import unittest.mock
from pathlib import Path

import discord.ext.test as dpytest
import pytest

from bot.config import Settings
from bot.discord_bot import build_bot, live
from bot.discord_bot.limits import Limits
from bot.discord_bot.memory import Memory
from bot.models import Answer, BriefbotError, Briefing, BriefingSentence, Document, Expert, Span
from bot.service import Briefer, BriefResult
from bot.sources.reader import read_bytes
from bot.store import Store
from tests.helpers import MockBot, start_offline

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "harbour-bridge.txt"


@pytest.fixture(autouse=True)
def quick_edits(monkeypatch):
    """Live replies may edit every 10 ms in tests (1 s in service), so tests do not sleep."""
    monkeypatch.setattr(live, "EDIT_INTERVAL_S", 0.01)


@pytest.fixture
def settings(write_config) -> Settings:
    return write_config({"discord": {"brief_cooldown_s": 0, "ask_cooldown_s": 0}})


def span_of(text: str, passage: str) -> Span:
    start = text.index(passage)
    return Span(start, start + len(passage))


@pytest.fixture
def sample_doc() -> Document:
    title, body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)
    return Document(
        text=body.strip(),
        url="https://news.example/harbour-bridge",
        title=title,
        site="Riverton Herald",
        author="Sam Reporter",
        published="2026-03-03",
    )


@pytest.fixture
def sample_result(sample_doc) -> BriefResult:
    text = sample_doc.text
    chosen = [
        "The Riverton city council voted 7 to 2 on Tuesday to build a $48 million bridge across the harbour",
        "Construction is due to start next spring and to take three years.",
    ]
    briefing = Briefing([BriefingSentence(s, [span_of(text, s)], generated=False) for s in chosen], "neutral", 2)
    experts = [
        Expert(
            "Ana Ruiz",
            "Mayor",
            [span_of(text, "This bridge connects people to jobs, and it has been promised for far too long")],
            "The mayor says the bridge is overdue and will be delivered on time.",
        ),
        Expert(
            "Helen Okafor",
            "a transport economist at Northfield University",
            [span_of(text, "the council had underestimated maintenance costs")],
            "She warns that maintenance costs were underestimated.",
        ),
    ]
    return BriefResult(sample_doc, briefing, experts)


@pytest.fixture
def store(settings) -> Store:
    store = Store(settings.storage.path)
    yield store
    store.close()


@pytest.fixture
def memory(store) -> Memory:
    return Memory(store)


@pytest.fixture
def briefer(settings, store, sample_result) -> unittest.mock.NonCallableMagicMock:
    """A Briefer double (spec'd on the real class): reading a link gives the sample, uploads and pasted text are
    read and stored as the real one does, briefing reports every stage."""
    fake = unittest.mock.create_autospec(Briefer, instance=True)
    fake.settings = settings
    fake.store = store

    async def read(source: str) -> Document:
        return store.save_source(sample_result.document)

    async def remember(doc: Document) -> Document:
        return store.save_source(doc)

    async def read_upload(name: str, data: bytes) -> Document:
        return store.save_source(await read_bytes(data, name, settings))

    async def brief(doc, *, length=None, tone=None, with_experts=True, progress=None, on_partial=None):
        result = sample_result
        without_positions = [Expert(e.name, e.role, e.evidence) for e in result.experts]
        steps = [
            lambda: progress("reading"),
            lambda: progress("writing the briefing"),
            lambda: on_partial(BriefResult(result.document, result.briefing, None)),
            lambda: progress("finding who is quoted"),
            lambda: on_partial(BriefResult(result.document, result.briefing, without_positions)),
            lambda: progress("writing positions"),
        ]
        for step in steps:
            step()
            await asyncio.sleep(0.015)  # work takes time: each step outlasts the tests' 10 ms edit interval
        return result

    async def ask(source_id: str, question: str, conversation: str | None = None) -> Answer:
        if store.get_source(source_id) is None:
            raise BriefbotError(f"no stored source with id '{source_id}'")
        return Answer(
            source_id,
            question,
            "Helen Okafor says the council underestimated maintenance costs.",
            ["Helen Okafor, a transport economist at Northfield University, said the council had underestimated"],
            False,
        )

    def get_source(source_id: str) -> Document:
        doc = store.get_source(source_id)
        if doc is None:
            raise BriefbotError(f"no stored source with id '{source_id}'")
        return doc

    fake.read.side_effect = read
    fake.remember.side_effect = remember
    fake.read_upload.side_effect = read_upload
    fake.sources_by_id.side_effect = store.get_sources
    fake.brief.side_effect = brief
    fake.ask.side_effect = ask
    fake.get_source.side_effect = get_source
    return fake


@pytest.fixture
def mock_bot(settings, briefer, memory) -> MockBot:
    """A MockBot spec'd on a real BriefBot, carrying the real settings, limits, memory and the Briefer double."""
    return MockBot(
        build_bot(settings, briefer, memory=memory),
        settings=settings,
        briefer=briefer,
        limits=Limits(settings.discord, memory),
        memory=memory,
    )


@pytest.fixture
async def dpy_bot(settings, briefer):
    bot = await start_offline(build_bot(settings, briefer))
    yield bot
    await dpytest.empty_queue()
