"""The experts of a document: each person it quotes or paraphrases, their role and verbatim evidence.

A person is an expert when at least one attribution of their own words names them (a full name, or a name
the tagger takes for a person): a pronoun, a description or a bare surname then adds evidence, but never makes
an expert alone, and words another speaker reports them saying ("Earnest said Obama has called for ...") are
the reporter's. A standing position the story recalls ("Trump has called for repeal", "Clinton is promising
help") names a person as an expert only when they are also quoted: it is background, not words the story
reports. People who are only mentioned are not experts; organizations are experts only when the
settings ask for them.

Experts are listed in order of their first attribution. When there are more than `max_experts`, those with
the most attributions are kept (ties: the earlier). Evidence is the person's own words — a quote's inner text
or a reported clause — preferred over a sentence that only records a stance, each a slice of the text by
offsets, at most `max_evidence` of them, in text order, and never the same words twice.

The positions written for them, and their fallback, are the positions job's (bot.jobs.positions).
"""

from __future__ import annotations

import re

from bot.analysis.attribution import Attribution, Attributions, analyse
from bot.config import ExpertSettings
from bot.models import Expert, Span

_PRIORITY = {"direct": 0, "reported": 0, "stance": 1}
_MIN_WORDS = 4  # shorter evidence ("a con", "true") is used only when there is nothing longer
_MAX_EVIDENCE_CHARS = 400
_EDGE_PUNCT = " \n,;:—–-"


def find_experts(
    parsed, settings: ExpertSettings, attributions: Attributions | None = None, *, unnamed: bool = False
) -> list[Expert]:
    """The quoted or paraphrased people (and organizations, if configured) of a parsed document;
    `attributions` is its attribution pass (`attribution.analyse`) when the caller already ran it. With
    `unnamed`, also the people whose words only a pronoun or a bare surname attributes ("In a statement, Husted
    said ..."): no expert of a briefing, but a person a question may name and ask what they said."""
    attributions = attributions or analyse(parsed)
    roles = {person.name: person.role for person in attributions.people.persons}
    grouped: dict[str, list[Attribution]] = {}
    for attribution in attributions.attributions:
        if attribution.speaker is None or attribution.nested:
            continue
        if attribution.organization and not settings.include_organizations:
            continue
        grouped.setdefault(attribution.speaker, []).append(attribution)
    grouped = {name: found for name, found in grouped.items() if _is_expert(found) or (unnamed and _speaks(found))}
    order = {name: i for i, name in enumerate(grouped)}  # attributions come in text order
    kept = sorted(grouped, key=lambda name: (-len(grouped[name]), order[name]))[: settings.max_experts]
    text = parsed.text
    experts = []
    for name in sorted(kept, key=order.__getitem__):
        evidence = _evidence(grouped[name], text, parsed, settings.max_evidence)
        if evidence:
            experts.append(Expert(name=name, role=roles.get(name), evidence=evidence))
    return experts


def _is_expert(found: list[Attribution]) -> bool:
    """Whether a person's attributions make them an expert: one names them for words the story reports, or
    one names them for a standing position ("has called for ...") and they are quoted too."""
    if any(a.named and not a.background for a in found):
        return True
    return any(a.named for a in found) and any(a.kind == "direct" for a in found)


def _speaks(found: list[Attribution]) -> bool:
    """Whether a person's attributions report words of theirs, not only a standing position, by anyone's name."""
    return any(not a.background and not a.organization for a in found)


def _evidence(attributions: list[Attribution], text: str, parsed, limit: int) -> list[Span]:
    candidates = []
    for order, attribution in enumerate(attributions):
        span = _close_quote(text, _shorten(_strip_edges(text, attribution.content), parsed))
        if span.end <= span.start:
            continue
        short = len(text[span.start : span.end].split()) < _MIN_WORDS
        candidates.append(((_PRIORITY[attribution.kind] + 2 * short, order), span))
    chosen: list[Span] = []
    seen: set[str] = set()  # a page that prints its text twice gives the same words twice
    for _, span in sorted(candidates, key=lambda c: c[0]):
        if len(chosen) == limit:
            break
        words = " ".join(text[span.start : span.end].split()).lower()
        if words not in seen and not any(span.start < other.end and other.start < span.end for other in chosen):
            chosen.append(span)
            seen.add(words)
    return sorted(chosen, key=lambda s: s.start)


def _strip_edges(text: str, span: Span) -> Span:
    """The span without surrounding spaces, commas and dashes (a quote's inner 'words,' loses its comma)."""
    start, end = span.start, span.end
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return Span(start, end)


def _close_quote(text: str, span: Span) -> Span:
    """The span with the other mark of a quote it opens or closes: 'Russia “can help ... prospects.”'."""
    inside = text[span.start : span.end]
    if inside.count("“") > inside.count("”") or inside.count('"') % 2 == 1:
        match = re.match(r"[.,!?]?[”\"]", text[span.end : span.end + 2])
        if match:
            return Span(span.start, span.end + match.end())
    if inside.count("”") > inside.count("“") and text[span.start - 1 : span.start] == "“":
        return Span(span.start - 1, span.end)
    return span


def _shorten(span: Span, parsed) -> Span:
    """A long span cut after the sentence that passes the length limit (still a slice of the text)."""
    if span.end - span.start <= _MAX_EVIDENCE_CHARS:
        return span
    for sent in parsed.char_span(span.start, span.end, alignment_mode="expand").sents:
        if sent.end_char - span.start >= _MAX_EVIDENCE_CHARS // 2 and sent.end_char < span.end:
            return _strip_edges(parsed.text, Span(span.start, sent.end_char))
    return span
