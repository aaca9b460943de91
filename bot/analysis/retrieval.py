"""Finding the passages of one source that answer a question: BM25 and sentence embeddings, fused.

Passages are the source's sentences; hits next to each other in one paragraph are merged, so a citation reads
as the article does. BM25 (the bm25s library) catches the names and rare words a question repeats; the
embeddings catch paraphrases. Their fused score ranks, with a boost for sentences holding the kind of thing the
question asks for; bot.analysis.coverage reads the raw signals to decide whether the source answers at all.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from bot.analysis.furniture import addressed_to_reader
from bot.analysis.lexical_signal import lexical_signal
from bot.analysis.lexicon import OPENING_QUOTES, QUESTION_WORDS, STANCE_WORDS, content_words, stem, stems
from bot.analysis.nlp import Sentence, parse
from bot.analysis.question import Question

# Measured on benchmarks/questions.jsonl (questions paraphrase the article on purpose): embeddings alone put the
# answering sentence among 4 citations for 0.897 of questions, this blend 0.882, BM25 alone far less; the small
# lexical share breaks ties on rare names and numbers a user copies from the article. 0.15 against 0.1 (issue 13,
# ninth round): first citation 177 -> 179 of 244 answerable, every other figure the same but one citation hit
# (#16); 0.2 and 0.05 put the answering sentence first less often by the search alone.
SEMANTIC_WEIGHT = 0.85
LEXICAL_WEIGHT = 0.15
# A sentence holding the kind of thing the question asks for (a number for "how many", a date for "when") that
# the question does not already give (`Question.fits`): on benchmarks/questions.jsonl, the first citation holds
# the answer for 0.588 of the answerable questions with 0.25 against 0.547 with 0.08 for any entity of the kind.
ANSWER_TYPE_BOOST = 0.25
# A sentence giving a reason or a means for a why / how question (`Question.gives_reason`: "because", "after",
# "by holding"): on benchmarks/questions.jsonl the answering sentence ranks first for 0.561 of answerable
# questions with 0.2, 0.541 without (both halves of the articles up; 0.15-0.3 alike).
REASON_BOOST = 0.2
# A name answers "what is the X called?" when it holds X, or stands right after X or "called" ("his sailboat,
# the Angel"), or right before X; the characters looked at for those words.
NAME_REACH = 40
# The words a place in a ranking hangs on, and an ordinal written in figures ("17th", which the tagger may call a date).
_RANK_HEADS = frozenset({"finish", "come", "place", "rank", "end", "position", "spot", "qualify", "start", "grid"})
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
# A word that ends a quote ('boat,"', "boat.’") or starts one.
_CLOSES_QUOTE = re.compile(r"(?:[\"”]|[,.!?][’'])$")
_OPENS_QUOTE = re.compile(r"^[\"“‘]")
# Titles written short before a name ("Kansas Gov. Sam Brownback" is the governor a "which governor" asks for).
_TITLES = {"gov": "governor", "sen": "senator", "rep": "representative", "dr": "doctor", "gen": "general",
           "prof": "professor", "pres": "president", "lt": "lieutenant", "col": "colonel", "supt": "superintendent"}
# A sentence sharing a rare two-word phrase with the question: users often copy wording from the article.
# The name of the expert a question asks about is no such phrase: on the 193 questions of
# benchmarks/questions.jsonl the answering sentence ranks first for 0.527 with it, 0.541 without; nor is any
# name a "what did X say" question gives (the sentence introducing "Tanka Maya Sitoula" or "Jon Husted" is not
# their words: first citation 0.696 -> 0.703, the first 88 lines 0.809 -> 0.824, the rest unchanged).
# A passage that ends inside a quote goes on to the quote's end, up to this many sentences more.
QUOTE_REACH = 3
# A why-question's reason said outright ("because", "due to") counts more than one only implied ("after",
# "amid"): the answering sentence first for 2 more of the 23 why / how questions of benchmarks/questions.jsonl
# (both halves), 1 more and 1 fewer of the held-out set's 6.
STRONG_REASON_BOOST = 0.2
_STRONG_REASON = re.compile(r"\b(because|due to|as a result|so that|in order to|reasons?|given that)\b", re.I)
_WHY = re.compile(r"^(?:and|so|but)?,?\s*(?:why|how come)\b")
# An article's first line standing alone and short is its headline: the body says the same with the details a
# question asks for ("Axelrod calls on Dean to apologize" / "… said in an interview with CNN's Wolf Blitzer").
# First citation on benchmarks/questions.jsonl 0.716 -> 0.723 with 0.1 (0.2 alike), the held-out set unchanged.
HEADLINE_PENALTY = 0.1
HEADLINE_WORDS = 15
HEADLINE_MIN_SENTENCES = 6
PHRASE_BOOST = 0.25  # first citation holds the answer: 0.758 without, 0.773 with (benchmarks/questions.jsonl)


@dataclass(frozen=True)
class Passage:
    """A verbatim stretch of the source: one or more adjacent sentences."""

    start: int
    end: int
    text: str
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class Entity:
    """A named entity of the source (spaCy's label), with its offsets."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A passage found for a query; `anchor` is its best-scoring sentence."""

    passage: Passage
    score: float
    semantic: float
    word_share: float
    anchor: int
    phrase: float = 0.0  # 0..1: how rare a two-word phrase it shares with the query is


def topic_tokens(text: str) -> list[str]:
    """Snowball-stemmed content words (and stance words) of a text, in order, without question words."""
    return stems([w for w in content_words(text, STANCE_WORDS) if w not in QUESTION_WORDS])


def nameless_tokens(tokens: list[str], question: Question | None) -> list[str] | None:
    """A said question's query tokens less the speaker's name (`lexical_signal` counts them half), else None."""
    said = question is not None and question.form == "said" and question.expert is not None
    return [t for t in _without_speaker(tokens, question) if t] if said else None


def _without_speaker(tokens: list[str], question: Question | None) -> list[str]:
    """The query's tokens with the name of the expert the question asks about blanked out, for phrase matching:
    "Frank Jordan" is in the sentence that introduces him, seldom in his words (their boost finds those). A
    question about what someone said or did loses every name it gives: "Tanka Maya Sitoula" is the sentence
    that introduces her, not what she did."""
    if question is None:
        return tokens
    names = [question.expert.name] if question.expert is not None else []
    if question.form == "said" or question.expert is not None:
        names += list(question.names)
    if not names:
        return tokens
    name = {token for n in names for token in topic_tokens(n)}
    return [token if token not in name else "" for token in tokens]


class PassageIndex:
    """Search over one document's sentences."""

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        embeddings: np.ndarray | None = None,
        labels: list[frozenset[str]] | None = None,
        entities: list[tuple[Entity, ...]] | None = None,
        parsed=None,
    ) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.text = text
        self.sentences = sentences
        self.embeddings = embeddings
        self.parsed = parsed  # the spaCy parse of `text`, for answer spans (bot.analysis.answer_spans)
        self.has_entities = entities is not None
        self.entities = entities or [()] * len(sentences)
        self.labels = labels or [frozenset(e.label for e in found) for found in self.entities]
        # Lines addressed to the reader or a model ("Ignore previous instructions…"), or with no word (a stray
        # quote mark the splitter left alone), are never cited.
        self._to_reader = np.array([addressed_to_reader(s.text) is not None or not re.search(r"\w", s.text)
                                    for s in sentences], dtype=bool)  # fmt: skip
        sequences = [topic_tokens(s.text) for s in sentences]
        self._tokens = [set(tokens) for tokens in sequences]
        self._pairs = [set(itertools.pairwise(tokens)) for tokens in sequences]
        self._headline = _headline(sentences)
        self._bm25 = bm25s.BM25()
        if sentences:
            self._bm25.index([tokens or ["∅"] for tokens in sequences], show_progress=False)

    def search(
        self,
        query: str,
        query_embedding: np.ndarray | None = None,
        *,
        k: int = 3,
        boost: dict[int, float] | None = None,
        question: Question | None = None,
    ) -> list[Hit]:
        """The `k` best passages for `query`; `boost` adds to chosen sentences' scores (an expert's evidence).

        Sentences holding the kind of entity the question asks for (see `answer_type_at`) get a boost.
        """
        if not self.sentences:
            return []
        query_tokens = topic_tokens(query)
        lexical = lexical_signal(self._bm25, query_tokens, len(self.sentences), nameless_tokens(query_tokens, question))
        known = self.embeddings is not None and query_embedding is not None
        semantic = self.embeddings @ query_embedding if known else np.zeros(len(self.sentences), dtype=np.float32)
        scores = SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical
        if question is not None and question.kind:
            scores = scores + ANSWER_TYPE_BOOST * np.array([bool(self.answer_type_at(i, question)) for i in
                                                            range(len(self.sentences))])
        if question is not None and question.form == "why_how":
            scores = scores + REASON_BOOST * np.array([question.gives_reason(s.text) for s in self.sentences])
            why = bool(_WHY.match(question.text.lower()))
            scores = scores + STRONG_REASON_BOOST * np.array([why and bool(_STRONG_REASON.search(s.text)) for s in
                                                              self.sentences])  # fmt: skip
        if self._headline is not None:
            scores[self._headline] -= HEADLINE_PENALTY
        phrase = self._phrase_match(_without_speaker(query_tokens, question))
        scores = scores + PHRASE_BOOST * phrase
        for index, extra in (boost or {}).items():
            if 0 <= index < len(scores):
                scores[index] += extra
        wanted = set(query_tokens)
        scores = np.where(self._to_reader, -np.inf, scores)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:k] if not self._to_reader[i]]
        hits = [Hit(self._passage([i]), float(scores[i]), float(semantic[i]),
                    len(wanted & self._tokens[i]) / len(wanted) if wanted else 0.0, i, float(phrase[i]))
                for i in order]  # fmt: skip
        return [self._with_following_quote(hit) for hit in self._merge_adjacent(hits)]

    def hit_at(self, i: int) -> Hit:
        """Sentence `i` as a passage of its own, for an answer found there by other means than the search."""
        return self._with_following_quote(Hit(self._passage([i]), 0.0, 0.0, 0.0, i))

    def _with_following_quote(self, hit: Hit) -> Hit:
        """A passage that introduces a speaker ("Frank Jordan thanked the captain.") goes on to the quote that
        follows it in the same paragraph: the words are what the reader wants to see; one that ends on a question
        goes on to the sentence after it, its answer ("Do I think it was cocaine? Probably not.")."""
        sentences = list(hit.passage.sentences)
        while len(sentences) - len(hit.passage.sentences) < QUOTE_REACH and sentences[-1] + 1 < len(self.sentences):
            last, following = self.sentences[sentences[-1]], self.sentences[sentences[-1] + 1]
            first = sentences == list(hit.passage.sentences)
            starts = first and (following.text.startswith(OPENING_QUOTES) or last.text.rstrip().endswith("?"))
            goes_on = _open_quote(self._passage(sentences).text, following.text)
            if following.paragraph != last.paragraph or not (starts or goes_on):
                break
            sentences.append(following.index)
        return replace(hit, passage=self._passage(sentences)) if len(sentences) > len(hit.passage.sentences) else hit

    def _phrase_match(self, query_tokens: list[str]) -> np.ndarray:
        """Per sentence, 0..1: how rare the two-word phrases it shares with the query are ("economic
        prospects" in one sentence counts fully; "North Korea" in every sentence counts for nothing)."""
        match = np.zeros(len(self.sentences), dtype=np.float32)
        total = len(self.sentences)
        if total < 2:
            return match
        for pair in set(itertools.pairwise(query_tokens)):
            holders = [i for i, pairs in enumerate(self._pairs) if pair in pairs]
            if holders:
                rarity = math.log(total / len(holders)) / math.log(total)
                match[holders] = np.maximum(match[holders], rarity)
        return match

    def _passage(self, indices: list[int]) -> Passage:
        first, last = self.sentences[min(indices)], self.sentences[max(indices)]
        return Passage(first.start, last.end, self.text[first.start : last.end], tuple(sorted(indices)))

    def _merge_adjacent(self, hits: list[Hit]) -> list[Hit]:
        """Join hits that are neighbouring sentences of one paragraph into one passage, best score kept."""
        merged: list[Hit] = []
        for hit in hits:
            index = hit.passage.sentences[0]
            for j, other in enumerate(merged):
                ends = other.passage.sentences
                neighbour = index == ends[-1] + 1 or index == ends[0] - 1
                if neighbour and self.sentences[index].paragraph == self.sentences[ends[0]].paragraph:
                    passage = self._passage([*ends, index])
                    merged[j] = Hit(
                        passage,
                        max(other.score, hit.score),
                        max(other.semantic, hit.semantic),
                        max(other.word_share, hit.word_share),
                        other.anchor if other.score >= hit.score else hit.anchor,
                        max(other.phrase, hit.phrase),
                    )
                    break
            else:
                merged.append(hit)
        return merged

    def answer_type_at(self, i: int, question: Question) -> list[Entity]:
        """The entities of sentence `i` of the kind the question asks for (`Question.fits`), the labels it
        prefers first (a person for "who co-chairs")."""
        if not question.kind:
            return []
        if not self.has_entities:  # labels without offsets (no entity table): the label alone decides
            return [Entity(label, 0, 0, "") for label in sorted(self.labels[i] & question.kind)]
        fitting = [e for e in self.entities[i] if question.fits(e.label, e.text, self._word_before(e.start))]
        if "ORDINAL" in question.kind:  # a place in a race, not "his 66th birthday" or "first diagnosed"
            fitting = [e for e in fitting if e.label != "ORDINAL" or self._ranks(e)]
            written = [e for e in self.entities[i] if e.label != "ORDINAL" and _ORDINAL.match(e.text)]
            fitting += [e for e in written if self._ranks(e)]
        if question.named_thing:  # the name (or measure) of the thing asked about: next to it, or "called X"
            fitting = [e for e in fitting if self.names_thing(e, question.named_thing)]
        preferred = question.preferred
        rank = {label: n for n, label in enumerate(preferred)}
        kind = question.type_noun  # "which team": "the Van Amersfoort Racing team" before "the ADAC series"
        return sorted(
            fitting, key=lambda e: (not (kind and self.names_thing(e, kind)), rank.get(e.label, len(preferred)))
        )

    def _ranks(self, entity: Entity) -> bool:
        """Whether an ordinal is a place in a ranking: the parse hangs it on "finish", "come", "place", "rank"
        ("finishing 17th", "took first place"), not on another word ("66th birthday", "first diagnosed")."""
        if self.parsed is None:
            return True
        found = self.parsed.char_span(entity.start, entity.end, alignment_mode="expand")
        return found is not None and found.root.head.lemma_.lower() in _RANK_HEADS

    def names_thing(self, entity: Entity, thing: str) -> bool:
        """Whether an entity stands next to the thing (its stem) it would name: "his sailboat, the Angel"."""
        before = [w for w in self.text[max(0, entity.start - NAME_REACH) : entity.start].split() if
                  w.lower() not in ("the", "a", "an")][-1:]  # fmt: skip
        after = self.text[entity.end : entity.end + NAME_REACH].split()[:1]
        # A quote closing between them parts a speaker from the words they said ('... into the boat," Jordan said')
        before = [w for w in before if not _CLOSES_QUOTE.search(w)]
        after = [w for w in after if not _OPENS_QUOTE.match(w)]
        words = [w.strip(",.;:'’\"“”()").lower() for w in [*before, *after, *entity.text.split()]]
        near = stems([_TITLES.get(w, w) for w in words])
        named = any(re.fullmatch(r"named|called|dubbed|(?:en)?titled", w.lower()) for w in before)  # "entitled X"
        return thing in near or named or self._head_noun(entity) == thing

    def _head_noun(self, entity: Entity) -> str:
        """The stem of the noun an entity modifies in the parse ("the Dutch Van Amersfoort Racing team": team)."""
        if self.parsed is None:
            return ""
        found = self.parsed.char_span(entity.start, entity.end, alignment_mode="expand")
        head = found.root.head if found is not None else None
        return stem(head.lower_) if head is not None and head.pos_ == "NOUN" else ""

    def _word_before(self, at: int) -> str:
        words = self.text[max(0, at - 20) : at].split()
        return words[-1] if words else ""

    def sentences_overlapping(self, start: int, end: int) -> list[int]:
        return [s.index for s in self.sentences if s.start < end and start < s.end]

    def parsed_sentence(self, i: int):
        """Sentence `i` as spaCy tokens: its span of the source's parse, or the sentence parsed alone."""
        sentence = self.sentences[i]
        if self.parsed is not None:
            span = self.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                return span
        return parse(sentence.text)


def _headline(sentences: list[Sentence]) -> int | None:
    """The index of the article's headline (0) when its first line is a short paragraph of its own, else None."""
    if len(sentences) < HEADLINE_MIN_SENTENCES or len(sentences[0].text.split()) > HEADLINE_WORDS:
        return None
    return 0 if sentences[1].paragraph != sentences[0].paragraph else None


def _open_quote(text: str, following: str) -> bool:
    """Whether a passage ends inside a quote that goes on into the following sentence: a “ or " opened and not
    closed, or a single quote mark opened and not closed that the following sentence closes ("'We don't have
    guns." / "but we thought somebody might need help,' he said."; captions' stray marks never run on)."""
    if text.count("“") > text.count("”") or text.count('"') % 2 == 1:
        return True
    unclosed = len(_SINGLE_OPENS.findall(text)) > len(_SINGLE_CLOSES.findall(text))
    return unclosed and bool(_SINGLE_CLOSES.search(following)) and not _SINGLE_OPENS.search(following)


# Single quote marks as quotes, not apostrophes ("don't", "Jones'"): one opens before a word, one closes after
# a word or its punctuation and before a space or the end.
_SINGLE_OPENS = re.compile(r"(?:^|(?<=\s))[‘'](?=\w)")
_SINGLE_CLOSES = re.compile(r"(?<=[\w.,!?])[’'](?=\s|$)")


def sentence_entities(parsed, sentences: list[Sentence]) -> list[tuple[Entity, ...]]:
    """The named entities of each sentence of a spaCy parse."""
    found: list[list[Entity]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for ent in parsed.ents:
        i = bisect.bisect_right(starts, ent.start_char) - 1
        if 0 <= i < len(sentences) and ent.start_char < sentences[i].end:
            found[i].append(Entity(ent.label_, ent.start_char, ent.end_char, ent.text))
    return [tuple(x) for x in found]


def people_entities(
    text: str, sentences: list[Sentence], entities: list[tuple[Entity, ...]], names: Iterable[str]
) -> list[tuple[Entity, ...]]:
    """The entities with the people the attribution code found added where the tagger missed them
    ("Councillor Priya Nair, one of the two members who voted against"): each name, as written, is a PERSON."""
    added: list[list[Entity]] = [list(found) for found in entities]
    for name in {n for n in names if n.strip()}:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            for i in range(len(sentences)):
                inside = sentences[i].start <= match.start() < sentences[i].end
                if inside and not any(e.start <= match.start() < e.end and e.label == "PERSON" for e in added[i]):
                    added[i].append(Entity("PERSON", match.start(), match.end(), name))
    return [tuple(sorted(found, key=lambda e: e.start)) for found in added]


def sentence_labels(parsed, sentences: list[Sentence], people_at: Iterable[int] = ()) -> list[frozenset[str]]:
    """The named-entity labels in each sentence of a spaCy parse; `people_at` are character offsets where
    the attribution code found a person the tagger missed ("said Mayor Ana Ruiz"), labelled PERSON."""
    labels: list[set[str]] = [set() for _ in sentences]
    starts = [s.start for s in sentences]
    found = [(ent.start_char, ent.label_) for ent in parsed.ents] + [(at, "PERSON") for at in people_at]
    for at, label in found:
        i = bisect.bisect_right(starts, at) - 1
        if 0 <= i < len(sentences) and at < sentences[i].end:
            labels[i].add(label)
    return [frozenset(x) for x in labels]
