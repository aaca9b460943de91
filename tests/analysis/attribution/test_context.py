"""The attribution context: the sentence table, the quoted tokens, quote look-ups, and `attribute`."""

from __future__ import annotations

from bot.analysis.attribution.context import attribute
from bot.analysis.speakers import Speaker
from bot.models import Span


def test_the_sentence_table_numbers_paragraphs_and_trims_sentences(context_of):
    text = "One thing happened.  Then another.\n\nA new paragraph began."
    ctx = context_of(text)
    assert [(s.index, s.paragraph, s.span.text(text)) for s in ctx.sentences] == [
        (0, 0, "One thing happened."),
        (1, 0, "Then another."),
        (2, 1, "A new paragraph began."),
    ]
    assert ctx.sentence_at(text.index("another")).index == 1


def test_tokens_inside_quote_marks_are_quoted(context_of):
    ctx = context_of("Anna Weiss said “we will win” today.")
    assert [t.text for t in ctx.doc if ctx.quoted[t.i]] == ["we", "will", "win"]


def test_quotes_are_looked_up_by_overlap_and_by_start(context_of):
    text = "“First,” she said. “Second,” he said."
    ctx = context_of(text)
    first_sentence = ctx.sentences[0].span
    assert list(ctx.quotes_overlapping(first_sentence)) == [0]
    assert list(ctx.quotes_starting_in(Span(0, len(text)))) == [0, 1]
    assert list(ctx.quotes_starting_in(Span(1, len(text)))) == [1]


def test_attribute_gives_one_attribution_per_speaker_and_one_without_when_none_is_known(context_of):
    text = "Jeff Moss and Sherry Brown said the claims were false."
    ctx = context_of(text)
    sentence = ctx.sentences[0]
    content = Span(text.index("the claims"), len(text) - 1)
    people = [Speaker(ctx.people.persons[0], True), Speaker("The Ministry", True)]
    found = attribute(ctx, people, "reported", content, None, sentence)
    assert [(a.speaker, a.organization, a.named) for a in found] == [
        ("Jeff Moss", False, True), ("The Ministry", True, True)
    ]
    (unknown,) = attribute(ctx, [], "reported", content, None, sentence)
    assert unknown.speaker is None and not unknown.named


def test_attribute_trims_the_content_and_gives_nothing_for_blank_words(context_of):
    text = "Jeff Moss said   the claims were false.   "
    ctx = context_of(text)
    sentence = ctx.sentences[0]
    (found,) = attribute(ctx, [], "reported", Span(14, len(text)), None, sentence)
    assert found.content.text(text) == "the claims were false."
    assert attribute(ctx, [], "reported", Span(len(text) - 3, len(text)), None, sentence) == []
