"""The sentence of the best passage a quoted answer is read from."""

from __future__ import annotations

from bot.analysis.anchors import answering_anchor
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex

TEXT = (
    "Stancil snapped back at the judge when he was offered an attorney. "
    "“No, I don't need one,” said Stancil, who stood before the judge. "
    "The hearing was delayed because the lawyer was late."
)


def _hit():
    index = PassageIndex(TEXT, sentences_of(parse(TEXT)))
    (hit,) = index.search("Stancil snapped back at the judge attorney", k=1)
    return index, index._merge_adjacent([hit, index.hit_at(1), index.hit_at(2)])[0]


def test_a_said_question_is_answered_from_the_sentence_with_the_words_said():
    index, hit = _hit()
    assert hit.anchor == 0 and hit.passage.sentences == (0, 1, 2)
    said = answering_anchor(index, hit, Question.read("How did Stancil react when the judge offered him an attorney?"))
    assert said.anchor == 1


def test_a_why_question_is_answered_from_the_sentence_that_gives_the_reason():
    index, hit = _hit()
    assert answering_anchor(index, hit, Question.read("Why was the hearing delayed?")).anchor == 2


def test_other_questions_keep_the_best_scoring_sentence():
    index, hit = _hit()
    assert answering_anchor(index, hit, Question.read("Who offered him an attorney?")).anchor == 0


def test_a_said_question_is_answered_from_the_words_of_the_person_asked_about():
    index, hit = _hit()
    question = Question.read("How did Stancil react when the judge offered him an attorney?")
    assert answering_anchor(index, hit, question, spoken={2}).anchor == 2  # their words before a quote of others'
    assert answering_anchor(index, hit, question, spoken={7}).anchor == 1  # none in the passage: a quote


def test_the_sentence_that_says_the_questions_own_verb_of_saying_answers_it():
    text = ("Smith described him as a loving man who was dedicated to his family. “Yes, Ron was gay,” Smith said. "
            "“People need to get over it.”")
    index = PassageIndex(text, sentences_of(parse(text)))
    hit = index._merge_adjacent([index.hit_at(1), index.hit_at(0), index.hit_at(2)])[0]
    assert hit.anchor == 1
    describe = Question.read("How does Steve Smith describe Ron Lane as a person?")
    assert answering_anchor(index, hit, describe, spoken={0, 1, 2}).anchor == 0
    plain = Question.read("What did Steve Smith say about Ron Lane?")  # "say" tells nothing of how
    assert answering_anchor(index, hit, plain, spoken={0, 1, 2}).anchor == 1
