"""Quote finding: every quote style, nesting, apostrophes, quotes split around a cue and over paragraphs."""

from __future__ import annotations

from bot.analysis.quotes import find_quotes


def inner_texts(text: str) -> list[list[str]]:
    return [[part.text(text) for part in quote.parts] for quote in find_quotes(text)]


def test_curly_straight_guillemet_and_newspaper_quotes():
    assert inner_texts("“Yes,” she said.") == [["Yes,"]]
    assert inner_texts('"Yes," she said.') == [["Yes,"]]
    assert inner_texts("«Oui», dit-il.") == [["Oui"]]
    assert inner_texts("''It works,'' Mr. Lee said.") == [["It works,"]]


def test_a_quote_split_around_its_cue_gives_two_quotes():
    text = "“The plan is sound,” he said. “It will pass.”"
    assert inner_texts(text) == [["The plan is sound,"], ["It will pass."]]


def test_nested_quotes_stay_inside_the_outer_quote():
    text = '"I read the question: “Do you agree?” Most said no," she said.'
    assert inner_texts(text) == [["I read the question: “Do you agree?” Most said no,"]]


def test_apostrophes_are_not_quote_marks():
    text = "“The leaders’ views don’t matter,” said Russia’s envoy."
    assert inner_texts(text) == [["The leaders’ views don’t matter,"]]


def test_single_marks_are_the_outer_ones_in_a_text_that_quotes_more_with_them():
    assert inner_texts("‘I am going,’ he said. It’s late.") == [["I am going,"]]
    assert inner_texts("“He said ‘no’ twice,” she recalled.") == [["He said ‘no’ twice,"]]
    text = "'I know she asked him, \"Did you do it?\"' an insider said. The couple's 'deal' is off."
    assert inner_texts(text) == [['I know she asked him, "Did you do it?"'], ["deal"]]


def test_a_quote_runs_over_paragraphs_that_open_with_the_same_mark():
    text = "“The first paragraph.\n\n“The second paragraph,” she said."
    assert inner_texts(text) == [["The first paragraph.", "The second paragraph,"]]


def test_an_unclosed_quote_before_a_paragraph_without_a_mark_is_dropped():
    assert inner_texts("“An unclosed quote.\n\nPlain text follows.") == []


def test_an_excerpt_that_opens_each_paragraph_does_not_swallow_the_next_quote():
    text = '"An excerpt paragraph.\n\n“A real quote,” she said.'
    assert inner_texts(text) == [["A real quote,"]]


def test_spans_are_offsets_into_the_text():
    text = "Before “inside” after."
    (quote,) = find_quotes(text)
    assert text[quote.span.start : quote.span.end] == "“inside”"
    assert quote.inner.text(text) == "inside"


def test_a_quote_carried_over_several_paragraphs_keeps_one_part_each():
    text = "“One.\n\n“Two.\n\n“Three,” she said. “Four.”"
    assert inner_texts(text) == [["One.", "Two.", "Three,"], ["Four."]]
    # a paragraph that does not reopen the mark ends the carried quote: it is dropped
    assert inner_texts("“One.\n\n“Two.\n\nThree, she said. “Four.”") == [["Four."]]
