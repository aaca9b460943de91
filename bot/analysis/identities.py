"""One identity per person across the sources of a place: which quoted names are the same person.

The rules, in order (names compared as bot.analysis.names folds them, roles as bot.analysis.affiliations
reads them):

1. The same name is the same person, unless their roles conflict (two organisations, two parties): "Tom
   Becker, chair of the Riverside Residents' Association" and "Tom Becker, a driver for Harbour Freight Lines"
   are two people. A sighting whose role names no organisation joins the one person of that name, and is a
   person of its own when there are several (it cannot say which it is).
2. A name that says less joins the one person whose name it fits ("Helen Okafor" joins "Helen M. Okafor";
   "Okafor" joins "Helen Okafor"), when exactly one person of the place fits and their roles do not conflict.
   Two fit (two "Smith"s, "Donald Trump" beside "Donald J." and "Donald K. Trump"): it stays a person of its own.
   Names are joined from the fullest down, so a surname sees the people its fuller names already form.

Every step is exact and the result does not depend on the order of the sources, except for which of two
conflicting sightings of one name comes first. `resolve` finds the person a typed name means.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis.affiliations import affiliation, role_conflict
from bot.analysis.names import PersonName, fold_name, person_name


@dataclass(frozen=True)
class Sighting:
    """A name and role as one source gives them (an expert of that source)."""

    name: str
    role: str | None


@dataclass(frozen=True)
class Identity:
    """One person: the sightings that are them (indices into the list given), and how to call them."""

    name: str  # the name the sightings use most (a full name before a surname alone)
    label: str  # unique in the place: the name, with the role when several people share it
    names: tuple[str, ...]  # every spelling seen, most used first
    members: tuple[int, ...]  # sorted indices of the sightings


@dataclass
class _Group:
    parsed: PersonName
    members: list[int]


def identities(sightings: Sequence[Sighting]) -> list[Identity]:
    """The people the sightings are (rules in the module's docstring), those seen most first."""
    groups = _same_names(sightings)
    roots = _join_shorter_names(groups, sightings)
    people = [_identity(sightings, sorted(group.members)) for group in roots]
    people.sort(key=lambda person: (-len(person.members), person.members[0]))
    return _labelled(people, sightings)


@dataclass(frozen=True)
class Resolution:
    """What a typed name means: one person (with the others it could have meant), or every candidate."""

    person: Identity | None
    candidates: tuple[Identity, ...]  # several when ambiguous, none when nobody fits; else the others that fit


def resolve(typed: str, people: Sequence[Identity]) -> Resolution:
    """The person `typed` means: a label as shown, else the one person whose names it fits."""
    wanted = fold_name(typed)
    parsed = person_name(typed)
    fitting = [p for p in people if parsed is not None and _fits_any(parsed, p)]
    exact = [p for p in people if fold_name(p.label) == wanted]
    if len(exact) == 1:
        return Resolution(exact[0], tuple(p for p in fitting if p is not exact[0]))
    if len(fitting) == 1:
        return Resolution(fitting[0], ())
    return Resolution(None, tuple(fitting))


# -- the rules ---------------------------------------------------------------------------------------
def _same_names(sightings: Sequence[Sighting]) -> list[_Group]:
    """Rule 1: the sightings of each name, split where roles conflict."""
    by_name: dict[tuple, list[int]] = {}
    parsed: dict[tuple, PersonName] = {}
    for index, sighting in enumerate(sightings):
        name = person_name(sighting.name)
        if name is not None:
            by_name.setdefault(name.key, []).append(index)
            parsed[name.key] = name
    groups = []
    for key, members in by_name.items():
        groups += [_Group(parsed[key], split) for split in _split_by_role(members, sightings)]
    return groups


def _split_by_role(members: list[int], sightings: Sequence[Sighting]) -> list[list[int]]:
    affiliated = [i for i in members if _ties(sightings[i].role)]
    loose = [i for i in members if not _ties(sightings[i].role)]
    splits: list[list[int]] = []
    for index in affiliated:
        home = next((split for split in splits if _consistent([index], split, sightings)), None)
        if home is None:
            splits.append([index])
        else:
            home.append(index)
    if len(splits) <= 1:
        return [(splits[0] if splits else []) + loose]
    return [*splits, loose] if loose else splits


def _join_shorter_names(groups: list[_Group], sightings: Sequence[Sighting]) -> list[_Group]:
    """Rule 2: from the fullest name down, a group joins the one person whose names its name fits."""
    roots: list[tuple[_Group, list[PersonName]]] = []
    for group in sorted(groups, key=lambda g: (g.parsed.detail, -min(g.members)), reverse=True):
        fitting = [
            (root, names)
            for root, names in roots
            if any(group.parsed.fits(name) and name.detail > group.parsed.detail for name in names)
        ]
        fitting = [(root, names) for root, names in fitting if _consistent(group.members, root.members, sightings)]
        if len(fitting) == 1:
            root, names = fitting[0]
            root.members += group.members
            names.append(group.parsed)
        else:
            roots.append((_Group(group.parsed, list(group.members)), [group.parsed]))
    return [root for root, _ in roots]


def _ties(role: str | None) -> bool:
    found = affiliation(role)
    return bool(found.organisations or found.party)


def _consistent(first: Sequence[int], second: Sequence[int], sightings: Sequence[Sighting]) -> bool:
    return all(role_conflict(sightings[a].role, sightings[b].role) is None for a in first for b in second)


def _fits_any(typed: PersonName, person: Identity) -> bool:
    return any(typed.fits(name) for name in filter(None, map(person_name, person.names)))


# -- naming ------------------------------------------------------------------------------------------
def _identity(sightings: Sequence[Sighting], members: list[int]) -> Identity:
    counts = Counter(sightings[i].name for i in members)
    names = sorted(counts, key=lambda n: (-counts[n], tuple(-d for d in _detail(n)), n))
    full = [n for n in names if (person_name(n) or PersonName(None, (), "")).given]
    name = (full or names)[0]
    return Identity(name, name, tuple(names), tuple(members))


def _detail(name: str) -> tuple[int, ...]:
    parsed = person_name(name)
    return parsed.detail if parsed else (0, 0, 0, 0)


def _labelled(people: list[Identity], sightings: Sequence[Sighting]) -> list[Identity]:
    """Labels: a name several people share gets the role each is seen with most ('no role given' if none)."""
    sharing = Counter(fold_name(p.name) for p in people)
    labelled, used = [], Counter()
    for person in people:
        label = person.name
        if sharing[fold_name(person.name)] > 1:
            roles = Counter(sightings[i].role for i in person.members if sightings[i].role)
            label = f"{person.name} ({roles.most_common(1)[0][0] if roles else 'no role given'})"
        used[fold_name(label)] += 1
        if used[fold_name(label)] > 1:
            label = f"{label} [{used[fold_name(label)]}]"
        labelled.append(Identity(person.name, label, person.names, person.members))
    return labelled
