"""What a role ties a person to, so the identity rules can tell when one name is two people.

A role's *organisations* are its runs of capitalised words ("Riverton Chamber of Commerce", "Clinton
campaign", "DNC"), without the words of a job ("Senate Majority Leader" names the Senate, "Interim DNC
Chairwoman" the DNC) or of a party; a run is an organisation only when it has a word that tells it from
others (a name, not only "University" or "Committee"). A role that is one word ("Republican", "Rival") names
none. Its *party marker* is "(R-Ohio)".

Two roles *conflict* — they say the name belongs to two people — when both carry a party marker and the
markers differ, or when both name organisations and none of the one's is any of the other's. Organisations
are the same when the words of one are among the other's ("Carnegie Center" and "Carnegie Moscow Center"),
or one is the other's initials ("DNC", "Democratic National Committee"). A role with no organisation (a
title, "economist", nothing at all) conflicts with none: it cannot tell two people apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.lexicon import NAME_CONNECTORS, ORGANISATION_WORDS, PARTY_WORDS, ROLE_WORDS
from bot.analysis.names import fold_name

_PARTY = re.compile(r"\(\s*([RDI])\s*[-–—]\s*([^)]*?)\s*\)")
_TOKEN = re.compile(r"[^\s,;:()\"“”—–/]+|[,;:()\"“”—–/]")
_BREAKS = set(",;:()\"“”—–/")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Organisation:
    """An organisation a role names: as written, its telling words (folded) and its initials."""

    name: str
    words: frozenset[str]
    initials: str

    @property
    def acronym(self) -> str:
        """The organisation's name when it is one word in capitals ("DNC"), folded; else ''."""
        return next(iter(self.words)) if len(self.words) == 1 and self.name.replace(".", "").isupper() else ""

    def same_as(self, other: Organisation) -> bool:
        if self.words <= other.words or other.words <= self.words:
            return True
        return _stands_for(self.acronym, other) or _stands_for(other.acronym, self)


@dataclass(frozen=True)
class Affiliation:
    """What one role ties its person to."""

    organisations: tuple[Organisation, ...]
    party: str | None  # "r-ohio", from "(R-Ohio)"


def affiliation(role: str | None) -> Affiliation:
    """The organisations and party marker of a role ('spokesman for the Riverton Chamber of Commerce')."""
    if not role:
        return Affiliation((), None)
    marker = _PARTY.search(role)
    party = f"{marker.group(1)}-{marker.group(2)}".lower().replace(".", "") if marker else None
    tokens = _TOKEN.findall(_PARTY.sub(" ", role))
    if sum(token not in _BREAKS for token in tokens) <= 1:
        return Affiliation((), party)
    organisations = (_organisation(run) for run in _capitalised_runs(tokens))
    return Affiliation(tuple(o for o in organisations if o is not None), party)


def role_conflict(first: str | None, second: str | None) -> str | None:
    """Why two roles cannot be one person's (different parties, different organisations), or None."""
    a, b = affiliation(first), affiliation(second)
    if a.party and b.party and a.party != b.party:
        return f"different parties: {a.party} and {b.party}"
    shared = any(x.same_as(y) for x in a.organisations for y in b.organisations)
    if a.organisations and b.organisations and not shared:
        return f"different organisations: {a.organisations[0].name} and {b.organisations[0].name}"
    return None


def _stands_for(acronym: str, organisation: Organisation) -> bool:
    return bool(acronym) and acronym == organisation.initials


def _capitalised_runs(tokens: list[str]) -> list[list[str]]:
    """Runs of capitalised words, with the small words between them ('Chamber of Commerce')."""
    runs: list[list[str]] = []
    current: list[str] = []
    waiting: list[str] = []
    for token in tokens:
        if token[:1].isupper():
            current += [*waiting, token]
            waiting = []
        elif current and token.lower() in NAME_CONNECTORS and token not in _BREAKS:
            waiting.append(token)
        else:
            if current:
                runs.append(current)
            current, waiting = [], []
    if current:
        runs.append(current)
    return runs


def _word(token: str) -> str:
    return _POSSESSIVE.sub("", fold_name(token)).replace(".", "")


def _organisation(run: list[str]) -> Organisation | None:
    """The organisation a run of capitalised words names, without job words at its ends; None if it names none."""
    while run and _word(run[0]) in ROLE_WORDS | PARTY_WORDS | NAME_CONNECTORS:
        run = run[1:]
    while run and _word(run[-1]) in ROLE_WORDS | PARTY_WORDS | NAME_CONNECTORS:
        run = run[:-1]
    words = [_word(token) for token in run if _word(token) not in NAME_CONNECTORS]
    telling = frozenset(w for w in words if w not in ROLE_WORDS | PARTY_WORDS)
    if not telling - ORGANISATION_WORDS:
        return None
    return Organisation(" ".join(run), telling, "".join(w[0] for w in words))
