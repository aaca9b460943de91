"""who, compare and forget through the Briefer, on three articles of our own (tests/fixtures/people), with the
model a scripted double: who is who, newest first, verbatim quotes, missing positions written and kept, the
comparison line checked or left out, theses, place isolation, and forgetting."""

from __future__ import annotations

import asyncio

import pytest

from bot.models import BriefbotError
from bot.service import Briefer
from tests.people_articles import read_all, scripted_engine

GOOD = "Helen Okafor consistently says the charge could cut traffic in the old town"
INVENTED = "Helen Okafor now agrees with Mayor Ruiz that the charge is unfair"


class Channel:
    """A place holding some sources (a Discord channel's, say)."""

    label = "this channel"

    def __init__(self, *source_ids: str, elsewhere: bool = False) -> None:
        self.ids = list(source_ids)
        self.elsewhere = elsewhere
        self.released: list[str] = []

    async def source_ids(self) -> list[str]:
        return self.ids

    async def release(self, source_id: str) -> bool:
        self.released.append(source_id)
        self.ids.remove(source_id)
        return self.elsewhere


@pytest.fixture
def make_briefer(write_config):
    made: list[Briefer] = []

    def make(comparisons: dict[str, str] | None = None) -> Briefer:
        briefer = Briefer(write_config({}), engine=scripted_engine(comparisons), progress=False)
        made.append(briefer)
        return briefer

    yield make
    for briefer in made:
        briefer.close()


def test_who_lists_every_source_quoting_the_person_newest_first_with_verbatim_quotes(make_briefer):
    briefer = make_briefer()
    proposed, shops, vote = asyncio.run(read_all(briefer))
    report = asyncio.run(briefer.who("Okafor", positions=False))
    assert report.person.name == "Helen Okafor" and report.person.names == ("Helen Okafor", "Helen M. Okafor")
    assert [a.source.id for a in report.appearances] == [vote.id, shops.id, proposed.id]
    assert [a.date for a in report.appearances] == ["2026-03-16", "2026-03-09", "2026-03-02"]
    assert {a.role for a in report.appearances} == {"transport economist at Northfield University"}
    texts = {proposed.id: proposed.text, shops.id: shops.text, vote.id: vote.text}
    for appearance in report.appearances:
        assert appearance.quote in texts[appearance.source.id]
        assert "Okafor" not in appearance.quote  # her own words, not a sentence about her
    assert (report.comparison, report.appearances[0].position) == (None, None)
    assert report.to_json()["also_named"] == ["Helen M. Okafor"]
    assert set(report.to_json()["sources"][0]) == {"source", "date", "role", "position", "quote"}


def test_who_writes_missing_positions_keeps_them_and_adds_a_checked_comparison(make_briefer):
    briefer = make_briefer({"Helen Okafor": GOOD})
    asyncio.run(read_all(briefer))
    report = asyncio.run(briefer.who("Helen Okafor"))
    assert all(a.position for a in report.appearances)  # the evidence's own words: the double's positions fail
    assert report.comparison == GOOD + "."
    kept = [row["position"] for row in briefer.store.experts_of() if row["name"].startswith("Helen")]
    assert sorted(kept) == sorted(a.position for a in report.appearances)


def test_a_comparison_that_brings_in_what_the_positions_lack_is_left_out(make_briefer):
    briefer = make_briefer({"Helen Okafor": INVENTED})
    asyncio.run(read_all(briefer))
    assert asyncio.run(briefer.who("Helen Okafor")).comparison is None


def test_two_smiths_a_bare_smith_and_two_tom_beckers(make_briefer):
    briefer = make_briefer()
    asyncio.run(read_all(briefer))
    smith = asyncio.run(briefer.who("Smith", positions=False))
    assert (smith.person.label, smith.see_also) == ("Smith", ("Daniel Smith", "Maria Smith"))
    assert len(asyncio.run(briefer.who("Daniel Smith", positions=False)).appearances) == 2
    with pytest.raises(BriefbotError) as refused:
        asyncio.run(briefer.who("Tom Becker", positions=False))
    assert str(refused.value) == (
        "'Tom Becker' could be several people in the store: Tom Becker (chair of the Riverside Residents' "
        "Association); Tom Becker (driver for Harbour Freight Lines)"
    )
    with pytest.raises(BriefbotError, match="nobody called 'Ana Lopez' is quoted in the store"):
        asyncio.run(briefer.who("Ana Lopez", positions=False))


def test_a_place_sees_only_its_own_sources_people(make_briefer):
    briefer = make_briefer()
    proposed, shops, _vote = asyncio.run(read_all(briefer))
    channel = Channel(proposed.id)
    assert asyncio.run(briefer.people(channel)) == ["Ana Ruiz", "Helen Okafor", "Daniel Smith", "Tom Becker"]
    with pytest.raises(BriefbotError, match="nobody called 'Maria Smith' is quoted in this channel"):
        asyncio.run(briefer.who("Maria Smith", channel, positions=False))
    assert len(asyncio.run(briefer.who("Okafor", channel, positions=False)).appearances) == 1
    with pytest.raises(BriefbotError, match=f"no source in this channel starts with '{shops.id}'"):
        asyncio.run(briefer.compare(proposed.id, shops.id, channel))


def test_compare_puts_theses_and_people_side_by_side_briefing_what_never_was(make_briefer):
    briefer = make_briefer()
    proposed, shops, _vote = asyncio.run(read_all(briefer))
    compared = asyncio.run(briefer.compare(proposed.id[:6], shops.id))
    assert compared.first.thesis.startswith("Riverton's city council on Monday proposed a daily charge of $8")
    assert compared.second.thesis.startswith("Shop owners packed a consultation meeting")
    assert [p.name for p in compared.in_both] == ["Helen Okafor", "Daniel Smith"]
    pair = compared.in_both[0]
    assert pair.first.source.id == proposed.id and pair.second.source.id == shops.id
    assert pair.first.position and pair.second.position
    assert all(e in proposed.text for e in pair.first.evidence) and all(e in shops.text for e in pair.second.evidence)
    assert [a.name for a in compared.only_first] == ["Ana Ruiz", "Tom Becker"]
    assert [a.name for a in compared.only_second] == ["Maria Smith", "Priya Nair"]
    shape = compared.to_json()
    assert set(shape) == {"sources", "in_both", "only_first", "only_second"}
    assert set(shape["in_both"][0]["first"]) == {"name", "role", "position", "evidence"}
    with pytest.raises(BriefbotError, match="two different sources"):
        asyncio.run(briefer.compare(proposed.id, proposed.id))


def test_forget_removes_a_source_only_when_no_other_place_holds_it(make_briefer):
    briefer = make_briefer()
    proposed, shops, _vote = asyncio.run(read_all(briefer))
    shared = Channel(proposed.id, shops.id, elsewhere=True)
    assert asyncio.run(briefer.forget(proposed.id, shared)).id == proposed.id
    assert shared.released == [proposed.id]
    assert briefer.store.get_source(proposed.id) is not None  # another place still holds it
    alone = Channel(shops.id)
    asyncio.run(briefer.forget(shops.id[:5], alone))
    assert briefer.store.get_source(shops.id) is None
    assert all(row["source_id"] != shops.id for row in briefer.store.experts_of())
