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


def test_who_is_in_charge_of_it_is_who_a_sentence_says_leads_it():
    text = (
        "Suu Kyi presided over a summit and established a commission, overseen by Kofi Annan. "
        "Kofi Annan heads the commission."
    )
    found = PassageIndex(text, sentences_of(parse(text)))
    in_charge = Question.read("Who is in charge of her commission on the violence?")
    assert _about_what_is_asked(found, far_hit(found, 0), in_charge)  # "presided", "overseen by": who leads
    # being charged is no leading: a sentence of who heads the commission does not speak of who was charged
    charged = Question.read("Who was charged over the violence at the commission?")
    assert not _about_what_is_asked(found, far_hit(found, 1), charged)
