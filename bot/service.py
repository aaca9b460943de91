"""The Briefer: the one service behind the command line and the Discord bot.

It owns the order of every job (read → analyse → generate → verify → store) and the long-lived pieces: the
settings, the store, and the model (the embedded engine, or a model server's client). Adapters call it and
render what it returns. Its coroutines run every store call in a worker thread, so an event loop never waits
on the database (a SQLite file or a PostgreSQL server); its plain methods (`get_source`, `sources`, ...)
block, for callers off the loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from bot.analysis.nlp import Sentence, parse, sentences_of
from bot.analysis.retrieval import PassageIndex, people_entities, sentence_entities, sentence_labels
from bot.analysis.silent import who_speaks
from bot.analysis.titles import with_titles
from bot.config import Settings
from bot.jobs.answers import HISTORY_TURNS, AnswerWriter
from bot.jobs.briefing import BriefingWriter
from bot.llm.backends import make_model
from bot.llm.model import LanguageModel
from bot.models import Answer, BriefbotError, Briefing, Document, Expert
from bot.people import PersonReport, Place, SideBySide, WholeStore, people_of
from bot.recall import Recall
from bot.sources.reader import read_bytes, read_source
from bot.store import Store

ProgressCallback = Callable[[str], None]
PartialCallback = Callable[["BriefResult"], None]


@dataclass
class DocumentAnalysis:
    """A document read by code: its parse and sentences, and (once asked for) its experts and passage index."""

    parsed: object
    sentences: list[Sentence]
    attribution: object | None = None  # who said what (bot.analysis.attribution.Analysis), run once
    experts: list[Expert] | None = None
    speakers: list[Expert] | None = None  # the experts with all their evidence, for finding passages
    passages: PassageIndex | None = None


@dataclass
class BriefResult:
    document: Document
    briefing: Briefing
    experts: list[Expert] | None


class Briefer:
    """Reads sources, writes briefings and positions, answers questions; thread- and asyncio-friendly."""

    def __init__(
        self,
        settings: Settings,
        *,
        engine: LanguageModel | None = None,
        store: Store | None = None,
        progress: bool = True,
    ) -> None:
        self.settings = settings
        self._engine = engine
        self._store = store
        self._progress = progress
        self._analyses: OrderedDict[str, DocumentAnalysis] = OrderedDict()
        self._lock = threading.Lock()

    # -- long-lived pieces, created on first use ---------------------------------------------------
    @property
    def engine(self) -> LanguageModel:
        """The model every job uses: the embedded engine or a model server's client (`model.backend`)."""
        with self._lock:
            if self._engine is None:
                self._engine = make_model(self.settings.model, progress=self._progress)
            return self._engine

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                storage = self.settings.storage
                self._store = Store(storage.url or storage.path)
            return self._store

    def stop(self) -> None:
        """Stop the model's work now (the running generation and every queued one fail with
        GenerationCancelled); `close` then waits for it and closes the store."""
        if self._engine is not None:
            self._engine.stop()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        if self._store is not None:
            self._store.close()

    # -- reading --------------------------------------------------------------------------------------
    async def read(self, source: str) -> Document:
        """Fetch or open a source, clean it, and store it (the same text or URL keeps its id)."""
        doc = await read_source(source, self.settings)
        return await asyncio.to_thread(self.store.save_source, doc)

    async def remember(self, doc: Document) -> Document:
        """Store a document that an adapter built itself (pasted text)."""
        return await asyncio.to_thread(self.store.save_source, doc)

    async def read_upload(self, name: str, data: bytes) -> Document:
        """Read an uploaded file (a Discord attachment; its name's suffix says how) and store it."""
        doc = await read_bytes(data, name, self.settings)
        return await asyncio.to_thread(self.store.save_source, doc)

    def get_source(self, source_id: str) -> Document:
        """A stored source by id, or by an unambiguous prefix of one."""
        doc = self.store.get_source(source_id)
        if doc is not None:
            return doc
        matches = self.store.find_sources(source_id) if len(source_id) >= 4 else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise BriefbotError(f"source id '{source_id}' is ambiguous ({len(matches)} sources start with it)")
        raise BriefbotError(f"no stored source with id '{source_id}' (see `briefbot sources`)")

    def sources(self, limit: int = 50) -> list[Document]:
        return self.store.list_sources(limit)

    def sources_by_id(self, source_ids: list[str]) -> list[Document]:
        """The stored sources with these ids, in that order (an id no longer stored is left out)."""
        return self.store.get_sources(source_ids)

    async def analyse(self, doc: Document) -> DocumentAnalysis:
        """Parse once per text; later jobs on the same document reuse the parse."""
        with self._lock:
            cached = self._analyses.get(doc.hash)
            if cached is not None:
                self._analyses.move_to_end(doc.hash)
                return cached
        parsed = await asyncio.to_thread(parse, doc.text)
        analysis = DocumentAnalysis(parsed, sentences_of(parsed))
        with self._lock:
            self._analyses[doc.hash] = analysis
            while len(self._analyses) > 32:
                self._analyses.popitem(last=False)
        return analysis

    def forget_analyses(self) -> None:
        """Drop cached parses, experts and passage indexes (benchmarks time a job from scratch)."""
        with self._lock:
            self._analyses.clear()

    # -- jobs -----------------------------------------------------------------------------------------
    async def brief(
        self,
        doc: Document,
        *,
        length: int | None = None,
        tone: str | None = None,
        with_experts: bool = True,
        progress: ProgressCallback | None = None,
        on_partial: PartialCallback | None = None,
    ) -> BriefResult:
        """The briefing (and, unless told not to, the experts with their positions) for a read document.

        `progress` hears each stage as it starts ("reading", "writing the briefing", ...); `on_partial` gets
        the result so far whenever a piece is ready (the verified briefing first, then the experts found,
        then their positions), so an adapter can show work as it lands. Both are called on the event loop.
        """
        length = length or self.settings.briefing.length
        tone = tone or self.settings.briefing.tone
        _say(progress, "reading")
        analysis = await self.analyse(doc)
        _say(progress, "writing the briefing")
        briefing = await BriefingWriter(self.engine).write(doc, analysis.sentences, length, tone)
        if on_partial is not None:
            on_partial(BriefResult(doc, briefing, None))
        experts = None
        await asyncio.to_thread(self._keep_source, doc)
        if with_experts:
            experts = await self.experts(
                doc,
                positions=True,
                tone=tone,
                progress=progress,
                on_found=None if on_partial is None else lambda found: on_partial(BriefResult(doc, briefing, found)),
            )
        await asyncio.to_thread(
            self.store.save_briefing,
            doc.id,
            self.engine.label,
            length,
            tone,
            briefing.text,
            None if experts is None else [e.to_json(doc.text) for e in experts],
        )
        return BriefResult(doc, briefing, experts)

    @staticmethod
    def _find_experts(analysis: DocumentAnalysis, settings, unnamed: bool = False) -> list[Expert]:
        """Experts under `settings`, from the document's attribution pass (run on first use, then kept); with
        `unnamed`, the people only a pronoun or a bare surname credits too (`find_experts`)."""
        from bot.analysis.attribution import analyse
        from bot.analysis.experts import find_experts

        if analysis.attribution is None:
            analysis.attribution = analyse(analysis.parsed)
        return find_experts(analysis.parsed, settings, analysis.attribution, unnamed=unnamed)

    async def experts(
        self,
        doc: Document,
        *,
        positions: bool = True,
        tone: str | None = None,
        progress: ProgressCallback | None = None,
        on_found: Callable[[list[Expert]], None] | None = None,
    ) -> list[Expert]:
        """Who the document quotes or paraphrases; with `positions`, the model sums up each one's view."""
        _say(progress, "finding who is quoted")
        analysis = await self.analyse(doc)
        if analysis.experts is None:
            analysis.experts = await asyncio.to_thread(self._find_experts, analysis, self.settings.experts)
        # Hand out copies: the found ones stay as they are, cached for the next job.
        found = [dataclasses.replace(e, evidence=list(e.evidence)) for e in analysis.experts]
        if on_found is not None:
            on_found(found)
        if positions and found:
            from bot.jobs.positions import PositionWriter

            _say(progress, "writing positions")
            found = await PositionWriter(self.engine).write(doc, found, tone or self.settings.briefing.tone)
        await asyncio.to_thread(self._keep_experts, doc, found)
        return found

    async def ask(self, source_id: str, question: str, conversation: str | None = None) -> Answer:
        """Answer a question about one stored source from that source, remembering the conversation.

        `conversation` names the thread of questions (a Discord reply chain, a CLI session); earlier turns
        resolve follow-ups like "and what did he say next?". The turn is stored, so it survives restarts.
        """
        question = " ".join(question.split())
        if not question:
            raise BriefbotError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise BriefbotError(f"the question is too long (at most {MAX_QUESTION_CHARS} characters)")
        doc = await asyncio.to_thread(self.get_source, source_id)
        key = conversation or f"default:{doc.id}"
        history = await asyncio.to_thread(self._history, key, doc.id)
        analysis = await self.analyse(doc)
        if analysis.speakers is None:
            every_passage = dataclasses.replace(self.settings.experts, max_evidence=ALL_EVIDENCE)
            analysis.speakers = await asyncio.to_thread(self._find_experts, analysis, every_passage, True)
        if analysis.passages is None:
            embeddings = await self.engine.embed_async([s.text for s in analysis.sentences])
            speaking = [span.start for expert in analysis.speakers for span in expert.evidence]
            labels = sentence_labels(analysis.parsed, analysis.sentences, speaking)
            entities = people_entities(
                doc.text,
                analysis.sentences,
                with_titles(doc.text, analysis.sentences, sentence_entities(analysis.parsed, analysis.sentences)),
                [expert.name for expert in analysis.speakers],
            )
            analysis.passages = PassageIndex(
                doc.text, analysis.sentences, embeddings, labels, entities, analysis.parsed
            )
        answer = await AnswerWriter(self.engine).answer(
            doc.id, analysis.passages, question, history, analysis.speakers, self.settings.briefing.tone,
            who_speaks(analysis.attribution),
        )
        await asyncio.to_thread(self.store.add_turn, key, answer)
        return answer

    # -- people across sources -------------------------------------------------------------------------
    async def who(self, name: str, place: Place | None = None, *, positions: bool = True) -> PersonReport:
        """One person across the place's sources (default: the whole store), newest first: their role,
        position and a verbatim quote in each, and, when several quote them, a checked comparison line.

        A position never written (experts found with `--no-positions`) is written first, unless `positions`
        is false (then there are no positions to show or compare, and the model is never loaded).
        """
        return await Recall(self).who(name, place or WholeStore(), positions=positions)

    async def people(self, place: Place | None = None) -> list[str]:
        """The labels of the people the place has seen quoted, those seen most first (for autocompletion)."""
        rows = await Recall(self).place_experts(place or WholeStore(), find_missing=False)
        return [person.label for person in people_of(rows)]

    async def compare(self, first: str, second: str, place: Place | None = None) -> SideBySide:
        """Two of the place's sources side by side: each one's thesis (briefing it if it never was), the people
        quoted in both with their two positions and evidence, and those quoted in one only."""
        return await Recall(self).compare(first, second, place or WholeStore())

    async def forget(self, source_id: str, place: Place) -> Document:
        """Remove a source from a place: the place lets go of it, and when no other place still holds it the
        source goes from the store with its briefings, experts and conversations."""
        doc = await Recall(self).forget(source_id, place)
        with self._lock:
            self._analyses.pop(doc.hash, None)
        return doc

    def _keep_experts(self, doc: Document, experts: list[Expert]) -> None:
        self._keep_source(doc)
        self.store.save_experts(doc.id, [expert.to_json(doc.text) for expert in experts])

    def _keep_source(self, doc: Document) -> None:
        """Store a document briefed without being read through the Briefer (a benchmark's, a test's)."""
        if self.store.get_source(doc.id) is None:
            self.store.save_source(doc)

    def _history(self, conversation: str, source_id: str) -> list[Answer]:
        """The latest turns of a conversation about this source; an error if it is about another one."""
        earlier_source = self.store.conversation_source(conversation)
        if earlier_source is not None and earlier_source != source_id:
            raise BriefbotError(f"conversation '{conversation}' is about another source ({earlier_source})")
        return self.store.turns(conversation, limit=HISTORY_TURNS)


MAX_QUESTION_CHARS = 500
ALL_EVIDENCE = 1000


def _say(progress: ProgressCallback | None, stage: str) -> None:
    if progress is not None:
        progress(stage)
