"""A sentence that says what a question asks in other words: nearest in meaning without names, or its subject."""

from __future__ import annotations

import numpy as np

from bot.analysis.answer_spans import answer_spans
from bot.analysis.key_terms import TermMatcher
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.paraphrase import Closeness, asked_thing, nameless_sentence, paraphrases
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex, sentence_entities
from bot.analysis.speaks_of import spans_about


def _index(text: str) -> PassageIndex:
    parsed = parse(text)
    sentences = sentences_of(parsed)
    return PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def _hits(index: PassageIndex) -> list[Hit]:
    return [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0 - s.index / 10, 0.3, 0.0, s.index)
            for s in index.sentences]


def test_names_and_numbers_are_taken_out_before_nearness_is_measured():
    index = _index("Lawyers for Maria Lopez filed papers in Denver on Tuesday.")
    assert "Lopez" not in nameless_sentence(index, 0) and "Denver" not in nameless_sentence(index, 0)
    assert "filed papers" in nameless_sentence(index, 0)


def test_the_nearest_sentence_answers_only_when_it_stays_near_without_the_names():
    index = _index("The harbour was quiet that week.\n\nOther large unions, such as the Dockers Guild, endorsed Ruiz.")
    question = Question.read("Who else in organised labour is supporting her?")
    (span, *_) = answer_spans(index, 1, question)
    semantic = np.array([0.2, 0.5])
    assert paraphrases(index, 1, span, question, TermMatcher({}, Closeness(semantic, {1: 0.4})))
    # near only through the names both give: the words of the question are not said there
    assert not paraphrases(index, 1, span, question, TermMatcher({}, Closeness(semantic, {1: 0.2})))
    # not the nearest sentence of the source
    assert not paraphrases(index, 1, span, question, TermMatcher({}, Closeness(np.array([0.6, 0.5]), {1: 0.4})))
    assert not paraphrases(index, 1, span, question, TermMatcher({}))


def test_what_the_question_asks_about_is_its_subject_or_a_who_questions_object():
    assert asked_thing(Question.read("When did the district court hear the case?")) == ("court", {"district"})
    assert asked_thing(Question.read("Who hired the new coach?")) == ("coach", {"new"})
    assert asked_thing(Question.read("Where was he taken?")) == ("", set())


def test_a_close_sentence_answers_when_the_asked_thing_is_the_subject_of_the_spans_verb():
    text = ("The storm passed on Monday.\n\nA neighbour of Maria Lopez lives in Boulder.\n\n"
            "Maria Lopez was flown to a hospital in Denver after the crash.")
    index = _index(text)
    question = Question.read("Where was Lopez rushed?")
    near = Closeness(np.array([0.5, 0.4, 0.35]), {})  # neither the nearest, nor near without names
    vectors = {"rushed": np.array([1.0, 0.0]), "flown": np.array([0.8, 0.6]), "lives": np.array([0.6, 0.8])}
    (span, *_) = answer_spans(index, 2, question)
    assert "Denver" in index.text[span.start : span.end]
    assert paraphrases(index, 2, span, question, TermMatcher(vectors, near))
    # "flown" far from "rushed": another thing done
    far = {**vectors, "flown": np.array([0.0, 1.0])}
    assert not paraphrases(index, 2, span, question, TermMatcher(far, near))
    # Lopez only in the phrase of someone else, the neighbour, who is the subject: not where she was taken
    (other, *_) = answer_spans(index, 1, question)
    assert not paraphrases(index, 1, other, question, TermMatcher(vectors, near))
    # too far down the ranking
    farther = Closeness(np.array([0.5, 0.45, 0.3, 0.6, 0.7, 0.8, 0.9]), {})
    assert not paraphrases(index, 2, span, question, TermMatcher(vectors, farther))


def test_a_span_said_in_the_questions_words_wins_over_one_said_in_other_words():
    index = _index("The painter was born in Lyon in 1950.\n\nHe grew up in Marseille before moving to Paris.")
    question = Question.read("Which city was the painter born in?")
    hits = _hits(index)
    spans = [(n, hit.anchor, span) for n, hit in enumerate(hits) for span in answer_spans(index, hit.anchor, question)]
    closeness = Closeness(np.array([0.4, 0.5]), {0: 0.4, 1: 0.4})  # the second nearer, by meaning
    about = spans_about(index, hits, spans, question, TermMatcher({}, closeness))
    assert {index.text[span.start : span.end] for _, _, span in about} == {"in Lyon"}


def test_lead_is_how_far_a_sentence_is_ahead_of_the_next_closest():
    closeness = Closeness(np.array([0.56, 0.43, 0.2]), {})
    assert round(closeness.lead(0), 2) == 0.13
    assert round(closeness.lead(1), 2) == -0.13
    assert Closeness().lead(0) == 0.0


def test_a_span_on_another_form_of_the_questions_own_verb_answers():
    index = _index("The storm passed on Monday.\n\nPolice held Lopez after he was found asleep on a beach in Miami.")
    question = Question.read("Where did the deputies find the suspect?")
    (span, *_) = [s for s in answer_spans(index, 1, question) if "Miami" in index.text[s.start : s.end]]
    far = TermMatcher({}, Closeness(np.array([0.6, 0.2]), {1: 0.1}))  # not near: only "found" is "find"
    assert paraphrases(index, 1, span, question, far)
    assert not paraphrases(index, 1, span, Question.read("Where did the deputies lose the suspect?"), far)
    assert not paraphrases(index, 1, span, question, TermMatcher({}, Closeness(np.array([0.6, 0.1]), {1: 0.1})))


def test_the_best_passages_sentence_nearest_of_all_speaks_of_the_question_beside_one_in_its_words():
    index = _index("This likely happened about 4.5 billion years ago.\n\nThe moon formed as the crash threw out rock "
                   "in the young solar system 4.4 billion years ago.")
    question = Question.read("When would the crash have taken place?")
    hits = _hits(index)
    spans = [(n, hit.anchor, span) for n, hit in enumerate(hits) for span in answer_spans(index, hit.anchor, question)]
    nearest = Closeness(np.array([0.4, 0.3]), {0: 0.5, 1: 0.2})
    about = spans_about(index, hits, spans, question, TermMatcher({}, nearest))
    assert "4.5 billion" in index.text[about[0][2].start : about[0][2].end]
    # not the nearest of the source: only the sentence in the question's words
    farther = Closeness(np.array([0.3, 0.4]), {0: 0.5, 1: 0.2})
    about = spans_about(index, hits, spans, question, TermMatcher({}, farther))
    assert {index.text[span.start : span.end] for _, _, span in about} == {"4.4 billion years ago"}
