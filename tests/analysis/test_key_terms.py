"""Key words of a question matched in a sentence, by stem or by a word close in meaning."""

from __future__ import annotations

import numpy as np

from bot.analysis.key_terms import TermMatcher, words_to_embed
from bot.analysis.question import Question


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_key_words_leave_out_question_words_names_and_the_kind_asked():
    assert Question.read("When did Donald and Ivana Trump divorce?").key_words == ("divorce",)
    assert Question.read("What year did the Jungfrau line open?").key_words == ("line", "open")
    assert Question.read("Who is he, exactly?").key_words == ()


def test_a_sentence_speaks_of_the_question_by_stem_or_by_meaning():
    question = Question.read("How many were hurt in the blast?")
    matcher = TermMatcher({"hurt": unit(1, 0.1, 0), "injured": unit(1, 0, 0), "blast": unit(0, 1, 0),
                           "explosion": unit(0, 1, 0.2), "people": unit(0, 0, 1)})
    assert matcher.share(question, "Twenty-nine people were injured in an explosion.") == 1.0
    assert matcher.speaks_of(question, "Twenty-nine people were injured in an explosion.")
    assert matcher.share(question, "The blasts shook 29 people.") == 0.5  # "blast" by its stem only
    assert not matcher.speaks_of(question, "Twenty-nine people came.")


def test_a_question_without_key_words_is_never_refused_for_them():
    matcher = TermMatcher({})
    assert matcher.share(Question.read("And when was it?"), "It was on Saturday.") is None
    assert matcher.speaks_of(Question.read("And when was it?"), "It was on Saturday.")


def test_the_words_to_embed_are_the_key_words_and_the_sentences_content_words_once():
    words = words_to_embed(Question.read("When does the law take effect?"), ["The law bans it.", "A law."])
    assert words == ["law", "effect", "bans"]  # "take" only frames the question


def test_two_words_are_as_close_as_their_vectors_and_one_stem_is_the_same_word():
    matcher = TermMatcher({"cars": np.array([1.0, 0.0]), "cruisers": np.array([0.6, 0.8])})
    assert matcher.similarity("cars", "car") == 1.0  # one stem, whatever the vectors
    assert abs(matcher.similarity("cars", "cruisers") - 0.6) < 1e-6
    assert matcher.similarity("cars", "officers") == 0.0  # no vector: unknown
