"""One-line messages and terminal-safe text."""

from __future__ import annotations

import io

from bot.messages import MESSAGE_CHARS, ControlFreeStream, message, one_line, outside, without_controls


def test_a_message_is_one_line_of_at_most_the_limit():
    said = message("line one\nline two\r\n\t" + "x " * 500)
    assert "\n" not in said and len(said) <= MESSAGE_CHARS and said.endswith("…")
    assert said.startswith("line one line two x x")


def test_outside_text_is_cut_short_and_loses_its_control_characters():
    assert outside("\x1b]0;pwned\x07 Not Found" + "!" * 200) == "]0;pwned Not Found" + "!" * 61 + "…"
    assert one_line("a\x00b\x85c") == "a b c"


def test_a_terminal_gets_no_control_character_but_newline_and_tab():
    text = "Title\x1b]0;owned\x07\n\x1b[2Jcleared\tcol\r\x9b31mred\x7f"
    assert without_controls(text) == "Title]0;owned\n[2Jcleared\tcol31mred"


def test_a_control_free_stream_filters_everything_written_through_it():
    target = io.StringIO()
    stream = ControlFreeStream(target)
    print("a\x1b[31mb", file=stream)
    assert target.getvalue() == "a[31mb\n"
    assert stream.getvalue() == target.getvalue()  # everything else is the stream's own
