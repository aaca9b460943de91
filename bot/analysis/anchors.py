"""The sentence of the best passage an answer is read from, when it is not the one that scored best.

A passage holds a few sentences; retrieval marks the best-scoring one (its anchor), and a quoted answer quotes
it. A "what did X say" question is answered by words said, so a sentence of the passage with a direct quote
comes before one that only tells of the speaker ("Stancil snapped back at the judge" / "“No, I don't need
one,” said Stancil"), and a sentence in the voice of the person asked about before any other, the one that
says the question's own verb of saying first ("How does Smith describe Lane?": "He described him as a loving
man"), and a quote after the sentence that only tells of the speaker before one ahead of it (their words
follow it: "Frank Jordan said he had worried about his son." / "“He was praying the whole time ...”"); a why /
how question by the sentence that gives the reason or the means
(`Question.gives_reason`); a does-the-article-give-evidence question by a sentence that gives a count, an
amount or a share, or tells of a finding ("a study found", "the report suggests"): the sentence closest to the
question often restates the claim ("Power plants are the largest source of emissions" / "1,500 plants emit
nearly two billion tons a year"). When the best passage has no such sentence, the next passage with one that
speaks of the claim (holds half of its key words) is read instead; for a how question with no means in the
best passage, the second passage's sentence that gives one: the passage that repeats the question's
words ("but we thought somebody might need help") outranks the one that tells how ("after a frantic conductor
yelled over the intercom"). Otherwise the anchor stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import replace

from bot.analysis.claim_verdict import verdict_first
from bot.analysis.lexicon import DOUBLE_QUOTES, content_stems, named_then_saying, speech_verb_lemma, stems
from bot.analysis.question import COUNT_LABELS, Question
from bot.analysis.retrieval import Hit, PassageIndex

# Words that tell of a finding: what a study, a report or an investigation found.
_FINDING = re.compile(r"\b(stud(y|ies)|reports?|reported|surveys?|polls?|found|finds|findings?|data|figures|"
                      r"statistics|analysis|research\w*|investigations?)\b", re.IGNORECASE)
# "How did they ...?" asks for a means ("How come ...?" asks why: a passage that restates the claim often holds
# its reason unmarked, "An obscure agreement ... means ...": on benchmarks/questions.jsonl the second passage's
# reason came first for one how-question more, and the answering sentence went behind for two why-questions).
_ASKS_HOW = re.compile(r"^(?:and|so|but)?,?\s*how\b(?!\s+come\b)", re.IGNORECASE)
# Passages looked through for a sentence that gives evidence, and the share of the claim's key words it must hold
# when it is not in the best passage.
EVIDENCE_PASSAGES = 3
CLAIM_SHARE = 0.5


def answering_hits(index: PassageIndex, hits: list[Hit], question: Question, spoken: Collection[int] = ()) -> list[Hit]:
    """The hits with the one an answer is read from first, its anchor on the sentence that fits the question's
    form best (`answering_anchor`); for "how did they ...?", when no sentence of the best passage gives a means,
    the second passage's sentence that does; for evidence, when no sentence of the best passage gives a count or tells
    of a finding, a later passage's sentence that does and holds CLAIM_SHARE of the claim's key words.
    `spoken`: the sentences in the voice of the person a "what did X say" question asks about. Whether a claim is
    true the article's verdict on it tells (`claim_verdict`), before any sentence that gives a count."""
    if (verdict := verdict_first(index, hits, question)) is not None:
        return verdict
    first = answering_anchor(index, hits[0], question, spoken)
    fits = _fits(index, question)
    if fits is None or fits(first.anchor):
        return [first, *hits[1:]]
    if question.form == "why_how" and _ASKS_HOW.match(question.text):  # no means in the best: the next one's
        means = next((i for i in hits[1].passage.sentences if fits(i)), None) if len(hits) > 1 else None
        return [replace(hits[1], anchor=means), first, *hits[2:]] if means is not None else [first, *hits[1:]]
    if question.form != "evidence":
        return [first, *hits[1:]]
    claim = set(stems(list(question.key_words)))
    for n, hit in enumerate(hits[1:EVIDENCE_PASSAGES], start=1):
        for i in hit.passage.sentences:
            if fits(i) and claim and len(claim & content_stems(index.sentences[i].text)) >= CLAIM_SHARE * len(claim):
                return [replace(hit, anchor=i), *hits[:n], *hits[n + 1 :]]
    return [first, *hits[1:]]


def answering_anchor(index: PassageIndex, hit: Hit, question: Question, spoken: Collection[int] = ()) -> Hit:
    """The hit with its anchor on the sentence of the passage that fits the question's form best; for "what
    did X say", a sentence in X's voice (`spoken`) first."""
    if question.form == "said":
        if question.expert is not None and named_then_saying(question.expert.name.split()[-1], index.sentences[
                hit.anchor].text):  # "Boase, who has two convictions, said: ..." though the attribution missed it
            spoken = {*spoken, hit.anchor}
        own = [i for i in hit.passage.sentences if i in spoken]
        verbs = _reporting_verbs(question)  # "How does Smith describe Lane?": where he describes him
        told = [i for i in own or hit.passage.sentences if verbs & _speech_lemmas(index.sentences[i].text)]
        if told or (own and hit.anchor not in own):
            return replace(hit, anchor=(told or own)[0])
    fits = _fits(index, question)
    if fits is None or fits(hit.anchor):
        return hit
    # a sentence that tells of the speaker comes before their words: for "what did X say" the quote after it first
    after = [i for i in hit.passage.sentences if i > hit.anchor] if question.form == "said" else []
    better = next((i for i in [*after, *hit.passage.sentences] if fits(i)), None)
    return hit if better is None else replace(hit, anchor=better)


def _fits(index: PassageIndex, question: Question) -> Callable[[int], bool] | None:
    """Whether sentence `i` has what the question's form asks for, or None when any sentence does."""
    if question.form == "said":
        return lambda i: any(mark in index.sentences[i].text for mark in DOUBLE_QUOTES)
    if question.form == "why_how":
        return lambda i: question.gives_reason(index.sentences[i].text)
    if question.form == "evidence":
        return lambda i: bool(index.labels[i] & COUNT_LABELS) or bool(_FINDING.search(index.sentences[i].text))
    return None


# Verbs of saying that tell nothing of how the words were said.
_PLAIN_SAYING = frozenset({"say", "tell", "add", "speak", "talk"})


def _reporting_verbs(question: Question) -> set[str]:
    """The verbs of saying a question asks with, beyond the plain ones ("describe", "claim", "warn")."""
    return _speech_lemmas(question.text) - _PLAIN_SAYING


def _speech_lemmas(text: str) -> set[str]:
    return {lemma for word in re.findall(r"[A-Za-z]+", text) if (lemma := speech_verb_lemma(word.lower()))}
