"""What a place has read about people: one person across its sources (`who`), two sources side by side
(`compare`), and the place itself (`Place`: which stored sources its memory holds, and letting one go).

Everything here is assembled by code from the store's rows: each source's experts as found (names, roles,
verbatim evidence) and the positions and briefings written and checked for that source. Who is who comes
from the identity rules (bot.analysis.identities). The only model text added here is a person's comparison
line, which bot.jobs.comparison checks; the Briefer (bot/service.py) runs the jobs and stores what they write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.analysis.identities import Identity, Sighting, identities, resolve
from bot.analysis.lexicon import DOUBLE_QUOTES
from bot.llm.stops import first_sentence_end
from bot.models import BriefbotError, Document


class Place(Protocol):
    """Where memory is asked about: the CLI's whole store, a Discord channel or server."""

    label: str  # how messages name it: "the store", "this channel", "this server"

    async def source_ids(self) -> list[str] | None:
        """The ids of the stored sources this place has seen; None for every stored source."""

    async def release(self, source_id: str) -> bool:
        """Drop this place's own hold on a source (its posts of it); whether another place still holds it."""


class WholeStore:
    """The command line's place: every source in the store, held by nothing else."""

    label = "the store"

    async def source_ids(self) -> list[str] | None:
        return None

    async def release(self, source_id: str) -> bool:
        return False


@dataclass(frozen=True)
class Appearance:
    """One source quoting a person: how it names them, their role and position there, their own words."""

    source: Document
    name: str
    role: str | None
    position: str | None
    evidence: tuple[str, ...]

    @property
    def date(self) -> str:
        """When the source was published, or else when it was stored (YYYY-MM-DD)."""
        return self.source.published or (self.source.added or "")[:10]

    @property
    def quote(self) -> str | None:
        """One verbatim passage: the first the position does not already quote, preferring the person's own
        words in quote marks, then any not naming them (a reported clause), then any."""
        said = " ".join((self.position or "").split())
        surname = self.name.split()[-1].lower() if self.name.split() else ""
        fresh = [e for e in self.evidence if " ".join(e.split())[:60] not in said]
        own = [e for e in fresh if surname not in e.lower()]
        quoted = [e for e in own if _in_quote_marks(self.source.text, e)]
        return next(iter(quoted or own or fresh or self.evidence), None)

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "position": self.position, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class PersonReport:
    """One person across a place's sources, newest first, with a checked comparison line (or None)."""

    person: Identity
    appearances: tuple[Appearance, ...]
    comparison: str | None = None
    see_also: tuple[str, ...] = ()  # the labels of others the typed name fits too

    def to_json(self) -> dict:
        return {
            "name": self.person.name,
            "label": self.person.label,
            "also_named": [name for name in self.person.names if name != self.person.name],
            "sources": [
                {"source": a.source.meta(), "date": a.date, "role": a.role, "position": a.position, "quote": a.quote}
                for a in self.appearances
            ],
            "comparison": self.comparison,
            "see_also": list(self.see_also),
        }


@dataclass(frozen=True)
class SourceSide:
    source: Document
    thesis: str | None  # the first sentence of its briefing


@dataclass(frozen=True)
class Pairing:
    """A person both sources quote, as each has them."""

    name: str
    first: Appearance
    second: Appearance


@dataclass(frozen=True)
class SideBySide:
    """Two sources: their theses, the people quoted in both and in one only."""

    first: SourceSide
    second: SourceSide
    in_both: tuple[Pairing, ...]
    only_first: tuple[Appearance, ...]
    only_second: tuple[Appearance, ...]

    def to_json(self) -> dict:
        return {
            "sources": [{"source": side.source.meta(), "thesis": side.thesis} for side in (self.first, self.second)],
            "in_both": [
                {"name": pair.name, "first": pair.first.to_json(), "second": pair.second.to_json()}
                for pair in self.in_both
            ],
            "only_first": [a.to_json() for a in self.only_first],
            "only_second": [a.to_json() for a in self.only_second],
        }


# -- building them from the store's rows -----------------------------------------------------------------
def people_of(rows: Sequence[dict]) -> list[Identity]:
    """The people of a place, from its stored experts (`Store.experts_of` rows)."""
    return identities([Sighting(row["name"], row["role"]) for row in rows])


def find_person(typed: str, rows: Sequence[dict], place_label: str) -> tuple[Identity, tuple[str, ...]]:
    """The person a typed name means among a place's experts, with the labels of others it fits; a
    BriefbotError naming the candidates when it could mean several, or saying nobody is called that."""
    typed = " ".join(typed.split())
    if not typed:
        raise BriefbotError("give a name")
    found = resolve(typed, people_of(rows))
    others = sorted(c.label for c in found.candidates)
    if found.person is not None:
        return found.person, tuple(others)
    if others:
        labels = "; ".join(others[:10])
        raise BriefbotError(f"'{typed}' could be several people in {place_label}: {labels}")
    raise BriefbotError(f"nobody called '{typed}' is quoted in {place_label}")


def appearances_of(person: Identity, rows: Sequence[dict], docs: Sequence[Document]) -> list[Appearance]:
    """The person's appearance in each source, newest first (one per source: the first the source lists)."""
    by_id = {doc.id: doc for doc in docs}
    seen: dict[str, Appearance] = {}
    for index in person.members:
        row = rows[index]
        if row["source_id"] in by_id and row["source_id"] not in seen:
            seen[row["source_id"]] = _appearance(row, by_id[row["source_id"]])
    return sorted(seen.values(), key=lambda a: (a.date, a.source.added or "", a.source.id), reverse=True)


def side_by_side(first: SourceSide, second: SourceSide, rows: Sequence[dict]) -> SideBySide:
    """Two sources' people: who is in both (by the identity rules over all of `rows`, the place's experts) and
    who in one only, each in the order the first (else the second) source lists them."""
    ids = (first.source.id, second.source.id)
    in_both: list[tuple[int, Pairing]] = []
    only: dict[str, list[tuple[int, Appearance]]] = {ids[0]: [], ids[1]: []}
    for person in people_of(rows):
        listed = {}  # source id -> where the source lists the person first
        for index in person.members:
            listed.setdefault(rows[index]["source_id"], index)
        here = [source_id for source_id in ids if source_id in listed]
        docs = {first.source.id: first.source, second.source.id: second.source}
        appearances = {source_id: _appearance(rows[listed[source_id]], docs[source_id]) for source_id in here}
        if len(here) == 2:
            in_both.append((listed[ids[0]], Pairing(person.label, appearances[ids[0]], appearances[ids[1]])))
        elif here:
            only[here[0]].append((listed[here[0]], appearances[here[0]]))
    return SideBySide(first, second, _in_order(in_both), _in_order(only[ids[0]]), _in_order(only[ids[1]]))


def _in_order(items: list[tuple[int, object]]) -> tuple:
    return tuple(item for _, item in sorted(items, key=lambda pair: pair[0]))


def thesis_of(briefing: str | None) -> str | None:
    """A briefing's first sentence (every sentence of a briefing was checked when it was written)."""
    if not briefing:
        return None
    end = first_sentence_end(briefing)
    return briefing[:end].strip() if end is not None else briefing.strip()


def with_position(appearance: Appearance, position: str) -> Appearance:
    return replace(appearance, position=position)


def _in_quote_marks(text: str, passage: str) -> bool:
    start = text.find(passage)
    return start > 0 and text[start - 1] in DOUBLE_QUOTES


def _appearance(row: dict, doc: Document) -> Appearance:
    return Appearance(doc, row["name"], row["role"], row["position"], tuple(row["evidence"]))
