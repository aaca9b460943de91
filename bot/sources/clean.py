"""Cleaning of text as users paste it: site furniture out, title found, a cut-off ending noticed.

People copy an article together with the page around it ("Leave a Reply", "Share this:", "Read the full
article from the Source…"). Those lines are removed here, whole lines or a trailing block only, so what
remains is still verbatim article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CUT_OFF_WARNING = "the text seems cut off at the end"

# A line made only of one of these is site furniture. Matched case-insensitively against the whole line.
_FURNITURE_LINES = [
    r"read (the )?(full|whole|entire|complete|original) (article|story|post)\b.*",
    r"(continue|keep) reading.*",
    r"read more\b.*",
    r"leave a (reply|comment)\.?",
    r"(post a|add a|write a) comment\.?",
    r"\d* ?comments?( \(\d+\))?",
    r"(show|view|load|hide) (all |more )?comments.*",
    r"your email address will not be published\..*",
    r"required fields are marked \*?\.?",
    r"(save my name|notify me of).*",
    r"share (this|on|via|the|article|story)\b.{0,60}",
    r"(click|tap) (here )?to (share|print|email|subscribe).*",
    r"share|tweet|email|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|x|copy link",
    r"like this:?|loading\.\.\.|related( (posts|articles|stories))?:?|post navigation",
    r"advertisement|sponsored( content)?|scroll down for (the )?video\.?|scroll to continue.*",
    r"(sign up|subscribe) (for|to) (our|the) (free )?(daily |weekly )?(newsletter|updates|emails?).*",
    r"follow (us|@\w+) on .{0,40}",
    r"(©|\(c\)|copyright ©|copyright \d{4}).{0,80}",
    r"all rights reserved\.?",
    r"(photo|image|video|picture|credit|getty images|ap photo)s?( credit)?: .{0,60}",
    r"tags?:.{0,120}",
    r"filed under:?.{0,120}",
]
_FURNITURE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE_LINES) + r")\s*$", re.IGNORECASE)

# From one of these markers to the end is page furniture, not article (only when it is near the end).
_TAIL_MARKERS = re.compile(
    r"^\s*(read the full article|leave a reply|leave a comment|your email address will not be published|"
    r"comments? \(\d+\)|post navigation|related (posts|articles|stories))",
    re.IGNORECASE,
)

# Furniture that runs into article text inside a line.
_INLINE_FURNITURE = [
    re.compile(r"^\(CNN\)\s*(--\s*)?"),
    re.compile(r"^[A-Z][A-Za-z .,]{1,40}\(CNN\)\s*(--\s*)?"),
    re.compile(r"\bScroll down for (the )?video\.?\s*", re.IGNORECASE),
]

_TERMINAL = tuple(".!?\"'”’)]»")


@dataclass
class CleanText:
    text: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def normalise_whitespace(text: str) -> str:
    """One kind of newline and space, no trailing blanks, at most one empty line in a row."""
    # Characters are kept as they are (no Unicode normalisation, zero-width spaces stay): evidence and
    # citations must match the text users have, and only whitespace may differ.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_pasted_text(raw: str, title: str | None = None) -> CleanText:
    """Remove site furniture, take a leading headline as the title, and warn about a cut-off end."""
    text = normalise_whitespace(raw)
    lines = text.split("\n")
    lines = _drop_furniture_tail(lines)
    lines = [line for line in lines if not _FURNITURE.match(line)]
    lines = [_strip_inline_furniture(line) for line in lines]
    lines = _unwrap_hard_line_breaks(lines)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if title is None:
        title, text = _split_headline(text)
    warnings = [CUT_OFF_WARNING] if text and seems_cut_off(text) else []
    return CleanText(text=text, title=title, warnings=warnings)


def _unwrap_hard_line_breaks(lines: list[str]) -> list[str]:
    """Join a line broken mid-sentence (an e-mail or terminal wrap) to the line that continues it."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        continues = line and (line[0].islower() or line[0].isdigit())
        if previous and continues and not previous.endswith((*_TERMINAL, ":")):
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


def _drop_furniture_tail(lines: list[str]) -> list[str]:
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        if _TAIL_MARKERS.match(line) and seen > 0.6 * total:
            return lines[:i]
        seen += len(line)
    return lines


def _strip_inline_furniture(line: str) -> str:
    for pattern in _INLINE_FURNITURE:
        line = pattern.sub("", line)
    return line.strip()


def _split_headline(text: str) -> tuple[str | None, str]:
    """A first paragraph that is one short line with no sentence end, followed by more text, is a headline."""
    first, sep, rest = text.partition("\n\n")
    if not sep or "\n" in first or not rest.strip():
        return None, text
    words = first.split()
    ends_like_sentence = first.rstrip().endswith((".", "!", "?", ":", "”", '"'))
    if 2 <= len(words) <= 25 and not ends_like_sentence:
        return first.strip(), rest.strip()
    return None, text


def seems_cut_off(text: str) -> bool:
    """True when the text stops mid-sentence or trails off with an ellipsis."""
    tail = text.rstrip()
    if tail.endswith(("…", "...", "[…]", "[...]")):
        return True
    last_paragraph = tail.rsplit("\n", 1)[-1].strip()
    if len(last_paragraph.split()) <= 3 and not last_paragraph.endswith(_TERMINAL):
        return True
    return not tail.endswith(_TERMINAL)
