"""Answering a follow-up question from one source: retrieve passages, state the answer, check it.

The passages are found by code (bot.analysis.retrieval) and are the citations, verbatim, the one the answer
comes from first. A who / when / where / how-many answer is the span of that passage that answers (a name
with its role, a date, a number with its unit: bot.analysis.answer_spans), stated in a short sentence; a yes-no
answer says "No" only when the passage negates what is asked; a "what did X say" answer quotes X's own words;
the rest the model phrases from the passages, and an answer that brings in a name, number or claim the
passages do not hold is replaced by the best passage itself, quoted. When the source does not answer the
question the reply says so (`not_covered` true), citing the closest passages unless the source is not about
the question at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from bot.analysis.anchors import answering_hits
from bot.analysis.answer_spans import (
    answer_spans,
    asks_the_future,
    by_counted_noun,
    in_the_past,
    named_further,
    numbers_first,
    own_names_first,
    preferred_spans,
    stated_answer,
)
from bot.analysis.asked_kind import asked_noun, kind_named
from bot.analysis.asked_slot import asked_predicate
from bot.analysis.coverage import Coverage, coverage
from bot.analysis.follow_ups import resolved, without_topic
from bot.analysis.key_terms import TermMatcher, words_to_embed
from bot.analysis.lexicon import DOUBLE_QUOTES
from bot.analysis.measure_fit import fits_measure
from bot.analysis.own_words import beside_the_point, with_words_after
from bot.analysis.paraphrase import closeness_from, closeness_texts
from bot.analysis.question import Question
from bot.analysis.retrieval import ANSWER_TYPE_BOOST, Hit, PassageIndex
from bot.analysis.silent import asks_a_silent_person
from bot.analysis.speaks_of import spans_about, unfilled_first
from bot.analysis.voices import introducing, quoting, spoken_by
from bot.analysis.which_thing import named_answer, naming_sentences
from bot.analysis.who_is import describing_sentences, role_asked, who_is_answer
from bot.analysis.yes_no import asks_words, yes_no_sentence
from bot.checks.rules import (
    about_the_question,
    adds_no_negation,
    each_sentence_in_one_source,
    gives_kind_asked,
    little_new_content,
    names_and_numbers_in_source,
    names_stand_together,
    no_refusal,
    not_empty,
    quotes_are_verbatim,
    says_something_new,
)
from bot.checks.verdict import Candidate, run_checks
from bot.llm.model import GenerationRequest, LanguageModel
from bot.llm.prompts import load_template
from bot.llm.tone import load_tone
from bot.models import Answer, Expert

NOT_COVERED = "The source does not cover that."
NOT_ANSWERED = "The source does not clearly answer that; the passages that come closest are cited."
# `_span_answer`'s verdict when the best passages hold spans of the kind asked only in sentences about other things:
# on topic, not answered (benchmarks/questions.jsonl: 4 of 45 unanswerable caught, 3 of 148 answerable refused).
UNSPOKEN = "\0unspoken"
# The boost of the sentences with the words of the expert a question asks about; none for a yes-no question
# that does not ask what they said or think: the narrative tells whether it is so ("has refused to apologize").
EXPERT_BOOST = 0.25
CONTINUATION_BOOST = 0.2
# "What do the researchers say ...?" names no one to find the voice of: any sentence with words said counts extra.
UNNAMED_VOICE_BOOST = 0.15
# A follow-up that points back ("he", "that", "then") is most often about the same moment of the article:
# the sentences around the one the previous answer came from count extra, less with distance.
NEARBY_BOOST = 0.1
NEARBY_SENTENCES = 3
# The earlier turns of a conversation an answer sees: the prompt shows them, a follow-up is resolved against them.
HISTORY_TURNS = 2
MAX_CITATIONS = 5
# "What did he do next?" asks what someone did: the sentence that tells it is quoted, not their words in it.
_DOING = re.compile(r"\b(do|does|did|doing|done)\b\W*$|\bdo (next|then|after)\b", re.IGNORECASE)
# Passages searched for the one that holds the span a who / when / where / how-many question asks for.
SPAN_SEARCH = 3
# Fewer words of an expert's own than this are not quoted as theirs: the sentence is quoted, for the source.
MIN_QUOTED_WORDS = 6
# Forms whose answer the model may phrase (a sentence must be composed), the rest stated by code. It only shortens
# the one answering passage when quoting it would be long: given five passages, the 135M model blended them into
# false answers that passed the checks ("The guard went over to the car ... to help with the kidnapping of his wife").
MODEL_FORMS = frozenset({"what", "why_how", "evidence"})
LONG_QUOTE_WORDS = 30
# A does-the-article-give-evidence answer quotes its whole passage up to this many words (the claim is often one
# sentence, the fact that backs it the next); a "what did X say" answer all of X's words in it, as many.
PASSAGE_WORDS = 70
MAX_NOVEL = 0.15
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
    little_new_content,
]


class AnswerWriter:
    def __init__(self, engine: LanguageModel) -> None:
        self.engine = engine

    def plan(
        self,
        index: PassageIndex,
        question: Question,
        history: list[Answer],
        experts: list[Expert],
        spoken: set[int] | None = None,
    ) -> tuple[str, str, dict[int, float]]:
        """The retrieval query (its words, and the meaning searched for) and sentence boosts, with a follow-up
        resolved against the earlier turns. When the question asks about one expert, the meaning searched for
        is what it asks about without the expert's name: their words seldom repeat it, the narrative does.
        `spoken`: the sentences in that expert's voice (`voices.spoken_by`), when the caller has them."""
        query = question.text
        boost: dict[int, float] = {}
        expert = question.expert
        previous = history[-1] if history else None
        if previous is not None and question.refers_back:  # the expert of the turn before: `resolved`
            if expert is None:
                query = f"{question.text} {previous.question}"
            _near(boost, index, previous, question)
        if expert is not None:
            if expert.name.lower() not in query.lower():
                query = f"{query} {expert.name}"
            if question.asks_who_is:  # who someone is the narrative tells where it names them, not their words
                return query, query, boost
            weight = EXPERT_BOOST if question.form != "yes_no" or asks_words(question) else 0.0
            voice = spoken if spoken is not None else spoken_by(index, expert, experts)
            told = introducing(index, expert, experts, voice) if question.form == "said" else set()  # "X thanked him."
            boost.update({i: boost.get(i, 0.0) + weight for i in voice | told})  # once per sentence
        if expert is None and question.form == "said" and not question.names:  # "what do the researchers say?"
            boost.update({i: boost.get(i, 0.0) + UNNAMED_VOICE_BOOST for i in quoting(index)})
        for i in naming_sentences(index, question) + describing_sentences(index, question):  # "what museum ...?"
            boost[i] = boost.get(i, 0.0) + ANSWER_TYPE_BOOST
        meaning = question.focus if expert is not None and question.focus else query
        if previous is not None and without_topic(replace(question, expert=expert)):
            meaning = f"{meaning} {previous.question}"  # "what did the director say about that?"
        return query, meaning, boost

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
            max_novel=MAX_NOVEL,
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
        people: Mapping[str, bool] | None = None,
    ) -> Answer:
        """The answer to the question `text`, the turns before it in `history` (oldest first, HISTORY_TURNS);
        `people`: each person the text names, and whether they speak in it (`silent.who_speaks`)."""
        question = resolved(text, history, experts, people)
        spoken = spoken_by(index, question.expert, experts)  # the sentences in the asked expert's voice
        query, meaning, boost = self.plan(index, question, history, experts, spoken)
        query_vector = None
        if index.embeddings is not None:
            query_vector = (await self.engine.embed_async([meaning]))[0]
        hits = index.search(query, query_vector, k=MAX_CITATIONS, boost=boost, question=question)
        hits = with_words_after(index, hits, question, spoken)
        found = coverage(question, hits, index)
        if found is Coverage.OFF_TOPIC and question.refers_back and history:
            found = Coverage.COVERED  # "and what did he say next?" is about the conversation, whatever its words
        if found is Coverage.OFF_TOPIC:
            return Answer(source_id, question.text, NOT_COVERED, [], True)
        if found is Coverage.UNANSWERED or asks_a_silent_person(question, people or {}, index):
            return Answer(source_id, question.text, NOT_ANSWERED, [h.passage.text for h in hits], True)
        matcher = await self._matcher(index, hits, question, query_vector)
        hits, stated = _stated(index, hits, question, experts, matcher)
        if stated is UNSPOKEN:  # spans of the kind asked, but each in a sentence about something else
            return Answer(source_id, question.text, NOT_ANSWERED, [h.passage.text for h in hits], True)
        # the passages say neither yes nor no; or name no airline of "Which airline ...?"
        if stated is None and (question.form == "yes_no" or not kind_named(index, hits, question, matcher)):
            return Answer(source_id, question.text, NOT_ANSWERED, [h.passage.text for h in hits], True)
        if stated is None:  # a quote for "what did X say", the reason for "why": that sentence of the passage
            hits = answering_hits(index, hits, question, spoken)
        if stated is None and question.form in MODEL_FORMS and _long(index, hits[0]):
            (output,) = await self.engine.generate_async([self.request(question, hits[:1], history, tone)])
            checked = self.check(output, question, hits[:1], index)
            stated = load_tone(tone).apply(checked) if checked is not None else None
        if stated is None:
            stated = quote_answer(index, hits[0], experts, question)
        return Answer(source_id, question.text, stated, [h.passage.text for h in hits], False)

    async def _matcher(self, index: PassageIndex, hits: list[Hit], question: Question, query_vector) -> TermMatcher:
        """Word vectors for matching a typed question's key words in the sentences its spans may come from, and
        how close those sentences are to the question (`paraphrase.Closeness`)."""
        which = asked_noun(question) is not None  # "which airline": looked for in every passage, as a role is
        typed = question.kind or question.form == "yes_no" or which
        if not typed or index.embeddings is None:
            return TermMatcher({})
        measured = question.kind or question.form == "yes_no"  # a yes-no question's closest passage by meaning
        near = [i for hit in hits[:SPAN_SEARCH] for i in hit.passage.sentences] if measured else []
        nameless = closeness_texts(index, near, question, query_vector)
        words: list[str] = []
        if question.key_words:
            searched = hits if which or role_asked(question) else hits[:SPAN_SEARCH]
            texts = [index.sentences[i].text for hit in searched for i in hit.passage.sentences]
            words = words_to_embed(question, texts)
        vectors = await self.engine.embed_async(nameless + words) if nameless or words else []  # one batch
        close = closeness_from(index, near, vectors[: len(nameless)], query_vector)
        return TermMatcher(dict(zip(words, vectors[len(nameless) :], strict=True)), close)


def _stated(
    index: PassageIndex, hits: list[Hit], question: Question, experts: list[Expert], matcher: TermMatcher
) -> tuple[list[Hit], str | None]:
    """The hits (the one answered from first) and the answer code can state without the model, if any."""
    if question.asks_who_is:
        return who_is_answer(index, hits, question, experts)
    if question.kind:
        return _span_answer(index, hits, question, experts, matcher)
    if question.form == "yes_no":
        return _yes_no(index, hits, question, experts, matcher)
    named = named_answer(index, hits, question)  # "What museum did Obama open?": the museum's name
    return named if named is not None else (hits, None)


def _yes_no(
    index: PassageIndex, hits: list[Hit], question: Question, experts: list[Expert], matcher: TermMatcher
) -> tuple[list[Hit], str | None]:
    """ "No. …" / "Yes. …" with the deciding sentence quoted, the sentence alone when it comes close without
    deciding, or nothing (not clearly answered); the passage of that sentence first."""
    found = yes_no_sentence(index, hits, question, matcher)
    if found is None:
        return hits, None
    verdict, i = found
    n = next(n for n, hit in enumerate(hits) if i in hit.passage.sentences)
    if not verdict and n > 0:  # a later passage only comes closer in words: the ranking of meaning stands
        return hits, quote_answer(index, hits[0], experts, question)
    ordered = [replace(hits[n], anchor=i), *hits[:n], *hits[n + 1 :]]
    quoted = quote_answer(index, ordered[0], experts, question)
    return ordered, f"{verdict}. {quoted}" if verdict else quoted


def _span_answer(
    index: PassageIndex, hits: list[Hit], question: Question, experts: list[Expert], matcher: TermMatcher
) -> tuple[list[Hit], str | None]:
    """The first span of the kind asked in the best passages whose sentence speaks of what is asked (of the
    label the question prefers, if any such sentence has one: "who led the study?" a person before the
    journal), stated, its passage moved first. When spans stand only in sentences that speak of other things
    ("When does the law take effect?" against "The law, signed on Tuesday, ..."), the question is not answered
    (UNSPOKEN), the first one's passage first."""
    spans = [(n, i, span) for n, hit in enumerate(hits[:SPAN_SEARCH]) for i in _by_score(hit)
             for span in answer_spans(index, i, question) if fits_measure(index, span, question)]  # fmt: skip
    if not spans:  # a how-many question is answered by a number, and no best passage gives one
        return hits, UNSPOKEN if question.form == "how_many" else None
    if asks_the_future(question):  # a date of what happened answers no question about what will
        ahead = [found for found in spans if not in_the_past(index, found[2])]
        if not ahead:
            n, i, _ = spans[0]
            return [replace(hits[n], anchor=i), *hits[:n], *hits[n + 1 :]], UNSPOKEN
        spans = ahead
    about = spans_about(index, hits, spans, question, matcher)
    about = by_counted_noun(index, numbers_first(index, about, question), spans, question, matcher.similarity)
    preferred = preferred_spans(index, about, spans, question)
    kind = question.type_noun  # "which team": a span that names the kind asked first ("... Racing team")
    named = [found for found in about if kind and index.names_thing(found[2].entity, kind)]
    named = own_names_first(named, kind, index, asked_predicate(question) if named else [])
    named = named or named_further(index, hits, question, SPAN_SEARCH, matcher.similarity)
    n, i, span = (named or preferred or about or spans)[0]
    if about and (unfilled := unfilled_first(index, spans, (n, i, span), question)) is not None:
        n, i = unfilled  # "shot by police, according to a Washington Post database": the sentence, quoted
        ordered = [replace(hits[n], anchor=i), *hits[:n], *hits[n + 1 :]]
        return ordered, quote_answer(index, ordered[0], experts, question)
    ordered = [replace(hits[n], anchor=i), *hits[:n], *hits[n + 1 :]]
    if not about:  # a name or a date, but of something else: "When does the law take effect?" of "signed Tuesday"
        return ordered, UNSPOKEN
    return ordered, stated_answer(index, span, question, experts)


def _long(index: PassageIndex, hit: Hit) -> bool:
    """Whether quoting the passage's best sentence would make a long answer."""
    return len(index.sentences[hit.anchor].text.split()) > LONG_QUOTE_WORDS


def _by_score(hit: Hit) -> list[int]:
    """A passage's sentences, its anchor (best-scoring) first."""
    return [hit.anchor, *(i for i in hit.passage.sentences if i != hit.anchor)]


def _near(boost: dict[int, float], index: PassageIndex, previous: Answer, question: Question) -> None:
    """Boost the sentences around the one the previous answer came from; "next" boosts those after it and
    lowers the ones cited before: it asks for new ones."""
    cited = [i for c in previous.citations[:1] for i in _sentences_of_citation(index, c)]
    if not cited:
        return
    if question.asks_to_continue:
        for i in (max(cited) + 1, max(cited) + 2):
            boost[i] = boost.get(i, 0.0) + CONTINUATION_BOOST
        for i in cited:
            boost[i] = boost.get(i, 0.0) - CONTINUATION_BOOST
        return
    for distance in range(1, NEARBY_SENTENCES + 1):
        for i in (min(cited) - distance, max(cited) + distance):
            boost[i] = boost.get(i, 0.0) + NEARBY_BOOST * (NEARBY_SENTENCES + 1 - distance) / NEARBY_SENTENCES


def _window(index: PassageIndex, i: int, sentences: list[int]) -> str:
    """Sentence `i`, with the next one when that one is cited too and in the same paragraph."""
    text = index.sentences[i].text
    if i + 1 in sentences and index.sentences[i + 1].paragraph == index.sentences[i].paragraph:
        return text + " " + index.sentences[i + 1].text
    return text


def quote_answer(index: PassageIndex, best: Hit, experts: list[Expert], question: Question | None = None) -> str:
    """An answer made of the source's own words at the best sentence.

    When the question asks what someone said (or names them) and the sentence holds that one expert's words,
    those words are quoted whole (a quote may run on into the next sentence) and credited to them; otherwise
    the sentence itself is quoted, for the source: a sentence that only partly holds someone's words is never
    put in their mouth.
    """
    sentence = index.sentences[best.anchor]
    speakers = [
        e for e in experts if any(span.start < sentence.end and sentence.start < span.end for span in e.evidence)
    ]
    asks_a_speaker = question is None or question.form == "said"
    asks_a_speaker = asks_a_speaker or (
        question.expert is not None and not _DOING.search(question.text) and not question.asks_who_is
    )
    if len(speakers) == 1 and asks_a_speaker and (question is None or question.expert in (None, speakers[0])):
        expert = speakers[0]
        spans = [span for span in expert.evidence if span.start < sentence.end and sentence.start < span.end]
        longest = max(spans, key=lambda span: span.end - span.start)
        words = index.text[longest.start : longest.end]
        off = question is not None and beside_the_point(question, expert, words, sentence.text)
        if len(words.split()) >= MIN_QUOTED_WORDS and not off:
            who = expert.name + (f", {expert.role}," if expert.role else "")
            return f"{who} in the source: {_their_words(index, best, expert, longest, question)}"
    if question is not None and question.form == "evidence" and len(best.passage.text.split()) <= PASSAGE_WORDS:
        return f"The source says: {_quoted(best.passage.text)}"  # the claim, and the sentences that back it
    return f"The source says: {_quoted(sentence.text)}"


def _their_words(index: PassageIndex, best: Hit, expert: Expert, longest, question: Question | None) -> str:
    """The expert's words at the best sentence, quoted; for "what did X say", with their other words in the
    passage when all of them are short ("“One of the guys tried to wrestle us ...” … “We don't have authority
    or anything but we thought somebody might need help”": the reason asked for is in the second)."""
    words = [longest]
    if question is not None and question.form == "said":
        passage = best.passage
        others = [s for s in expert.evidence if passage.start <= s.start and s.end <= passage.end
                  and (s.end <= longest.start or longest.end <= s.start)]  # fmt: skip
        words = sorted({(s.start, s.end): s for s in [longest, *others]}.values(), key=lambda s: s.start)
        if sum(len(index.text[s.start : s.end].split()) for s in words) > PASSAGE_WORDS:
            words = [longest]
    return " … ".join(_quoted(index.text[s.start : s.end]) for s in words)


def _quoted(text: str) -> str:
    """Verbatim text in quote marks, or as it stands when it holds quote marks of its own."""
    return text if any(mark in text for mark in DOUBLE_QUOTES) else f"“{text}”"


def _sentences_of_citation(index: PassageIndex, citation: str) -> list[int]:
    start = index.text.find(citation)
    return index.sentences_overlapping(start, start + len(citation)) if start >= 0 else []
