"""A follow-up question, read once: the kind of thing it asks for, whom it names, whether it points back.

Retrieval boosts the sentences that hold the kind asked for, the answer job resolves a question that points
back to the earlier turns, and the checks refuse an answer without the kind asked for: all from this one value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis.lexicon import content_stems
from bot.models import Expert

# The named-entity labels of numbers, amounts and dates.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "TIME", "ORDINAL"})
# What a question asks for, the first pattern that matches deciding.
_ANSWER_TYPES = [
    (
        re.compile(
            r"\bhow much\b.*\b(cost|costs|price|pay|paid|spend|spent|worth|money|fund\w*|raise\w*|salary|fee|budget)\b"
        ),
        frozenset({"MONEY"}),
    ),
    (
        re.compile(r"\bhow (many|much|long|old|far|big|tall|fast|often)\b|\bwhat (percentage|magnitude|age|number)\b"),
        NUMBER_LABELS,
    ),
    (re.compile(r"\bwhen\b|\bwhat (year|time|date|day)\b"), frozenset({"DATE", "TIME"})),
    (
        re.compile(r"\bwho\b|\bwhose\b|\bwhom\b|\bname\b|\bcalled\b"),
        frozenset({"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "GPE"}),
    ),
    (re.compile(r"\bwhere\b|\bwhich (town|city|country|state|place)\b"), frozenset({"GPE", "LOC", "FAC", "ORG"})),
]
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their)\b", re.I)
_CONTINUATION = re.compile(r"\b(next|then|after that|afterwards|else|more|continue[sd]?|go on|went on)\b", re.I)


@dataclass(frozen=True)
class Question:
    text: str
    kind: frozenset[str]  # the entity labels an answer would hold ("how many" -> numbers); empty: anything goes
    words: frozenset[str]  # the stems of its content words
    expert: Expert | None  # the expert it names
    refers_back: bool  # it leans on the previous turn: a pronoun, or "next", "what else"
    asks_to_continue: bool  # "next", "what else", "go on"

    @classmethod
    def read(cls, text: str, experts: Sequence[Expert] = ()) -> Question:
        continues = bool(_CONTINUATION.search(text))
        return cls(
            text,
            _kind_asked(text),
            frozenset(content_stems(text)),
            expert_named(text, experts),
            continues or bool(_PRONOUN.search(text)),
            continues,
        )

    @property
    def wants_number(self) -> bool:
        """It asks for a number or a date ("how many", "when")."""
        return bool(self.kind) and self.kind <= NUMBER_LABELS


def _kind_asked(text: str) -> frozenset[str]:
    """The named-entity labels an answer to a question would hold ('how many' -> numbers), or none."""
    lowered = text.lower()
    for pattern, labels in _ANSWER_TYPES:
        if pattern.search(lowered):
            return labels
    return frozenset()


def expert_named(text: str, experts: Sequence[Expert]) -> Expert | None:
    """The expert a text names (the first one named wins): by full name, else by a surname only one expert has,
    so "Jordan" is nobody when the article quotes both Frank and Louis Jordan."""
    named = [e for e in experts if e.name.split()]
    surnames = [e.name.split()[-1].lower() for e in named]
    full_names = [(e.name, e) for e in named]
    unique_surnames = [(e.name.split()[-1], e) for e in named if surnames.count(e.name.split()[-1].lower()) == 1]
    for keys in (full_names, unique_surnames):
        found = [(m.start(), e) for key, e in keys if (m := re.search(rf"\b{re.escape(key)}\b", text, re.I))]
        if found:
            return min(found, key=lambda f: f[0])[1]
    return None
