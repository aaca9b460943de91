"""A "which X" / "what X" question answered by the name the source gives as an X."""

from __future__ import annotations

import pytest

from bot.analysis.question import Question
from bot.analysis.which_thing import named_answer, naming_sentences, thing_asked
from tests.analysis.test_answer_spans import index_of

TEXT = (
    "Super PACs can raise unlimited sums from corporations and unions. "
    "In August, the pro-Clinton Priorities USA Action became the best-funded super PAC of the 2016 election. "
    "The study was published in the journal Nature Geoscience."
)


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("What museum did Obama open?", "museum"),
        ("Which super PAC has the most money this election?", "pac"),
        ("What kind of cancer did he have?", ""),  # a frame, not a thing
        ("What did he say?", ""),
        ("Which record were they trying to beat, and where was that kite made?", ""),  # two questions in one
    ],
)
def test_the_thing_asked_is_the_head_of_the_wh_phrase(text, thing):
    assert thing_asked(text) == thing


def _answer(text: str) -> tuple[int, str] | None:
    index = index_of(TEXT)
    hits = index.search(text, k=3)
    found = named_answer(index, hits, Question.read(text))
    return None if found is None else (found[0][0].anchor, found[1])


def test_a_name_is_given_as_the_thing_by_a_copula():
    assert _answer("Which super PAC has the most money this election?") == (1, "Pro-Clinton Priorities USA Action.")


def test_a_name_is_given_as_the_thing_next_to_it():
    found = _answer("Which journal did the study appear in?")
    assert found is not None and found[0] == 2 and "Nature Geoscience" in found[1]


def test_no_name_of_the_thing_leaves_the_question_to_the_quote():
    assert _answer("Which union backs the super PACs?") is None


def test_the_sentences_naming_the_thing_asked_are_found_for_retrieval_to_count():
    index = index_of(TEXT)
    assert naming_sentences(index, Question.read("Which journal published the study?")) == [2]
    assert naming_sentences(index, Question.read("Which super PAC has the most money this election?")) == [1]
    assert naming_sentences(index, Question.read("What did he say?")) == []  # no thing asked
    assert naming_sentences(index, Question.read("When was the study published?")) == []  # a typed question
