"""Speech-verb cues: a verb that says someone spoke ("said", "argued", "pointed out", "took a similar
position"), with its span, its speakers, what it needs to count and the colon that may follow it.

A cue is a speech verb (data/speech_verbs.txt) or a stance verb with a stance noun for object (see
`phrases.takes_a_stance`), outside any quote, used as a predicate (not "a so-called plan"), and not negated,
passive, asked about ("has he said ...?") or left unsaid ("declined to say", "urged him to say"). Its
speakers come from `subjects`; what it attributes, from `direct` and `reported`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.attribution.colon import colon_after
from bot.analysis.attribution.context import Context, SentenceRow
from bot.analysis.attribution.phrases import takes_a_stance
from bot.analysis.attribution.subjects import cue_speakers, named_head_of_acl
from bot.analysis.lexicon import CAUSATIVES, SILENT_HEADS, SpeechVerb, speech_lexicon
from bot.analysis.speakers import Focus, Speaker
from bot.models import Span

# Verbs that name or describe someone ("called a hero", "described as"), passive when a "by" follows them.
_NAMING_VERBS = frozenset({"call", "describe", "dub", "label", "brand", "hail", "name"})
_MODALS = frozenset({"will", "would", "may", "might", "could", "should", "must", "shall", "can"})
# A speech verb in one of these roles is a noun or a modifier ("contributed reporting", "a so-called plan").
_NOT_PREDICATES = {"amod", "acl", "compound", "auxpass", "dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"}


@dataclass(frozen=True)
class Cue:
    """A speech verb that counts: `needs` is what must follow it (see lexicon.SpeechVerb), `colon` the token
    index of a colon that introduces its content, `stance` true for "took a similar position", `background`
    true for a standing position the story recalls rather than words it reports ("has called for", "is
    promising", "will insist": the perfect, the progressive or a modal; see `_background`)."""

    verb: object  # the spaCy token
    span: Span
    speakers: tuple[Speaker, ...]
    needs: str
    stance: bool = False
    colon: int | None = None
    background: bool = False


def find_cues(ctx: Context, sentence: SentenceRow, focus: Focus) -> list[Cue]:
    """The cues of a sentence, in text order; `focus` resolves their pronoun subjects."""
    cues = []
    for token in sentence.tokens:
        if not _verb_like(token) or ctx.quoted[token.i] or token.lower_ == "according":  # "according to": phrases
            continue
        cue = cue_of(ctx, token, sentence, focus)
        if cue is not None:
            cues.append(cue)
    return cues


def _verb_like(token) -> bool:
    """A verb, or a verb the tagger took for a plural noun heading its sentence: "But Trump claims that ..."
    (the noun has a subject, or a name the parser made its compound, and a clause of its own)."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and token.dep_ == "ROOT" and any(
        c.dep_ == "nsubj" or _compound_name(c) for c in token.children) and any(
        c.dep_ == "ccomp" for c in token.children)


def _compound_name(token) -> bool:
    """A name the parser hung as a compound before a mistagged verb: 'Trump' of 'Trump claims that ...'."""
    return token.dep_ == "compound" and token.i < token.head.i and token.ent_type_ == "PERSON"


def cue_of(ctx: Context, verb, sentence: SentenceRow, focus: Focus) -> Cue | None:
    """The cue a verb makes, if it makes one."""
    entries = speech_lexicon().get(verb.lemma_.lower())
    stance = takes_a_stance(verb)
    if not (entries or stance) or not _counts(verb):
        return None
    extent = _extent(verb, entries, stance)
    if extent is None:
        return None
    end, needs = extent
    span = Span(verb.idx, ctx.doc[end - 1].idx + len(ctx.doc[end - 1]))
    speakers = cue_speakers(ctx, verb, sentence, focus)
    return Cue(verb, span, speakers, needs, stance, colon_after(ctx, end, sentence), _background(ctx, verb))


def _counts(verb) -> bool:
    """A predicate, not negated, passive, asked about or left unsaid."""
    has_subject = any(c.dep_ == "nsubj" for c in verb.children) or named_head_of_acl(verb)
    if verb.dep_ in _NOT_PREDICATES and not (verb.dep_ == "acl" and has_subject):
        return False  # "a so-called plan", but "the efforts, which Tim Cook called crap"
    return not (_negated(verb) or _passive(verb) or _asked(verb) or _unsaid(verb))


def _extent(verb, entries: list[SpeechVerb] | None, stance: bool) -> tuple[int, str] | None:
    """Where the cue ends (after its particle: "pointed out") and what it needs; None when the particle its
    entries ask for is missing."""
    if not entries:
        return verb.i + 1, "nothing"
    particles = {c.lower_: c for c in verb.children if c.dep_ in ("prt", "prep")}
    matched = [e for e in entries if e.particle is None or e.particle in particles]
    if not matched:
        return None
    entry = max(matched, key=lambda e: e.particle is not None)
    end = particles[entry.particle].i + 1 if entry.particle else verb.i + 1
    return end, "nothing" if stance else entry.needs


def _unsaid(verb) -> bool:
    """Speech that is wanted, refused or made someone else's to do: 'declined to say', 'needs to tell',
    'urged him to say', 'made Kadzik testify'."""
    if verb.dep_ == "conj" and verb.tag_ in ("VB", "VBP") and verb.head.tag_ in ("VBD", "VBZ", "VBN") and any(
            c.dep_ == "xcomp" and c.i < verb.i for c in verb.head.children):
        # "declined to threaten Moscow or even directly declare it responsible": the bare verb the parser
        # joined to "declined" extends its "to threaten"
        head = verb.head
        return head.lemma_.lower() in SILENT_HEADS or any(c.dep_ == "dobj" for c in head.children)
    while verb.dep_ == "conj":
        verb = verb.head
    head = verb.head
    if verb.dep_ == "xcomp":
        return head.lemma_.lower() in SILENT_HEADS or any(c.dep_ == "dobj" for c in head.children)
    # "made Kadzik testify" (a bare verb), not "the returns were made public ― Trump boasted"
    return verb.dep_ == "ccomp" and head.lemma_.lower() in CAUSATIVES and verb.tag_ == "VB" and not _passive(head)


def _asked(verb) -> bool:
    """A question about speech, not speech: 'But has he called for changing them?'."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(c.dep_ == "aux" and c.i < subject.i for c in verb.children)


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)


def _passive(verb) -> bool:
    """A passive verb, or a verb of naming with a "by" agent that the parser read as active ("A local man,
    John Smith, called a hero by many, died": Smith said nothing)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.lemma_.lower() not in _NAMING_VERBS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    reduced = subject is None or any(c.dep_ == "appos" for c in subject.children)  # "A man, John Smith, called"
    return reduced and any(c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i > verb.i for c in verb.children)


def _background(ctx: Context, verb) -> bool:
    """A cue in the perfect, the progressive or with a modal ("has called for", "is promising", "will insist"):
    a standing position the story recalls, not words it reports. An auxiliary after the verb or inside a quote
    is not the cue's (the parser may hang a quote's "will" on the "said" after it)."""
    for aux in verb.children:
        if aux.dep_ != "aux" or aux.i > verb.i or ctx.quoted[aux.i]:
            continue
        lemma = aux.lemma_.lower()
        if lemma == "have" or aux.lower_ in _MODALS or (lemma == "be" and verb.tag_ == "VBG"):
            return True
    return False
