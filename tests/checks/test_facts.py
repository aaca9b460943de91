"""The shared fact rules: which tokens carry facts, whether a source holds them, quotes, negation, novelty."""

from __future__ import annotations

import pytest

from bot.checks.facts import (
    fact_tokens,
    is_attributed,
    misquoted,
    negation_count,
    novel_content_share,
    unsupported_facts,
)

ARTICLE = (
    "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River. "
    "Mayor Ana Ruiz said the bridge would not raise taxes."
)


def test_fact_tokens_are_numbers_and_capitalised_words():
    assert fact_tokens("The council in Springfield spent $4,500 on 3 cars.") == ["The", "Springfield", "4,500", "3"]


def test_names_and_numbers_missing_from_the_source_are_reported():
    assert unsupported_facts("Mayor Ana Ruiz approved a $20 million bridge.", ARTICLE) == []
    assert unsupported_facts("Governor Tom Lee approved a $25 million bridge.", ARTICLE) == [
        "$25",
        "Governor",
        "Tom",
        "Lee",
        "25",
    ]
    assert unsupported_facts("Ruiz's bridge", ARTICLE) == []


def test_a_number_in_words_must_occur_in_the_source():
    assert unsupported_facts("Three members voted for it.", "Three of them voted for it.") == []
    assert unsupported_facts("Seven members and a dozen others voted.", ARTICLE) == ["dozen", "seven"]


def test_an_amount_of_money_must_appear_as_money():
    assert unsupported_facts("The bridge cost $20 million.", ARTICLE) == []
    assert unsupported_facts("The bridge cost $7.", ARTICLE) == ["$7"]  # 7 occurs in the article, but not as money


def test_words_in_quote_marks_must_be_the_sources_own():
    source = "Councillor Priya Nair, one of the two members who voted against, said the money should go elsewhere."
    opened = 'The article states: "Councillor Priya Nair, one of the two members who voted against, said'
    assert misquoted(opened, source) == []  # a quote left open runs to the end
    assert misquoted("Nair called it “the money should go elsewhere.”", source) == []  # case, quote style, full stop
    words = "Councillor Priya Nair, one of the two members who voted against the bridge, said the money"
    assert misquoted(f'It states: "{words}"', source) == [words]
    assert misquoted("No quotes here at all.", source) == []


def test_negations_are_counted_with_contractions():
    assert negation_count("It won't rise, and it will never fall.") == 2
    assert negation_count("It will rise.") == 0


def test_a_sentence_is_attributed_when_it_quotes_or_reports_speech():
    assert is_attributed("“We will build it,” the mayor said.")
    assert is_attributed("The mayor argued that the bridge is needed.")
    assert not is_attributed("The bridge is needed.")


def test_novel_content_is_the_share_of_new_content_stems():
    assert novel_content_share("The council votes.", "The council voted on Tuesday.") == 0.0
    assert novel_content_share("The council votes badly.", "The council voted.") == pytest.approx(1 / 3)
