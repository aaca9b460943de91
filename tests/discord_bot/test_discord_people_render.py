"""/who and /compare as messages: outside text made inert, every Discord limit kept however long or many."""

from __future__ import annotations

import pytest

from bot.analysis.identities import Identity
from bot.discord_bot.people_render import person_pages, side_by_side_pages
from bot.discord_bot.render import MAX_EMBEDS, MAX_FIELD_VALUE, MAX_MESSAGE_EMBED_CHARS
from bot.models import Document
from bot.people import Appearance, Pairing, PersonReport, SideBySide, SourceSide

pytestmark = pytest.mark.discord
HOSTILE = "**Eve** @everyone <@123> `code`"


def appearance(n: int, words: int = 10) -> Appearance:
    text = f"Article {n}. " + " ".join(["word"] * words) + f" {HOSTILE}"
    doc = Document(text=text, title=f"Title {n} {HOSTILE}", published="2026-03-02", url="https://news.example/a_b")
    return Appearance(doc, "Eve Adams", f"role {HOSTILE}", f"Eve says {HOSTILE}.", (text[12:],))


def sizes_ok(pages) -> bool:
    for page in pages:
        assert len(page.embeds) <= MAX_EMBEDS
        assert sum(len(e) for e in page.embeds) <= MAX_MESSAGE_EMBED_CHARS
        assert all(len(f.value) <= MAX_FIELD_VALUE for e in page.embeds for f in e.fields)
    return True


def everything(pages) -> str:
    parts = []
    for page in pages:
        for embed in page.embeds:
            parts += [embed.title or "", embed.description or ""]
            parts += [f.name + f.value for f in embed.fields]
    return "\n".join(parts)


def test_a_person_is_shown_inert():
    person = Identity(f"Eve {HOSTILE}", f"Eve {HOSTILE}", (f"Eve {HOSTILE}",), (0,))
    report = PersonReport(person, (appearance(1),), f"Eve {HOSTILE} stays the same.", (HOSTILE,))
    shown = everything(person_pages(report))
    assert "@everyone" not in shown and "<@123>" not in shown
    assert "\\*\\*Eve\\*\\*" in shown and "@\u200beveryone" in shown
    assert "https://news.example/a_b" in shown  # a link is not escaped into a broken one


def test_many_long_appearances_stay_within_every_limit():
    person = Identity("Eve Adams", "Eve Adams", ("Eve Adams",), tuple(range(60)))
    report = PersonReport(person, tuple(appearance(n, words=400) for n in range(60)), "x " * 3000)
    pages = person_pages(report)
    assert sizes_ok(pages) and len(pages) > 1


def test_two_sources_side_by_side_stay_inert_and_within_limits():
    first, second = appearance(1, words=500), appearance(2, words=500)
    compared = SideBySide(
        SourceSide(first.source, "A thesis " * 300 + HOSTILE),
        SourceSide(second.source, None),
        tuple(Pairing(f"Eve {n}", first, second) for n in range(30)),
        (first,) * 30,
        (),
    )
    pages = side_by_side_pages(compared)
    assert sizes_ok(pages)
    shown = everything(pages)
    assert "@everyone" not in shown and "*No briefing.*" in shown and "Nobody" in shown
