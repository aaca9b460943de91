"""The Briefer's work for `who`, `compare` and `forget`: what a place recalls of people and sources.

It reads the place's stored experts (finding, once and without the model, those of sources stored before
experts were kept), lets the identity rules say who is who (bot.people), writes what is missing with the jobs
— a position never written (`experts --no-positions`), a briefing for a source never briefed — stores it, and
asks the model for nothing else than a person's comparison line, which is checked (bot.jobs.comparison).
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from bot.config import Settings
from bot.jobs.comparison import ComparisonWriter
from bot.llm.model import LanguageModel
from bot.models import BriefbotError, Document, Expert, Span
from bot.people import (
    Appearance,
    PersonReport,
    Place,
    SideBySide,
    SourceSide,
    appearances_of,
    find_person,
    side_by_side,
    thesis_of,
    with_position,
)
from bot.store import Store


class Jobs(Protocol):
    """What recalling needs of the Briefer: its pieces, and its two jobs that store what they find."""

    settings: Settings
    store: Store
    engine: LanguageModel

    def get_source(self, source_id: str) -> Document: ...

    async def experts(self, doc: Document, *, positions: bool = True) -> list[Expert]: ...

    async def brief(self, doc: Document) -> object: ...


class Recall:
    """One request's recalling, over the Briefer's store, engine and jobs."""

    def __init__(self, jobs: Jobs) -> None:
        self.jobs = jobs
        self.store = jobs.store

    async def place_experts(self, place: Place, *, find_missing: bool = True) -> list[dict]:
        """The stored experts of the place's sources; with `find_missing`, those never found are found first."""
        ids = await place.source_ids()
        if find_missing:
            for source_id in await asyncio.to_thread(self.store.without_experts, ids):
                doc = await asyncio.to_thread(self.jobs.get_source, source_id)
                await self.jobs.experts(doc, positions=False)
        return await asyncio.to_thread(self.store.experts_of, ids)

    async def who(self, typed: str, place: Place, *, positions: bool) -> PersonReport:
        rows = await self.place_experts(place)
        person, see_also = find_person(typed, rows, place.label)
        source_ids = sorted({rows[i]["source_id"] for i in person.members})
        docs = await asyncio.to_thread(self.store.get_sources, source_ids)
        found = appearances_of(person, rows, docs)
        if not positions:
            return PersonReport(person, tuple(found), None, see_also)
        found = [await self._with_position(appearance) for appearance in found]
        oldest_first = [a.position for a in reversed(found) if a.position]
        tone = self.jobs.settings.briefing.tone
        comparison = await ComparisonWriter(self.jobs.engine).write(person.name, oldest_first, tone)
        return PersonReport(person, tuple(found), comparison, see_also)

    async def compare(self, first: str, second: str, place: Place) -> SideBySide:
        ids = await place.source_ids()
        docs = [await asyncio.to_thread(self.source_in, typed, ids, place.label) for typed in (first, second)]
        if docs[0].id == docs[1].id:
            raise BriefbotError("give two different sources to compare")
        sides = [await self._side(doc) for doc in docs]
        return side_by_side(sides[0], sides[1], await self.place_experts(place))

    async def forget(self, typed: str, place: Place) -> Document:
        doc = await asyncio.to_thread(self.source_in, typed, await place.source_ids(), place.label)
        if not await place.release(doc.id):
            await asyncio.to_thread(self.store.delete_source, doc.id)
        return doc

    def source_in(self, typed: str, ids: list[str] | None, place_label: str) -> Document:
        """A source of the place by id or an unambiguous start of one (any stored source when `ids` is None)."""
        if ids is None:
            return self.jobs.get_source(typed)
        typed = typed.strip().lower()
        matches = [i for i in ids if i == typed] or [i for i in ids if typed and i.startswith(typed)]
        if len(matches) != 1:
            many = "several sources" if matches else "no source"
            raise BriefbotError(f"{many} in {place_label} {'start' if matches else 'starts'} with '{typed}'")
        return self.jobs.get_source(matches[0])

    async def _side(self, doc: Document) -> SourceSide:
        """A source's thesis, briefing it first when it never was; its experts' positions written if missing."""
        briefing = await asyncio.to_thread(self.store.latest_briefing, doc.id)
        if briefing is None:
            await self.jobs.brief(doc)  # stores the briefing, and the experts with their positions
            briefing = await asyncio.to_thread(self.store.latest_briefing, doc.id)
        else:
            rows = await asyncio.to_thread(self.store.experts_of, [doc.id])
            missing = await asyncio.to_thread(self.store.without_experts, [doc.id])
            if missing or any(row["position"] is None for row in rows):
                await self.jobs.experts(doc, positions=True)
        return SourceSide(doc, thesis_of(briefing))

    async def _with_position(self, appearance: Appearance) -> Appearance:
        """The appearance with its position, written (and stored) when it never was."""
        if appearance.position:
            return appearance
        from bot.jobs.positions import PositionWriter

        doc = appearance.source
        spans = [Span(start, start + len(e)) for e in appearance.evidence if (start := doc.text.find(e)) >= 0]
        if not spans:
            return appearance
        expert = Expert(appearance.name, appearance.role, spans)
        (written,) = await PositionWriter(self.jobs.engine).write(doc, [expert], self.jobs.settings.briefing.tone)
        if not written.position:
            return appearance
        await asyncio.to_thread(self.store.set_position, doc.id, appearance.name, written.position)
        return with_position(appearance, written.position)
