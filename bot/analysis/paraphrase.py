"""Whether a sentence that shares few of a question's words still speaks of what it asks: a paraphrase.

A span of the kind asked is stated only when its sentence speaks of what is asked (bot.jobs.answers): "Who
designed the bridge?" is not answered with whoever the closest sentence names. Key words matched one by one
(bot.analysis.key_terms) miss a question that says it in other words: "Who else in organised labour is backing
her?" of "Other major unions ... have also endorsed Clinton" ("backing" / "endorsed" are 0.32 apart as single
words, "divorce" / "filed" 0.38: no threshold on single words tells them apart). Two signals that single words do
not give, each read from the sentence model the retrieval uses:

* the sentence is the one of the whole article closest in meaning to the question, and stays close once the names
  and numbers of both are taken out, so that its nearness is not carried by the names they share ("When did
  Donald and Ivana Trump divorce?" is nearest to "lawyers for both Donald and Ivana Trump filed legal papers ...",
  whose nearness falls away without the names);
* or it is among the closest few and the thing the question asks about (its subject, or the object of a
  who-question) is a subject or an object of the sentence's verb that the span hangs on ("Where was Stein thrown
  out of?" of "Jill Stein was escorted off the premises of Hofstra University"), words of the question's own
  subject phrase all there ("district court" is not "the Supreme Court").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from bot.analysis.key_terms import TermMatcher
from bot.analysis.lexicon import QUESTION_WORDS, content_stems, stem
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex

# The entity labels taken out of a sentence (and names out of a question) before their nearness is measured.
NAMELESS_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "DATE", "TIME", "CARDINAL", "MONEY",
                             "PERCENT", "QUANTITY", "ORDINAL", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# The nearest sentence of the source answers when it is at least this close to the question, and this close once
# names and numbers are out (benchmarks/questions.jsonl: the answering "Other major unions ... endorsed Clinton"
# 0.54 and 0.32; the unanswered divorce's "lawyers for both Donald and Ivana Trump filed ..." 0.45 and 0.21).
CLOSEST_FLOOR = 0.35
NAMELESS_FLOOR = 0.3
# A sentence in which the asked thing does what is asked answers when at most this many sentences are closer to
# the question and it is at least this close ("Jill Stein was escorted off the premises of Hofstra University"
# ranks fifth, 0.18, for "Where was Stein thrown out of?": the sentences nearer speak of her more loosely), and
# its verb and the question's are this close as words ("thrown" / "escorted" 0.35, "divorce" / "filed" 0.38:
# the role decides, not the verb alone).
ROLE_RANK = 4
ROLE_FLOOR = 0.15
SAME_ACTION = 0.3
_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


@dataclass(frozen=True)
class Closeness:
    """How close each sentence of the source is to the question in meaning (`semantic`, the retrieval's own
    scores), and, for the sentences an answer may come from, once names and numbers are taken out (`nameless`)."""

    semantic: np.ndarray | None = None
    nameless: dict[int, float] = field(default_factory=dict)

    def rank(self, i: int) -> int:
        """How many sentences of the source are closer to the question than sentence `i`."""
        if self.semantic is None:
            return len(self.nameless) + 1
        return int(np.sum(self.semantic > self.semantic[i]))

    def lead(self, i: int) -> float:
        """How much closer to the question sentence `i` is than the closest other sentence (negative when it is
        not the closest; 0.0 when not measured)."""
        if self.semantic is None or len(self.semantic) < 2:
            return 0.0
        others = np.delete(self.semantic, i)
        return float(self.semantic[i] - np.max(others))


def nameless_question(question: Question) -> str:
    """The question without its question words and the names it gives."""
    named = {w.lower() for name in question.names for w in name.split()}
    words = [w for w in question.text.split() if w.strip("?,.!;:'’\"").lower() not in named | QUESTION_WORDS]
    return " ".join(words)


def nameless_sentence(index: PassageIndex, i: int) -> str:
    """Sentence `i` without its names, dates and numbers (the tagger's entities)."""
    sentence = index.sentences[i]
    text, cut = sentence.text, 0
    for entity in sorted(index.entities[i], key=lambda e: e.start):
        if entity.label in NAMELESS_LABELS and entity.start >= sentence.start + cut:
            start, end = entity.start - sentence.start, entity.end - sentence.start
            text = text[: start - cut] + text[end - cut :]
            cut += end - start
    return " ".join(text.split())


def paraphrases(index: PassageIndex, i: int, span, question: Question, matcher: TermMatcher) -> bool:
    """Whether sentence `i` speaks of what the question asks in other words, so `span` in it may answer;
    `matcher`: the word vectors, and how close the sentences are (`matcher.closeness`)."""
    closeness = matcher.closeness
    if closeness is None or closeness.semantic is None:
        return False
    if closest_of_all(i, matcher):
        return True
    semantic, rank = float(closeness.semantic[i]), closeness.rank(i)
    if semantic >= ROLE_FLOOR and _on_the_asked_verb(index, span, question):
        return True
    return rank <= ROLE_RANK and semantic >= ROLE_FLOOR and _asked_thing_in_role(index, i, span, question, matcher)


def _on_the_asked_verb(index: PassageIndex, span, question: Question) -> bool:
    """For a when / where question, whether the span hangs on the question's own main verb in another form, one
    no stem joins ("found sleeping on a Florida beach" for "Where did officers find the man?": "found" and "find"
    share the lemma only); a verb that says nothing of its own ("be", "happen", "take place") does not count."""
    from bot.analysis.asked_slot import EMPTY_VERBS  # asked_slot reads what this module reads: imported late

    root = _root(question.text)
    if question.form not in ("when", "where") or root is None or root.pos_ != "VERB" or index.parsed is None:
        return False
    lemma = root.lemma_.lower()
    answer = index.parsed.char_span(span.start, span.end, alignment_mode="expand")
    if lemma in EMPTY_VERBS or answer is None:
        return False
    return any(t.pos_ == "VERB" and t.lemma_.lower() == lemma for t in answer.root.ancestors)


def closest_of_all(i: int, matcher: TermMatcher) -> bool:
    """Whether sentence `i` is the one of the whole source closest to the question in meaning, and stays close
    once names and numbers are out (CLOSEST_FLOOR, NAMELESS_FLOOR)."""
    closeness = matcher.closeness
    if closeness is None or closeness.semantic is None:
        return False
    semantic, rank = float(closeness.semantic[i]), closeness.rank(i)
    return rank == 0 and semantic >= CLOSEST_FLOOR and closeness.nameless.get(i, 0.0) >= NAMELESS_FLOOR


def asked_thing(question: Question) -> tuple[str, set[str]]:
    """The stem of the head noun of what the question asks about (its subject; a who-question's object) and the
    stems of that phrase's other content words; ("", set()) when it is a question word or a pronoun."""
    root = _root(question.text)
    if root is None:
        return "", set()
    roles = ("nsubj", "nsubjpass") if question.form != "who" else ("dobj", "nsubj", "nsubjpass")
    for role in roles:
        for child in root.children:
            if child.dep_ != role or child.lower_ in QUESTION_WORDS or child.pos_ not in ("NOUN", "PROPN"):
                continue
            words = {t.lower_ for t in child.subtree if t.lower_ not in QUESTION_WORDS}
            return stem(child.lower_), content_stems(" ".join(words)) - {stem(child.lower_)}
    return "", set()


def _asked_thing_in_role(index: PassageIndex, i: int, span, question: Question, matcher: TermMatcher) -> bool:
    """Whether the thing the question asks about is a subject or an object in sentence `i` of a verb close in
    meaning to the question's own ("thrown" / "escorted" 0.35) whose words hold `span`, with every other word of
    the question's phrase for it in that phrase."""
    head, others = asked_thing(question)
    asked_verb = _main_verb(question)
    if not head or not asked_verb:
        return False
    parsed = index.parsed_sentence(i)
    answer = index.parsed.char_span(span.start, span.end, alignment_mode="expand") if index.parsed else None
    verbs = {t for t in (answer.root.ancestors if answer is not None else ()) if t.pos_ in ("VERB", "AUX")}
    for token in parsed:
        if token.dep_ not in _ROLES or stem(token.lower_) != head:
            continue
        verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "agent" else token.head
        if token.dep_ == "pobj" and verb is token.head:
            continue  # "in the race": no subject or object
        phrase = content_stems(" ".join(t.text for t in token.subtree))
        close = matcher.similarity(asked_verb, verb.lower_) >= SAME_ACTION
        if close and others <= phrase and (not verbs or verb in verbs):
            return True
    return False


def _main_verb(question: Question) -> str:
    """The question's main verb as written (lower case), or ""."""
    root = _root(question.text)
    return root.lower_ if root is not None and root.pos_ == "VERB" else ""


@lru_cache(maxsize=64)
def _root(text: str):
    """The root token of a question's parse (parsed once per question, however many spans are weighed)."""
    from bot.analysis.nlp import parse

    return next((t for t in parse(text) if t.dep_ == "ROOT"), None)


def closeness_texts(index: PassageIndex, sentences: list[int], question: Question, query_vector) -> list[str]:
    """What to embed to measure `sentences` against the question without names: the nameless question, then
    each nameless sentence; nothing when the source or the question has no embedding."""
    if query_vector is None or index.embeddings is None or not sentences:
        return []
    return [nameless_question(question), *(nameless_sentence(index, i) for i in sentences)]


def closeness_from(index: PassageIndex, sentences: list[int], vectors, query_vector) -> Closeness:
    """The closeness of the source's sentences to the question, with `sentences` measured without names too,
    from the embeddings of `closeness_texts` (none: not measured)."""
    if not len(vectors):
        return Closeness()
    nameless = {i: float(vectors[0] @ vector) for i, vector in zip(sentences, vectors[1:], strict=True)}
    return Closeness(index.embeddings @ query_vector, nameless)
