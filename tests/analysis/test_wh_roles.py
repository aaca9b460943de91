"""The part a question's wh-phrase plays, and the part a name plays in the source: who does what is asked."""

from __future__ import annotations

import pytest

from bot.analysis.answer_spans import answer_span, stated_answer
from bot.analysis.nlp import parse
from bot.analysis.question import Question
from bot.analysis.wh_roles import AGENT, PATIENT, asked_role, asks_the_subject, plays_role
from tests.analysis.test_answer_spans import index_of


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Who heads her panel on the violence?", True),
        ("Which state is still getting the Monday off?", True),
        ("Which super PAC has the most money this election?", True),  # spaCy splits "Which" from "super PAC"
        ("who was killed in the fight", True),
        ("Who did the police arrest?", False),  # do-support: the police are the subject
        ("Which law are the police looking at?", False),
        ("Who is the militant leader they say was killed?", False),  # a copula's other side
    ],
)
def test_a_question_asks_for_the_subject_of_its_verb_or_not(text, subject):
    assert asks_the_subject(text) is subject


@pytest.mark.parametrize(
    ("sentence", "name", "subject"),
    [
        ("Western Australia and some public servants in Canberra will get Monday off.", "Western Australia", True),
        ("Western Australia and some public servants in Canberra will get Monday off.", "Canberra", False),
        ("She set up a commission, overseen by the diplomat Kofi Annan, to make proposals.", "Kofi Annan", True),
        ("Officials said Izzat Ibrahim al-Douri had died in fighting.", "Izzat Ibrahim al-Douri", True),
    ],
)
def test_a_name_heads_a_subject_or_is_a_passives_agent(sentence, name, subject):
    at = sentence.index(name)
    assert plays_role(parse(sentence), at, at + len(name), (AGENT, "")) is subject


@pytest.mark.parametrize(
    ("sentence", "name", "undergoes"),
    [
        ("Police officer Betty Shelby shot and killed Terence Crutcher on Friday.", "Terence Crutcher", True),
        ("Police officer Betty Shelby shot and killed Terence Crutcher on Friday.", "Betty Shelby", False),
        ("Terence Crutcher was killed by an officer on Friday.", "Terence Crutcher", True),
        ("Hillary Clinton said Terence Crutcher was killed.", "Hillary Clinton", False),
        ("Enoch Gaver was killed in the fight and David Gaver was shot in the stomach.", "Enoch Gaver", True),
        ("Enoch Gaver was killed in the fight and David Gaver was shot in the stomach.", "David Gaver", False),
    ],
)
def test_who_undergoes_the_verb_is_its_object_or_a_passives_subject(sentence, name, undergoes):
    at = sentence.index(name)
    assert plays_role(parse(sentence), at, at + len(name), (PATIENT, "kill")) is undergoes


@pytest.mark.parametrize(
    ("text", "role"),
    [("Who heads her panel on the violence?", (AGENT, "")), ("Who was killed in Tulsa?", (PATIENT, "kill")),
     ("Who did the police arrest?", None)],
)
def test_the_role_asked(text, role):
    assert asked_role(text) == role


def test_the_subject_is_the_answer_when_the_question_asks_for_it():
    text = "Western Australia and some public servants in Canberra have decided to go it alone and will get Monday off."
    index = index_of(text)
    question = Question.read("Which state is still getting the Monday off?")
    span = answer_span(index, 0, question)
    assert span is not None and stated_answer(index, span, question, []) == "Western Australia."
