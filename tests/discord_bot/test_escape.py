"""The one escaping function: for random markdown and every Discord construct, nothing stays live, and a reader
sees exactly the characters that came in.

`live_constructs` reads a rendered string as Discord's markdown does (a backslash before punctuation makes it a
plain character; markup characters, list and heading markers at a line's start, mentions and format codes are
live otherwise) and names every construct it finds; the tests assert it finds none.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.discord_bot.escape import LINE_BREAKS, MARKDOWN_CHARACTERS, ZERO_WIDTH_SPACE, inert, visible

pytestmark = pytest.mark.discord

# Each property runs this many generated cases (the acceptance script asks for more through the environment).
CASES = settings(
    max_examples=int(os.environ.get("BRIEFBOT_ESCAPE_CASES", "500")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ID = st.integers(min_value=0, max_value=10**19).map(str)
WORDS = st.text(alphabet="abc XYZ09.:-_*~|`>#[]()<@!&/\\\n\t", max_size=20)
URLS = st.builds(lambda path: f"https://evil.example/{path}", st.text(alphabet="abz_()[]*~|<>@ \n%", max_size=15))
CONSTRUCTS = st.one_of(
    st.builds("[{}]({})".format, WORDS, URLS),  # masked link
    st.builds("[{}](<{}>)".format, WORDS, URLS),
    st.builds('[{}]({} "{}")'.format, WORDS, URLS, WORDS),
    st.builds("{}{}".format, st.sampled_from(["# ", "## ", "### ", "-# ", "- ", "* ", "+ ", "1. ", "12) "]), WORDS),
    st.builds("{}{}".format, st.sampled_from(["> ", ">>> ", "    - ", "\t* "]), WORDS),
    st.builds("`{}`".format, WORDS),
    st.builds("``{}``".format, WORDS),
    st.builds("```{}\n{}\n```".format, st.sampled_from(["", "py", "ansi"]), WORDS),
    st.builds("||{}||".format, WORDS),
    st.builds("{0}{1}{0}".format, st.sampled_from(["*", "**", "***", "_", "__", "~~", "__*"]), WORDS),
    st.sampled_from(["@everyone", "@here", "@\u200beveryone", "<https://evil.example/x>", "<id:customize>"]),
    st.builds("<@{}>".format, ID),
    st.builds("<@!{}>".format, ID),
    st.builds("<@&{}>".format, ID),
    st.builds("<#{}>".format, ID),
    st.builds("<t:{}:{}>".format, ID, st.sampled_from("tTdDfFR")),
    st.builds("<t:{}>".format, ID),
    st.builds("</{}:{}>".format, st.sampled_from(["ban", "brief", "ask me"]), ID),
    st.builds("<:{}:{}>".format, st.sampled_from(["emoji", "x_y"]), ID),
    st.builds("<a:{}:{}>".format, st.sampled_from(["party", "a1"]), ID),
    st.builds("\\{}".format, st.sampled_from(sorted(MARKDOWN_CHARACTERS))),  # an escape already in the text
)
SEPARATORS = st.sampled_from(["", " ", "\n", "\n\n", "\r\n", "\u2028", "  ", "\t"])
MARKDOWN = st.lists(st.tuples(st.one_of(CONSTRUCTS, WORDS, st.text(max_size=8)), SEPARATORS), max_size=12).map(
    lambda parts: "".join(piece + separator for piece, separator in parts)
)
ANY_TEXT = st.one_of(MARKDOWN, st.text(), st.text(alphabet="".join(MARKDOWN_CHARACTERS) + "<@:-+.1 \n", max_size=60))

MENTIONS_AND_CODES = [
    re.compile(r"@(everyone|here)"),
    re.compile(r"<@[!&]?\d+>"),
    re.compile(r"<#\d+>"),
    re.compile(r"<t:-?\d+(:[tTdDfFR])?>"),
    re.compile(r"</[^>:]+:\d+>"),
    re.compile(r"<a?:\w+:\d+>"),
    re.compile(r"<id:\w+>"),
    re.compile(r"<https?:"),
]


def characters(rendered: str) -> list[tuple[str, bool]]:
    """Each character Discord shows, with whether a backslash escaped it."""
    shown, i = [], 0
    while i < len(rendered):
        if rendered[i] == "\\" and i + 1 < len(rendered) and not re.match(r"[0-9A-Za-z\s]", rendered[i + 1]):
            shown.append((rendered[i + 1], True))
            i += 2
        else:
            shown.append((rendered[i], False))
            i += 1
    return shown


def live_constructs(rendered: str, where: str = "markdown") -> list[str]:
    """Every piece of `rendered` that Discord would read as more than its characters."""
    found = [f"format code {m.group()!r}" for pattern in MENTIONS_AND_CODES for m in pattern.finditer(rendered)]
    found += [f"{char!r} without a zero-width space" for char in _unbroken(rendered)]
    if where == "plain":
        return found
    shown = characters(rendered)
    found += [f"markdown character {char!r}" for char, escaped in shown if char in MARKDOWN_CHARACTERS and not escaped]
    found += [f"a line starting with a list marker: {line[:20]!r}" for line in _lines(shown) if _starts_a_list(line)]
    return found


def _lines(shown: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    lines: list[list[tuple[str, bool]]] = [[]]
    for char, escaped in shown:
        if char in LINE_BREAKS and not escaped:
            lines.append([])
        else:
            lines[-1].append((char, escaped))
    return lines


def _starts_a_list(line: list[tuple[str, bool]]) -> bool:
    """'- x', '+ x', '1. x', '2) x' (unescaped, after any indent) start a list item."""
    rest = [(c, e) for c, e in line]
    while rest and rest[0][0] in " \t" and not rest[0][1]:
        rest.pop(0)
    if rest and rest[0][0] in "-+" and not rest[0][1]:
        return True
    digits = 0
    while digits < len(rest) and rest[digits][0].isdigit():
        digits += 1
    return 0 < digits < len(rest) and rest[digits][0] in ".)" and not rest[digits][1]


def _unbroken(rendered: str) -> list[str]:
    return [
        rendered[i] for i in range(len(rendered)) if rendered[i] in "<@" and rendered[i + 1 : i + 2] != ZERO_WIDTH_SPACE
    ]


def without_zero_width(text: str) -> str:
    return text.replace(ZERO_WIDTH_SPACE, "")


@CASES
@given(ANY_TEXT)
@example("[x](http://a) [Verify your account](https://evil.example/login)")
@example("# URGENT: [Re-verify your account now](https://evil.example/)")
@example("<t:1700000000:R> </ban:123456789012345678> <:emoji:123> <a:e:1> <#1> <@&2> <@3> @everyone")
def test_no_construct_stays_live_in_markdown_and_the_reader_sees_the_text(text):
    rendered = inert(text)
    assert live_constructs(rendered) == []
    assert visible(rendered) == without_zero_width(text)


@CASES
@given(ANY_TEXT)
def test_no_mention_or_format_code_stays_live_where_markdown_is_not_rendered(text):
    rendered = inert(text, "plain")
    assert live_constructs(rendered, "plain") == []
    assert without_zero_width(rendered) == without_zero_width(text)


@CASES
@given(URLS, st.text(alphabet="abc/?&=#_-.~%", max_size=20))
def test_a_link_stays_one_working_link_with_nothing_live(start, rest):
    rendered = inert(start + rest, "link")
    # Discord reads the whole run of non-space characters as one autolink: only '_' and '#' stay, inside it.
    assert re.fullmatch(r"https://[A-Za-z0-9._:/?#&=%+,;!$'-]+", rendered) is not None
    assert live_constructs(rendered, "plain") == []
    assert rendered.startswith("https://evil.example/")


def test_the_masked_links_of_the_issue_are_all_escaped():
    rendered = inert("[x](http://a) [Verify your account](https://evil.example/login)")
    assert rendered == "\\[x\\]\\(http://a\\) \\[Verify your account\\]\\(https://evil.example/login\\)"


def test_a_list_marker_is_escaped_only_at_a_line_start():
    assert inert("- one\n  2. two\nwell-known 3.5") == "\\- one\n  2\\. two\nwell-known 3.5"


def test_format_codes_and_emoji_are_broken_after_their_angle_bracket():
    zw = ZERO_WIDTH_SPACE
    assert inert("<t:1:R> </ban:2> <:e:3>", "plain") == f"<{zw}t:1:R> <{zw}/ban:2> <{zw}:e:3>"


def test_a_link_keeps_working_with_markdown_characters_percent_encoded():
    assert inert("https://a.example/x_(y)*@z", "link") == "https://a.example/x_%28y%29%2A%40z"
    assert inert("javascript:[x](y)", "link") == "javascript:\\[x\\]\\(y\\)"
