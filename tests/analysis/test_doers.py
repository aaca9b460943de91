"""A name is the doer a who-question asks for when a noun says so: the verb's agent noun set beside it, or the
work done and whom it comes from."""

from __future__ import annotations

import pytest

from bot.analysis.doers import asked_doing, doer_noun, names_the_doer
from bot.analysis.nlp import parse


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Who is moderating the first debate?", ("moderate", frozenset({"first", "debat"}))),
        ("Who put the report out?", ("put", frozenset({"report"}))),
        ("Which company designed the new crew bunks?", ("design", frozenset({"new", "crew", "bunk"}))),
        ("Who is Howard Dean?", None),  # no verb of its own
        ("Who did the police arrest?", None),  # the police are the subject
    ],
)
def test_the_verb_a_question_asks_the_doer_of(text, asked):
    assert asked_doing(text) == asked


@pytest.mark.parametrize(
    ("word", "lemma", "names"),
    [("moderator", "moderate", True), ("leader", "lead", True), ("designers", "design", True),
     ("writer", "write", True), ("debate", "moderate", False), ("lead", "lead", False)],
)  # fmt: skip
def test_an_agent_noun_names_the_one_who_does_the_verb(word, lemma, names):
    assert doer_noun(word, lemma) is names


HOLT = "Trump has complimented the moderator of Monday night's first debate, Lester Holt of NBC News, but with an edge."
SPIETH = "Woods still has a way to go in catching up to leader, 21-year-old Jordan Spieth."
CLYBURN = "Rep. Jim Clyburn, the assistant leader of the Democratic caucus, spoke first."
CIS = "One in seven residents will be an immigrant by 2023, the report from the Center for Immigration Studies said."
ZODIAC = "A slick bunk bed design has been unveiled by Zodiac Galleys Europe, giving staff a bed each."
MILITIA = "The man from the Free Syrian Army was arrested by police on Monday."


@pytest.mark.parametrize(
    ("sentence", "name", "question", "doer"),
    [
        (HOLT, "Lester Holt", "Who is moderating the first debate?", True),  # beside the agent noun, past its "of"
        (HOLT, "Trump", "Who is moderating the first debate?", False),
        (SPIETH, "Jordan Spieth", "Who is leading the Masters?", True),  # past the name's own "21-year-old"
        (CLYBURN, "Jim Clyburn", "Who leads the Congressional Black Caucus?", False),  # an assistant leader
        (CIS, "the Center for Immigration Studies", "Who put the report out?", True),  # whom the work comes from
        (ZODIAC, "Zodiac Galleys Europe", "Which company designed the new crew bunks?", True),  # the deed's "by"
        (MILITIA, "the Free Syrian Army", "Who killed the man?", False),  # a person comes from it: no work
        (MILITIA, "police", "Who killed the man?", False),  # "by" of another verb done to him
    ],
)
def test_a_noun_tells_the_doer_of_the_asked_verb(sentence, name, question, doer):
    at = sentence.index(name)
    assert names_the_doer(parse(sentence), at, at + len(name), question) is doer


@pytest.mark.parametrize(
    ("sentence", "name", "question", "doer"),
    [
        ("AWR Hawkins is the Second Amendment columnist for Breitbart News.", "AWR Hawkins", "Who wrote this piece?",
         True),  # the note on the author
        ("By Jane Doe", "Jane Doe", "Who wrote the article?", True),  # the byline
        ("AWR Hawkins is the Second Amendment columnist for Breitbart News.", "AWR Hawkins", "Who wrote the law?",
         False),  # no piece of writing asked
        ("Trump is the candidate of the Republicans.", "Trump", "Who wrote this piece?", False),
    ],
)  # fmt: skip
def test_the_author_of_the_piece_is_the_one_its_byline_or_author_note_names(sentence, name, question, doer):
    at = sentence.index(name)
    assert names_the_doer(parse(sentence), at, at + len(name), question) is doer
