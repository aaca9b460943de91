"""Where a model's answer has said enough: the end of its first sentence, or of its first line.

Used both to stop generating early (a row stops as soon as its first sentence is complete) and to cut an
answer to that sentence afterwards, so the two always agree. Abbreviations ("Mr.", "U.S.", "J.") are not
sentence ends.
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import ABBREVIATIONS as _ABBREVIATIONS

_CANDIDATE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def first_sentence_end(text: str) -> int | None:
    """The index just past the first sentence's end when another sentence follows it, else None."""
    for match in _CANDIDATE_END.finditer(text):
        before = text[: match.start()]
        word = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
        token = word.group(1).lower() if word else ""
        if text[match.start()] == "." and (token in _ABBREVIATIONS or len(token) == 1):
            continue
        return match.end()
    return None


def first_line_end(text: str) -> int | None:
    """The index of the first line break after some text, else None."""
    match = re.search(r"\S[^\n]*\n", text)
    return match.end() - 1 if match else None


def is_complete(text: str, rule: str) -> bool:
    """Whether generation may stop: `rule` is "sentence", "line" or "none"."""
    if rule == "none":
        return False
    if first_line_end(text) is not None:
        return True
    return rule == "sentence" and first_sentence_end(text) is not None
