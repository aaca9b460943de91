"""A name holds the role a who-question asks for when the article gives that role beside it, before it as a
title (written short too) or in a relative clause on it."""

from __future__ import annotations

import pytest

from bot.analysis.lexicon import stem
from bot.analysis.nlp import parse
from bot.analysis.role_holders import holds_role

# Word meanings, as the matcher would give them: the same stem, or a pair of words of one role.
_ALIKE = {frozenset({"doctor", "physician"}), frozenset({"lawyer", "attorney"})}


def similarity(a: str, b: str) -> float:
    return 1.0 if stem(a) == stem(b) or frozenset({a, b}) in _ALIKE else 0.2


MARIANO = "Dr. Connie Mariano said that in 1998 she had treated Clinton for a blood clot."
PHYSICIAN = "Connie Mariano, who as a Navy captain was the White House physician, said she had treated Clinton."
ATTORNEY = "An attorney for Pagliano, Mark MacDougall, declined to comment."
NURSE = "Connie Mariano, who was a nurse at the time, said she had treated Clinton."


@pytest.mark.parametrize(
    ("sentence", "name", "role", "holds"),
    [
        (MARIANO, "Connie Mariano", "doctor", True),  # "Dr." is a doctor
        (PHYSICIAN, "Connie Mariano", "doctor", True),  # what the relative clause says she was
        (ATTORNEY, "Mark MacDougall", "lawyer", True),  # the noun the name is set beside
        (NURSE, "Connie Mariano", "doctor", False),
        (MARIANO, "Clinton", "doctor", False),
    ],
)
def test_a_name_holds_the_role_the_article_gives_it(sentence, name, role, holds):
    doc = parse(sentence)
    at = sentence.index(name)
    token = doc.char_span(at, at + len(name), alignment_mode="expand").root
    assert holds_role(token, role, similarity) is holds
