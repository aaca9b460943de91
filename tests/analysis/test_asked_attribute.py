"""What a "to be" question asks of its subject, and whether a sentence speaks of it."""

from __future__ import annotations

import numpy as np

from bot.analysis.asked_attribute import asked_attribute, speaks_of_attribute
from bot.analysis.key_terms import TermMatcher
from bot.analysis.question import Question

NO_VECTORS = TermMatcher({})


def test_a_copula_question_asks_for_its_noun_or_its_predicate():
    assert asked_attribute(Question.read("who was the building's architect?")) == ("architect",)
    assert asked_attribute(Question.read("Who was the contractor?")) == ("contractor",)
    assert asked_attribute(Question.read("What was Mick's result in his first Formula 4 race?")) == ("result",)
    assert asked_attribute(Question.read("How strong was the quake?")) == ("strong",)  # not "quake"
    assert asked_attribute(Question.read("How many hours was Khanal trapped?")) == ("trapped",)


def test_a_verb_a_kind_word_or_the_noun_the_question_word_picks_asks_nothing_more():
    assert asked_attribute(Question.read("Where was Stein thrown out of?")) == ()  # verbs are said many ways
    assert asked_attribute(Question.read("Who designed the bridge?")) == ()
    assert asked_attribute(Question.read("What was his boat called?")) == ()  # "called" only names the kind
    assert asked_attribute(Question.read("Which university is he at?")) == ()  # the kind asked, not an attribute
    assert asked_attribute(Question.read("Who is Howard Dean?")) == ()


def test_a_sentence_of_the_subject_alone_does_not_speak_of_the_attribute():
    question = Question.read("who was the building's architect?")
    sentence = "Bush signed the legislation authorizing the building of the museum, and his wife, Laura, spoke."
    assert not speaks_of_attribute(question, sentence, NO_VECTORS)
    assert speaks_of_attribute(question, "The building's architect, David Adjaye, spoke.", NO_VECTORS)


def test_the_attribute_matches_by_meaning_but_not_through_the_subjects_words():
    question = Question.read("who was the building's architect?")
    close = TermMatcher(
        {"architect": np.array([1.0, 0.0]), "building": np.array([0.8, 0.6]), "designer": np.array([0.8, 0.6])}
    )
    assert speaks_of_attribute(question, "Its designer was David Adjaye.", close)
    assert not speaks_of_attribute(question, "The building opened in 2016.", close)  # "building" is the subject
    trapped = TermMatcher({"trapped": np.array([1.0, 0.0]), "stuck": np.array([0.6, 0.8])})
    assert speaks_of_attribute(Question.read("How many hours was Khanal trapped?"), "He was stuck 82 hours.", trapped)


def test_a_question_that_asks_nothing_more_is_never_refused_for_it():
    assert speaks_of_attribute(Question.read("Where was Stein thrown out of?"), "She was escorted off.", NO_VECTORS)


def test_a_span_in_a_sentence_of_the_subject_only_does_not_answer_what_is_asked_of_it():
    from bot.analysis.answer_spans import answer_spans
    from bot.analysis.retrieval import Hit, Passage
    from bot.analysis.speaks_of import spans_about
    from tests.analysis.test_answer_spans import index_of

    index = index_of("Bush signed the law authorizing the building, and his wife, Laura Bush, spoke of the museum.")
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 0.9, 0.6, 0.5, s.index) for s in index.sentences]
    question = Question.read("who was the building's architect?")
    spans = [(0, 0, span) for span in answer_spans(index, 0, question)]
    assert spans and spans_about(index, hits, spans, question, NO_VECTORS) == []
    designed = Question.read("Who spoke of the museum?")  # the sentence speaks of what this one asks
    spans = [(0, 0, span) for span in answer_spans(index, 0, designed)]
    assert spans_about(index, hits, spans, designed, NO_VECTORS)
