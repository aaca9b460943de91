"""Roles from the text around a name: titles before it, appositives beside it."""

from __future__ import annotations

import pytest

from bot.analysis.nlp import load_pipeline, parse
from bot.analysis.speakers import People


@pytest.fixture(scope="session")
def role_of():
    load_pipeline()

    def role(text: str, name: str) -> str | None:
        return next(p.role for p in People.of(parse(text)).persons if p.name == name)

    return role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The head of the Carnegie Moscow Center, Dmitri Trenin, argued that Russia could help.",
            "Dmitri Trenin",
            "head of the Carnegie Moscow Center",
        ),
        (
            "Former Russian Foreign Minister Igor Ivanov took a similar position.",
            "Igor Ivanov",
            "former Russian Foreign Minister",
        ),
        (
            "Fyodor Lukyanov, editor of Russia in Global Affairs, argued recently that talks help.",
            "Fyodor Lukyanov",
            "editor of Russia in Global Affairs",
        ),
        (
            "Anna Weiss, a professor at Leipzig University, said the plan was wrong.",
            "Anna Weiss",
            "professor at Leipzig University",
        ),
        (
            "Stein spokeswoman Melezia Figueroa said the candidate was on her way.",
            "Melezia Figueroa",
            "Stein spokeswoman",
        ),
        ("Sen. Rob Portman (R-Ohio) said the bill is dead.", "Rob Portman", "Senator (R-Ohio)"),
        (  # a plural title is each listed person's, in the singular
            "To celebrate, founding members Tom Johnston, Michael McDonald and John McFee will reunite.",
            "Tom Johnston",
            "founding member",
        ),
        ("Singer-guitarists Tom Johnston and Patrick Simmons will tour.", "Tom Johnston", "Singer-guitarist"),
        (  # a word that qualifies the mention is no part of the title
            "The fans watched, while the real Prince Andrew was busy.",
            "Andrew",
            "Prince",
        ),
        (  # a place alone is no title; the noun it completes is
            "China’s ambassador to Britain Liu Xiaming has said that China will act.",
            "Liu Xiaming",
            "China’s ambassador to Britain",
        ),
        ("Ohio Governor Mike DeWine spoke to reporters.", "Mike DeWine", "Ohio Governor"),
        (  # a body completes the title before it
            "The plan was shown by Speaker of the House Newt Gingrich’s inclusion of it in his 1994 contract.",
            "Newt Gingrich",
            "Speaker of the House",
        ),
    ],
)
def test_roles(role_of, text, name, role):
    assert role_of(text, name) == role


def test_a_name_without_a_title_has_no_role(role_of):
    assert role_of("Dmitri Trenin argued that Russia could help.", "Dmitri Trenin") is None


def test_an_honorific_is_no_role(role_of):
    assert role_of("Mr. Dmitri Trenin argued that Russia could help.", "Dmitri Trenin") is None


def test_a_phrase_before_a_name_without_a_closing_comma_is_no_role(role_of):
    text = "No matter the expectations, Donald Drum will insist on being himself."
    assert role_of(text, "Donald Drum") is None


def test_an_age_is_no_role(role_of):
    assert role_of("Jimmy Tompkins, 31, said the park was closed.", "Jimmy Tompkins") is None


def test_a_caption_position_or_an_adjective_is_no_role(role_of):
    assert role_of("Joshua Barnes (right) said he was innocent.", "Joshua Barnes") is None
    assert role_of("The family says little Naomi Barnes is doing well.", "Naomi Barnes") is None


def test_a_title_before_the_name_joins_the_apposition_after_it(role_of):
    text = "Councillor Priya Nair, one of the two members who voted against, said the money should go elsewhere."
    assert role_of(text, "Priya Nair") == "Councillor, one of the two members who voted against"


def test_abbreviated_titles_are_written_out(role_of):
    assert role_of("Lt. Gov. Ann Lowe said the plan would fail.", "Ann Lowe") == "Lieutenant Governor"
    assert role_of("Former Lt. Gov. Ann Lowe said so.", "Ann Lowe") == "former Lieutenant Governor"


@pytest.mark.parametrize(
    "other", ["<@283746519283746519>", "Tom Hale"], ids=["a Discord mention written in the article", "a name"]
)
def test_an_apposition_after_someone_named_beside_the_person_is_not_their_role(role_of, other):
    text = f'"We have waited two years," said Mayor Carla Jensen and {other}, clerk who organises it.'
    assert role_of(text, "Carla Jensen") == "Mayor"


def test_an_apposition_after_a_relative_clause_describes_what_the_clause_names(role_of):
    text = ("Tariffs have helped, said Scott Paul, who heads the Alliance for American Manufacturing, a group that "
            "has applauded the tariffs.")
    assert role_of(text, "Scott Paul") is None
