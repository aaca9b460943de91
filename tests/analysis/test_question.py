"""A question read once: the kind of thing it asks for, the expert it names, whether it points back."""

from __future__ import annotations

import pytest

from bot.analysis.question import NUMBER_LABELS, Question, expert_named
from bot.models import Expert


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How much did the bridge cost?", frozenset({"MONEY"})),
        ("How long will construction take?", NUMBER_LABELS),
        ("When does the final design come out?", frozenset({"DATE", "TIME"})),
        ("Where will the bridge be built?", frozenset({"GPE", "LOC", "FAC", "ORG"})),
        ("Why did the council vote for it?", frozenset()),
    ],
)
def test_the_kind_of_thing_a_question_asks_for(text, kind):
    assert Question.read(text).kind == kind


def test_who_asks_for_a_name_and_how_many_for_a_number():
    assert "PERSON" in Question.read("Who voted against the bridge?").kind
    assert Question.read("How many lanes will it carry?").wants_number
    assert not Question.read("Who voted against it?").wants_number


def test_follow_ups_that_lean_on_the_previous_turn_are_recognised():
    assert Question.read("And what did he say next?").refers_back
    assert Question.read("And what did he say next?").asks_to_continue
    assert Question.read("What else does she argue?").refers_back
    said = Question.read("What did he say?")
    assert said.refers_back and not said.asks_to_continue
    assert not Question.read("How long is the bridge?").refers_back


def test_a_question_names_an_expert_by_full_name_or_a_surname_only_one_has():
    experts = [Expert("Helen Okafor", "economist", []), Expert("Tom Becker", None, [])]
    assert Question.read("What does okafor think?", experts).expert.name == "Helen Okafor"
    assert Question.read("What about the mayor?", experts).expert is None
    jordans = [Expert("Louis Jordan", "sailor", []), Expert("Frank Jordan", "father", [])]
    assert expert_named("What does Frank Jordan think kept his son alive?", jordans).name == "Frank Jordan"
    assert expert_named("What did Jordan say?", jordans) is None


def test_the_words_of_a_question_are_its_content_stems():
    assert Question.read("Who voted against the bridges?").words == frozenset({"vote", "bridg"})
