"""Character spans the attribution rules cut from a parsed text: trimmed, without edge punctuation, a
clause, a sentence without its attributing phrase."""

from __future__ import annotations

from bot.models import Span

_EDGE_MARKS = ",;:—–-"


def trim(text: str, start: int, end: int) -> Span:
    """Characters [start, end) of `text` without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def char_span(doc, start: int, end: int) -> Span:
    """Characters of tokens [start, end), without punctuation at the edges except closing quote marks."""
    while start < end and ((doc[start].is_punct and not doc[start].is_quote) or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", "--", "—")):
        end -= 1
    if end <= start:
        return Span(0, 0)
    return Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def clause(doc, head) -> Span:
    """The clause `head` heads, without the 'that' (or punctuation) that introduces it; the "If" of a
    condition inside it stays ("If that holds up, that would work out to ...")."""
    return char_span(doc, clause_start(doc, head), head.right_edge.i + 1)


def clause_start(doc, head) -> int:
    """The first token of the clause `head` heads, after the 'that' (or punctuation) that introduces it."""
    start = head.left_edge.i
    while start < head.i and (doc[start].dep_ == "punct" or (doc[start].dep_ == "mark" and doc[start].head == head)):
        start += 1
    return start


def distance(a: Span, b: Span) -> int:
    """Characters between two spans; 0 when they overlap."""
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def covers(inner: Span, sentence: Span, text: str) -> bool:
    """Whether `inner` is all there is of `sentence` but punctuation."""
    before = text[sentence.start : max(sentence.start, inner.start)]
    outside = before + text[min(inner.end, sentence.end) : sentence.end]
    return not any(ch.isalnum() for ch in outside)


def outside(phrase: Span, sentence: Span, text: str) -> Span:
    """The sentence without an attributing phrase at its start or end ('According to X, ...')."""
    before = Span(sentence.start, phrase.start)
    after = Span(phrase.end, sentence.end)
    if not text[before.start : before.end].strip(" ,"):
        return _strip_marks(text, after)
    if not text[after.start : after.end].strip(" .,"):
        return _strip_marks(text, before)
    return sentence


def _strip_marks(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in _EDGE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_MARKS):
        end -= 1
    return Span(start, end)
