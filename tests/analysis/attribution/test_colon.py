"""Colon cues: what follows a cue's colon is its words; a colon that ends its sentence introduces the next."""

from __future__ import annotations

from bot.analysis.attribution.colon import after_colon, colon_after, ends_sentence


def test_a_colon_introduces_quoted_and_unquoted_words(attributions_of):
    assert attributions_of("Paul Dean said: “We are ready.”") == [("Paul Dean", "direct", "We are ready.")]
    assert attributions_of("Paul Dean told reporters: the vote will fail.") == [
        ("Paul Dean", "reported", "the vote will fail.")
    ]


def test_a_colon_at_a_paragraph_end_introduces_the_quote_below(attributions_of):
    text = "Paul Dean spoke at length. He continued:\n\n“The union will strike on Monday.”"
    assert ("Paul Dean", "direct", "The union will strike on Monday.") in attributions_of(text)


def test_the_colon_of_a_cue_is_a_few_words_after_it_with_no_verb_between(context_of, token_of):
    ctx = context_of("Paul Dean told reporters in a statement on Monday: the vote will fail.")
    told = token_of(ctx, "told")
    assert colon_after(ctx, told.i + 1, ctx.sentences[0]) == token_of(ctx, ":").i
    ctx = context_of("Paul Dean told reporters who had waited: the vote will fail.")
    assert colon_after(ctx, token_of(ctx, "told").i + 1, ctx.sentences[0]) is None  # "waited" is between


def test_words_after_a_colon_are_reported_unless_a_quote_follows(context_of, token_of):
    text = "Paul Dean said: the vote will fail."
    ctx = context_of(text)
    colon = token_of(ctx, ":").i
    assert after_colon(ctx, colon, ctx.sentences[0]).text(text) == "the vote will fail."
    assert not ends_sentence(ctx, colon, ctx.sentences[0])
    ctx = context_of("Paul Dean said: “The vote will fail.”")
    assert after_colon(ctx, token_of(ctx, ":").i, ctx.sentences[0]) is None  # direct speech, not reported


def test_a_colon_that_ends_its_sentence_introduces_what_comes_next(context_of, token_of):
    ctx = context_of("Paul Dean continued:\n\n“The union will strike.”")
    assert ends_sentence(ctx, token_of(ctx, ":").i, ctx.sentences[0])
