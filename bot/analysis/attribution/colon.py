"""Colon cues: "told reporters in a statement on Monday: the vote will fail." and "He continued:" before a
quote in the next sentence.

A cue's content is what follows its colon (unless a quote does: that is direct speech, see `direct`); a
colon that ends its sentence introduces the quote that opens the next one (see `uncued`).
"""

from __future__ import annotations

from bot.analysis.attribution.context import Context, SentenceRow
from bot.analysis.attribution.spans import char_span
from bot.models import Span

_MAX_COLON_GAP = 8  # tokens between a cue and its colon: "told reporters in a statement on Monday:"


def colon_after(ctx: Context, end: int, sentence: SentenceRow) -> int | None:
    """The token index of a colon shortly after a cue that ends at token `end`, with no quote or verb
    between them."""
    stop = min(end + _MAX_COLON_GAP, sentence.tokens.end)
    for token in ctx.doc[end:stop]:
        if token.text == ":":
            return token.i
        if ctx.quoted[token.i] or token.pos_ == "VERB":
            return None
    return None


def after_colon(ctx: Context, colon: int, sentence: SentenceRow) -> Span | None:
    """The words after the colon to the end of the sentence; None when a quote follows the colon."""
    after = colon + 1
    if after < sentence.tokens.end and not ctx.doc[after].is_quote:
        return char_span(ctx.doc, after, sentence.tokens.end)
    return None  # a quote after the colon is direct speech


def ends_sentence(ctx: Context, colon: int, sentence: SentenceRow) -> bool:
    """Whether the colon is the last thing in its sentence, introducing what comes next."""
    return all(t.is_space for t in ctx.doc[colon + 1 : sentence.tokens.end])
