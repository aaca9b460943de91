"""Where a parsed text names a person: every name mention, with titles and possessives left out.

A mention is a PERSON entity; a name the tagger missed after a capitalised title ("Mayor Ana Ruiz"); a name it
swallowed into the organization before it ("Ambassador to the United Nations Samantha Power"); a surname or
first name of a person found so, where the tagger missed it ("said Caddell"); or a transcript label
("WALLACE: ..."). Which person each mention means is bot.analysis.speakers' business.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.matcher import Matcher

from bot.analysis.lexicon import (
    FEMALE_WORDS,
    FIRM_WORDS,
    MALE_WORDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NAME_TITLES,
    NOT_IN_NAMES,
    OTHER_NAME_ENTITIES,
    POSITION_ABBREVIATIONS,
    POSSESSIVE_ENDINGS,
    ROLE_WORDS,
    SALUTATIONS,
    TITLES,
    first_name_genders,
)

_MAX_NAME_WORDS = 5
# A transcript label: one to three words in capitals and a colon ("WALLACE:", "MIKE PENCE:").
_LABEL = [{"IS_ALPHA": True, "IS_UPPER": True, "OP": "{1,3}"}, {"ORTH": ":"}]


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) that name a person, the words as written, and a gender an honorific gives."""

    start: int
    end: int
    words: tuple[str, ...]
    gender: str | None  # from an honorific just before the name


@dataclass(frozen=True)
class Mentions:
    """The name mentions of a document, one per start token in text order, and its transcript labels."""

    names: tuple[Mention, ...]
    labels: tuple[Mention, ...]


def find_mentions(doc) -> Mentions:
    """Every name mention of a parsed `doc` (the first found wins where two start at the same token)."""
    found = _entity_mentions(doc)
    found += _titled_mentions(doc, found)
    found += _names_ending_entities(doc, found)
    surnames = {surname_key(m.words) for m in found}
    found += _full_names_tagged_otherwise(doc, found, surnames)
    labels = _speaker_labels(doc, surnames)
    found += _extra_mentions(doc, found, surnames) + labels
    firms = _firm_names(doc)
    found = [m for m in found if not (len(m.words) == 1 and m.words[0].lower() in firms)]
    unique = {m.start: m for m in reversed(found)}
    return Mentions(tuple(sorted(unique.values(), key=lambda m: m.start)), tuple(labels))


def _firm_names(doc) -> set[str]:
    """Words the text also writes before an institution's word ("Patriot" of "Patriot Coal", "Peabody" of
    "Peabody Energy"): alone, such a word names the firm, not a person."""
    return {
        token.lower_ for token in doc[:-1]
        if token.is_title and token.pos_ == "PROPN" and doc[token.i + 1].is_title
        and doc[token.i + 1].lower_ in FIRM_WORDS
    }


def surname_key(words) -> str:
    """The surname key of a name: its last word that is not a suffix, lower case."""
    parts = [w for w in words if w.lower() not in NAME_SUFFIXES] or words
    return parts[-1].lower()


def word_gender(word: str) -> str | None:
    """The gender a word such as "Mrs." or "congressman" gives, if any."""
    word = _bare(word)
    if word in MALE_WORDS:
        return "m"
    if word in FEMALE_WORDS:
        return "f"
    return None


def _entity_mentions(doc) -> list[Mention]:
    names = (_name_in(doc, ent.start, ent.end) for ent in doc.ents if ent.label_ == "PERSON")
    return [mention for mention in names if mention]


def _titled_mentions(doc, found: list[Mention]) -> list[Mention]:
    """Names the tagger missed that follow a capitalised title: 'Mayor Ana Ruiz', 'Councillor Priya Nair'.
    Two or three capitalised proper nouns, none of them inside an organization, place or work entity."""
    taken = {i for m in found for i in range(m.start, m.end)}
    extra = []
    for title in doc:
        if not title.text[:1].isupper() or _bare(title.text) not in NAME_TITLES:
            continue
        end = title.i + 1
        while end < len(doc) and end - title.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        start = title.i + 1
        if not 2 <= end - start <= 3 or any(i in taken for i in range(start, end)):
            continue
        if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            continue  # a longer proper name: "Mayor John Smith Memorial Park"
        if not _titled_entity(doc, title.i, end) and any(
                doc[i].ent_type_ in OTHER_NAME_ENTITIES and _in_longer_entity(doc[i]) for i in range(start, end)):
            continue
        mention = _name_in(doc, title.i, end)
        if mention and len(mention.words) >= 2:  # not a title run: "Inspector General Reports"
            extra.append(mention)
            taken.update(range(mention.start, mention.end))
    return extra


def _names_ending_entities(doc, found: list[Mention]) -> list[Mention]:
    """A person's name the tagger swallowed into the organization before it: "Ambassador to the United
    Nations Samantha Power" tagged as one ORG. The last two capitalised words, when the first is a known
    given name ("Samantha") and the entity has a name of its own before them."""
    taken = {i for m in found for i in range(m.start, m.end)}
    extra = []
    for ent in doc.ents:
        if ent.label_ not in OTHER_NAME_ENTITIES or len(ent) < 4:
            continue
        first, last = doc[ent.end - 2], doc[ent.end - 1]
        if first.i in taken or last.i in taken or not (first.is_title and last.is_title):
            continue
        if first.pos_ != "PROPN" or last.pos_ != "PROPN" or first.lower_ not in first_name_genders():
            continue
        if last.lower_ in NOT_IN_NAMES or doc[ent.end - 3].lower_ in ("of", "for", "and", "&"):
            continue  # "the George Washington University" ends otherwise; "Bank of Samantha Power" is a firm
        mention = _name_in(doc, _hyphenated_start(doc, first.i), last.i + 1)
        if mention:
            extra.append(mention)
    return extra


def _full_names_tagged_otherwise(doc, found: list[Mention], surnames: set[str]) -> list[Mention]:
    """A full name the tagger took for an organization, whose surname the text gives a person elsewhere: the
    "Penelope Muse Abernathy" (ORG) of "a survey by Penelope Muse Abernathy ... Abernathy reported"."""
    taken = {i for m in found for i in range(m.start, m.end)}
    extra = []
    for ent in doc.ents:
        tokens = list(ent)
        if ent.label_ != "ORG" or not 2 <= len(tokens) <= 3 or any(t.i in taken for t in tokens):
            continue
        if tokens[-1].lower_ not in surnames or not all(t.pos_ == "PROPN" and t.is_title for t in tokens):
            continue
        if any(t.lower_ in NOT_IN_NAMES or _bare(t.text) in TITLES for t in tokens):
            continue  # "Abernathy Foundation" is an institution; "Senator Abernathy" is read as titled
        text = doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        extra.append(Mention(ent.start, ent.end, _words(text), None))
    return extra


def _hyphenated_start(doc, start: int) -> int:
    """Where a name that ends in a hyphenated given name starts: "Jean-Marc Ayrault"."""
    while start >= 2 and _hyphen(doc[start - 1]) and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
        start -= 2
    return start


def _name_in(doc, start: int, end: int) -> Mention | None:
    """The name inside tokens [start, end), with titles before it and a possessive after it dropped."""
    gender = None
    while start < end and _bare(doc[start].text) in TITLES:
        gender = word_gender(doc[start].text) or gender
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE_ENDINGS or doc[end - 1].is_punct):
        end -= 1
    while end - start > 1 and (doc[start].pos_ in ("ADJ", "ADV", "DET", "NOUN", "VERB") or _opening_gerund(doc[start])):
        start += 1  # "Derelict Obama" in a headline, "Injecting Clinton's marital troubles into ..."
    start = _given_name_start(doc, start, end)
    tokens = list(doc[start:end])
    if not tokens or len(tokens) > _MAX_NAME_WORDS or not tokens[0].text[:1].isupper():
        return None
    if any(token.lower_ in NOT_IN_NAMES or token.lower_ == "the" for token in tokens):
        return None  # "George W. Bush Presidential Center", "Get The Quiz"
    if tokens[0].lower_ in SALUTATIONS:
        return None  # "Dear Concerned Sister:" opens a letter
    if _common_nouns(tokens) and _after_organization(doc, start):
        return None  # "The Washington Post's Fact Checker" is a column
    if not all(_may_be_in_name(doc, token) for token in tokens):
        return None
    if start > 0 and gender is None:
        gender = word_gender(doc[start - 1].text)
    return Mention(start, end, _words(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]), gender)


def _opening_gerund(token) -> bool:
    """A verb in -ing opening its sentence that the tagger took for part of the name after it ("Injecting
    Clinton's troubles into the campaign is ..."), not a given name ("Irving": there is no verb "irv")."""
    word = token.lower_
    if not (token.is_sent_start and word.endswith("ing") and len(word) > 5) or word in first_name_genders():
        return False
    stem = word[:-3]
    verbs = _verb_lemmas()
    return stem in verbs or stem + "e" in verbs or (stem[-1:] == stem[-2:-1] and stem[:-1] in verbs)


def _after_organization(doc, start: int) -> bool:
    """Whether token `start` follows an organization's possessive: "The Washington Post's ..."."""
    return start >= 2 and doc[start - 1].text in POSSESSIVE_ENDINGS and doc[start - 2].ent_type_ == "ORG"


def _common_nouns(tokens) -> bool:
    """Two or more words, each a common noun of English and the first no given name: "Fact Checker"."""
    if len(tokens) < 2 or tokens[0].lower_ in first_name_genders():
        return False
    nouns = _lemmas("noun")
    return all(t.lower_ in nouns or t.lemma_.lower() in nouns for t in tokens)


def common_word(word: str) -> bool:
    """Whether a word is a common noun, adjective or verb of English, as spaCy's lemmatizer knows them."""
    word = word.lower()
    return any(word in _lemmas(part) for part in ("noun", "adj", "verb"))


def _verb_lemmas() -> frozenset[str]:
    """The verbs spaCy's English lemmatizer knows."""
    return _lemmas("verb")


@functools.cache
def _lemmas(part: str) -> frozenset[str]:
    """The words of one part of speech ("verb", "noun") that spaCy's English lemmatizer knows."""
    from bot.analysis.nlp import load_pipeline

    return frozenset(load_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")[part])


def _given_name_start(doc, start: int, end: int) -> int:
    """Where a name of three or more words starts when the words before its last two are a title, a playing
    position or a team ("Browns DL Sheldon Richardson", "Superintendent Jennifer McCormick"), or when words
    like those stand before a known given name: there, so the title goes to the role. Otherwise `start`."""
    if end - start < 3:
        return start
    givens = first_name_genders()
    for i in range(start + 1, end - 1):
        if doc[i].lower_ in givens:
            return i if all(_title_like(token, givens) for token in doc[start:i]) else start
    first = start
    while end - first > 2 and (_title_like(doc[first], givens) or _team_word(doc, first)):
        first += 1
    stripped = doc[start:first]
    return first if any(_title_like(token, givens) for token in stripped) else start


def _title_like(token, givens) -> bool:
    """A word before a name that is no part of it: a title, a playing position, an abbreviation, a body."""
    word = token.lower_.rstrip(".")
    if word in givens or word in NAME_PARTICLES or _hyphen(token):
        return False
    return (word in ROLE_WORDS or word in POSITION_ABBREVIATIONS or (token.text.isupper() and len(token.text) <= 4)
            or token.tag_ == "NNPS" or token.ent_type_ in ("ORG", "NORP", "GPE"))


def _team_word(doc, i: int) -> bool:
    """A capitalised plural right before a title word: the team in "Browns DL Sheldon Richardson"."""
    token = doc[i]
    return token.is_title and token.lower_.endswith("s") and i + 1 < len(doc) and (
        doc[i + 1].lower_.rstrip(".") in ROLE_WORDS | POSITION_ABBREVIATIONS or doc[i + 1].text.isupper())


def _may_be_in_name(doc, token) -> bool:
    """A capitalised word, a particle ("van"), or a hyphen and what follows it; never a word with a digit."""
    hyphenated = token.i > 0 and _hyphen(doc[token.i - 1])
    ok = token.text[:1].isupper() or token.lower_ in NAME_PARTICLES or _hyphen(token) or hyphenated
    return ok and not any(ch.isdigit() for ch in token.text)


def _hyphen(token) -> bool:
    """A hyphen joining two words, whatever the tagger made of it: in "Raed al-Jabouri" it tags the "-" NNP."""
    doc = token.doc
    joined = token.text in ("-", "‐") and 0 < token.i < len(doc) - 1 and not doc[token.i - 1].whitespace_
    return token.tag_ == "HYPH" or (joined and not token.whitespace_)


def _extra_mentions(doc, found: list[Mention], surnames: set[str]) -> list[Mention]:
    """Surnames and first names of the people found, where the tagger missed them ("said Caddell")."""
    firsts = {m.words[0].lower() for m in found if len(m.words) > 1}
    taken = {i for m in found for i in range(m.start, m.end)}
    extra = []
    for token in doc:
        if token.i in taken or not token.is_alpha or not token.text[0].isupper():
            continue
        word = token.lower_
        if word not in surnames and word not in firsts:
            continue
        if token.ent_type_ in OTHER_NAME_ENTITIES and _in_longer_entity(token):
            continue  # "Trump Tower", "Clinton Foundation"
        if token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.lower_ not in surnames:
            continue
        gender = word_gender(doc[token.i - 1].text) if token.i else None
        extra.append(Mention(token.i, token.i + 1, (token.text,), gender))
    return extra


def _speaker_labels(doc, surnames: set[str]) -> list[Mention]:
    """Transcript labels, 'WALLACE: ...' at the start of paragraphs, when the text has several (else those
    that are the surname of a person named otherwise)."""
    labels = []
    for _, start, end in sorted(_label_matcher(doc.vocab)(doc), key=lambda match: match[1]):
        colon = end - 1
        words = {t.lower_ for t in doc[start:colon]}
        if doc[start].lower_ in SALUTATIONS or "the" in words or words & NOT_IN_NAMES:
            continue  # "DEAR ABBY:", "GET THE QUIZ:"
        if _opens_paragraph(doc, start) and len(doc[colon - 1].text) > 1:
            labels.append(Mention(start, colon, _words(doc[start:colon].text), None))
    if len(labels) >= 2:
        return labels
    return [m for m in labels if surname_key(m.words) in surnames]


@functools.cache
def _label_matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("transcript label", [_LABEL])
    return matcher


def _opens_paragraph(doc, i: int) -> bool:
    """Whether token `i` starts the text or a paragraph, a quote mark before it aside."""
    before = i - 1
    if before >= 0 and doc[before].is_quote:
        before -= 1
    return before < 0 or _breaks(doc[before])


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _words(name: str) -> tuple[str, ...]:
    """The words of a name as written, all-capitals ones ('WALLACE') in title case."""
    return tuple(w.title() if w.isupper() and len(w) > 1 else w for w in name.split())


def _breaks(token) -> bool:
    """True when a paragraph break follows `token`."""
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _titled_entity(doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are one entity of their own, a title and the name after it, that the tagger
    took for an organization ("Councillor Eva Stone" tagged ORG): no longer name goes on around it."""
    first = doc[start]
    return first.ent_iob_ == "B" and all(doc[i].ent_iob_ == "I" for i in range(start + 1, end)) and (
        end == len(doc) or doc[end].ent_iob_ != "I")


def _in_longer_entity(token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")
