"""Page lines where no one speaks: the headline, bylines and captions are found; a dateline and a lede are not."""

from __future__ import annotations

import pytest

from bot.analysis.nlp import parse
from bot.analysis.page_lines import furniture_sentences


@pytest.fixture(scope="module")
def furniture():
    def found(text: str) -> list[str]:
        doc = parse(text)
        return [s.text.strip() for i, s in enumerate(doc.sents) if i in furniture_sentences(doc)]

    return found


def test_a_title_case_or_unfinished_first_line_is_the_headline(furniture):
    assert furniture("Obama Says the Museum Will Tell Our Story.\n\nThe president spoke on Saturday.") == [
        "Obama Says the Museum Will Tell Our Story."]
    headline = "Derelict Obama and Clinton;"
    assert furniture(headline + "\n\nThe president spoke on Saturday.") == [headline]


def test_a_first_sentence_that_reads_as_prose_or_opens_a_quote_is_no_headline(furniture):
    assert furniture("Mike Pence spoke on Monday.\n\nPENCE: We will win.") == []
    assert furniture("Paul Dean continued:\n\n“The union will strike.”") == []
    assert furniture("Obama Says the Museum Will Tell Our Story.") == []  # nothing follows: it is the text


def test_bylines_and_captions_are_furniture_but_a_dateline_is_not(furniture):
    text = ("Mayor Opens Bridge\n\nBy Jane Smith\n\nThe mayor spoke at the bridge on Monday.\n\n"
            "Mayor Ana Ruiz speaks at the opening. (AP Photo/Evan Vucci)\n\n"
            "WASHINGTON (Reuters) - Ana Ruiz said the bridge would open.")
    assert furniture(text) == ["Mayor Opens Bridge", "By Jane Smith", "Mayor Ana Ruiz speaks at the opening.",
                               "(AP Photo/Evan Vucci)"]
