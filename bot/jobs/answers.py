"""Answering a follow-up question from one source: retrieve passages, let the model answer, check it.

The passages are found by code (bot.analysis.retrieval) and are the citations, verbatim. The model only
phrases an answer from them; an answer that brings in a name, number or claim the passages do not hold is
replaced by the best passage itself, quoted. When nothing in the source is relevant the answer says so and
`not_covered` is true.
"""

from __future__ import annotations

import logging
import re

from bot.analysis.lexicon import NUMBER_WORDS, stem
from bot.analysis.retrieval import (
    NUMBER_LABELS,
    Hit,
    PassageIndex,
    answer_labels,
    asks_to_continue,
    covers,
    holds_answer_type,
    refers_back,
)
from bot.checks.facts import (
    content_words,
    fact_tokens,
    misquoted,
    negation_count,
    unsupported_facts,
)
from bot.llm.engine import Engine, GenerationRequest
from bot.llm.prompts import load_template
from bot.llm.stops import first_sentence_end
from bot.llm.tone import load_tone
from bot.models import Answer, Expert

log = logging.getLogger(__name__)

NOT_COVERED = "The source does not cover that."
NOT_ANSWERED = "The source does not clearly answer that; the passages that come closest are cited."
_REFUSAL = re.compile(
    r"\b(does not (say|mention|specify|state)|doesn't (say|mention)|not (mentioned|stated|specified)|"
    r"no information|cannot (answer|determine)|can't (answer|determine)|not enough information)\b",
    re.I,
)
EXPERT_BOOST = 0.25
CONTINUATION_BOOST = 0.2
GROUNDED_SHARE = 0.75
HISTORY_TURNS = 2
MAX_CITATIONS = 5
# When the model's answer fails its check, the best passage is quoted instead only if it matches at least this
# well; otherwise the source is taken not to cover the question.
QUOTE_MATCH = 0.5
# ...or fairly close and far ahead of every other sentence: the one place the article speaks to the question.
QUOTE_STANDOUT_MATCH = 0.4
QUOTE_STANDOUT_MARGIN = 0.15
# ...or when the best sentence shares a phrase with the question that few other sentences have ("who proposed
# offering economic prospects" against "... by offering it new economic prospects").
QUOTE_PHRASE = 0.5
MIN_QUOTED_WORDS = 6


def expert_named(text: str, experts: list[Expert]) -> Expert | None:
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


class AnswerWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def plan(
        self, index: PassageIndex, question: str, history: list[Answer], experts: list[Expert]
    ) -> tuple[str, dict[int, float]]:
        """The retrieval query and sentence boosts, with a follow-up resolved against the earlier turns."""
        query = question
        boost: dict[int, float] = {}
        expert = expert_named(question, experts)
        previous = history[-1] if history else None
        if previous is not None and expert is None and refers_back(question):
            expert = expert_named(previous.question + " " + previous.answer, experts)
            if expert is None:
                query = f"{question} {previous.question}"
        if expert is not None:
            if expert.name.lower() not in query.lower():
                query = f"{query} {expert.name}"
            spoken = {i for span in expert.evidence for i in index.sentences_overlapping(span.start, span.end)}
            for i in spoken:  # once per sentence, however many quotes it holds
                boost[i] = boost.get(i, 0.0) + EXPERT_BOOST
        if previous is not None and asks_to_continue(question):
            cited = [i for c in previous.citations for i in _sentences_of_citation(index, c)]
            if cited:
                for i in (max(cited) + 1, max(cited) + 2):
                    boost[i] = boost.get(i, 0.0) + CONTINUATION_BOOST
                for i in cited:
                    boost[i] = boost.get(i, 0.0) - CONTINUATION_BOOST
        return query, boost

    def request(self, question: str, hits: list[Hit], history: list[Answer], tone: str) -> GenerationRequest:
        passages = "\n".join(f"[{n}] {hit.passage.text}" for n, hit in enumerate(hits, start=1))
        earlier = "".join(f"Question: {t.question}\nAnswer: {t.answer}\n\n" for t in history[-HISTORY_TURNS:])
        messages = load_template("answer").render(
            tone=load_tone(tone).instruction, passages=passages, history=earlier, question=question
        )
        return GenerationRequest(messages, max_new_tokens=90, stop="line")

    def check(self, output: str, question: str, hits: list[Hit], index: PassageIndex) -> str | None:
        """The model's answer if the passages support it, else None.

        Beyond names, numbers and negation, each sentence of the answer must rest on one sentence of the
        passages: a small model that blends two sentences ("X described him as Y") makes claims none holds.
        """
        answer = output.strip().split("\n\n", 1)[0].strip()
        support = "\n".join(h.passage.text for h in hits)
        if not answer or _REFUSAL.search(answer):
            return None
        missing = unsupported_facts(answer, support + "\n" + question)
        if missing:
            log.debug("answer refused, not in passages: %s: %r", missing, answer)
            return None
        if misquoted(answer, support):
            log.debug("answer refused, quotes words the passages do not have: %r", answer)
            return None
        if negation_count(answer) and not negation_count(support):
            log.debug("answer refused, adds a negation: %r", answer)
            return None
        if not _gives_kind_asked(answer, question):
            log.debug("answer refused, no %s in it: %r", sorted(answer_labels(question)), answer)
            return None
        asked = {stem(w) for w in content_words(question)}
        said = {stem(w) for w in content_words(answer)}
        if len(said - asked) < 2:
            log.debug("answer refused, says nothing the question did not: %r", answer)
            return None
        if asked and not said & asked:
            log.debug("answer refused, about something else than the question: %r", answer)
            return None
        sentences = sorted({i for h in hits for i in h.passage.sentences})
        sources = [index.sentences[i].text for i in sentences]
        # Names and numbers of one answer sentence must stand together in the article (one sentence, or two
        # neighbours in a paragraph): "Rishi Khanal was buried for 36 hours" joins a name from the question
        # to another person's number.
        texts = {i: index.sentences[i].text for i in sentences}
        windows = [
            texts[i] + " " + texts[i + 1]
            if i + 1 in texts and index.sentences[i + 1].paragraph == index.sentences[i].paragraph
            else texts[i]
            for i in sentences
        ]
        for sentence in _sentences(answer):
            if not any(_grounded(sentence, source, question, asked) for source in sources):
                log.debug("answer refused, no one passage sentence holds %r", sentence)
                return None
            if not any(not unsupported_facts(sentence, window) for window in windows):
                log.debug("answer refused, its names and numbers are never together in the article: %r", sentence)
                return None
        return answer

    async def answer(
        self,
        source_id: str,
        index: PassageIndex,
        question: str,
        history: list[Answer],
        experts: list[Expert],
        tone: str,
    ) -> Answer:
        query, boost = self.plan(index, question, history, experts)
        query_vector = None
        if index.embeddings is not None:
            query_vector = (await self.engine.embed_async([query]))[0]
        hits = index.search(query, query_vector, k=MAX_CITATIONS, boost=boost)
        best = max(hits, key=lambda h: h.score, default=None)
        # A follow-up that names its subject ("what did Okafor say", "and what did he say next?") is about
        # passages the conversation already pointed to: it is covered when one of those is the best.
        pointed_to = best is not None and boost.get(best.anchor, 0.0) > 0
        if not (covers(best) or pointed_to) or not holds_answer_type(question, hits[:2], index):
            return Answer(source_id, question, NOT_COVERED, [], True)
        (output,) = await self.engine.generate_async([self.request(question, hits, history, tone)])
        citations = [h.passage.text for h in hits]
        text = self.check(output, question, hits, index)
        if text is not None:
            return Answer(source_id, question, load_tone(tone).apply(text), citations, False)
        # A "who" question needs more than a sentence on the same topic that names someone: quoting it would
        # credit that person with an answer the sentence may not give, so it must share a rare phrase with the
        # question. A "how many" or "when" question needs the sentence to hold a number or a date.
        wanted = answer_labels(question)
        runner_up = max((h.semantic for h in hits if h is not best), default=0.0)
        standout = best.semantic >= QUOTE_STANDOUT_MATCH and best.semantic - runner_up >= QUOTE_STANDOUT_MARGIN
        close = (best.semantic >= QUOTE_MATCH or standout) and (
            not wanted or (wanted <= NUMBER_LABELS and bool(index.labels[best.anchor] & wanted))
        )
        if close or best.phrase >= QUOTE_PHRASE or pointed_to:
            return Answer(source_id, question, quote_answer(index, best, experts), citations, False)
        # Relevant passages, but no answer the code can stand behind: say so, and show what came closest.
        return Answer(source_id, question, NOT_ANSWERED, citations, True)


def quote_answer(index: PassageIndex, best: Hit, experts: list[Expert]) -> str:
    """An answer made of the source's own words at the best sentence.

    When the sentence holds one expert's words, those words are quoted whole (a quote may run on into the
    next sentence) and credited to that expert; otherwise the sentence itself is quoted.
    """
    sentence = index.sentences[best.anchor]
    speakers = [
        e for e in experts if any(span.start < sentence.end and sentence.start < span.end for span in e.evidence)
    ]
    if len(speakers) == 1:
        expert = speakers[0]
        spans = [span for span in expert.evidence if span.start < sentence.end and sentence.start < span.end]
        longest = max(spans, key=lambda span: span.end - span.start)
        words = index.text[longest.start : longest.end]
        said = words if len(words.split()) >= MIN_QUOTED_WORDS else sentence.text
        who = expert.name + (f", {expert.role}," if expert.role else "")
        return f"{who} in the source: {_quoted(said)}"
    return f"The source says: {_quoted(sentence.text)}"


def _quoted(text: str) -> str:
    """Verbatim text in quote marks, or as it stands when it holds quote marks of its own."""
    return text if any(mark in text for mark in '“”"') else f"“{text}”"


# Counts an answer may give in words besides those in NUMBER_WORDS ("a quarter", "twice").
_MORE_NUMBER_WORDS = frozenset({"quarter", "once", "twice"})


_TIME_WORDS = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|week|weeks|month|months|year|"
    r"years|decade|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|ago|since|until|later)\b",
    re.I,
)


def _gives_kind_asked(answer: str, question: str) -> bool:
    """Whether an answer holds the kind of thing its question asks for: a number for "how many", a date for
    "when", a name for "who" (one the question did not already give)."""
    wanted = answer_labels(question)
    if not wanted:
        return True
    if wanted <= NUMBER_LABELS:
        dated = wanted & {"DATE", "TIME"} and _TIME_WORDS.search(answer)
        words = set(re.findall(r"[a-z]+", answer.lower()))
        return bool(re.search(r"\d", answer) or words & (NUMBER_WORDS | _MORE_NUMBER_WORDS) or dated)
    asked = question.lower()
    return any(token.lower() not in asked for token in fact_tokens(answer))


def _grounded(sentence: str, source: str, question: str, asked: set[str]) -> bool:
    """Whether one source sentence holds an answer sentence: most of its words, all its names and numbers."""
    words = {stem(w) for w in content_words(sentence)} - asked
    if words and len(words & {stem(w) for w in content_words(source)}) / len(words) < GROUNDED_SHARE:
        return False
    return not unsupported_facts(sentence, source + "\n" + question)


def _sentences(text: str) -> list[str]:
    parts = []
    while (end := first_sentence_end(text)) is not None:
        parts.append(text[:end])
        text = text[end:].strip()
    return [*parts, text] if text else parts


def _sentences_of_citation(index: PassageIndex, citation: str) -> list[int]:
    start = index.text.find(citation)
    return index.sentences_overlapping(start, start + len(citation)) if start >= 0 else []
