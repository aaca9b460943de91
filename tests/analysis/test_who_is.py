"""Who a person is, read from the article: the role at the first mention that gives one."""

from __future__ import annotations

from dataclasses import replace

from bot.analysis.follow_ups import resolved
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex
from bot.analysis.who_is import describing_sentences, person_asked, role_in_text, who_is_answer
from bot.models import Answer, Expert

TEXT = (
    "Axelrod called on Howard Dean to apologize. "
    "Dean, a former Democratic National Committee chairman, poked at Trump. Dean said nothing more."
)


def _index(text: str) -> PassageIndex:
    parsed = parse(text)
    return PassageIndex(text, sentences_of(parsed), parsed=parsed)


def test_the_role_comes_from_the_first_mention_that_gives_one():
    role, i = role_in_text(_index(TEXT), "Howard Dean")
    assert role == "former Democratic National Committee chairman"
    assert i == 1  # the sentence it stands in, to be cited first


def test_a_first_name_is_no_title_and_no_role_gives_no_answer():
    assert role_in_text(_index("Howard Dean spoke. Then Howard Dean left."), "Howard Dean") is None
    assert role_in_text(_index(TEXT), "Jill Stein") is None


def test_the_person_asked_about_is_named_or_named_the_turn_before():
    assert person_asked(Question.read("Who is Howard Dean?")) == "Howard Dean"
    he = replace(Question.read("Who is he, exactly?"), earlier="What did Jon Husted say he would do? No idea.")
    assert person_asked(he) == "Jon Husted"
    assert person_asked(Question.read("Who is he, exactly?")) == ""


def test_a_sentence_becomes_a_passage_of_its_own():
    index = _index(TEXT)
    hit = index.hit_at(1)
    assert hit.passage.text.startswith("Dean, a former") and hit.anchor == 1


def test_the_role_a_who_question_asks_the_holder_of():
    from bot.analysis.who_is import role_asked

    assert role_asked(Question.read("Who is Pagliano's lawyer?")) == "lawyer"
    assert role_asked(Question.read("Who is the militant leader they say was killed?")) == "leader"
    assert role_asked(Question.read("Who is the city's police commissioner?")) == "commissioner"
    assert role_asked(Question.read("Who is the doctor making these claims?")) == "doctor"  # before a participle
    assert role_asked(Question.read("Who is the leading candidate?")) == "candidate"
    assert role_asked(Question.read("Who is Howard Dean?")) == ""  # a name, not a role
    assert role_asked(Question.read("Who is co-chairing the campaign?")) == ""  # a verb, not a role
    assert role_asked(Question.read("What is the lawyer's name?")) == ""  # no who-question


def test_a_who_is_follow_up_gives_the_role_of_the_person_the_previous_turn_named():
    husted = Expert("Jon Husted", "Republican Secretary of State", [])
    previous = Answer("id", "What did Jon Husted say he would do?", "He would appeal.", [], False)
    question = resolved("Who is he, exactly?", [previous], [husted])
    index = _index(TEXT)
    assert who_is_answer(index, [], question, [husted]) == ([], "Jon Husted, Republican Secretary of State.")


def test_with_no_role_the_sentence_that_introduces_the_person_comes_first():
    text = "The court ruled against Jon Husted on Friday. Husted said he would appeal. Husted spoke later."
    index = _index(text)
    husted = Expert("Jon Husted", None, [])
    previous = Answer("id", "What did Jon Husted say he would do?", "He would appeal.", [], False)
    question = resolved("Who is he, exactly?", [previous], [husted])
    hits, stated = who_is_answer(index, [index.hit_at(1)], question, [husted])
    assert stated is None
    assert [hit.passage.text for hit in hits] == ["The court ruled against Jon Husted on Friday.",
                                                  "Husted said he would appeal."]


def test_a_question_after_someones_job_boosts_the_sentence_that_describes_them_at_their_name():
    text = ("Alan Davey spoke of the station's top job. Mr Davey, who until January was chief executive of Arts "
            "Council England, added more. Mr Davey left.")
    index = _index(text)
    assert describing_sentences(index, Question.read("what was Davey's previous job")) == [1]
    assert describing_sentences(index, Question.read("What did Davey say?")) == []


def test_the_age_the_text_gives_one_person_makes_a_description_of_theirs():
    text = ("Barry Beavis, 48, lost his case. The 48-year-old, who runs a fish and chip shop, got the fine. "
            "Mr Beavis left.")
    index = _index(text)
    assert describing_sentences(index, Question.read("What does Barry Beavis do for a living?")) == [1]
    shared = "Barry Beavis, 48, and Ann Cole, 48, lost. The 48-year-old, who runs a shop, got the fine."
    assert describing_sentences(_index(shared), Question.read("What does Barry Beavis do for a living?")) == []
