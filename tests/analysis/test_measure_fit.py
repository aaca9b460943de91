"""A how-many span answers only in the dimension asked, counting the thing asked, with no number the question names."""

from __future__ import annotations

import pytest

from bot.analysis.answer_spans import answer_spans
from bot.analysis.measure_fit import asked_noun, fits_measure, names_number, numbers_in
from bot.analysis.question import Question
from tests.analysis.test_answer_spans import index_of


def fitting(text: str, asked: str) -> list[str]:
    """The words of the spans of the one-sentence `text` that answer `asked` in the dimension it asks."""
    index = index_of(text)
    question = Question.read(asked)
    spans = [span for i in range(len(index.sentences)) for span in answer_spans(index, i, question)]
    return [index.text[s.start : s.end] for s in spans if fits_measure(index, s, question)]


def test_a_speed_is_asked_with_its_unit():
    text = "The boarder needed seven stitches after he came off at 40mph on the hill."
    assert fitting(text, "How fast was he going when he came off?") == ["40mph"]
    assert fitting("The boarder needed seven stitches.", "How fast was he going?") == []
    # a rate of growth is how fast an economy grows
    assert fitting("The fund expects the economy to grow 1.6 percent.", "How fast will the economy grow?") != []


def test_a_length_of_time_has_an_amount_not_a_point_in_time():
    assert (
        fitting("The moderator of Monday night's debate was Lester Holt.", "How long will Monday's debate last?") == []
    )
    assert fitting("The debate will run for 90 minutes.", "How long will the debate last?") == ["90 minutes"]
    assert fitting("He has been barred from teaching for years.", "How long is he barred from teaching?") != []


def test_a_number_the_question_names_is_not_its_answer():
    text = "The doll sells for just $3.00 this week, and will be on sale for $34.95 thereafter."
    assert fitting(text, "How much will the doll cost once the $3 deal is over?") == ["$34.95"]
    assert numbers_in("the $3 deal, 1,500 people and three suspects") == {3.0, 1500.0}
    assert names_number("How many of the three suspects were charged?", "three")
    assert not names_number("How many people came?", "30,000")


def test_the_noun_a_count_asks_for_is_that_of_the_whole_for_a_part():
    assert asked_noun(Question.read("How many students does the studio have?")) == "students"
    assert asked_noun(Question.read("How many of these macaques survive in the wild?")) == "macaques"
    assert asked_noun(Question.read("How many were hurt in the blast?")) == ""


def test_a_count_of_a_noun_far_in_meaning_still_answers():
    # no word-vector test of the counted noun (it refused right counts on a blind set): the span stays
    text = "The instructor has been charged with eight counts of child pornography."
    assert fitting(text, "How many counts is he facing?") == ["eight counts"]
    assert fitting(text, "How many students does the karate studio have?") == ["eight counts"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("The researchers found two new macaque species.", "How many of these macaques survive in the wild?"),
        ("She wore a black and white striped one-piece swimsuit.", "How many of the dolls have been made?"),
    ],
)
def test_a_number_that_counts_a_kind_or_is_fused_to_a_word_counts_no_thing_asked(text, asked):
    assert fitting(text, asked) == []


def test_a_number_fused_to_the_unit_asked_still_counts_it():
    assert fitting("They held the four-day festival in May.", "How many days did the festival last?") != []
