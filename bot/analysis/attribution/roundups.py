"""Roundups: a paragraph or list item that opens with a name, perhaps an outlet or a role, then a colon and a
quote attributes the quote to that person ("Rich Lowry, National Review: “Trump lost the night.”",
"- Helen Okafor, an economist: “The numbers do not add up.”").

Between the name and the colon there may be up to ten words with no verb and no quote mark. The name is a
person the text names, or two or three capitalised proper nouns the tagger missed (the line's form says it is
a name). These quotes have no cue, so this rule runs before the un-cued quotes are given to the nearest
speaker (uncued.py), and claims them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.attribution.context import Attribution, Context
from bot.models import Span

_MAX_BETWEEN = 10  # tokens between the name and the colon: ", National Review", ", an economist at Yale"
_BULLETS = frozenset({"-", "•", "*", "–", "—", "·", "▪"})


@dataclass(frozen=True)
class RoundupFindings:
    """The roundup attributions, and the indexes of the quotes they claim."""

    attributions: tuple[Attribution, ...]
    claimed: frozenset[int]


def roundup_attributions(ctx: Context, claimed: frozenset[int]) -> RoundupFindings:
    """Attributions of the quotes that roundup lines give to the person named before their colon."""
    found: list[Attribution] = []
    taken: set[int] = set()
    for first in _paragraph_starts(ctx):
        colon = _colon_after_name(ctx, first)
        if colon is None:
            continue
        after = ctx.doc[colon].idx + 1
        while after < len(ctx.text) and ctx.text[after] == " ":
            after += 1
        quotes = [q for q in ctx.quotes_starting_in(Span(after, after + 1)) if q not in claimed]
        if not quotes:
            continue
        person = ctx.people.at(first)
        name = person.name if person else _untagged_name(ctx, first)[1]
        named = ctx.people.surely_named(ctx.doc[first]) if person else True
        cue = Span(ctx.doc[first].idx, ctx.doc[colon].idx + 1)
        for part in ctx.quotes[quotes[0]].parts:
            sentence = ctx.sentence_at(part.start)
            found.append(Attribution(name, "direct", part, cue, sentence.index, sentence.span, named=named))
        taken.add(quotes[0])
    return RoundupFindings(tuple(found), frozenset(taken))


def _paragraph_starts(ctx: Context):
    """The first word token of each paragraph, after a bullet mark."""
    doc = ctx.doc
    for i in range(len(doc)):
        if i and "\n" not in doc[i - 1].whitespace_ and not (doc[i - 1].is_space and "\n" in doc[i - 1].text):
            continue
        while i < len(doc) and (doc[i].text in _BULLETS or doc[i].is_space):
            i += 1
        if i < len(doc):
            yield i


def _colon_after_name(ctx: Context, first: int) -> int | None:
    """The colon that follows a name opening a paragraph, across a few verbless words: its token index."""
    mention = ctx.people.mention(first)
    if mention is not None and mention[0] == first and ctx.people.at(first) is not None:
        end = mention[1]
    else:
        end = _untagged_name(ctx, first)[0]
        if end is None:
            return None
    doc = ctx.doc
    if end < len(doc) and doc[end].text == ":":
        return end
    if end >= len(doc) or doc[end].text != ",":
        return None
    for i in range(end + 1, min(end + 1 + _MAX_BETWEEN, len(doc))):
        token = doc[i]
        if token.text == ":":
            return i
        if token.is_quote or "\n" in token.whitespace_ or (token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG"):
            return None
    return None


def _untagged_name(ctx: Context, first: int) -> tuple[int | None, str]:
    """Two or three capitalised proper nouns the tagger did not take for a person, none of them an
    organization or a place, opening a roundup line ("Rich Lowry, National Review:"): where they end."""
    doc = ctx.doc
    end = first
    places = ("ORG", "GPE", "NORP", "LOC", "FAC")
    while end < len(doc) and end - first < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
        if doc[end].ent_type_ in places:
            break
        end += 1
    if end - first < 2 or end >= len(doc) or doc[end].text not in (",", ":"):
        return None, ""
    return end, doc[first:end].text
