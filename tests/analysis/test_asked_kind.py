"""A "which X" / "what kind of X" question is answered only by a passage that names an X, or says its kind."""

from __future__ import annotations

import numpy as np

from bot.analysis.asked_kind import asked_noun, kind_named
from bot.analysis.key_terms import TermMatcher
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex, sentence_entities


def index(text: str) -> PassageIndex:
    parsed = parse(text)
    sentences = sentences_of(parsed)
    return PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def every_sentence(found: PassageIndex) -> list:
    return [found.hit_at(i) for i in range(len(found.sentences))]


def named(text: str, question: str, matcher: TermMatcher | None = None) -> bool:
    found = index(text)
    return kind_named(found, every_sentence(found), Question.read(question), matcher or TermMatcher({}))


def test_the_asked_noun_is_read_from_the_parse():
    assert asked_noun(Question.read("Which airline was he flying with?")) == ("airline", False)
    assert asked_noun(Question.read("Which NASA mission is supposed to find microbes?")) == ("mission", False)
    assert asked_noun(Question.read("What kind of cancer did he have?")) == ("cancer", True)
    assert asked_noun(Question.read("What does the article say about the cancer?")) is None
    assert asked_noun(Question.read("Which university is he at?")) is None  # a where-question: a place is asked


def test_a_noun_with_no_name_beside_it_names_nothing():
    text = "Roberts exposed risks with airlines' in-flight entertainment systems. He was pulled off a flight."
    assert not named(text, "Which airline was he flying with?")
    assert named("He flew with the airline Delta to Denver.", "Which airline was he flying with?")


def test_a_kind_is_a_word_that_qualifies_the_noun():
    question = "What kind of cancer did he have?"
    assert not named("He was first diagnosed with cancer in 1990. The cancer returned.", question)
    assert named("He was diagnosed with lung cancer in 1990.", question)


def test_a_name_the_question_gives_is_no_answer():
    question = "Which moon of Jupiter may hide an ocean?"
    assert not named("NASA found water on Jupiter's moon.", question)
    assert named("NASA found water on the dwarf planet Ceres and Jupiter's moon Europa.", question)


def test_a_word_close_in_meaning_counts_only_as_a_common_noun():
    vectors = {"movie": np.array([1.0, 0.0]), "film": np.array([0.8, 0.6]), "hollywood": np.array([0.8, 0.6])}
    matcher = TermMatcher(vectors)
    assert named("The idea came from the film 50 First Dates.", "Which movie gave them the idea?", matcher)
    assert not named("A Hollywood idea came to New York.", "Which movie gave them the idea?", matcher)
