"""A name the question gives, written another way, is no answer to it (bot.analysis.given_names)."""

from __future__ import annotations

from dataclasses import replace

from bot.analysis.given_names import gives_a_name
from bot.analysis.question import Question


def test_a_person_whose_name_ends_with_a_name_the_question_gives_is_that_one():
    question = "Which union endorsed Clinton on Thursday?"
    assert gives_a_name(("Clinton", "Thursday"), question, "PERSON", "Hillary Clinton")
    assert not gives_a_name(("Clinton",), question, "ORG", "the Association of Flight Attendants")
    assert not gives_a_name(("Scott",), "who shot Scott?", "PERSON", "Scott - Brentley Vinson")  # two names run on


def test_a_name_asked_of_may_be_shared_and_a_place_may_be_a_narrower_one():
    assert not gives_a_name(("Scott",), "Who is Scott's wife?", "PERSON", "Rakeyia Scott")
    assert not gives_a_name(("Florida",), "Where in Florida did it happen?", "GPE", "South Florida")


def test_initials_and_the_words_they_stand_for_are_one_name():
    question = "What growth does the IMF predict for the US economy?"
    assert gives_a_name(("IMF", "US"), question, "ORG", "The International Monetary Fund")
    assert gives_a_name(("US",), question, "GPE", "U.S.")
    assert gives_a_name(("International Monetary Fund",), "What does the International Monetary Fund say?", "ORG",
                        "IMF")  # fmt: skip
    assert not gives_a_name(("IMF",), question, "ORG", "the World Bank")


def test_a_question_does_not_take_its_own_names_written_out_as_the_answer():
    union = Question.read("Which union endorsed Clinton on Thursday?")
    assert not union.fits("PERSON", "Hillary Clinton")
    assert union.fits("ORG", "the Association of Flight Attendants")
    follow_up = replace(Question.read("Who else is backing her?"), earlier="Which union came out for Clinton? The AFA.")
    assert not follow_up.fits("PERSON", "Hillary Clinton")  # the conversation named her already


def test_the_thing_asked_about_is_no_place_of_the_kind_asked():
    city = Question.read("In which city was the kite festival?")
    assert not city.fits("FAC", "Wulong International Kite Festival") and city.fits("GPE", "Chongqing")
    airport = Question.read("At which airport did the plane land?")
    assert airport.fits("FAC", "Denver International Airport")  # the kind asked
    either = Question.read("Which city or province was he born in?")
    assert either.fits("GPE", "Izmir province")  # one of the kinds asked
