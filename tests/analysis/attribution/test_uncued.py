"""Quotes without a cue in their sentence continue a colon's speaker, else a nearby quoted speaker."""

from __future__ import annotations

from bot.analysis.attribution.context import Attribution
from bot.analysis.attribution.cues import find_cues
from bot.analysis.attribution.uncued import continued_quotes
from bot.analysis.speakers import Focus
from bot.models import Span


def test_a_quote_in_the_next_paragraph_continues_the_same_speaker(attributions_of):
    text = "“The first part,” Paul Dean said. “The second part.”\n\n“A paragraph more.”"
    assert [a[2] for a in attributions_of(text) if a[0] == "Paul Dean"] == [
        "The first part,",
        "The second part.",
        "A paragraph more.",
    ]


def quote_of(ctx, speaker: str, index: int) -> Attribution:
    """A direct attribution of quote `index` to `speaker`, as the cued rules would give it."""
    quote = ctx.quotes[index]
    sentence = ctx.sentence_at(quote.span.start)
    return Attribution(speaker, "direct", quote.inner, Span(0, 1), sentence.index, sentence.span, named=True)


def test_a_lone_quote_takes_the_speaker_before_it_in_its_paragraph(context_of):
    text = "“We will strike,” Paul Dean said. “On Monday.”"
    ctx = context_of(text)
    (found,) = continued_quotes(ctx, [quote_of(ctx, "Paul Dean", 0)], frozenset({0}), {})
    assert (found.speaker, found.content.text(text)) == ("Paul Dean", "On Monday.")


def test_a_lone_quote_with_nobody_quoted_near_it_stays_unattributed(context_of):
    ctx = context_of("The union met.\n\n“We will strike on Monday.”")
    assert continued_quotes(ctx, [], frozenset(), {}) == []  # no quoted speaker in reach


def test_a_claimed_quote_is_no_continuation(context_of):
    ctx = context_of("“We will strike,” Paul Dean said. “On Monday.”")
    assert continued_quotes(ctx, [quote_of(ctx, "Paul Dean", 0)], frozenset({0, 1}), {}) == []


def test_a_quote_with_other_words_in_its_sentence_is_no_continuation(context_of):
    ctx = context_of("“We will strike,” Paul Dean said. The union read “every word of it” twice.")
    assert continued_quotes(ctx, [quote_of(ctx, "Paul Dean", 0)], frozenset({0}), {}) == []


def test_a_quote_after_a_colon_cue_is_its_speakers(context_of):
    text = "Paul Dean continued:\n\n“The union will strike.”"
    ctx = context_of(text)
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    (found,) = continued_quotes(ctx, [], frozenset(), {0: cue})
    assert (found.speaker, found.cue.text(text), found.content.text(text)) == (
        "Paul Dean", "continued", "The union will strike."
    )


def test_a_colon_cue_of_several_speakers_gives_its_quote_to_nobody(context_of):
    ctx = context_of("Paul Dean and Eva Moll continued:\n\n“The union will strike.”")
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    assert len(cue.speakers) == 2
    assert continued_quotes(ctx, [], frozenset(), {0: cue}) == []  # whose words, of the two, is unknown
