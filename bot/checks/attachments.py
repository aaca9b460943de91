"""What a number or a grade is attached to: a generated text may attach them only where its evidence does.

A small model that reads "X said the council had underestimated maintenance costs" and, in another sentence,
"Bridges of this kind typically cost two to three percent of their construction price every year" may write
"X says the council underestimated maintenance costs by two to three percent, and that's a significant cost".
Every number is in the evidence, yet the claim is not: the percentage belongs to the yearly upkeep, and
"significant" is nobody's word. So:
- each number of the text is followed up its parse to the claim it belongs to (the first verb or noun above it
  that is not its unit, preposition or conjunction: "underestimated" for "by two to three percent"), and some
  evidence sentence holding that number must also hold that claim's word (its stem or its lemma's);
- a word that grades a claim (data/degree_words.txt: "significant", "sharply") must occur in the evidence.
Numbers the evidence lacks are another check's (names_and_numbers_in_source).
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import NUMBER_WORDS, content_stems, degree_words, stem
from bot.analysis.nlp import parse

# What a number measures or how it is joined, not the claim it belongs to.
_UNITS = frozenset(
    "percent per cent point points times fold hundred thousand million billion trillion dollars dollar pounds "
    "pound euros euro year years month months week weeks day days hour hours".split()
)
_SKIPPED_POS = frozenset({"NUM", "ADP", "CCONJ", "DET", "PART", "PUNCT", "SYM", "AUX"})
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+")


def misattached(text: str, evidence: list[str], *, skip_before: int = 0) -> str | None:
    """Why `text` attaches a number or a grade that its evidence does not attach, or None.

    Words before `skip_before` (the lead code wrote, "Helen Okafor says") are never a number's claim."""
    doc = parse(text)
    sentences = [s for passage in evidence for s in _SENTENCE_END.split(passage) if s.strip()]
    grades = degree_words()
    evidence_stems = content_stems(" ".join(evidence)) | {stem(w) for w in re.findall(r"[\w'-]+", " ".join(evidence))}
    for token in doc:
        if token.idx < skip_before:
            continue
        word = token.text.lower()
        if word in grades and stem(word) not in evidence_stems:
            return f"it grades the claim as '{token.text}', a word the evidence does not use"
        if not _is_number(token):
            continue
        claim = _claim_of(token, skip_before)
        holders = [s for s in sentences if _holds_number(s, word)]
        if claim is not None and holders and not any(_holds_claim(s, claim) for s in holders):
            said = _number_phrase(token)
            return f"it attaches '{said}' to '{claim.text}', which no evidence sentence with that number does"
    return None


def _is_number(token) -> bool:
    word = token.text.lower()
    return (token.like_num or word in NUMBER_WORDS) and word not in _UNITS


def _claim_of(token, skip_before: int):
    """The first verb, noun or adjective above a number in the parse that is not what it counts or joins."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.idx < skip_before:
            return None
        if current.pos_ in _SKIPPED_POS or _is_number(current) or current.lemma_.lower() in _UNITS:
            continue
        if current.pos_ in ("VERB", "NOUN", "PROPN", "ADJ"):
            return current
    return None


def _number_phrase(token) -> str:
    """'two to three percent' for the 'two' of it: the number with what it counts."""
    top = token
    while top.head.i != top.i and (_is_number(top.head) or top.head.lemma_.lower() in _UNITS):
        top = top.head
    return top.doc[top.left_edge.i : top.i + 1].text


def _holds_number(sentence: str, number: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(number)}(?![\w]|[.,]\d)", sentence.lower()) is not None


def _holds_claim(sentence: str, claim) -> bool:
    stems = content_stems(sentence) | {stem(w) for w in re.findall(r"[\w'-]+", sentence)}
    return stem(claim.text) in stems or stem(claim.lemma_) in stems
