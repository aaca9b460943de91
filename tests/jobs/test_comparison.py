"""A person's comparison line: written from their positions only, checked like every generated sentence,
left out when it fails."""

from __future__ import annotations

import asyncio
import unittest.mock

import pytest

from bot.jobs.comparison import ComparisonWriter
from bot.llm.engine import Engine

NAME = "Helen Okafor"
POSITIONS = [
    "Helen Okafor says the charge could cut traffic in the old town by a fifth.",
    "Helen Okafor says a charge would only work if bus services improved first.",
]


@pytest.fixture
def writer() -> ComparisonWriter:
    return ComparisonWriter(unittest.mock.create_autospec(Engine, instance=True))


def test_a_comparison_from_the_positions_passes(writer):
    output = "Helen Okafor consistently argues that the charge could cut traffic if bus services improved first"
    assert writer.check(output, NAME, POSITIONS) == output + "."


@pytest.mark.parametrize(
    ("output", "check", "reason"),
    [
        ("Helen Okafor agrees with Mayor Ruiz about the charge.", "names_and_numbers_in_source", "Ruiz"),
        ("Helen Okafor says the charge could cut traffic by half in 2027.", "names_and_numbers_in_source", "2027"),
        ("Helen Okafor says the charge does not work for bus services.", "adds_no_negation", "adds a negation"),
        ("Helen Okafor agrees.", "says_enough", "says too little"),
        ("Helen Okafor says “the charge always fails downtown” in the old town.", "quotes_are_verbatim", "quotes"),
        ("Helen Okafor now blames greedy landlords and rising rents everywhere.", "little_new_content", "not in"),
    ],
)
def test_a_comparison_that_adds_to_the_positions_fails_with_its_reason(writer, output, check, reason):
    _, verdict = writer.verdict(output, NAME, POSITIONS)
    assert (verdict.ok, verdict.check) == (False, check)
    assert reason in verdict.reason
    assert writer.check(output, NAME, POSITIONS) is None


def test_one_position_gets_no_comparison_and_asks_the_model_nothing(writer):
    assert asyncio.run(writer.write(NAME, POSITIONS[:1], "neutral")) is None
    writer.engine.generate_async.assert_not_called()


def test_the_model_sees_the_positions_oldest_first_and_starts_with_the_name(writer):
    request = writer.request(NAME, POSITIONS, "neutral")
    prompt = request.messages[-1]["content"]
    assert prompt.index("a fifth") < prompt.index("bus services") and "2 news articles" in prompt
    assert request.prefix == NAME
