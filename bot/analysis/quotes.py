"""Direct quotations in a text: where each quoted passage starts and ends, in every common quote style.

Pairs “ ”, straight " ", NYT-style '' '', `` '' and « » marks, or, in a text that quotes more with them (as
British papers do, nesting double quotes inside), ‘ ’, straight ' and ‹ › marks. A straight mark opens or
closes by what stands next to it; an apostrophe inside a word or after a plural is no mark. Quotes never run
over a line break (a paragraph), except by the newspaper convention: a paragraph that ends inside a quote
and a next paragraph that opens with the same quote mark continue the same quotation. A quote still open
where that convention stops (a pasted excerpt with an opening mark on each paragraph) is dropped: better no
quote than words given to the wrong speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.analysis.lexicon import CLOSING_QUOTE_MARKS, DOUBLE_QUOTE_MARK, OPENING_QUOTE_MARKS, SINGLE_QUOTE_MARK
from bot.models import Span

_SPEECH_WORDS = 3  # a quote of this many words or more counts when choosing the outer marks


@dataclass(frozen=True)
class Quote:
    """A quoted passage: `span` includes the marks, `parts` are its inner texts, one per paragraph."""

    span: Span
    parts: tuple[Span, ...]

    @property
    def inner(self) -> Span:
        return Span(self.parts[0].start, self.parts[-1].end)


def find_quotes(text: str) -> list[Quote]:
    """The outermost quoted passages of `text`, in order."""
    double = _pair(text, DOUBLE_QUOTE_MARK)
    single = _pair(text, SINGLE_QUOTE_MARK) if SINGLE_QUOTE_MARK.search(text) else []
    if not single:
        return double
    starts = [q.span.start for q in single]
    unnested = [q for q in double if not _inside(q, single, starts)]  # doubles nested in singles count not
    return single if _quoting(text, single) > _quoting(text, unnested) else double


def _inside(quote: Quote, outer: list[Quote], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, quote.span.start) - 1
    return i >= 0 and outer[i].span.end >= quote.span.end


def _quoting(text: str, quotes: list[Quote]) -> int:
    return sum(len(text[q.inner.start : q.inner.end].split()) >= _SPEECH_WORDS for q in quotes)


@dataclass(frozen=True)
class _Open:
    """A quote still open at the end of a paragraph: where its opening mark is, its inner parts so far."""

    start: int
    parts: tuple[Span, ...]


def _pair(text: str, mark: re.Pattern) -> list[Quote]:
    """Quotes made of one kind of mark, paired paragraph by paragraph."""
    quotes: list[Quote] = []
    still_open: _Open | None = None
    for start, end in _paragraphs(text):
        closed, still_open = _pair_paragraph(text, _marks(text, mark, start, end), start, end, still_open)
        quotes += closed
    return [q for q in quotes if q.parts]


def _marks(text: str, mark: re.Pattern, start: int, end: int) -> list[tuple[int, int, str]]:
    """The quote marks of one paragraph: (start, end, role), apostrophes left out."""
    marks = [(m.start(), m.end(), _role(text, m.start(), m.end(), start, end)) for m in mark.finditer(text, start, end)]
    return [m for m in marks if m[2] is not None]


def _pair_paragraph(
    text: str, marks: list[tuple[int, int, str]], p_start: int, p_end: int, carried: _Open | None
) -> tuple[list[Quote], _Open | None]:
    """The quotes a paragraph closes, and the quote it leaves open (continuing `carried`, if it does)."""
    depth = 0
    open_at = inner_start = p_start
    if carried is not None and _continues(text, carried, marks, p_start):
        depth, inner_start = 1, marks[0][1]
        marks = marks[1:]
    else:
        carried = None
    quotes = []
    for start, end, role in marks:
        if role == "open" or (role == "either" and depth == 0):
            if depth == 0:
                open_at, inner_start = start, end
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                parts = [*(carried.parts if carried else ()), Span(inner_start, start)]
                first = carried.start if carried else open_at
                quotes.append(Quote(Span(first, end), tuple(p for p in parts if p.end > p.start)))
                carried = None
    if depth == 0:
        return quotes, None
    opened = carried or _Open(open_at, ())
    return quotes, _Open(opened.start, (*opened.parts, Span(inner_start, _rstrip(text, inner_start, p_end))))


def _continues(text: str, carried: _Open, marks: list[tuple[int, int, str]], p_start: int) -> bool:
    """Whether a paragraph opens with the mark of the quote left open before it (the newspaper convention)."""
    width = 2 if text.startswith("''", carried.start) else 1
    opener = text[carried.start : carried.start + width]
    return bool(marks) and marks[0][0] == p_start and text.startswith(opener, p_start) and marks[0][2] != "close"


def _paragraphs(text: str):
    start = 0
    for match in re.finditer(r"\s*\n\s*", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _role(text: str, start: int, end: int, p_start: int, p_end: int) -> str | None:
    """'open', 'close', 'either', or None for a mark that is no quote mark here (an apostrophe)."""
    token = text[start:end]
    before = text[start - 1] if start > p_start else " "
    after = text[end] if end < p_end else " "
    if token in ("’", "'") and before.isalnum() and (after.isalpha() or (token == "'" and after == "s")):
        return None  # an apostrophe inside a word: don't, Russia’s
    if token in ("’", "'") and before in "sS" and after.isspace() and not _closes_single(text, start):
        return None  # a plural possessive: the leaders’ views
    if token in OPENING_QUOTE_MARKS:
        return "open"
    if token in CLOSING_QUOTE_MARKS:
        return "close"
    opens_here = before.isspace() or before in "([{—–-/:"
    closes_here = after.isspace() or after in ".,;:!?)]}—–-/" or after in "”’\"'"
    if opens_here and not closes_here:
        return "open"
    if closes_here and not opens_here:
        return "close"
    return "either"


def _closes_single(text: str, index: int) -> bool:
    """A ’ after an s closes a single quote only if a ‘ opened one earlier on the same line."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("‘", line_start, index) > text.count("’", line_start, index)
