"""Who says what in a parsed text: quoted and reported words and stances, each tied to its speaker.

`analyse(parsed)` runs rules over the spaCy parse, one module per rule family, each small enough to pin with
a test and each a function of an explicit `Context` (context.py) and of the other rules' results it needs:
- cues.py: a cue is a speech verb (data/speech_verbs.txt) outside any quote, not negated, passive, asked
  about ("has he said ...?") or left unsaid ("declined to say", "urged him to say"); subjects.py: its
  subject, found through conjunctions, relative clauses, "..., saying" and "before asking", is the speaker;
- direct.py: its content is the quotes of its sentence (each quote goes to the cue it is the object of, else
  the nearest one; a few quoted words inside a phrase are a scare quote or a title), reported.py: else its
  that-clause or the clause it interrupts, colon.py: else what follows its colon; a verb with only an object
  ("dismissed the plan as ...") or none ("Graham agreed") states a stance, with its own clause as content;
- phrases.py: "according to X, ...", "In X's view, ...", "X's claim that ..." and "X took a similar
  position" attribute their words to X;
- uncued.py: a quote whose sentence has no cue continues the quote introduced by a colon just before it,
  else the nearest quoted speaker of its paragraph, else that of the sentence just before it in the
  paragraph before;
- roundups.py: "Rich Lowry, National Review: “…”" (a paragraph or list item opening with a name, a colon
  and a quote) attributes the quote to the name, before the un-cued quotes are given out;
- transcripts.py: transcript labels ("WALLACE: ...") attribute their paragraph.
A headline, a byline or a photo caption (bot.analysis.page_lines) attributes nothing.
Cues inside quotes are ignored, so a person the quoted speaker mentions never becomes a speaker, and cues
inside another cue's reported words are marked `nested`.

Sentences are read in order, since a pronoun means a person named or speaking before it: each sentence
gets the focus (bot.analysis.speakers.Focus) and the quotes claimed so far, and gives back its
attributions, the quotes it claimed and the focus after it. The un-cued quotes and the transcript labels
come last, from those results.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.attribution.colon import ends_sentence
from bot.analysis.attribution.context import KINDS, Attribution, Context, SentenceRow, attribute
from bot.analysis.attribution.cues import Cue, find_cues
from bot.analysis.attribution.direct import assign_quotes
from bot.analysis.attribution.phrases import phrase_attributions
from bot.analysis.attribution.reported import cue_pieces, reported_content
from bot.analysis.attribution.roundups import roundup_attributions
from bot.analysis.attribution.subjects import subject_notes
from bot.analysis.attribution.transcripts import transcript_attributions
from bot.analysis.attribution.uncued import continued_quotes
from bot.analysis.speakers import Focus, Note, People, Person
from bot.models import Span

__all__ = ["KINDS", "Attribution", "Attributions", "analyse"]


@dataclass(frozen=True)
class Attributions:
    """The attributions of one document, in text order, and the people it names (for roles and names)."""

    attributions: tuple[Attribution, ...]
    people: People


def analyse(parsed) -> Attributions:
    """Attributions and people of a spaCy Doc from `bot.analysis.nlp.parse`."""
    ctx = Context.of(parsed)
    found: list[Attribution] = []
    claimed: frozenset[int] = frozenset()  # indexes of quotes that have a speaker (or an unresolved cue)
    colon_cues: dict[int, Cue] = {}  # sentence -> the cue whose colon ends it
    focus = Focus()
    furniture = ctx.people.furniture
    for sentence in ctx.sentences:
        if sentence.index in furniture:
            continue
        reading = _read_sentence(ctx, sentence, focus, claimed)
        found += reading.attributions
        claimed, focus = reading.claimed, reading.focus
        if reading.colon_cue is not None:
            colon_cues[sentence.index] = reading.colon_cue
    roundups = roundup_attributions(ctx, claimed)
    found += roundups.attributions
    claimed |= roundups.claimed
    found += continued_quotes(ctx, [a for a in found if a.kind == "direct"], claimed, colon_cues)
    found += transcript_attributions(ctx)
    found = [a for a in found if a.sentence not in furniture]
    return Attributions(tuple(sorted(found, key=lambda a: (a.content.start, a.content.end))), ctx.people)


@dataclass(frozen=True)
class _Reading:
    """What one sentence gives: its attributions, the quotes claimed after it, the focus after it, and
    the cue whose colon ends it (or its one cue that found no words: it introduces the quote after it)."""

    attributions: tuple[Attribution, ...]
    claimed: frozenset[int]
    focus: Focus
    colon_cue: Cue | None


def _read_sentence(ctx: Context, sentence: SentenceRow, focus: Focus, claimed: frozenset[int]) -> _Reading:
    """The phrases and cues of one sentence, given the focus and the quotes claimed before it."""
    focus = focus.with_notes(subject_notes(ctx, sentence))
    phrases = phrase_attributions(ctx, sentence, focus)
    claimed = claimed | phrases.claimed
    cues = find_cues(ctx, sentence, focus)
    if not cues:
        return _Reading(phrases.attributions, claimed, focus, None)
    reported = _cut_before_quoted_cues(ctx, cues, [reported_content(ctx, cue, sentence) for cue in cues])
    nested = [any(r and r.start <= cue.span.start < r.end for j, r in enumerate(reported) if j != i)
              for i, cue in enumerate(cues)]  # a cue inside its own words ("X, Roberts said, Y") is not nested
    quotes = assign_quotes(ctx, sentence, cues, reported, claimed)
    attributions = list(phrases.attributions)
    notes: list[Note] = []
    for cue, content, inside, owned in zip(cues, reported, nested, quotes.owned, strict=True):
        pieces = cue_pieces(ctx, cue, owned, content)
        for kind, span in pieces:
            attributions += attribute(ctx, cue.speakers, kind, span, cue.span, sentence, nested=inside,
                                      background=cue.background)
        if pieces and not inside:  # a speaker is what a later pronoun may mean
            notes += [Note(cue.verb.i, sentence.index, True, s.who) for s in cue.speakers if isinstance(s.who, Person)]
    colon_cue = next((c for c in reversed(cues) if c.colon is not None and ends_sentence(ctx, c.colon, sentence)), None)
    if colon_cue is None and not attributions and not any(nested) and _one_speaker(cues[-1]):
        colon_cue = cues[-1]  # "Mayor Ana Ruiz spoke to reporters." introduces the quote that follows
    return _Reading(tuple(attributions), claimed | quotes.claimed, focus.with_notes(notes), colon_cue)


def _cut_before_quoted_cues(ctx, cues: list[Cue], reported: list) -> list:
    """Reported words that run on into another speaker's quoted words end before that speaker: in "When Ortiz
    noted that Dunn has not paid taxes ― Dunn boasted, “That makes me smart.”" the quote is Dunn's, not
    part of what Ortiz noted."""
    cut = list(reported)
    for i, words in enumerate(reported):
        if words is None:
            continue
        for j, cue in enumerate(cues):
            if j == i or not cue.speakers or not words.start <= cue.span.start < words.end:
                continue
            if {s.who for s in cue.speakers} & {s.who for s in cues[i].speakers}:
                continue  # "... what he called a “brazen breach”": the same speaker's words go on
            if not any(cue.span.end <= q.span.start <= cue.span.end + 4 for q in ctx.quotes):
                continue
            subjects = [c.left_edge.i for c in cue.verb.children if c.dep_ == "nsubj"]
            start = ctx.doc[min(subjects, default=cue.verb.i)].idx
            if words.start < start < cut[i].end and len(ctx.text[words.start : start].split()) >= 3:
                cut[i] = Span(words.start, start)
    return cut


def _one_speaker(cue: Cue) -> bool:
    """Whether a cue has one speaker and a subject that lists no one else ("Ruiz and Berg spoke")."""
    listed = any(c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.children) for c in cue.verb.children)
    return len(cue.speakers) == 1 and not listed
