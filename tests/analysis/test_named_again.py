"""A sentence read with the one before it when both name one person: its key words may stand in either."""

from __future__ import annotations

import numpy as np

from bot.analysis.key_terms import TermMatcher
from bot.analysis.named_again import names_one_person, roles_named, speaks_of_here
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
    question = Question.read("When did the board notice it?")  # "board": the sentence before, and no role
    assert speaks_of_here(index, (0, 1), 1, question, NO_VECTORS)
    assert not speaks_of_here(index, (1,), 1, question, NO_VECTORS)  # the sentence before is not cited with it
    born = Question.read("Which city were the guards born in?")
    assert not speaks_of_here(index, (2, 3), 3, born, TermMatcher({"born": np.ones(1)}))  # "They", no name


ROLE_TEXT = (
    "The board opened an inquiry, and inspector Maria Lund reviewed the two guards on duty. "
    "The guards were born in Oslo.\n\n"
    "Lund saw the swap being made on March 3. "
    "Tom Berg and Anna Berg came later; Berg left on May 1."
)


def test_a_sentence_naming_a_person_holds_the_role_the_article_gives_them_anywhere():
    index = index_of(ROLE_TEXT)
    question = Question.read("When did the inspector notice it?")
    assert not NO_VECTORS.speaks_of(question, index.sentences[2].text)  # "inspector" is not in it
    assert roles_named(index, 2) == ["inspector"]  # "Lund", a paragraph after "inspector Maria Lund"
    assert speaks_of_here(index, (2,), 2, question, NO_VECTORS)  # alone in its passage


def test_no_role_is_read_into_a_sentence_without_the_person_nor_through_a_shared_surname():
    index = index_of(ROLE_TEXT)
    assert roles_named(index, 1) == []  # "The guards ...": no one named
    assert roles_named(index, 3) == []  # "Berg": two people of the article
    assert not speaks_of_here(index, (1,), 1, Question.read("When did the inspector notice it?"), NO_VECTORS)
