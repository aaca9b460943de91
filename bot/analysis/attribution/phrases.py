"""Positions stated by a phrase, not a speech verb: "according to X, ...", "In X's view, ...", "X's claim
that ..." and "X took a similar position".

"According to X", "In X's view" (or "In his words") and "As X noted" (or "As stated in X's column") attribute
the rest of their sentence to X; "X's claim that ..." (a speech noun, data/speech_nouns.txt) attributes its
that-clause. Quotes inside those words are X's words and no other cue's. "X took a similar position" (a stance
verb with a stance noun for object, data/stance_nouns.txt) is a cue like a speech verb: `takes_a_stance` tells
`cues` so.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.attribution.context import Attribution, Context, SentenceRow, attribute
from bot.analysis.attribution.spans import char_span, clause, outside
from bot.analysis.lexicon import SPOKEN_WORK_NOUNS, STANCE_VERBS, speech_nouns, stance_nouns
from bot.analysis.speakers import Focus, speaker_of
from bot.models import Span

# Verbs that cite in an as-clause ("As Weiss noted, ..."); "As she spoke, ..." tells a time instead.
_CITING_VERBS = frozenset({
    "note", "say", "write", "report", "explain", "argue", "observe", "state", "suggest", "mention", "predict",
    "warn", "acknowledge", "concede", "claim", "insist", "contend", "stress", "emphasize", "recall", "point",
})


@dataclass(frozen=True)
class PhraseFindings:
    """What a sentence's phrases attribute, and the quotes inside those words (now claimed)."""

    attributions: tuple[Attribution, ...]
    claimed: frozenset[int]


def phrase_attributions(ctx: Context, sentence: SentenceRow, focus: Focus) -> PhraseFindings:
    """The attributions of a sentence's 'according to', 'in X's view' and 'X's claim that' phrases."""
    attributions: list[Attribution] = []
    claimed: set[int] = set()
    for token in sentence.tokens:
        if ctx.quoted[token.i]:
            continue
        found = _phrase(ctx, token, sentence, focus)
        if found is not None:
            words, content = found
            attributions += words
            claimed.update(ctx.quotes_starting_in(content))
    return PhraseFindings(tuple(attributions), frozenset(claimed))


def takes_a_stance(verb) -> bool:
    """'took a similar position', 'shares that view': a stance verb with a stance noun for its object."""
    return verb.lemma_.lower() in STANCE_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in stance_nouns() for c in verb.children
    )


def _phrase(ctx: Context, token, sentence: SentenceRow, focus: Focus) -> tuple[list[Attribution], Span] | None:
    """The attributions of the phrase `token` starts, with the words they attribute."""
    if token.lower_ == "according":
        return _according_to(ctx, token, sentence, focus)
    if token.lower_ == "as" and token.dep_ == "mark":
        return _as_cited(ctx, token, sentence, focus)
    if token.lower_ == "in" and token.dep_ == "prep":
        return _in_view(ctx, token, sentence, focus)
    if token.pos_ == "NOUN" and token.lemma_.lower() in speech_nouns():
        return _claim(ctx, token, sentence, focus)
    return None


def _according_to(ctx: Context, token, sentence: SentenceRow, focus: Focus):
    """'According to Jane Smith, a professor at Yale University, the plan will fail.'"""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].lower_ == "to":
        to = ctx.doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    phrase = Span(token.idx, char_span(ctx.doc, source.left_edge.i, source.right_edge.i + 1).end)
    speaker = speaker_of(source, ctx.people, focus, sentence.index)
    content = outside(phrase, sentence.span, ctx.text)
    cue = Span(token.idx, to.idx + len(to))
    return attribute(ctx, [speaker] if speaker else [], "reported", content, cue, sentence), content


def _as_cited(ctx: Context, token, sentence: SentenceRow, focus: Focus):
    """'As Anna Weiss noted, the plan failed.', 'The plan failed, as Weiss wrote.', 'As stated in Davis'
    commentary, ...' (a citing verb with no words of its own: the rest of the sentence is its words)."""
    verb = token.head
    if verb.dep_ != "advcl" or verb.lemma_.lower() not in _CITING_VERBS or ctx.quoted[verb.i]:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative") for c in verb.children):
        return None  # "As Weiss explained the plan, ...": a time, not a citation
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    source = subject if subject is not None else _cited_work_owner(verb)
    speaker = speaker_of(source, ctx.people, focus, sentence.index) if source is not None else None
    if speaker is None:
        return None
    phrase = char_span(ctx.doc, token.i, verb.right_edge.i + 1)
    content = outside(phrase, sentence.span, ctx.text)
    if content == sentence.span:
        return None  # the clause stands inside the sentence: no clean words
    return attribute(ctx, [speaker], "reported", content, Span(token.idx, verb.idx + len(verb)), sentence), content


def _cited_work_owner(verb):
    """Whose work a passive citing verb names: 'stated in Davis' commentary', 'reported by Jane Smith'."""
    if not any(c.dep_ == "auxpass" for c in verb.children) and verb.tag_ != "VBN":
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if noun is None:
            continue
        if prep.lower_ == "by":
            return noun
        if prep.lower_ == "in" and noun.lemma_.lower() in SPOKEN_WORK_NOUNS:
            return next((c for c in noun.children if c.dep_ == "poss"), None)
    return None


def _in_view(ctx: Context, token, sentence: SentenceRow, focus: Focus):
    """'In X's view, ...' and 'In his words, ...'."""
    noun = next((c for c in token.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lemma_.lower() not in stance_nouns():
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = speaker_of(owner, ctx.people, focus, sentence.index) if owner is not None else None
    if speaker is None:
        return None
    phrase = Span(token.idx, noun.idx + len(noun))
    content = outside(phrase, sentence.span, ctx.text)
    return attribute(ctx, [speaker], "reported", content, phrase, sentence), content


def _claim(ctx: Context, noun, sentence: SentenceRow, focus: Focus):
    """"Trump's claim that there have been thousands of shootings": the clause is the owner's."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    that_clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if owner is None or that_clause is None:
        return None
    speaker = speaker_of(owner, ctx.people, focus, sentence.index)
    if speaker is None:
        return None
    content = clause(ctx.doc, that_clause)
    return attribute(ctx, [speaker], "reported", content, Span(noun.idx, noun.idx + len(noun)), sentence), content
