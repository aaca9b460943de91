"""A sentence read with the one before it when both name one person: its key words may stand in either."""

from __future__ import annotations

import numpy as np

from bot.analysis.key_terms import TermMatcher
from bot.analysis.named_again import names_one_person, speaks_of_here
from bot.analysis.question import Question
from tests.analysis.test_answer_spans import index_of

TEXT = (
    "The board opened an inquiry, and inspector Maria Lund reviewed the two guards on duty. "
    "Lund saw the swap being made on March 3. "
    "The guards were born in Oslo. They grew up in Bergen."
)
NO_VECTORS = TermMatcher({})


def test_a_sentence_naming_the_person_the_sentence_before_describes_is_read_with_it():
    index = index_of(TEXT)
    question = Question.read("When did the inspector notice it?")
    assert not NO_VECTORS.speaks_of(question, index.sentences[1].text)  # "inspector" is not in it
    assert speaks_of_here(index, (0, 1), 1, question, NO_VECTORS)
    assert names_one_person(index, 0, 1) and not names_one_person(index, 1, 2)


def test_a_sentence_is_not_read_with_one_outside_its_passage_nor_through_a_pronoun():
    index = index_of(TEXT)
    question = Question.read("When did the inspector notice it?")
    assert not speaks_of_here(index, (1,), 1, question, NO_VECTORS)  # the sentence before is not cited with it
    born = Question.read("Which city were the guards born in?")
    assert not speaks_of_here(index, (2, 3), 3, born, TermMatcher({"born": np.ones(1)}))  # "They", no name
