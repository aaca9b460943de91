"""The sentence of the best passage a quoted answer is read from."""

from __future__ import annotations

from bot.analysis.anchors import answering_anchor, answering_hits
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex, sentence_labels

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


def test_an_evidence_question_is_answered_from_the_sentence_that_gives_a_count():
    text = (
        "Wind farms are the fastest-growing source of power in the region. "
        "Some 400 turbines now supply 30 percent of its homes. "
        "The mayor called the change welcome."
    )
    parsed = parse(text)
    sentences = sentences_of(parsed)
    index = PassageIndex(text, sentences, labels=sentence_labels(parsed, sentences), parsed=parsed)
    first = index.hit_at(0)
    hit = index._merge_adjacent([first, index.hit_at(1), index.hit_at(2)])[0]
    assert hit.anchor == 0
    evidence = Question.read("Does the article give evidence that wind power is growing?")
    assert answering_anchor(index, hit, evidence).anchor == 1


def _index(text: str) -> PassageIndex:
    parsed = parse(text)
    sentences = sentences_of(parsed)
    return PassageIndex(text, sentences, labels=sentence_labels(parsed, sentences), parsed=parsed)


def test_an_evidence_question_keeps_a_sentence_that_tells_of_a_finding():
    index = _index("A survey suggests that the ferries are popular again. The mayor called them a success.")
    hit = index._merge_adjacent([index.hit_at(0), index.hit_at(1)])[0]
    evidence = Question.read("Does the article give evidence that the ferries are popular?")
    assert answering_anchor(index, hit, evidence).anchor == 0


def test_evidence_from_a_later_passage_that_gives_a_count_and_speaks_of_the_claim():
    index = _index(
        "The film explores how the ferries changed the harbour. "
        "The town's new bakery opened in 2019.\n\n"
        "Some 40 percent of the ferries run late, the port says.\n\n"
        "About 300 people came to the bakery on Sunday."
    )
    hits = [index.hit_at(0), index.hit_at(3), index.hit_at(2)]
    late = Question.read("Does the article give evidence that the ferries run late?")
    assert [hit.anchor for hit in answering_hits(index, hits, late)] == [2, 0, 3]  # not the bakery's count
    other = Question.read("What did the film explore?")
    assert [hit.anchor for hit in answering_hits(index, hits, other)] == [0, 3, 2]


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


def test_a_how_question_with_no_means_in_the_best_passage_is_answered_from_the_next_that_gives_one():
    index = _index(
        "The tourists thought somebody might need help.\n\n"
        "They sprang into action after a conductor yelled over the intercom.\n\n"
        "The train stopped because of a signal fault."
    )
    hits = [index.hit_at(0), index.hit_at(1), index.hit_at(2)]
    how = Question.read("How did the tourists find out someone needed help?")
    assert [hit.anchor for hit in answering_hits(index, hits, how)] == [1, 0, 2]
    reasoned = [index.hit_at(2), index.hit_at(1), index.hit_at(0)]  # the best passage gives one: it stays first
    why = Question.read("Why did the train stop?")
    assert [hit.anchor for hit in answering_hits(index, reasoned, why)] == [2, 1, 0]
    later = [index.hit_at(0), index.hit_at(2), index.hit_at(1)]  # no means in the second: the third is not looked at
    assert [hit.anchor for hit in answering_hits(index, later, how)] == [0, 2, 1]
    restated = [index.hit_at(0), index.hit_at(2)]  # a why-question's best passage may hold its reason unmarked
    assert [hit.anchor for hit in answering_hits(index, restated, Question.read("Why did they act?"))] == [0, 2]


def test_a_said_question_reads_the_quote_after_the_sentence_that_tells_of_the_speaker():
    text = ("“I was grateful to the people who rescued me,” Jordan told CNN. Frank Jordan said he had worried about "
            "his son. “He was praying the whole time, so I believe that sustained him,” Frank Jordan said.")
    index = PassageIndex(text, sentences_of(parse(text)))
    hit = index._merge_adjacent([index.hit_at(1), index.hit_at(0), index.hit_at(2)])[0]
    assert hit.anchor == 1 and hit.passage.sentences == (0, 1, 2)
    question = Question.read("What does Frank Jordan think kept his son alive?")
    assert answering_anchor(index, hit, question, spoken={0, 1, 2}).anchor == 2  # not the quote before it
