"""A date or place answers only when it hangs on the asked predicate, not on another verb of the thing asked."""

from __future__ import annotations

from bot.analysis.answer_spans import answer_span
from bot.analysis.asked_slot import asked_predicate, hangs_elsewhere
from bot.analysis.key_terms import TermMatcher
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex, sentence_entities

TEXT = "The law, signed by the governor on Tuesday, bans the procedure. The law takes effect on July 1."


def index() -> PassageIndex:
    parsed = parse(TEXT)
    sentences = sentences_of(parsed)
    return PassageIndex(TEXT, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def test_the_asked_predicate_is_the_main_verb_with_its_object_unless_the_verb_is_empty():
    assert asked_predicate(Question.read("When does the law take effect?")) == ["take", "effect"]
    assert asked_predicate(Question.read("When will Christie announce whether he is running?")) == ["announce"]
    assert asked_predicate(Question.read("When is the second debate?")) == []
    assert asked_predicate(Question.read("When did it happen?")) == []


def test_a_date_of_another_verb_describing_the_thing_asked_does_not_answer():
    found = index()
    question = Question.read("When does the law take effect?")
    signed = answer_span(found, 0, question)
    assert signed is not None and "Tuesday" in found.text[signed.start : signed.end]
    assert hangs_elsewhere(found, signed, question, TermMatcher({}))
    effect = answer_span(found, 1, question)
    assert effect is not None and not hangs_elsewhere(found, effect, question, TermMatcher({}))
    signing = Question.read("When was the law signed?")  # the same date answers the question of its own verb
    assert not hangs_elsewhere(found, answer_span(found, 0, signing), signing, TermMatcher({}))
