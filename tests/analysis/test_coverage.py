"""'Not covered' both ways: off topic, a name the source never writes, no answer of the kind asked."""

from __future__ import annotations

from bot.analysis.coverage import Coverage, coverage, missing_groups, missing_names
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex, sentence_entities

TEXT = "The bridge will cost $48 million. Construction starts in March. Mayor Ana Ruiz backs the plan."


def index() -> PassageIndex:
    parsed = parse(TEXT)
    sentences = sentences_of(parsed)
    return PassageIndex(TEXT, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def hits_at(index: PassageIndex, semantic: float, word_share: float = 0.0) -> list[Hit]:
    return [Hit(Passage(s.start, s.end, s.text, (s.index,)), semantic, semantic, word_share, s.index) for s in
            index.sentences]  # fmt: skip


def test_a_question_far_from_every_passage_is_off_topic():
    found = index()
    assert coverage(Question.read("Who won the football match?"), hits_at(found, 0.05), found) is Coverage.OFF_TOPIC
    shared_words = hits_at(found, 0.05, word_share=0.5)  # far in meaning, but it repeats the question's words
    assert coverage(Question.read("What will the bridge cost?"), shared_words, found) is Coverage.COVERED


def test_a_name_the_source_never_writes_leaves_the_question_unanswered():
    found = index()
    question = Question.read("What did Robby Mook say about the bridge?")
    assert missing_names(question, TEXT) == ["Robby Mook"]
    assert coverage(question, hits_at(found, 0.6), found) is Coverage.UNANSWERED
    assert missing_names(Question.read("What does the U.S. say?"), "The US said no.") == []  # full stops aside


def test_a_question_asking_for_a_kind_of_thing_the_passages_lack_is_unanswered():
    found = index()
    assert coverage(Question.read("How much will the bridge cost?"), hits_at(found, 0.6), found) is Coverage.COVERED
    no_percent = Question.read("What percentage of the cost does the state pay?")
    assert coverage(no_percent, hits_at(found, 0.6), found) is Coverage.UNANSWERED


def test_the_group_around_a_name_must_be_in_the_source_too():
    text = "Hillary Clinton's campaign manager Robby Mook said Trump lashed out. Donald Trump said nothing."
    assert missing_groups(Question.read("What did Clinton's campaign say?"), text) == []
    assert missing_groups(Question.read("How did the Trump campaign respond?"), text) == ["Trump campaign"]
    assert missing_groups(Question.read("What did Trump say?"), text) == []  # no group asked about
