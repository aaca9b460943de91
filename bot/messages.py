"""What a user reads when something fails, and what a terminal is given to show.

Every failure is one line of at most `MESSAGE_CHARS` characters; text that a server, a file or a user supplied
(a status reason, a header, a link, a file name) is quoted on one line and cut to a few dozen characters, so
it can neither flood a message nor split it. Plain-text output to a terminal carries no control characters
but newline and tab: no escape sequence in an article can retitle, clear or reprogram the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

MESSAGE_CHARS = 300
OUTSIDE_CHARS = 80

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` with every run of whitespace or control characters (newlines too) written as one space."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def outside(text: str, limit: int = OUTSIDE_CHARS) -> str:
    """Text someone else supplied (a server's reason, a header, a link), fit to quote inside a message."""
    return cut(one_line(text), limit)


def message(text: str, limit: int = MESSAGE_CHARS) -> str:
    """A failure as the one line a user reads."""
    return cut(one_line(text), limit)


def without_controls(text: str) -> str:
    """`text` for a terminal: control characters (escape sequences' ESC, CSI, BEL, CR…) removed, except \\n and \\t."""
    return "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")


class ControlFreeStream:
    """A text stream (standard output or error) that writes everything through `without_controls`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(without_controls(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
