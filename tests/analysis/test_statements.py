"""Where and when someone spoke: the occasion or place on the verb of saying, never a place in their words."""

from __future__ import annotations

from bot.analysis.answer_spans import answer_span, stated_answer
from bot.analysis.question import Question
from bot.analysis.statements import asks_about_a_statement, occasions
from bot.models import Expert, Span
from tests.analysis.test_answer_spans import index_of

STOFAN = (
    '"I think we are going to have strong indications of life beyond Earth within a decade," NASA chief scientist '
    "Ellen Stofan said Tuesday during a panel discussion on water in the universe."
)
AXELROD = (
    "“My reaction, that was outrageous,” Obama's former campaign strategist said in an interview with CNN’s Wolf "
    "Blitzer."
)


def _stofan() -> Expert:
    start = STOFAN.index("Ellen Stofan")
    return Expert("Ellen Stofan", "NASA chief scientist", [Span(1, start - 2)])


def test_a_where_question_about_someone_speaking_asks_about_a_statement():
    expert = _stofan()
    assert asks_about_a_statement(Question.read("Where was Ellen Stofan speaking?", [expert]))
    assert asks_about_a_statement(Question.read("Where did Stofan make these comments?", [expert]))
    assert not asks_about_a_statement(Question.read("Where is the water?", [expert]))
    assert not asks_about_a_statement(Question.read("Where was the panel speaking?"))  # about nobody quoted


def test_a_light_verb_of_saying_asks_about_a_statement_unless_it_reports_a_clause():
    expert = _stofan()
    assert asks_about_a_statement(Question.read("When did Stofan say it?", [expert]))
    assert not asks_about_a_statement(Question.read("Where did Stofan say the water is?", [expert]))
    question, index = Question.read("When did Stofan say it?", [expert]), index_of(STOFAN)
    assert stated_answer(index, answer_span(index, 0, question), question, []) == "Tuesday."


def test_the_occasion_of_a_verb_of_saying_is_read_whole_when_short():
    assert [e.text for e in occasions(index_of(STOFAN), 0)] == ["a panel discussion on water in the universe"]
    assert [e.text for e in occasions(index_of(AXELROD), 0)] == ["an interview with CNN’s Wolf Blitzer"]
    assert occasions(index_of("The mayor said on Tuesday that the bridge would open."), 0) == []  # a date


def test_where_someone_spoke_is_the_occasion_not_a_place_in_their_words():
    index = index_of(STOFAN)
    question = Question.read("Where was Ellen Stofan speaking?", [_stofan()])
    span = answer_span(index, 0, question)
    assert span is not None
    assert stated_answer(index, span, question, []) == "During a panel discussion on water in the universe."
