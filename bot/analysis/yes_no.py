"""Yes-no answers: "No" only when the passage negates what the question asks, "Yes" only when it states it.

Negation-aware and literal: the passage's sentence must hold the question's words (beyond its names), and a
"not", "never" or "refused" among them (one the question does not have itself) makes the answer "No". Anything
less certain is no yes-no answer: the passage is quoted instead.
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import NEGATIONS, WORD, content_stems, fold
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, PassageIndex

# Verbs that deny what follows them: "has refused to apologize" answers "Has Dean said sorry?" with no.
DENIALS = frozenset({"refuse", "refused", "refuses", "declined", "declines", "denied", "denies", "deny", "rejected",
                     "rejects", "failed", "fails"})
# The share of the question's content words (names aside) the sentence must hold for a plain "Yes".
YES_SHARE = 1.0
# ...and for a "No": the negation must be about the question.
NO_SHARE = 0.5


def yes_no_answer(index: PassageIndex, best: Hit, question: Question, quoted: str) -> str | None:
    """ "No, …" / "Yes, …" with the passage quoted after it, or None when the passage does not say either way."""
    sentence = index.sentences[best.anchor].text
    asked = question.words - {w for name in question.names for w in content_stems(name)}
    share = len(asked & content_stems(sentence)) / len(asked) if asked else 0.0
    negated = _negated(sentence) != _negated(question.text)
    if negated and share >= NO_SHARE:
        return f"No. {quoted}"
    if not negated and share >= YES_SHARE:
        return f"Yes. {quoted}"
    return None


def _negated(text: str) -> bool:
    words = WORD.findall(fold(text))
    return any(w in NEGATIONS or w.endswith("n't") or w in DENIALS for w in words) or bool(
        re.search(r"\bno (longer|one)\b", text, re.I)
    )
