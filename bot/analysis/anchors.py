"""The sentence of the best passage an answer is read from, when it is not the one that scored best.

A passage holds a few sentences; retrieval marks the best-scoring one (its anchor), and a quoted answer quotes
it. A "what did X say" question is answered by words said, so a sentence of the passage with a direct quote
comes before one that only tells of the speaker ("Stancil snapped back at the judge" / "“No, I don't need
one,” said Stancil"); a why / how question by the sentence that gives the reason or the means
(`Question.gives_reason`); a does-the-article-give-evidence question by a sentence that gives a count, an
amount or a share (the sentence closest to the question often restates the claim: "Power plants are the
largest source of emissions" / "1,500 plants emit nearly two billion tons a year"). Otherwise the anchor stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.analysis.lexicon import DOUBLE_QUOTES
from bot.analysis.question import COUNT_LABELS, Question
from bot.analysis.retrieval import Hit, PassageIndex


def answering_anchor(index: PassageIndex, hit: Hit, question: Question) -> Hit:
    """The hit with its anchor on the sentence of the passage that fits the question's form best."""
    fits = _fits(index, question)
    if fits is None or fits(hit.anchor):
        return hit
    better = next((i for i in hit.passage.sentences if fits(i)), None)
    return hit if better is None else replace(hit, anchor=better)


def _fits(index: PassageIndex, question: Question) -> Callable[[int], bool] | None:
    """Whether sentence `i` has what the question's form asks for, or None when any sentence does."""
    if question.form == "said":
        return lambda i: any(mark in index.sentences[i].text for mark in DOUBLE_QUOTES)
    if question.form == "why_how":
        return lambda i: question.gives_reason(index.sentences[i].text)
    if question.form == "evidence":
        return lambda i: bool(index.labels[i] & COUNT_LABELS)
    return None
