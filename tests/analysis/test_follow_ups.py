"""A question read against the conversation: whom a pronoun means, what an elliptical "And Trump?" asks."""

from __future__ import annotations

from bot.analysis.follow_ups import elliptical, resolved
from bot.analysis.question import Question
from bot.models import Answer, Expert


def turn(question: str, answer: str = "An answer.") -> Answer:
    return Answer("id", question, answer, [], False)


def test_an_elliptical_question_asks_the_previous_one_again_of_the_name_it_gives():
    assert elliptical("And Trump?", "What share backs Clinton in the four-way race?") == (
        "What share backs Trump in the four-way race?"
    )
    assert elliptical("What about the UK?", "How many troops did France send?") == "How many troops did the UK send?"
    question = resolved("And Trump?", [turn("What share backs Clinton in the four-way race?")], [])
    assert question.text == "What share backs Trump in the four-way race?" and question.form == "how_many"


def test_an_elliptical_question_that_gives_a_year_asks_the_previous_one_again_of_that_year():
    previous = "How many people were held in the county's jails in 1980?"
    assert elliptical("and by 2010?", previous) == "How many people were held in the county's jails by 2010?"
    assert elliptical("And in 2010?", "What did Lopez promise?") is None  # no year to change, nobody called "in 2010"


def test_a_question_of_its_own_is_not_elliptical():
    assert elliptical("And what did he do next?", "What exactly did Dean tweet?") is None  # a question word
    assert elliptical("and when they brought him back in?", "How did Stancil first react?") is None
    assert elliptical("And Trump?", "What did the poll find?") is None  # nobody to put Trump in place of
    assert elliptical("And the rest of the people in the building that day?", "Who did Clinton meet?") is None
    assert resolved("And Trump?", [], []).text == "And Trump?"  # no turn before


def test_a_question_that_points_back_is_about_the_expert_the_turn_before_named():
    husted = Expert("Jon Husted", "Republican Secretary of State", [])
    question = resolved("Who is he, exactly?", [turn("What did Jon Husted say he would do?")], [husted])
    assert question.expert == husted and "Jon Husted" in question.earlier
    alone = resolved("Who is Jon Husted?", [turn("What did the court rule?")], [husted])
    assert alone.expert == husted and alone.earlier == ""  # no pointing back: the turn before is not kept


def test_a_follow_up_about_an_expert_with_no_topic_of_its_own_takes_the_turn_befores():
    from bot.analysis.follow_ups import without_topic

    redwood = Expert("Michael Redwood", "director", [])
    previous = Answer("id", "Was O'Toole healthy during the shoot?", "No.", [], False)
    assert without_topic(resolved("What did the director say about that?", [previous], [redwood]))
    assert not without_topic(resolved("What did the director say about his illness?", [previous], [redwood]))
    assert not without_topic(Question.read("What did the director say about that?"))  # no expert


def test_a_time_clause_alone_asks_the_turn_befores_question_of_that_occasion():
    from bot.analysis.follow_ups import on_occasion

    previous = "How did Stancil react when the judge offered him an attorney?"
    assert on_occasion("and when they brought him back in?", previous) == (
        "How did Stancil react when they brought him back in?")
    assert on_occasion("When did he leave?", previous) is None  # a when-question of its own
    assert on_occasion("and when he left, what did he say?", previous) is None


def test_he_is_no_expert_named_the_turn_before_only_by_a_surname_another_person_shares():
    rakeyia = Expert("Rakeyia Scott", "wife", [])
    previous = Answer("id", "Who shot Scott?", "An officer.", [], False)
    people = {"Keith Lamont Scott": False, "Rakeyia Scott": True}
    assert resolved("Was he suspended?", [previous], [rakeyia], people).expert is None
    assert resolved("Was he suspended?", [previous], [rakeyia]).expert is rakeyia  # no other Scott known
    named = Answer("id", "What did Rakeyia Scott say?", "Don't shoot him.", [], False)
    assert resolved("Why did she say it?", [named], [rakeyia], people).expert is rakeyia


def test_a_surname_another_person_shares_names_no_expert_in_the_question_itself():
    rakeyia = Expert("Rakeyia Scott", "wife", [])
    people = {"Keith Lamont Scott": False, "Rakeyia Scott": True}
    assert resolved("Who shot Scott?", [], [rakeyia], people).expert is None
    assert resolved("Who shot Scott?", [], [rakeyia]).expert is rakeyia  # no other Scott known
    assert resolved("What did Rakeyia Scott shout?", [], [rakeyia], people).expert is rakeyia  # her full name


def test_a_question_with_no_word_of_its_own_asks_about_the_turn_before():
    ratcliffe = Expert("Marie Ratcliffe", "midwife", [])
    previous = turn("Was Ratcliffe there in person to face the panel?", "No.")
    question = resolved("why not?", [previous], [ratcliffe])
    assert question.refers_back and question.expert == ratcliffe and "face the panel" in question.earlier
    assert resolved("How so?", [previous], []).refers_back
    assert not resolved("why not?", [], []).refers_back  # no turn before
    assert not resolved("Why did the panel meet?", [previous], []).refers_back  # a question of its own


def test_he_who_did_it_is_the_turn_before_s_person_not_the_one_the_question_names():
    butterfield = Expert("G.K. Butterfield", "head of the Congressional Black Caucus", [])
    trump = Expert("Donald Trump", None, [])
    previous = turn("Who leads the Congressional Black Caucus?", "Rep. G.K. Butterfield, head of the Caucus.")
    question = resolved("What did he call Trump?", [previous], [butterfield, trump])
    assert question.expert == butterfield  # "he" called Trump something
    about_trump = turn("What did Trump say about the birther theory?", "Donald Trump in the source: ...")
    assert resolved("What did he call Trump?", [about_trump], [butterfield, trump]).expert == trump  # he is Trump
    assert resolved("What did Trump call him?", [previous], [butterfield, trump]).expert == trump  # Trump called
