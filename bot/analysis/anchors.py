"""The sentence of the best passage an answer is read from, when it is not the one that scored best.

A passage holds a few sentences; retrieval marks the best-scoring one (its anchor), and a quoted answer quotes
it. A "what did X say" question is answered by words said, so a sentence of the passage with a direct quote
comes before one that only tells of the speaker ("Stancil snapped back at the judge" / "“No, I don't need
one,” said Stancil"), and a sentence in the voice of the person asked about before any other, the one that
says the question's own verb of saying first ("How does Smith describe Lane?": "He described him as a loving
man"); a why / how question by the sentence that gives the reason or the means (`Question.gives_reason`).
Otherwise the anchor stays.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from bot.analysis.lexicon import DOUBLE_QUOTES, speech_verb_lemma
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, PassageIndex


def answering_anchor(index: PassageIndex, hit: Hit, question: Question, spoken: Collection[int] = ()) -> Hit:
    """The hit with its anchor on the sentence of the passage that fits the question's form best; for "what
    did X say", a sentence in X's voice (`spoken`) first."""
    if question.form == "said":
        own = [i for i in hit.passage.sentences if i in spoken]
        verbs = _reporting_verbs(question)  # "How does Smith describe Lane?": where he describes him
        told = [i for i in own or hit.passage.sentences if verbs & _speech_lemmas(index.sentences[i].text)]
        if told or (own and hit.anchor not in own):
            return replace(hit, anchor=(told or own)[0])
    fits = _fits(question)
    if fits is None or fits(index.sentences[hit.anchor].text):
        return hit
    better = next((i for i in hit.passage.sentences if fits(index.sentences[i].text)), None)
    return hit if better is None else replace(hit, anchor=better)


def _fits(question: Question):
    if question.form == "said":
        return lambda sentence: any(mark in sentence for mark in DOUBLE_QUOTES)
    if question.form == "why_how":
        return question.gives_reason
    return None


# Verbs of saying that tell nothing of how the words were said.
_PLAIN_SAYING = frozenset({"say", "tell", "add", "speak", "talk"})


def _reporting_verbs(question: Question) -> set[str]:
    """The verbs of saying a question asks with, beyond the plain ones ("describe", "claim", "warn")."""
    return _speech_lemmas(question.text) - _PLAIN_SAYING


def _speech_lemmas(text: str) -> set[str]:
    return {lemma for word in re.findall(r"[A-Za-z]+", text) if (lemma := speech_verb_lemma(word.lower()))}
