"""Roundups: "Name, Outlet: “…”" lines and list items give their quote to the name; other colons do not."""

from __future__ import annotations

import pytest

from bot.analysis.attribution import analyse
from bot.analysis.nlp import load_pipeline, parse


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    load_pipeline()


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(a.speaker, a.content.text(text)) for a in analyse(parse(text)).attributions]


def test_each_roundup_line_quotes_the_person_it_opens_with():
    text = ("Pundits weighed in on the debate.\n\n"
            "Rich Lowry, National Review: “Trump had his moments but lost the night.”\n\n"
            "Ezra Klein, Vox: “Clinton was prepared, and it showed.”")
    assert _said(text) == [("Rich Lowry", "Trump had his moments but lost the night."),
                           ("Ezra Klein", "Clinton was prepared, and it showed.")]


def test_a_bulleted_roundup_item_quotes_its_person():
    text = "Reactions came fast:\n\n- Rich Lowry, National Review: “Trump lost the night.”"
    assert _said(text) == [("Rich Lowry", "Trump lost the night.")]


def test_a_verb_before_the_colon_makes_it_no_roundup():
    text = "Pundits weighed in.\n\nRich Lowry, who watched it, wrote: “Trump lost the night.”"
    said = _said(text)
    assert ("Rich Lowry", "Trump lost the night.") in said  # by the colon cue, not the roundup
    assert _said("Pundits weighed in.\n\nRich Lowry, National Review, “Trump lost.”") == []
