"""The whole attribution pass: attributions in text order, as offsets into the text, with the people."""

from __future__ import annotations

import dataclasses

import pytest

from bot.analysis.attribution import Attributions, analyse
from bot.analysis.nlp import load_pipeline, parse


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    load_pipeline()


def test_contents_are_offsets_into_the_parsed_text():
    text = "“We will not back down,” said Anna Weiss. Weiss added that the vote was rigged."
    for attribution in analyse(parse(text)).attributions:
        assert attribution.content.text(text).strip() == attribution.content.text(text)
        assert attribution.cue is not None and attribution.cue.text(text) in ("said", "added")
        assert attribution.sentence_span.start <= attribution.content.start


def test_attributions_come_in_text_order_with_the_people_of_the_text():
    text = (
        "Paul Dean spoke first. According to Jane Smith, the plan will fail.\n\n"
        "“It will pass,” Paul Dean said.\n\n“A paragraph more.”"
    )
    result = analyse(parse(text))
    assert isinstance(result, Attributions)
    starts = [a.content.start for a in result.attributions]
    assert starts == sorted(starts)
    assert [a.speaker for a in result.attributions] == ["Jane Smith", "Paul Dean", "Paul Dean"]
    assert [p.name for p in result.people.persons] == ["Paul Dean", "Jane Smith"]


def test_the_result_does_not_change_once_made():
    result = analyse(parse("Paul Dean said the plan would fail."))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.attributions = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.attributions[0].speaker = "Someone Else"  # type: ignore[misc]
