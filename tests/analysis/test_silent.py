"""People who never speak in the text: what they said is not covered."""

from __future__ import annotations

import pytest

from bot.analysis.attribution import analyse
from bot.analysis.lexicon import named_then_saying
from bot.analysis.nlp import load_pipeline, parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex
from bot.analysis.silent import asks_a_silent_person, who_speaks
from bot.models import Expert

TEXT = (
    "The Greens called on Premier Mike Baird to give workers Monday off.\n\n"
    "Business chief Stephen Cartwright said there is no need for another holiday."
)


@pytest.fixture(scope="module")
def people() -> dict[str, bool]:
    load_pipeline()
    return who_speaks(analyse(parse(TEXT)))


def test_each_person_the_text_names_and_whether_they_speak(people):
    assert people == {"Mike Baird": False, "Stephen Cartwright": True}


def test_what_a_silent_person_said_is_asked_of_nobody_who_speaks(people):
    assert asks_a_silent_person(Question.read("What did Premier Mike Baird say in reply to the Greens?"), people)
    assert asks_a_silent_person(Question.read("What did Baird say?"), people)
    assert not asks_a_silent_person(Question.read("What did Stephen Cartwright say?"), people)
    assert not asks_a_silent_person(Question.read("What did Tom Baird say?"), people)  # another Baird
    assert not asks_a_silent_person(Question.read("Who called on Mike Baird?"), people)  # no "what did X say"


def test_a_group_speaks_for_itself_and_an_expert_is_no_silent_person(people):
    assert not asks_a_silent_person(Question.read("What did Baird's office say about the holiday?"), people)
    baird = Expert("Mike Baird", "Premier", [])
    assert not asks_a_silent_person(Question.read("What did Mike Baird say?", [baird]), people)


def test_only_the_subject_of_the_questions_main_verb_is_asked_what_they_said(people):
    assert not asks_a_silent_person(Question.read("How does Stephen Cartwright describe Mike Baird?"), people)
    assert not asks_a_silent_person(Question.read("What did Cartwright say about how Baird is doing?"), people)


def test_a_person_the_text_names_before_a_verb_of_saying_is_not_silent():
    text = "Jeff Sessions, who has led the debate, said in a letter that wages will fall."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    question = Question.read("What did Jeff Sessions say about wages?")
    assert asks_a_silent_person(question, {"Jeff Sessions": False})  # the attribution's word alone
    assert not asks_a_silent_person(question, {"Jeff Sessions": False}, index)


def test_named_then_saying_reads_a_name_a_clause_and_a_verb_of_saying():
    assert named_then_saying("Boase", "Boase, who has two previous convictions, said: 'Never again.'")
    assert named_then_saying("Sessions", "Sen. Jeff Sessions has argued that wages fall")
    assert not named_then_saying("Norman", "Jesse Norman allegedly gave out cake.")  # an adverb, not "allege"
    assert not named_then_saying("Baird", "The Greens called on Mike Baird to act, claiming he could.")
