"""The people a text names, one canonical full name each, and whom a pronoun or a description means.

Every name mention ("Dmitri Trenin", "Trenin", "Mr. Trenin", "TRENIN:") is tied to one `Person`, keyed by
surname and first name: a bare surname goes to the person of that surname mentioned most recently before it
(or, failing that, first after it), so "Clinton" after "Bill Clinton" is Bill and after "Hillary Clinton" is
Hillary. The canonical name is the longest form the text uses. A subject pronoun goes to the most recent
compatible person who was a main-clause subject or a speaker, never to any person merely mentioned; a definite
description ("the former minister") goes to the one person whose role fits it, or to nobody.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.lexicon import FEMALE_WORDS as _FEMALE_WORDS
from bot.analysis.lexicon import MALE_WORDS as _MALE_WORDS
from bot.analysis.lexicon import NAME_PARTICLES as _NAME_PARTICLES
from bot.analysis.lexicon import NAME_SUFFIXES as _SUFFIXES
from bot.analysis.lexicon import NAME_TITLES as _NAME_TITLES
from bot.analysis.lexicon import NOT_IN_NAMES as _NOT_IN_NAMES
from bot.analysis.lexicon import OTHER_NAME_ENTITIES as _OTHER_NAME_ENTITIES
from bot.analysis.lexicon import POSSESSIVE_ENDINGS as _POSSESSIVE
from bot.analysis.lexicon import PRONOUN_GENDER as _PRONOUN_GENDER
from bot.analysis.lexicon import TITLES, first_name_genders
from bot.analysis.roles import role_of

_DATA = Path(__file__).parent / "data"

_FOCUS_SENTENCES = 4  # how far back a pronoun may look for its person




@dataclass
class Person:
    """One person the text names: canonical name, lower-case surname key, gender if known, role if given."""

    name: str
    surname: str
    first: str | None
    first_token: int
    gender: str | None = None
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    full_mentions: int = 0


@dataclass
class _Mention:
    start: int
    end: int
    words: list[str]
    gender: str | None  # from an honorific just before the name


class People:
    """The people of a parsed document and the tokens that name them."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.persons: list[Person] = []
        self._at: dict[int, Person] = {}
        self._span: dict[int, tuple[int, int]] = {}
        self.labels: list[tuple[int, int]] = []  # transcript labels, "WALLACE:", as token ranges
        mentions = self._entity_mentions()
        mentions += self._titled_mentions(mentions)
        mentions += self._names_ending_entities(mentions)
        mentions += self._extra_mentions(mentions)
        unique = {m.start: m for m in reversed(mentions)}
        self._group(sorted(unique.values(), key=lambda m: m.start))
        for person in self.persons:
            self._describe(person)

    def at(self, i: int) -> Person | None:
        """The person whose name includes token `i`."""
        return self._at.get(i)

    def mention(self, i: int) -> tuple[int, int] | None:
        """The token range [start, end) of the name mention that includes token `i`."""
        return self._span.get(i)

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
            if words & wanted and modifiers <= words:
                matches.append(person)
        return matches[0] if len(matches) == 1 else None

    # -- building -----------------------------------------------------------------------------------------

    def _entity_mentions(self) -> list[_Mention]:
        mentions = []
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                mention = self._name_in(ent.start, ent.end)
                if mention:
                    mentions.append(mention)
        return mentions

    def _titled_mentions(self, found: list[_Mention]) -> list[_Mention]:
        """Names the tagger missed that follow a capitalised title: 'Mayor Ana Ruiz', 'Councillor Priya Nair'.
        Two or three capitalised proper nouns, none of them inside an organization, place or work entity."""
        doc = self.doc
        taken = {i for m in found for i in range(m.start, m.end)}
        extra = []
        for title in doc:
            if not title.text[:1].isupper() or _bare(title.text) not in _NAME_TITLES:
                continue
            end = title.i + 1
            while end < len(doc) and end - title.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            start = title.i + 1
            if not 2 <= end - start <= 3 or any(i in taken for i in range(start, end)):
                continue
            if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                continue  # a longer proper name: "Mayor John Smith Memorial Park"
            if any(doc[i].ent_type_ in _OTHER_NAME_ENTITIES and _in_longer_entity(doc[i]) for i in range(start, end)):
                continue
            mention = self._name_in(title.i, end)
            if mention and len(mention.words) >= 2:  # not a title run: "Inspector General Reports"
                extra.append(mention)
                taken.update(range(mention.start, mention.end))
        return extra

    def _names_ending_entities(self, found: list[_Mention]) -> list[_Mention]:
        """A person's name the tagger swallowed into the organization before it: "Ambassador to the United
        Nations Samantha Power" tagged as one ORG. The last two capitalised words, when the first is a known
        given name ("Samantha") and the entity has a name of its own before them."""
        doc = self.doc
        taken = {i for m in found for i in range(m.start, m.end)}
        extra = []
        for ent in doc.ents:
            if ent.label_ not in _OTHER_NAME_ENTITIES or len(ent) < 4:
                continue
            first, last = doc[ent.end - 2], doc[ent.end - 1]
            if first.i in taken or last.i in taken or not (first.is_title and last.is_title):
                continue
            if first.pos_ != "PROPN" or last.pos_ != "PROPN" or first.lower_ not in first_name_genders():
                continue
            if last.lower_ in _NOT_IN_NAMES or doc[ent.end - 3].lower_ in ("of", "for", "and", "&"):
                continue  # "the George Washington University" ends otherwise; "Bank of Samantha Power" is a firm
            start = first.i
            while start >= 2 and doc[start - 1].tag_ == "HYPH" and not doc[start - 2].whitespace_ and \
                    doc[start - 2].is_title:
                start -= 2  # "Jean-Marc Ayrault"
            mention = self._name_in(start, last.i + 1)
            if mention:
                extra.append(mention)
        return extra

    def _name_in(self, start: int, end: int) -> _Mention | None:
        """The name inside tokens [start, end), with titles before it and a possessive after it dropped."""
        doc = self.doc
        gender = None
        while start < end and _bare(doc[start].text) in TITLES:
            gender = _word_gender(doc[start].text) or gender
            start += 1
        while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        while end - start > 1 and doc[start].pos_ in ("ADJ", "ADV", "DET", "NOUN", "VERB"):
            start += 1  # "Derelict Obama" in a headline
        tokens = list(doc[start:end])
        if not tokens or len(tokens) > 5 or not tokens[0].text[:1].isupper():
            return None
        if any(token.lower_ in _NOT_IN_NAMES for token in tokens):
            return None  # "George W. Bush Presidential Center"
        for token in tokens:
            hyphenated = token.i > 0 and doc[token.i - 1].tag_ == "HYPH"
            ok = token.text[:1].isupper() or token.lower_ in _NAME_PARTICLES or token.tag_ == "HYPH" or hyphenated
            if not ok or any(ch.isdigit() for ch in token.text):
                return None
        if start > 0 and gender is None:
            gender = _word_gender(doc[start - 1].text)
        return _Mention(start, end, _words(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]), gender)

    def _extra_mentions(self, found: list[_Mention]) -> list[_Mention]:
        """Surnames and first names of the people found, where the tagger missed them ("said Caddell")."""
        surnames = {_key(m.words) for m in found}
        firsts = {m.words[0].lower() for m in found if len(m.words) > 1}
        taken = {i for m in found for i in range(m.start, m.end)}
        extra = []
        for token in self.doc:
            if token.i in taken or not token.is_alpha or not token.text[0].isupper():
                continue
            word = token.lower_
            if word not in surnames and word not in firsts:
                continue
            if token.ent_type_ in _OTHER_NAME_ENTITIES and _in_longer_entity(token):
                continue  # "Trump Tower", "Clinton Foundation"
            if token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.lower_ not in surnames:
                continue
            gender = _word_gender(self.doc[token.i - 1].text) if token.i else None
            extra.append(_Mention(token.i, token.i + 1, [token.text], gender))
        labels = self._speaker_labels(surnames)
        self.labels = [(m.start, m.end) for m in labels]
        return extra + labels

    def _speaker_labels(self, surnames: set[str]) -> list[_Mention]:
        """Transcript labels, 'WALLACE: ...' at the start of paragraphs, when the text has several."""
        doc = self.doc
        labels = []
        for token in doc:
            before = token.i - 1
            if before >= 0 and doc[before].is_quote:
                before -= 1
            if (before >= 0 and not _breaks(doc[before])) or not (token.is_alpha and token.is_upper):
                continue
            end = token.i
            while end < len(doc) and end - token.i < 3 and doc[end].is_alpha and doc[end].is_upper:
                end += 1
            if end < len(doc) and doc[end].text == ":" and len(doc[end - 1].text) > 1:
                labels.append(_Mention(token.i, end, _words(doc[token.i : end].text), None))
        if len(labels) >= 2:
            return labels
        return [m for m in labels if _key(m.words) in surnames]

    def _group(self, mentions: list[_Mention]) -> None:
        """Tie mentions to persons: full names by surname and first name, single words by context."""
        full = self._full_names(mentions)
        sentence_of = {t.i: n for n, sent in enumerate(self.doc.sents) for t in sent} if mentions else {}
        last_seen: dict[int, int] = {}
        singles: dict[str, Person] = {}
        for m in mentions:
            if len(m.words) > 1:
                person = full[(_key(m.words), m.words[0].lower())]
            else:
                person = self._single(m, full, last_seen, sentence_of, singles)
            if not person.mentions:
                self.persons.append(person)
            if m.gender and person.gender is None:
                person.gender = m.gender
            person.mentions.append((m.start, m.end))
            person.first_token = min(person.first_token, m.start)
            last_seen[id(person)] = m.start
            for i in range(m.start, m.end):
                self._at[i] = person
                self._span[i] = (m.start, m.end)
        self.persons.sort(key=lambda p: p.first_token)

    @staticmethod
    def _full_names(mentions: list[_Mention]) -> dict[tuple[str, str], Person]:
        """One person per (surname, first name); a name that ends another ('Alicia Machado' in 'Miss Universe
        Alicia Machado') is the same person. The canonical name is the most used form (then the longest)."""
        forms: dict[tuple[str, str], Counter] = {}
        first_at: dict[tuple[str, str], int] = {}
        for m in mentions:
            if len(m.words) > 1:
                key = (_key(m.words), m.words[0].lower())
                forms.setdefault(key, Counter())[" ".join(m.words)] += 1
                first_at.setdefault(key, m.start)
        alias = {}
        for key in forms:
            for other in forms:
                if other != key and other[0] == key[0] and other not in alias:
                    shortest = min(forms[other], key=len).split()
                    if any(form.split()[-len(shortest) :] == shortest for form in forms[key] if
                           len(form.split()) > len(shortest)):
                        alias[key] = other
                        break
        people: dict[tuple[str, str], Person] = {}
        for key in forms:
            target = alias.get(key, key)
            if target not in people:
                people[target] = Person("", target[0], target[1], first_at[target])
        result = {}
        for key in forms:
            target = alias.get(key, key)
            result[key] = people[target]
        for target, person in people.items():
            merged = Counter()
            for key in forms:
                if alias.get(key, key) == target:
                    merged.update(forms[key])
            person.name = max(merged, key=lambda form: (merged[form], len(form)))
            person.full_mentions = sum(merged.values())
        return result

    def _single(self, m: _Mention, full: dict, last_seen: dict[int, int], sentence_of: dict[int, int],
                singles: dict[str, Person]) -> Person:
        """A one-word name: the person of that surname named in this or the last sentence, else the most
        mentioned one so far; else the one person with that first name; else a person of its own. An
        honorific rules out people of the other gender ("Mr. Obama" is not Michelle Obama)."""
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
        if word not in singles:
            singles[word] = Person(m.words[0], word, None, m.start)
        return singles[word]

    def _describe(self, person: Person) -> None:
        """Gender and role, from the mentions: honorifics, given names, role nouns, titles, appositives."""
        person.gender = person.gender or _gender_of(person)
        full = [(start, end) for start, end in person.mentions if end - start > 1]
        for start, end in full or person.mentions:  # "President Obama" may be another Obama than Michelle
            person.role = role_of(self.doc, start, end)
            if person.role:
                break
        if person.gender is None and person.role:
            for word in person.role.lower().split():
                person.gender = person.gender or _word_gender(word)


class Focus:
    """The people a subject pronoun can refer to: recent main-clause subjects and speakers, and any subject
    earlier in the pronoun's own sentence ('LaBelle got a roar when ... she added')."""

    def __init__(self) -> None:
        self._recent: list[tuple[int, int, bool, Person]] = []  # (token, sentence, main clause, person)

    def note(self, person: Person, token: int, sentence: int, main: bool = True) -> None:
        bisect.insort(self._recent, (token, sentence, main, person), key=lambda r: r[0])

    def resolve(self, pronoun, sentence: int) -> Person | None:
        """The person a he/she subject means: the most recent compatible one within a few sentences."""
        gender = _PRONOUN_GENDER.get(pronoun.lower_)
        if gender is None:
            return None
        before = bisect.bisect_left(self._recent, pronoun.i, key=lambda r: r[0])
        for _, noted_sentence, main, person in reversed(self._recent[:before]):
            if sentence - noted_sentence > _FOCUS_SENTENCES:
                break
            if (main or noted_sentence == sentence) and person.gender in (gender, None):
                return person
        return None


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _word_gender(word: str) -> str | None:
    word = _bare(word)
    if word in _MALE_WORDS:
        return "m"
    if word in _FEMALE_WORDS:
        return "f"
    return None


def _gender_of(person: Person) -> str | None:
    return person.gender or first_name_genders().get(person.first or person.name.split()[0].lower())


def _words(name: str) -> list[str]:
    """The words of a name as written, all-capitals ones ('WALLACE') in title case."""
    return [w.title() if w.isupper() and len(w) > 1 else w for w in name.split()]


def _breaks(token) -> bool:
    """True when a paragraph break follows `token`."""
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _key(words: list[str]) -> str:
    """The surname key of a name: its last word that is not a suffix, lower case."""
    parts = [w for w in words if w.lower() not in _SUFFIXES] or words
    return parts[-1].lower()


def _in_longer_entity(token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")
