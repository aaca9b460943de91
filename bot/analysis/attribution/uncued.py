"""Quotes without a cue in their sentence: whose continuation each one is.

A quote that is all there is of its sentences continues the quote introduced by a colon that ends the
sentence just before it ("He continued:"), else the nearest quoted speaker of its paragraph (before it,
else after it), else, when it opens its sentence, that of the sentence just before it in the paragraph
before, else the one speaker of a cue that found no words in the sentence just before ("Mayor Ana Ruiz
spoke to reporters. “We will build it.”"). Quotes another rule has claimed are left alone, so these rules
run last, on the others' results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.analysis.attribution.context import Attribution, Context, SentenceRow
from bot.analysis.attribution.cues import Cue
from bot.analysis.quotes import Quote
from bot.analysis.speakers import Person


def continued_quotes(
    ctx: Context, direct: Sequence[Attribution], claimed: frozenset[int], colon_cues: Mapping[int, Cue]
) -> list[Attribution]:
    """Attributions of the quotes no rule claimed, given the direct attributions found so far (in the order
    found), the quotes claimed, and the cue whose colon ends each sentence (by sentence index)."""
    by_paragraph: dict[int, list[Attribution]] = {}
    for attribution in direct:
        by_paragraph.setdefault(ctx.sentences[attribution.sentence].paragraph, []).append(attribution)
    found = []
    for index, quote in enumerate(ctx.quotes):
        if index in claimed or not _stands_alone(ctx, quote):
            continue
        sentence = ctx.sentence_at(quote.span.start)
        source = _source(quote, sentence, by_paragraph, colon_cues)
        if source is None:
            continue
        for part in quote.parts:
            attribution = Attribution(
                source.speaker, "direct", part, source.cue, sentence.index, sentence.span,
                organization=source.organization, named=source.named,
            )
            found.append(attribution)
            paragraph = by_paragraph.setdefault(sentence.paragraph, [])
            paragraph.append(attribution)  # a later quote may continue this one
            paragraph.sort(key=lambda a: a.content.start)
    return found


def _source(
    quote: Quote, sentence: SentenceRow, by_paragraph: Mapping[int, list[Attribution]], colon_cues: Mapping[int, Cue]
) -> Attribution | None:
    """The attribution whose speaker and cue a quote without a cue of its own takes."""
    colon = colon_cues.get(sentence.index - 1)
    if colon is not None and sentence.span.start == quote.span.start and colon.colon is not None:
        return _from_colon(colon, quote, sentence)
    same = by_paragraph.get(sentence.paragraph, [])
    before = [a for a in same if a.content.end <= quote.span.start]
    if before:
        return before[-1]
    after = [a for a in same if a.content.start >= quote.span.end]
    if after:
        return after[0]
    previous = by_paragraph.get(sentence.paragraph - 1, [])
    if sentence.span.start == quote.span.start and previous and previous[-1].sentence == sentence.index - 1:
        return previous[-1]
    if colon is not None and sentence.span.start == quote.span.start:  # "X spoke to reporters. “…”"
        return _from_colon(colon, quote, sentence)
    return None


def _from_colon(cue: Cue, quote: Quote, sentence: SentenceRow) -> Attribution | None:
    """The quote as the words of the one speaker of the colon cue before it (none for several)."""
    if len(cue.speakers) != 1:
        return None
    speaker = cue.speakers[0]
    person = speaker.who if isinstance(speaker.who, Person) else None
    return Attribution(
        person.name if person else speaker.who, "direct", quote.span, cue.span, sentence.index,
        sentence.span, organization=person is None, named=speaker.named,
    )


def _stands_alone(ctx: Context, quote: Quote) -> bool:
    """True when the quote is all there is of the sentences it spans (beyond punctuation)."""
    first = ctx.sentence_at(quote.span.start).span
    last = ctx.sentence_at(max(quote.span.end - 1, quote.span.start)).span
    outside = ctx.text[first.start : quote.span.start] + ctx.text[quote.span.end : last.end]
    return not any(ch.isalnum() for ch in outside)
