"""Direct quotes with a cue in their sentence: which cue each quote belongs to.

The quotes of a sentence (and one that ends right where it starts: "“...?” | Trump said.") go to the cue
they are the object or clause of (Cook "called" the plan “total political crap”), else to the nearest cue.
A quote inside a cue's reported words is part of them and no quote of its own; a few quoted words inside a
phrase are a scare quote ('called the plan “a con”') or a title ('on CNN's “State of the Union”') and
belong to nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis.attribution.context import Context, SentenceRow
from bot.analysis.attribution.cues import Cue
from bot.analysis.attribution.spans import covers, distance
from bot.analysis.quotes import Quote
from bot.models import Span

_CONTENT_DEPS = {"dobj", "oprd", "ccomp", "xcomp", "attr", "acomp", "dep"}
_SCARE_QUOTE_WORDS = 3  # shorter quotes inside a sentence of other words are scare quotes or titles
_MAX_TITLE_WORDS = 8  # a quoted title in a sentence ("on CNN's “State of the Union”") is at most this long


@dataclass(frozen=True)
class QuoteAssignment:
    """The quotes each cue owns (in the cues' order) and the quotes now claimed, owned or reported."""

    owned: tuple[tuple[Quote, ...], ...]
    claimed: frozenset[int]


def assign_quotes(
    ctx: Context, sentence: SentenceRow, cues: Sequence[Cue], reported: Sequence[Span | None], claimed: frozenset[int]
) -> QuoteAssignment:
    """Give the sentence's quotes not already `claimed` to its cues; `reported` is each cue's reported words."""
    owned: list[list[Quote]] = [[] for _ in cues]
    newly: set[int] = set()
    for index in ctx.quotes_overlapping(_reach(ctx, sentence)):
        quote = ctx.quotes[index]
        if index in claimed or (all(reported) and _sentence_before(ctx, quote, sentence)):
            continue
        if any(r and r.start <= quote.inner.start < r.end for r in reported):
            newly.add(index)
            continue
        owner = _governing_cue(ctx, quote, cues)
        if owner is None and _is_scare_quote(ctx, quote, sentence):
            continue
        if owner is None:
            owner = min(range(len(cues)), key=lambda i: distance(cues[i].span, quote.span))
        owned[owner].append(quote)
        newly.add(index)
    return QuoteAssignment(tuple(tuple(quotes) for quotes in owned), frozenset(newly))


def _sentence_before(ctx: Context, quote: Quote, sentence: SentenceRow) -> bool:
    """A quote that closes before the sentence as a sentence of its own: ‘“... a great deal.” The younger Jordan
    said he took ...’ (its words end in a full stop, the sentence opens with a capital): not the words of cues
    that report words of their own (the caller's test; ‘“... 14 million votes?” Trump said, looking out ...’
    is Trump's)."""
    if quote.span.start >= sentence.span.start:
        return False
    inner = ctx.text[quote.inner.start : quote.inner.end].rstrip()
    opening = ctx.text[max(quote.span.end, sentence.span.start) : sentence.span.end].lstrip()
    return inner[-1:] in (".", "!", "?") and opening[:1].isupper()


def _reach(ctx: Context, sentence: SentenceRow) -> Span:
    """The sentence, with the few characters before it where a quote that ends its clause may close."""
    before = max(0, sentence.span.start - 3)
    if "\n" in ctx.text[before : sentence.span.start]:
        before = sentence.span.start
    return Span(before, sentence.span.end)


def _governing_cue(ctx: Context, quote: Quote, cues: Sequence[Cue]) -> int | None:
    """The index of the cue whose object or clause the quote is: Cook "called" the plan “total political crap”."""
    tokens = ctx.doc.char_span(quote.inner.start, quote.inner.end, alignment_mode="expand") or []
    for token in tokens:
        if not quote.inner.start <= token.head.idx < quote.inner.end:
            for index, cue in enumerate(cues):
                if token.head.i == cue.verb.i and token.dep_ in _CONTENT_DEPS:
                    return index
    return None


def _is_scare_quote(ctx: Context, quote: Quote, sentence: SentenceRow) -> bool:
    """A few quoted words inside a sentence ('called the plan “a con”') or a title ('said on CNN's
    “State of the Union”'), not a quoted statement."""
    text = ctx.text
    inner = text[quote.inner.start : quote.inner.end]
    words = len(inner.split())
    if words > _MAX_TITLE_WORDS or covers(quote.span, sentence.span, text):
        return False
    tokens = ctx.doc.char_span(quote.inner.start, quote.inner.end, alignment_mode="expand") or []
    roots = [t for t in tokens if not quote.inner.start <= t.head.idx < quote.inner.end]
    if roots and roots[0].dep_ in ("pobj", "poss", "compound", "nmod"):
        return True
    introduced = text[max(0, quote.span.start - 2) : quote.span.start].strip() in (":", ",")
    statement = introduced or inner.rstrip()[-1:] in (".", "!", "?", ",")
    return words <= _SCARE_QUOTE_WORDS and not statement
