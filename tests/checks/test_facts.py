"""Verification of generated text against the source: names, numbers, negation, added content."""

from __future__ import annotations

from bot.checks.facts import fact_tokens, misquoted, unsupported_facts, verify_rewrite

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


def test_an_amount_of_money_must_appear_as_money():
    assert unsupported_facts("The bridge cost $20 million.", ARTICLE) == []
    assert unsupported_facts("The bridge cost $7.", ARTICLE) == ["$7"]  # 7 occurs in the article, but not as money


def test_a_faithful_shorter_rewrite_passes():
    original = "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River."
    assert verify_rewrite(
        "On Tuesday the council voted 7 to 2 for a $20 million Elm River bridge.", original, ARTICLE
    ).ok


def test_a_rewrite_that_drops_the_names_fails():
    original = "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River."
    verdict = verify_rewrite("The council voted to build a bridge.", original, ARTICLE)
    assert not verdict.ok and "dropped names or numbers" in verdict.reason


def test_a_quote_that_loses_its_speaker_fails():
    original = "“The bridge will not raise taxes,” said Mayor Ana Ruiz."
    assert not verify_rewrite("The bridge will not raise taxes.", original, ARTICLE).ok
    assert verify_rewrite("Mayor Ana Ruiz said the bridge will not raise taxes.", original, ARTICLE).ok


def test_a_rewrite_that_talks_about_the_article_fails():
    original = "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River."
    rewrite = "The article says the city council voted 7 to 2 on Tuesday for a $20 million Elm River bridge."
    assert not verify_rewrite(rewrite, original, ARTICLE).ok


def test_an_invented_name_fails():
    original = "Mayor Ana Ruiz said the bridge would not raise taxes."
    verdict = verify_rewrite("Mayor John Smith said the bridge would not raise taxes.", original, ARTICLE)
    assert not verdict.ok and "John" in verdict.reason


def test_a_dropped_negation_fails():
    original = "Mayor Ana Ruiz said the bridge would not raise taxes."
    assert not verify_rewrite("Mayor Ana Ruiz said the bridge would raise taxes.", original, ARTICLE).ok


def test_an_added_claim_fails():
    original = "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River."
    rewrite = "The council approved a bridge, a controversial expense that will devastate the local economy."
    assert not verify_rewrite(rewrite, original, ARTICLE).ok


def test_words_in_quote_marks_must_be_the_sources_own():
    source = "Councillor Priya Nair, one of the two members who voted against, said the money should go elsewhere."
    opened = 'The article states: "Councillor Priya Nair, one of the two members who voted against, said'
    assert misquoted(opened, source) == []  # a quote left open runs to the end
    assert misquoted("Nair called it “the money should go elsewhere.”", source) == []  # case, quote style, full stop
    words = "Councillor Priya Nair, one of the two members who voted against the bridge, said the money"
    assert misquoted(f'It states: "{words}"', source) == [words]
    assert misquoted("No quotes here at all.", source) == []


def test_a_rewrite_that_misquotes_fails():
    original = "Mayor Ana Ruiz said the bridge would not raise taxes."
    verdict = verify_rewrite("Mayor Ana Ruiz said the bridge “will not raise any taxes”.", original, ARTICLE)
    assert not verdict.ok
    assert verdict.reason == "quotes words the source does not have"
