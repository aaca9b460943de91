"""Where an answer has said enough: first sentence or first line, abbreviations not counted as ends."""

from __future__ import annotations

import pytest

from bot.llm.stops import first_sentence_end, is_complete


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The council voted. It was late.", "The council voted."),
        ("Mr. Smith said the U.S. plan failed. Then he left.", "Mr. Smith said the U.S. plan failed."),
        ("J. K. Rowling wrote it. Others agree.", "J. K. Rowling wrote it."),
        ("“It is done,” she said. Next", "“It is done,” she said."),
        ("It cost 3.5 million. More", "It cost 3.5 million."),
    ],
)
def test_the_first_sentence_ends_where_a_reader_would_say(text, first):
    end = first_sentence_end(text)
    assert end is not None and text[:end] == first


def test_a_sentence_is_only_complete_once_another_begins():
    assert first_sentence_end("The council voted.") is None
    assert not is_complete("The council voted.", "sentence")
    assert is_complete("The council voted. It", "sentence")
    assert is_complete("The council voted\nNext", "line")
    assert not is_complete("The council voted. It", "line")
    assert not is_complete("The council voted. It", "none")
