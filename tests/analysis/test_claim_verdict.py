"""An evidence question that asks whether a claim is true is answered by the article's verdict on it."""

from __future__ import annotations

from bot.analysis.claim_verdict import asks_truth, judges_a_claim, verdict_first
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex

TEXT = (
    "Even Friday, he claimed that Clinton started the birther controversy.\n\n"
    "“Hillary Clinton and her campaign of 2008 started the birther controversy. I finished it,” Trump said.\n\n"
    "That comment is a lie.\n\n"
    "Many take the controversy personally."
)


def test_a_sentence_that_points_back_and_says_false_judges_a_claim():
    assert judges_a_claim("That comment is a lie.")
    assert judges_a_claim("But the claim is false, records show.")
    assert not judges_a_claim("He told a lie about the weather.")  # it points back to no claim
    assert not judges_a_claim("That comment came on Friday.")  # it says neither true nor false


def test_the_verdict_after_the_claim_comes_first_with_the_claim():
    index = PassageIndex(TEXT, sentences_of(parse(TEXT)))
    claim = [1, 2]  # the quote, in two sentences
    hits = [Hit(Passage(index.sentences[claim[0]].start, index.sentences[claim[-1]].end,
                        TEXT[index.sentences[claim[0]].start : index.sentences[claim[-1]].end], tuple(claim)),
                1.0, 0.7, 0.3, claim[0]),
            Hit(Passage(index.sentences[0].start, index.sentences[0].end, index.sentences[0].text, (0,)),
                0.9, 0.6, 0.4, 0)]  # fmt: skip
    question = Question.read(
        "Does the article give evidence that Trump's claim about Clinton starting the birther movement is false?"
    )
    assert asks_truth(question)
    first, *_ = verdict_first(index, hits, question)
    assert index.sentences[first.anchor].text == "That comment is a lie."
    assert first.passage.text.startswith("“Hillary") and first.passage.text.endswith("That comment is a lie.")
    other = Question.read("Does the article give evidence that Clinton started the birther movement?")
    assert not asks_truth(other) and verdict_first(index, hits, other) is None
