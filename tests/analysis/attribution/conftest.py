"""Fixtures for the attribution rules: the context of a parsed text, and what `analyse` attributes in it."""

from __future__ import annotations

import pytest

from bot.analysis.attribution import analyse
from bot.analysis.attribution.context import Context
from bot.analysis.nlp import load_pipeline, parse


@pytest.fixture(scope="session")
def context_of():
    load_pipeline()

    def context(text: str) -> Context:
        return Context.of(parse(text))

    return context


@pytest.fixture(scope="session")
def attributions_of():
    load_pipeline()

    def attributions(text: str) -> list[tuple[str | None, str, str]]:
        return [(a.speaker, a.kind, a.content.text(text)) for a in analyse(parse(text)).attributions]

    return attributions


@pytest.fixture(scope="session")
def token_of():
    def token(ctx: Context, text: str, nth: int = 0):
        """The `nth` token of the context's document that reads `text`."""
        return [t for t in ctx.doc if t.text == text][nth]

    return token
