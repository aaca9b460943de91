"""A name answers a who-question's verb only in the part the question asks of it: the doer of "shot", the one
"killed"."""

from __future__ import annotations

import pytest

from bot.analysis.nlp import parse
from bot.analysis.verb_roles import asked_verb, fills_asked_part, gives_the_asked_part
from bot.analysis.wh_roles import AGENT, PATIENT


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("who shot Scott?", (AGENT, "shoot")),
        ("Who heads her panel on the violence?", (AGENT, "head")),
        ("Who was killed in Tulsa?", (PATIENT, "kill")),
        ("Who is the militant leader they say was killed?", (PATIENT, "kill")),  # through the relative clause
        ("Who is the man who shot him?", (AGENT, "shoot")),
        ("Who did the police arrest?", None),  # the police are the subject
        ("Who is Howard Dean?", None),
        ("What are their names?", None),
    ],
)
def test_the_verb_and_the_part_a_who_question_asks(text, role):
    assert asked_verb(text) == role


SHOT = "Scott is one of at least 707 people shot and killed by police, according to a Washington Post database."
DASHED = "The officer who shot Scott - Brentley Vinson, who was placed on leave - was not wearing a camera."
KILLED = "A fugitive Iraqi militant leader and the former right-hand man of Saddam Hussein has reportedly been killed."
SAID = "Governor Raed al-Jabouri said soldiers and allied Shia militiamen killed him in an operation east of Tikrit."
SHELBY = "Police officer Betty Shelby shot and killed Terence Crutcher on Friday."
RADDATZ = "Cooper and Martha Raddatz of ABC News are scheduled to co-moderate the second debate, Oct. 9 in St. Louis."
ANNAN = "She established a commission, overseen by former U.N. secretary general Kofi Annan, to make proposals."


@pytest.mark.parametrize(
    ("sentence", "name", "role", "fills"),
    [
        (SHOT, "a Washington Post database", (AGENT, "shoot"), False),  # the police shot, not the database
        (DASHED, "Brentley Vinson", (AGENT, "shoot"), True),  # the dash's aside names the officer
        (KILLED, "Saddam Hussein", (PATIENT, "kill"), False),  # his right-hand man was killed
        (SAID, "Raed al-Jabouri", (PATIENT, "kill"), False),  # he said who was killed
        (SHELBY, "Terence Crutcher", (PATIENT, "kill"), True),
        (SHELBY, "Betty Shelby", (AGENT, "kill"), True),  # "shot and killed": one subject
        (ANNAN, "Kofi Annan", (AGENT, "oversee"), True),  # a passive's "by"
        (RADDATZ, "Martha Raddatz", (AGENT, "moderate"), True),  # "are scheduled to moderate": they moderate
        (ANNAN, "Kofi Annan", (AGENT, "shoot"), None),  # no such verb: left to the other checks
    ],
)
def test_a_name_fills_the_asked_part_of_the_verb_or_not(sentence, name, role, fills):
    at = sentence.index(name)
    assert fills_asked_part(parse(sentence), at, at + len(name), role) is fills


@pytest.mark.parametrize(
    ("sentence", "name", "question", "gives"),
    [
        (KILLED, "Saddam Hussein", "Who is the militant leader they say was killed?", True),  # the question's leader
        (SHOT, "a Washington Post database", "who shot Scott?", False),  # "by police": more than the question says
        (SAID, "Raed al-Jabouri", "Who is the militant leader they say was killed?", True),  # "killed him"
    ],
)
def test_a_sentence_fills_the_asked_part_with_what_the_question_gives_or_not(sentence, name, question, gives):
    from bot.analysis.question import Question

    at = sentence.index(name)
    role = asked_verb(question)
    assert gives_the_asked_part(parse(sentence), at, at + len(name), role, Question.read(question).words) is gives


def test_a_parse_rooted_on_a_mark_decides_nothing():
    # the tagger has not seen "―" (U+2015) and takes it for the sentence's verb: Crutcher loses his verb
    text = "Crutcher, 40 ― a father and student who sang at church every week ― was shot and killed by a white officer."
    assert not parse(text)[3].is_alpha and parse(text)[3].dep_ == "ROOT"
    assert fills_asked_part(parse(text), 0, len("Crutcher"), asked_verb("Who was killed in Tulsa?")) is None


def test_one_of_a_group_that_did_it_fills_the_doer():
    text = "Councillor Priya Nair, one of the two members who voted against, said the money should go to the ferry."
    role = asked_verb("Who voted against the bridge?")
    assert fills_asked_part(parse(text), 0, len("Councillor Priya Nair"), role)
    other = "Councillor Priya Nair, one of the two members, spoke after the council voted."
    assert not fills_asked_part(parse(other), 0, len("Councillor Priya Nair"), role)  # the council voted
