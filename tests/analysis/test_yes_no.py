"""Yes-no answers say "No" only when the passage negates what is asked, "Yes" only when it states it."""

from __future__ import annotations

from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex
from bot.analysis.yes_no import yes_no_answer

TEXT = (
    "Although the IMF did not single out Trump's proposals, it warned of tensions. "
    "He, like Donald Trump, has refused to apologize. "
    "The council approved the bridge on Tuesday."
)


def answer(text: str, i: int) -> str | None:
    index = PassageIndex(TEXT, sentences_of(parse(TEXT)))
    s = index.sentences[i]
    hit = Hit(Passage(s.start, s.end, s.text, (i,)), 1.0, 0.6, 1.0, i)
    return yes_no_answer(index, hit, Question.read(text), "QUOTE")


def test_a_negation_about_what_is_asked_answers_no():
    assert answer("Did the IMF single out Trump's proposals?", 0) == "No. QUOTE"
    assert answer("Has Dean apologized yet?", 1) == "No. QUOTE"  # "refused to" denies what follows


def test_a_passage_that_states_all_of_it_answers_yes():
    assert answer("Did the council approve the bridge?", 2) == "Yes. QUOTE"


def test_anything_less_certain_is_no_yes_no_answer():
    assert answer("Did the council reject the ferry?", 2) is None  # shares too little of the question
    assert answer("Did the IMF criticise Trump by name?", 0) is None  # a "not", but about something else
