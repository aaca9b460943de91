"""The three articles of tests/fixtures/people (our own, quoting overlapping people), and a Briefer on them
whose model is a spec'd double: it echoes each request's start, and writes what a test scripts for a person's
comparison line."""

from __future__ import annotations

import unittest.mock
from pathlib import Path

from bot.llm.engine import Engine, GenerationRequest
from bot.service import Briefer

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "people"
PROPOSED, SHOPS, VOTE = (
    FIXTURES / name
    for name in ("congestion-charge-proposed.html", "congestion-charge-shops.html", "congestion-charge-vote.html")
)
ARTICLES = (PROPOSED, SHOPS, VOTE)


def scripted_engine(comparisons: dict[str, str] | None = None) -> unittest.mock.NonCallableMagicMock:
    """An Engine double: a request started with a name alone (a comparison) gets the scripted text for that
    name; any other request gets its start back with nothing more (so every check fails and the jobs fall back
    on the source's own words)."""
    engine = unittest.mock.create_autospec(Engine, instance=True)
    engine.label = "scripted"

    async def generate(requests: list[GenerationRequest], on_text=None) -> list[str]:
        return [(comparisons or {}).get(r.prefix, r.prefix) if r.prefix else "" for r in requests]

    engine.generate_async.side_effect = generate
    return engine


async def read_all(briefer: Briefer, *paths: Path, positions: bool = False) -> list:
    """Read each article, and find (and so store) its experts, as `briefbot experts` does."""
    docs = []
    for path in paths or ARTICLES:
        doc = await briefer.read(str(path))
        await briefer.experts(doc, positions=positions)
        docs.append(doc)
    return docs
