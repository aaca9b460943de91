"""A place of an occasion places what happened at it; a verb that only shows a thing dates no saying."""

from __future__ import annotations

from bot.analysis.answer_spans import answer_span
from bot.analysis.asked_slot import acts_as_a_party, dates_the_saying, describes_a_thing
from bot.analysis.key_terms import TermMatcher
from bot.analysis.nlp import parse
from bot.analysis.question import Question
from bot.analysis.statements import an_occasion, says_words
from tests.analysis.test_asked_slot import index_of, spans


def test_a_place_of_an_occasion_is_where_what_happened_at_it_happened():
    question = Question.read("Where did the company first show off the new design?")
    ((found, span),) = spans("The company chose the Interiors Expo in Hamburg to show off its design.", question)
    assert found.text[span.start : span.end].endswith("Hamburg")
    assert not describes_a_thing(found, span, question, TermMatcher({}))
    # a place of a person still places the person, not the event
    ((found, span),) = spans("The company hired Gov. Mike Pence of Indiana to show off the design.", question)
    assert describes_a_thing(found, span, question, TermMatcher({}))


def test_occasion_nouns():
    doc = parse("The expo and the debates drew the governor.")
    assert [t.text for t in doc if an_occasion(t)] == ["expo", "debates"]


def test_a_verb_of_saying_that_counts_only_with_words_shows_a_thing_without_them():
    shown = parse("The concept was revealed at the Expo last week.")
    told = parse("The company revealed that the concept would fly next year.")
    said = parse("The minister said today the plan was good.")
    assert not says_words(next(t for t in shown if t.lemma_ == "reveal"))
    assert says_words(next(t for t in told if t.lemma_ == "reveal"))
    assert says_words(next(t for t in said if t.lemma_ == "say"))


def test_the_date_of_showing_a_thing_is_no_date_of_saying():
    question = Question.read("When did the company show off the design?")
    found = index_of("The design was revealed at the Expo in Hamburg last week.")
    span = answer_span(found, 0, question)
    assert span is not None and found.text[span.entity.start : span.entity.end] == "last week"
    assert not dates_the_saying(found, span, question)


def test_a_place_told_something_is_a_listener_not_where_it_happened():
    question = Question.read("Where did the mum go with the baby?")
    found = index_of("Her attorney says told the Livingston County Circuit Court that the baby is doing well. "
                     "Brenda Burns fled to Colorado with the baby.")
    assert acts_as_a_party(found, answer_span(found, 0, question), question)
    assert not acts_as_a_party(found, answer_span(found, 1, question), question)

