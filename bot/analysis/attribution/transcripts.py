"""Transcript labels: "WALLACE: Will she be there?" attributes its paragraph to the person the label names.

Labels are found with the people (bot.analysis.mentions): capitalised words and a colon at the start of a
paragraph, when the text has several of them or the label is the surname of a person named elsewhere.
"""

from __future__ import annotations

from bot.analysis.attribution.context import Attribution, Context
from bot.analysis.attribution.spans import trim
from bot.models import Span


def transcript_attributions(ctx: Context) -> list[Attribution]:
    """One direct attribution per labelled paragraph, of the words after the label's colon."""
    doc, text = ctx.doc, ctx.text
    found = []
    for start, end in ctx.people.labels:
        colon = doc[end]
        paragraph_end = text.find("\n", colon.idx)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        content = trim(text, colon.idx + 1, paragraph_end)
        person = ctx.people.at(start)
        if person is None or content.end <= content.start:
            continue
        sentence = ctx.sentence_at(content.start)
        found.append(Attribution(
            person.name, "direct", content, Span(doc[start].idx, colon.idx + 1), sentence.index,
            sentence.span, named=True,
        ))
    return found
