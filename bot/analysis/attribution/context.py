"""What every attribution rule reads and returns: the document's context, built once and never changed, and
the `Attribution`.

The context holds the parse, its people (bot.analysis.speakers), its quotes (bot.analysis.quotes), which
tokens lie inside a quote's marks, and the sentence table (offsets, paragraph, tokens). A rule is a function
from the context, and from what it needs of other rules' results passed in as arguments, to attributions.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from bot.analysis.attribution.spans import trim
from bot.analysis.quotes import Quote, find_quotes
from bot.analysis.speakers import People, Person, Speaker
from bot.models import Span

KINDS = ("direct", "reported", "stance")


@dataclass(frozen=True)
class Attribution:
    """Words or a stance the text attributes to a speaker, with offsets into the parsed text.

    `speaker` is a canonical person name, an organization's name (`organization` true), or None when the
    text does not say who; `kind` is one of KINDS; `sentence` indexes `list(parsed.sents)`. A speaker found
    through a pronoun, a description or a bare surname the tagger did not take for a person is not `named`.
    """

    speaker: str | None
    kind: str
    content: Span
    cue: Span | None
    sentence: int
    sentence_span: Span
    organization: bool = False
    nested: bool = False  # reported inside another speaker's words: "Earnest said Obama has called for ..."
    named: bool = False  # the cue names the speaker as a person: a full name or a tagged PERSON, no pronoun
    background: bool = False  # a standing position the story recalls: "has called for", "is promising"


@dataclass(frozen=True)
class SentenceRow:
    """One sentence of the parse: its index in `parsed.sents`, its trimmed offsets, paragraph and tokens."""

    index: int
    span: Span
    paragraph: int
    tokens: object  # the spaCy Span


@dataclass(frozen=True, eq=False)
class Context:
    """A parsed document as the attribution rules read it; build it with `Context.of(parsed)`."""

    doc: object
    people: People
    quotes: tuple[Quote, ...]
    quoted: tuple[bool, ...]  # whether each token lies inside a quote's marks
    sentences: tuple[SentenceRow, ...]

    @classmethod
    def of(cls, parsed) -> Context:
        quotes = tuple(find_quotes(parsed.text))
        return cls(parsed, People.of(parsed), quotes, _quoted_tokens(parsed, quotes), _sentence_table(parsed))

    @property
    def text(self) -> str:
        return self.doc.text

    def sentence_at(self, char: int) -> SentenceRow:
        """The sentence that holds character `char` (the last one starting at or before it)."""
        return self.sentences[max(0, bisect.bisect_right(self._sentence_starts, char) - 1)]

    def quotes_overlapping(self, span: Span) -> range:
        """Indexes into `quotes` of the quotes that overlap `span`."""
        lo = bisect.bisect_right(self._quote_ends, span.start)
        return range(lo, bisect.bisect_left(self._quote_starts, span.end))

    def quotes_starting_in(self, span: Span) -> range:
        """Indexes into `quotes` of the quotes that start inside `span`."""
        starts = self._quote_starts
        return range(bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end))

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.span.start for s in self.sentences]

    @functools.cached_property
    def _quote_starts(self) -> list[int]:
        return [q.span.start for q in self.quotes]

    @functools.cached_property
    def _quote_ends(self) -> list[int]:
        return [q.span.end for q in self.quotes]


def attribute(
    ctx: Context, speakers: Iterable[Speaker], kind: str, content: Span, cue: Span | None, sentence: SentenceRow,
    nested: bool = False, background: bool = False,
) -> list[Attribution]:
    """One attribution of `content` (trimmed) per speaker, or one without a speaker; none if it is empty."""
    content = trim(ctx.text, content.start, content.end)
    if content.end <= content.start:
        return []
    return [
        Attribution(
            who.name if isinstance(who, Person) else who, kind, content, cue, sentence.index, sentence.span,
            organization=isinstance(who, str), nested=nested, named=bool(speaker and speaker.named),
            background=background,
        )
        for speaker in list(speakers) or [None]
        for who in [speaker.who if speaker else None]
    ]


def _quoted_tokens(doc, quotes: tuple[Quote, ...]) -> tuple[bool, ...]:
    quoted = [False] * len(doc)
    for quote in quotes:
        for part in quote.parts:
            tokens = doc.char_span(part.start, part.end, alignment_mode="expand")
            for token in tokens if tokens is not None else ():
                quoted[token.i] = True
    return tuple(quoted)


def _sentence_table(doc) -> tuple[SentenceRow, ...]:
    """Every sentence of the parse (empty ones too, so indexes match `doc.sents`); a paragraph break between
    two sentences starts a new paragraph."""
    rows = []
    paragraph = 0
    last_end = 0
    for index, sent in enumerate(doc.sents):
        span = trim(doc.text, sent.start_char, sent.end_char)
        if "\n" in doc.text[last_end : span.start]:
            paragraph += 1
        rows.append(SentenceRow(index, span, paragraph, sent))
        last_end = max(span.end, last_end)
    return tuple(rows)
