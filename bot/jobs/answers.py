"""Answering a follow-up question from one source: retrieve passages, let the model answer, check it.

The passages are found by code (bot.analysis.retrieval) and are the citations, verbatim. The model only
phrases an answer from them; an answer that brings in a name, number or claim the passages do not hold is
replaced by the best passage itself, quoted. When nothing in the source is relevant the answer says so and
`not_covered` is true.
"""

from __future__ import annotations

from bot.analysis.lexicon import DOUBLE_QUOTES
from bot.analysis.question import Question, expert_named
from bot.analysis.retrieval import Hit, PassageIndex, covers, holds_answer_type
from bot.checks.rules import (
    about_the_question,
    adds_no_negation,
    each_sentence_in_one_source,
    gives_kind_asked,
    names_and_numbers_in_source,
    names_stand_together,
    no_refusal,
    not_empty,
    quotes_are_verbatim,
    says_something_new,
)
from bot.checks.verdict import Candidate, run_checks
from bot.llm.engine import Engine, GenerationRequest
from bot.llm.prompts import load_template
from bot.llm.tone import load_tone
from bot.models import Answer, Expert

NOT_COVERED = "The source does not cover that."
NOT_ANSWERED = "The source does not clearly answer that; the passages that come closest are cited."
EXPERT_BOOST = 0.25
CONTINUATION_BOOST = 0.2
# The earlier turns of a conversation an answer sees: the prompt shows them, a follow-up is resolved against them.
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
# What an answer must keep, in the order it is checked (bot.checks.rules).
ANSWER_CHECKS = [
    not_empty,
    no_refusal,
    names_and_numbers_in_source,
    quotes_are_verbatim,
    adds_no_negation,
    gives_kind_asked,
    says_something_new,
    about_the_question,
    each_sentence_in_one_source,
    names_stand_together,
]


class AnswerWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def plan(
        self, index: PassageIndex, question: Question, history: list[Answer], experts: list[Expert]
    ) -> tuple[str, dict[int, float]]:
        """The retrieval query and sentence boosts, with a follow-up resolved against the earlier turns."""
        query = question.text
        boost: dict[int, float] = {}
        expert = question.expert
        previous = history[-1] if history else None
        if previous is not None and expert is None and question.refers_back:
            expert = expert_named(previous.question + " " + previous.answer, experts)
            if expert is None:
                query = f"{question.text} {previous.question}"
        if expert is not None:
            if expert.name.lower() not in query.lower():
                query = f"{query} {expert.name}"
            spoken = {i for span in expert.evidence for i in index.sentences_overlapping(span.start, span.end)}
            for i in spoken:  # once per sentence, however many quotes it holds
                boost[i] = boost.get(i, 0.0) + EXPERT_BOOST
        if previous is not None and question.asks_to_continue:
            _move_on(boost, [i for c in previous.citations for i in _sentences_of_citation(index, c)])
        return query, boost

    def request(self, question: Question, hits: list[Hit], history: list[Answer], tone: str) -> GenerationRequest:
        passages = "\n".join(f"[{n}] {hit.passage.text}" for n, hit in enumerate(hits, start=1))
        earlier = "".join(f"Question: {t.question}\nAnswer: {t.answer}\n\n" for t in history[-HISTORY_TURNS:])
        messages = load_template("answer").render(
            tone=load_tone(tone).instruction, passages=passages, history=earlier, question=question.text
        )
        return GenerationRequest(messages, max_new_tokens=90, stop="line")

    def check(self, output: str, question: Question, hits: list[Hit], index: PassageIndex) -> str | None:
        """The model's answer if it passes every check against the passages' sentences, else None."""
        sentences = sorted({i for h in hits for i in h.passage.sentences})
        candidate = Candidate(
            output.strip().split("\n\n", 1)[0].strip(),
            tuple(index.sentences[i].text for i in sentences),
            known=question.text,
            question=question,
            windows=tuple(_window(index, i, sentences) for i in sentences),
        )
        return candidate.text if run_checks(candidate, ANSWER_CHECKS, "answer").ok else None

    async def answer(
        self,
        source_id: str,
        index: PassageIndex,
        text: str,
        history: list[Answer],
        experts: list[Expert],
        tone: str,
    ) -> Answer:
        """The answer to the question `text`, the turns before it in `history` (oldest first, HISTORY_TURNS)."""
        question = Question.read(text, experts)
        query, boost = self.plan(index, question, history, experts)
        query_vector = None
        if index.embeddings is not None:
            query_vector = (await self.engine.embed_async([query]))[0]
        hits = index.search(query, query_vector, k=MAX_CITATIONS, boost=boost, kind=question.kind)
        best = max(hits, key=lambda h: h.score, default=None)
        # A follow-up that names its subject ("what did Okafor say", "and what did he say next?") is about
        # passages the conversation already pointed to: it is covered when one of those is the best.
        pointed_to = best is not None and boost.get(best.anchor, 0.0) > 0
        if not (covers(best) or pointed_to) or not holds_answer_type(question.kind, hits[:2], index):
            return Answer(source_id, question.text, NOT_COVERED, [], True)
        (output,) = await self.engine.generate_async([self.request(question, hits, history, tone)])
        citations = [h.passage.text for h in hits]
        checked = self.check(output, question, hits, index)
        if checked is not None:
            return Answer(source_id, question.text, load_tone(tone).apply(checked), citations, False)
        if _quotable(best, hits, question, index) or pointed_to:
            return Answer(source_id, question.text, quote_answer(index, best, experts), citations, False)
        # Relevant passages, but no answer the code can stand behind: say so, and show what came closest.
        return Answer(source_id, question.text, NOT_ANSWERED, citations, True)


def _move_on(boost: dict[int, float], cited: list[int]) -> None:
    """Boost the two sentences after those cited before, and lower those: "what next?" asks for new ones."""
    if not cited:
        return
    for i in (max(cited) + 1, max(cited) + 2):
        boost[i] = boost.get(i, 0.0) + CONTINUATION_BOOST
    for i in cited:
        boost[i] = boost.get(i, 0.0) - CONTINUATION_BOOST


def _window(index: PassageIndex, i: int, sentences: list[int]) -> str:
    """Sentence `i`, with the next one when that one is cited too and in the same paragraph."""
    text = index.sentences[i].text
    if i + 1 in sentences and index.sentences[i + 1].paragraph == index.sentences[i].paragraph:
        return text + " " + index.sentences[i + 1].text
    return text


def _quotable(best: Hit, hits: list[Hit], question: Question, index: PassageIndex) -> bool:
    """Whether the best sentence may be quoted as the answer when the model's answer failed its checks.

    A "who" question needs more than a sentence on the same topic that names someone: quoting it would credit
    that person with an answer the sentence may not give, so it must share a rare phrase with the question. A
    "how many" or "when" question needs the sentence to hold a number or a date.
    """
    runner_up = max((h.semantic for h in hits if h is not best), default=0.0)
    standout = best.semantic >= QUOTE_STANDOUT_MATCH and best.semantic - runner_up >= QUOTE_STANDOUT_MARGIN
    close = (best.semantic >= QUOTE_MATCH or standout) and (
        not question.kind or (question.wants_number and bool(index.labels[best.anchor] & question.kind))
    )
    return close or best.phrase >= QUOTE_PHRASE


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
    return text if any(mark in text for mark in DOUBLE_QUOTES) else f"“{text}”"


def _sentences_of_citation(index: PassageIndex, citation: str) -> list[int]:
    start = index.text.find(citation)
    return index.sentences_overlapping(start, start + len(citation)) if start >= 0 else []
