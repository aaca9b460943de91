"""Whether a span's sentence speaks of what the question asks: a role of leading says who leads."""

from __future__ import annotations

from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex
from bot.analysis.speaks_of import _about_what_is_asked

TEXT = (
    '"Sanctions are not working," said Daryl Kimball, executive director of the Arms Control Association. '
    "Kimball met members of the Arms Control Association in Geneva. "
    '"Now is the time," said Don Fowler, who helmed the DNC from 1995 to 1997.'
)


def index() -> PassageIndex:
    return PassageIndex(TEXT, sentences_of(parse(TEXT)))


def far_hit(found: PassageIndex, i: int) -> Hit:
    s = found.sentences[i]
    return Hit(Passage(s.start, s.end, s.text, (i,)), 0.3, 0.3, 0.0, i)  # not close in meaning


def test_a_role_of_leading_says_who_heads_or_leads_it():
    found = index()
    heads = Question.read("Who heads the Arms Control Association?")
    assert _about_what_is_asked(found, far_hit(found, 0), heads)  # "executive director of"
    assert not _about_what_is_asked(found, far_hit(found, 1), heads)  # a member meets, no one is said to lead
    assert _about_what_is_asked(found, far_hit(found, 2), Question.read("Who led the DNC in the mid-1990s?"))
