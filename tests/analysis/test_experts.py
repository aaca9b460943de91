"""Experts of a document: who is listed, in what order, with which role and verbatim evidence."""

from __future__ import annotations

import pytest

from bot.analysis.experts import find_experts
from bot.analysis.nlp import load_pipeline, parse
from bot.config import ExpertSettings
from bot.models import Expert

ARTICLE = (
    "Trade talks stalled as Prime Minister Viktor Lang and union leader Eva Moll traded threats.\n\n"
    "The director of the Baltic Policy Institute, Marta Kowalski, argued in the Guardian last week that Europe "
    "“can ease the dispute by offering new trade terms.” Europe could be a mediator in the dispute, she argued. "
    "Former Polish Defence Minister Jan Nowak took a similar position in a separate essay.\n\n"
    "Tomas Berg, editor of Nordic Affairs, wrote recently in the Financial Times, “The crisis has no easy "
    "solution. Lang knows the fate of his predecessors and sees the strike as a test.”\n\n"
    "“The government understands the unions,” Berg continued, “since it has also felt besieged.”"
)


@pytest.fixture(scope="session")
def experts_of():
    load_pipeline()

    def experts(text: str, **settings) -> list[Expert]:
        return find_experts(parse(text), ExpertSettings(**settings))

    return experts


def test_the_quoted_people_with_their_roles_in_order_of_appearance(experts_of):
    experts = experts_of(ARTICLE)
    assert [(e.name, e.role) for e in experts] == [
        ("Marta Kowalski", "director of the Baltic Policy Institute"),
        ("Jan Nowak", "former Polish Defence Minister"),
        ("Tomas Berg", "editor of Nordic Affairs"),
    ]


def test_people_only_mentioned_are_not_experts(experts_of):
    names = {e.name for e in experts_of(ARTICLE)}
    assert not names & {"Viktor Lang", "Eva Moll"}


def test_evidence_is_the_speakers_own_words_sliced_from_the_text(experts_of):
    kowalski, nowak, berg = experts_of(ARTICLE)
    assert kowalski.evidence_texts(ARTICLE) == [
        "Europe “can ease the dispute by offering new trade terms.”",
        "Europe could be a mediator in the dispute",
    ]
    assert nowak.evidence_texts(ARTICLE) == [
        "Former Polish Defence Minister Jan Nowak took a similar position in a separate essay."
    ]
    assert berg.evidence_texts(ARTICLE)[1:] == [
        "The government understands the unions",
        "since it has also felt besieged.",
    ]
    for expert in (kowalski, nowak, berg):
        for span, evidence in zip(expert.evidence, expert.evidence_texts(ARTICLE), strict=True):
            assert ARTICLE[span.start : span.end] == evidence
            assert evidence in ARTICLE
            assert evidence == evidence.strip()


def test_limits_on_experts_and_evidence(experts_of):
    experts = experts_of(ARTICLE, max_experts=2, max_evidence=1)
    assert [e.name for e in experts] == ["Marta Kowalski", "Tomas Berg"]  # the two with the most words
    assert all(len(e.evidence) == 1 for e in experts)


def test_organizations_are_experts_only_when_asked_for(experts_of):
    text = "The Foreign Ministry said the talks would resume. The ministry added that no date was set."
    assert experts_of(text) == []
    (ministry,) = experts_of(text, include_organizations=True)
    assert ministry.name == "Foreign Ministry"
    assert ministry.evidence_texts(text) == ["the talks would resume", "no date was set"]


def test_an_organization_the_text_does_not_name_is_no_expert(experts_of):
    assert experts_of("The group said the talks would resume.", include_organizations=True) == []


def test_a_person_reached_only_through_a_pronoun_is_not_listed(experts_of):
    assert experts_of("He said the plan would fail.") == []


def test_a_person_only_reported_by_another_speaker_is_not_listed(experts_of):
    text = "Josh Ernst said that Barack Obama has long called for tax fairness."
    assert [e.name for e in experts_of(text)] == ["Josh Ernst"]


def test_a_standing_position_alone_makes_no_expert(experts_of):
    text = (
        "The council voted on the budget on Monday.\n\n"
        "Mayor Ana Ruiz has called for a repeal of the parking tax. Governor Tom Hale is promising new roads. "
        "Senator Lee Park will insist on a vote.\n\n"
        "Councillor Eva Stone said the budget was balanced."
    )
    assert [e.name for e in experts_of(text)] == ["Eva Stone"]


def test_a_standing_position_and_a_quote_make_an_expert(experts_of):
    text = (
        "Mayor Ana Ruiz has also commented on the strike.\n\n"
        "On Wednesday, she told a crowd that she was troubled. “I don’t know what they were thinking,” she said."
    )
    assert [e.name for e in experts_of(text)] == ["Ana Ruiz"]


def test_evidence_never_gives_the_same_words_twice(experts_of):
    line = "Mayor Ana Ruiz told reporters she wants the bridge finished by 2021."
    text = f"{line}\n\nThe council met.\n\n{line}\n\nThe council met again.\n\n{line}"
    (ruiz,) = experts_of(text)
    assert ruiz.evidence_texts(text) == ["she wants the bridge finished by 2021"]


def test_people_only_a_pronoun_or_a_bare_surname_credits_speak_for_questions(experts_of):
    text = (
        "A court ruled against Governor Tom Hale on Friday.\n\n"
        "In a statement, Hale said the decision would force the state to reopen the rolls. "
        "He said the state would appeal."
    )
    assert experts_of(text) == []
    (hale,) = find_experts(parse(text), ExpertSettings(), unnamed=True)
    assert hale.name == "Tom Hale"
    assert hale.evidence_texts(text) == ["the decision would force the state to reopen the rolls",
                                         "the state would appeal"]
