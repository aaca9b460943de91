"""The people a text names, one canonical full name each, and whom a subject means: a name, a pronoun, a
description or an organization.

`People.of(doc)` ties every name mention (bot.analysis.mentions: "Dmitri Trenin", "Trenin", "Mr. Trenin",
"TRENIN:") to one `Person`, keyed by surname and first name: a bare surname goes to the person of that surname
mentioned most recently before it (or, failing that, first after it), so "Clinton" after "Bill Clinton" is
Bill and after "Hillary Clinton" is Hillary. The canonical name is the most used full form (then the longest).
A subject pronoun goes to the most recent compatible person who was a main-clause subject or a speaker
(`Focus`), never to any person merely mentioned; a definite description ("the former minister") goes to the
one person whose role fits it, or to nobody; a subject headed by an organization noun is that organization.
Nothing here changes once built: `Focus.with_notes` gives a new focus.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.analysis.lexicon import ORGANIZATION_NOUNS, PRONOUN_GENDER, SPOKEN_WORK_NOUNS, first_name_genders
from bot.analysis.mentions import Mention, find_mentions, surname_key, word_gender
from bot.analysis.page_lines import furniture_sentences
from bot.analysis.roles import role_of

_FOCUS_SENTENCES = 4  # how far back a pronoun may look for its person


@dataclass(frozen=True)
class Person:
    """One person the text names: canonical name, lower-case surname key, gender if known, role if given."""

    name: str
    surname: str
    first: str | None
    first_token: int
    gender: str | None = None
    role: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()
    full_mentions: int = 0


@dataclass(frozen=True)
class Speaker:
    """Whom a subject means: a person, or an organization's name; `named` when the text surely names a
    person there (a full name or a tagged PERSON, no pronoun, description or bare untagged surname)."""

    who: Person | str
    named: bool


@dataclass(frozen=True, eq=False)
class People:
    """The people of a parsed document and the tokens that name them; build it with `People.of(doc)`."""

    doc: object
    persons: tuple[Person, ...]
    labels: tuple[tuple[int, int], ...]  # transcript labels, "WALLACE:", as token ranges
    _at: Mapping[int, Person] = field(repr=False)
    _span: Mapping[int, tuple[int, int]] = field(repr=False)
    furniture: frozenset[int] = frozenset()  # sentences that are a headline, byline or caption (no one speaks)

    @classmethod
    def of(cls, doc) -> People:
        """The people a parsed `doc` names, leaving out names in its headline, byline and captions."""
        mentions = find_mentions(doc)
        furniture = furniture_sentences(doc)
        names = mentions.names
        if furniture:
            sentence_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent}
            names = tuple(m for m in names if sentence_of.get(m.start) not in furniture)
        drafts, at, span = _group(doc, names)
        persons = {id(draft): _describe(doc, draft) for draft in drafts}
        return cls(
            doc,
            tuple(persons[id(draft)] for draft in drafts),
            tuple((m.start, m.end) for m in mentions.labels),
            {i: persons[id(draft)] for i, draft in at.items()},
            span,
            furniture,
        )

    def at(self, i: int) -> Person | None:
        """The person whose name includes token `i`."""
        return self._at.get(i)

    def mention(self, i: int) -> tuple[int, int] | None:
        """The token range [start, end) of the name mention that includes token `i`."""
        return self._span.get(i)

    def surely_named(self, token) -> bool:
        """Whether a name token is surely a person's: part of a full name or tagged PERSON by spaCy."""
        start, end = self._span[token.i]
        return end - start > 1 or any(t.ent_type_ == "PERSON" for t in self.doc[start:end])

    def by_description(self, head) -> Person | None:
        """The one person named before `head` whose role fits the definite description headed by `head`."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in
                                          head.children):
            return None
        wanted = {head.lower_, head.lemma_.lower()}
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound") and c.is_alpha}
        matches = []
        for person in self.persons:
            if person.role is None or person.first_token >= head.i:
                continue
            words = set(person.role.lower().replace(",", " ").split())
            if wanted & _role_heads(person.role) and modifiers <= words:
                matches.append(person)
        return matches[0] if len(matches) == 1 else None

    def appositive_name(self, token):
        """The name in apposition inside the phrase `token` heads: 'The head of the Carnegie Moscow Center,
        Dmitri Trenin, argued', or a title's phrase that ends, right before the verb, in a name the parser hung
        on the title's preposition ("Obama's current Ambassador to the United Nations Samantha Power")."""
        for child in token.subtree:
            if child.dep_ == "appos" and self.at(child.i) and child.head.i < child.i:
                path = child.head
                while path.i != token.i and path.dep_ in ("pobj", "prep", "compound", "appos"):
                    path = path.head
                if path.i == token.i:
                    return child
        last = token.right_edge
        mention = self.mention(last.i)
        if mention and last.dep_ == "pobj" and mention[1] == last.i + 1 and token.pos_ == "PROPN":
            path = last.head
            while path.i != token.i and path.dep_ in ("pobj", "prep"):
                path = path.head
            if path.i == token.i and last.head.dep_ == "prep" and last.head.head.i == token.i:
                return last
        return None


_ROLE_HEAD_ENDS = frozenset({"of", "at", "for", "in", "on", "with", "who", "which", "that", "to", "from", "and",
                             "or", "since", "under"})


def _role_heads(role: str) -> set[str]:
    """The nouns a role is headed by: 'chairman' of "The state's campaign chairman" (so "the campaign" is not
    him), 'architect' and 'aide' of "architect of Obama's campaign and a close aide in 2012"."""
    heads = set()
    for part in re.split(r",|;| and | or ", role.lower()):
        words = []
        for word in part.split():
            if word in _ROLE_HEAD_ENDS:
                break
            words.append(word.strip(".'’\"()"))
        if words and words[-1]:
            heads.add(re.sub(r"['’]s$", "", words[-1]))
    return heads


class Note(NamedTuple):
    """A person a later pronoun may mean: where they were a subject or a speaker, and whether in a main clause."""

    token: int
    sentence: int
    main: bool
    person: Person


@dataclass(frozen=True)
class Focus:
    """The people a subject pronoun can refer to: recent main-clause subjects and speakers, and any subject
    earlier in the pronoun's own sentence ('LaBelle got a roar when ... she added')."""

    notes: tuple[Note, ...] = ()  # in token order

    def with_notes(self, notes: Iterable[Note]) -> Focus:
        """This focus with `notes` added."""
        recent = list(self.notes)
        for note in notes:
            bisect.insort(recent, note, key=lambda n: n.token)
        return Focus(tuple(recent))

    def resolve(self, pronoun, sentence: int) -> Person | None:
        """The person a he/she subject means: the most recent compatible one within a few sentences."""
        gender = PRONOUN_GENDER.get(pronoun.lower_)
        if gender is None:
            return None
        before = bisect.bisect_left(self.notes, pronoun.i, key=lambda n: n.token)
        for note in reversed(self.notes[:before]):
            if sentence - note.sentence > _FOCUS_SENTENCES:
                break
            if (note.main or note.sentence == sentence) and note.person.gender in (gender, None):
                return note.person
        return None


def speaker_of(token, people: People, focus: Focus, sentence: int) -> Speaker | None:
    """Whom a subject means: a name, a person in apposition, he/she, a description, or an organization."""
    name = token if people.at(token.i) else people.appositive_name(token) or _author(token, people)
    if name is token:  # "To understand the real Dred Scott, Chief Justice Roberts said": the parser's
        name = next((c for c in token.children if c.dep_ == "appos" and people.at(c.i)
                     and not any(g.dep_ == "conj" for g in c.children)), token)  # not a list
    if name is not None:
        return Speaker(people.at(name.i), people.surely_named(name))
    if token.pos_ == "PRON":
        person = focus.resolve(token, sentence)
    else:
        person = people.by_description(token)
    if person is not None:
        return Speaker(person, False)
    organization = organization_of(token)
    return Speaker(organization, True) if organization else None


def _author(token, people: People):
    """The person whose written or spoken work heads a subject: "Ivana Trump's brief said", "a speech Mrs.
    Clinton delivered" (the work's owner, or the subject of the clause that describes it)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in SPOKEN_WORK_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss" and people.at(child.i):
            return child
        if child.dep_ == "relcl":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and people.at(subject.i) and child.lemma_.lower() in ("deliver", "give", "make",
                                                                                           "write", "issue", "post"):
                return subject
    return None


def organization_of(token) -> str | None:
    """The name of an organization heading a subject: its entity ("the Commission on Presidential Debates"),
    a noun phrase that says whose it is ("the Trump campaign"), or for a bare noun ("the commission") the
    last organization named before with that word in its name; else None, since "the group" names nobody."""
    doc = token.doc
    if token.ent_type_ == "ORG":
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        words = list(doc[start:end])
    elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in ORGANIZATION_NOUNS:
        words = [t for t in token.subtree if t.i <= token.i]
        if all(t.i == token.i or t.dep_ == "det" for t in words):
            return _named_before(token)
    else:
        return None
    while words and (words[0].lower_ in ("the", "a", "an") or words[0].is_punct):
        words = words[1:]
    if not words:
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    return text[0].upper() + text[1:]


def _named_before(noun) -> str | None:
    for ent in reversed([e for e in noun.doc.ents if e.end <= noun.i and e.label_ == "ORG"]):
        if noun.lemma_.lower() in ent.text.lower() or noun.lower_ in ent.text.lower():
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            return text[0].upper() + text[1:]
    return None


# -- building the index -----------------------------------------------------------------------------------

@dataclass
class _Draft:
    """A person while the mentions are being tied to people (becomes a frozen `Person`)."""

    name: str
    surname: str
    first: str | None
    first_token: int
    gender: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    full_mentions: int = 0


def _group(doc, mentions: tuple[Mention, ...]):
    """Tie mentions to persons: full names by surname and first name, single words by context. Gives the
    persons in order of their first mention, and each name token's person and mention range."""
    full = _full_names(mentions)
    sentence_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent} if mentions else {}
    last_seen: dict[int, int] = {}
    singles: dict[str, _Draft] = {}
    drafts: list[_Draft] = []
    at: dict[int, _Draft] = {}
    span: dict[int, tuple[int, int]] = {}
    for m in mentions:
        if len(m.words) > 1:
            draft = full[(surname_key(m.words), m.words[0].lower())]
        else:
            word = m.words[0].lower()
            draft = _single(m, full, last_seen, sentence_of, singles) or singles.setdefault(
                word, _Draft(m.words[0], word, None, m.start)
            )
        if not draft.mentions:
            drafts.append(draft)
        if m.gender and draft.gender is None:
            draft.gender = m.gender
        draft.mentions.append((m.start, m.end))
        draft.first_token = min(draft.first_token, m.start)
        last_seen[id(draft)] = m.start
        for i in range(m.start, m.end):
            at[i] = draft
            span[i] = (m.start, m.end)
    drafts.sort(key=lambda p: p.first_token)
    return drafts, at, span


def _full_names(mentions: tuple[Mention, ...]) -> dict[tuple[str, str], _Draft]:
    """One person per (surname, first name); a name that ends another ('Alicia Machado' in 'Miss Universe
    Alicia Machado') is the same person. The canonical name is the most used form (then the longest)."""
    forms: dict[tuple[str, str], Counter] = {}
    first_at: dict[tuple[str, str], int] = {}
    for m in mentions:
        if len(m.words) > 1:
            key = (surname_key(m.words), m.words[0].lower())
            forms.setdefault(key, Counter())[" ".join(m.words)] += 1
            first_at.setdefault(key, m.start)
    alias = _aliases(forms)
    drafts: dict[tuple[str, str], _Draft] = {}
    for key in forms:
        target = alias.get(key, key)
        if target not in drafts:
            merged = sum((forms[k] for k in forms if alias.get(k, k) == target), Counter())
            name = max(merged, key=lambda form: (merged[form], len(form)))
            drafts[target] = _Draft(name, target[0], target[1], first_at[target], full_mentions=merged.total())
    return {key: drafts[alias.get(key, key)] for key in forms}


def _aliases(forms: dict[tuple[str, str], Counter]) -> dict[tuple[str, str], tuple[str, str]]:
    """(surname, first name) -> the key of the shorter name its forms end with, for the same surname."""
    alias: dict[tuple[str, str], tuple[str, str]] = {}
    for key in forms:
        for other in forms:
            if other != key and other[0] == key[0] and other not in alias and _ends_with(forms[key], forms[other]):
                alias[key] = other
                break
    return alias


def _ends_with(longer: Iterable[str], shorter: Iterable[str]) -> bool:
    """Whether a form of `longer` has more words than the shortest form of `shorter` and ends with it."""
    shortest = min(shorter, key=len).split()
    return any(form.split()[-len(shortest) :] == shortest for form in longer if len(form.split()) > len(shortest))


def _single(m: Mention, full: dict, last_seen: dict[int, int], sentence_of: dict[int, int],
            singles: dict[str, _Draft]) -> _Draft | None:
    """A one-word name: the person of that surname named in this or the last sentence, else the most
    mentioned one so far; else the one person with that first name; else None, for a person of its own
    (the one in `singles` under that word, if any). An honorific rules out people of the other gender
    ("Mr. Obama" is not Michelle Obama)."""
    word = m.words[0].lower()
    candidates = list({id(p): p for (surname, _), p in full.items() if surname == word}.values())
    is_surname = bool(candidates)
    if word in singles:
        candidates.append(singles[word])
    if m.gender:
        candidates = [p for p in candidates if _gender_of(p) in (m.gender, None)]
    if not candidates and not is_surname and word not in singles:
        by_first = list({id(p): p for (_, first), p in full.items() if first == word}.values())
        candidates = by_first if len(by_first) == 1 else []
    if candidates:
        here = sentence_of.get(m.start, 0)
        recent = [p for p in candidates if id(p) in last_seen and
                  here - sentence_of.get(last_seen[id(p)], -99) <= 1]
        if recent:
            return max(recent, key=lambda p: last_seen[id(p)])
        return max(candidates, key=lambda p: (len(p.mentions), p.full_mentions, -p.first_token))
    return None


def _describe(doc, draft: _Draft) -> Person:
    """The finished person: gender and role from the mentions (honorifics, given names, role nouns, titles,
    appositives)."""
    gender = draft.gender or _gender_of(draft)
    role = None
    full = [(start, end) for start, end in draft.mentions if end - start > 1]
    for start, end in full or draft.mentions:  # "President Obama" may be another Obama than Michelle
        role = role_of(doc, start, end)
        if role:
            break
    if gender is None and role:
        for word in role.lower().split():
            gender = gender or word_gender(word)
    return Person(draft.name, draft.surname, draft.first, draft.first_token, gender, role,
                  tuple(draft.mentions), draft.full_mentions)


def _gender_of(person) -> str | None:
    return person.gender or first_name_genders().get(person.first or person.name.split()[0].lower())
