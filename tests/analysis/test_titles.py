"""Titles of works and laws the tagger misses, found by how news writes them, answer which-thing questions."""

from __future__ import annotations

import pytest

from bot.analysis.answer_spans import answer_span, stated_answer
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex, sentence_entities
from bot.analysis.titles import names_kind, titles_in, with_titles
from bot.analysis.which_thing import named_answer


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("He has sold copies of his book, Child Promise Me You Will Shoot Yourself, which examines suicides.",
         [("WORK_OF_ART", "Child Promise Me You Will Shoot Yourself")]),
        ("The film 50 First Dates starring Adam Sandler has inspired an experiment.",
         [("WORK_OF_ART", "50 First Dates")]),
        ("She wrote a memoir entitled The White House Doctor: My Patients Were Presidents.",
         [("WORK_OF_ART", "The White House Doctor: My Patients Were Presidents")]),
        ('He told the show "Good Morning America" that he would run.', [("WORK_OF_ART", "Good Morning America")]),
        ("Police are looking at a breach of the Representation of the People Act 1983, which bans gifts.",
         [("LAW", "Representation of the People Act 1983")]),
        ("The Affordable Care Act was signed in 2010.", [("LAW", "Affordable Care Act")]),
        # no title: a verb, a quoted word in lower case, a day after the noun
        ("She said the film was 'fluff' and the show Monday was long.", []),
    ],
)
def test_a_title_is_a_capitalised_or_quoted_run_after_the_noun_of_its_kind(text, titles):
    assert [(label, text[s:e]) for label, s, e in titles_in(text)] == titles


def test_a_title_the_splitter_cut_runs_on_to_its_comma():
    text = "He sold his book, Child Promise Me You Will Shoot Yourself, which examines suicides."
    assert [text[s:e] for _, s, e in titles_in(text, 0, text.index("You"))] == [
        "Child Promise Me You Will Shoot Yourself"
    ]


def test_a_law_is_the_kind_a_law_question_asks_for():
    assert names_kind("LAW", "law") and not names_kind("LAW", "book")
    assert not names_kind("WORK_OF_ART", "book")  # the tagger gives that label to many a capitalised phrase


def _index(text: str) -> PassageIndex:
    parsed = parse(text)
    sentences = sentences_of(parsed)
    entities = with_titles(text, sentences, sentence_entities(parsed, sentences))
    return PassageIndex(text, sentences, entities=entities, parsed=parsed)


def test_a_law_found_by_its_shape_answers_which_law():
    text = ("Police are investigating a Tory MP over claims he bribed voters with cake. "
            "Police said it was investigating a breach of the Representation of the People Act 1983, which bans it.")
    index = _index(text)
    question = Question.read("Which law are the police looking at?")
    found = named_answer(index, index.search(question.text, k=3), question)
    assert found is not None and found[1] == "Representation of the People Act 1983."


def test_a_name_the_tagger_labels_a_law_answers_what_law():
    text = "He was beaten to death. 'He was arrested under Section 354 of IPC (Indian Penal Code)."
    index = _index(text)
    question = Question.read("What law was he charged under?")
    found = named_answer(index, index.search(question.text, k=3), question)
    assert found is not None and found[1].startswith("Section 354")


def test_the_name_asked_of_an_owners_thing_is_the_things():
    assert Question.read("What's the name of Florian Huber's book?").named_thing == "book"
    assert Question.read("What was the name of the taxi driver they arrested?").named_thing == "driver"


def test_a_title_after_entitled_names_the_thing_asked_for():
    index = _index("Mariano wrote a memoir of her time at the White House entitled The White House Doctor: My "
                   "Patients Were Presidents.")
    question = Question.read("What's the name of her book?")
    span = answer_span(index, 0, question)
    assert span is not None
    assert stated_answer(index, span, question, []) == "The White House Doctor: My Patients Were Presidents."
