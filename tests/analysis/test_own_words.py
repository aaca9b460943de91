"""A speaker's words are the answer only when they speak of what is asked."""

from __future__ import annotations

from bot.analysis.own_words import beside_the_point
from bot.analysis.question import Question
from bot.models import Expert

SENTENCE = ("Last year his predecessor Roger Wright dismissed as 'complete nonsense' claims that the station was "
            "dumbing down and said there were distinct differences between the stations.")
WRIGHT = Expert("Roger Wright", "predecessor", [])


def test_words_that_say_nothing_of_what_is_asked_are_beside_the_point():
    question = Question.read("What did his predecessor say about the dumbing down claims?", [WRIGHT])
    assert beside_the_point(question, WRIGHT, "there were distinct differences between the stations", SENTENCE)


def test_words_that_speak_of_it_or_a_sentence_that_says_no_more_are_not():
    about = Question.read("What did Roger Wright say about the stations?", [WRIGHT])
    assert not beside_the_point(about, WRIGHT, "there were distinct differences between the stations", SENTENCE)
    # "his predecessor" describes Wright: it is no topic his words must hold
    who = Question.read("What did his predecessor say?", [WRIGHT])
    assert not beside_the_point(who, WRIGHT, "there were distinct differences between the stations", SENTENCE)


def test_a_passage_that_sets_the_scene_runs_on_to_the_words_said_after_it():
    from bot.analysis.nlp import parse, sentences_of
    from bot.analysis.own_words import with_words_after
    from bot.analysis.retrieval import PassageIndex

    text = ("The hearing resumed later, when Stancil was brought back in. He was asked again about a lawyer. "
            "“Yes, sir,” he said. The judge left.")
    index = PassageIndex(text, sentences_of(parse(text)))
    question = Question.read("What did Stancil say when they brought him back in?")
    (hit,) = with_words_after(index, [index.hit_at(0)], question, spoken={2})
    assert hit.anchor == 2 and hit.passage.text == text[: text.index(" The judge")]
    assert with_words_after(index, [index.hit_at(0)], question, spoken={3})[0].anchor == 0  # too far on
    assert with_words_after(index, [index.hit_at(2)], question, spoken={2})[0].passage.sentences == (2,)
    other = Question.read("When did the hearing resume?")
    assert with_words_after(index, [index.hit_at(0)], other, spoken={2})[0].anchor == 0  # no what-did-X-say


def test_a_passage_in_the_speakers_voice_runs_on_to_their_quote_after_it():
    from bot.analysis.nlp import parse, sentences_of
    from bot.analysis.own_words import with_words_after
    from bot.analysis.retrieval import PassageIndex

    text = ("“We've had problems with intrusions before,” Obama said. He didn't suggest retaliation. "
            "“Our goal is to start instituting some norms.” The senator disagreed.")
    index = PassageIndex(text, sentences_of(parse(text)))
    question = Question.read("What did Obama say about retaliating?")
    (hit,) = with_words_after(index, [index.hit_at(0)], question, spoken={0, 2})
    assert hit.anchor == 0 and hit.passage.sentences == (0, 1, 2)  # the words about it are cited, the anchor stays
    assert with_words_after(index, [index.hit_at(0)], question, spoken={0})[0].passage.sentences == (0,)
    other = Question.read("When did Obama speak?")
    assert with_words_after(index, [index.hit_at(0)], other, spoken={0, 2})[0].passage.sentences == (0,)


def test_the_run_on_takes_the_speakers_quote_through_its_next_sentence():
    from bot.analysis.nlp import parse, sentences_of
    from bot.analysis.own_words import with_words_after
    from bot.analysis.retrieval import PassageIndex

    text = ("Frank Jordan said he had worried about his son. He had the strength to make it. "
            "“He's got a strong constitution,” Frank Jordan said. “He was praying the whole time, so I believe "
            "that sustained him.” The coast guard left.")
    index = PassageIndex(text, sentences_of(parse(text)))
    question = Question.read("What does Frank Jordan think kept his son alive?")
    (hit,) = with_words_after(index, [index.hit_at(0)], question, spoken={0, 2, 3})
    assert hit.passage.sentences == (0, 1, 2, 3)  # the second quote holds the answer
