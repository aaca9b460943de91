"""A person's role as the text gives it: the title before a name or the appositive beside it.

"Former Russian Foreign Minister Igor Ivanov" gives "former Russian Foreign Minister", "Fyodor Lukyanov,
editor of Russia in Global Affairs," gives "editor of Russia in Global Affairs", "The head of the Carnegie
Moscow Center, Dmitri Trenin," gives "head of the Carnegie Moscow Center", and "Sen. Rob Portman (R-Ohio)"
gives "Senator (R-Ohio)". Roles are read from the parse around one mention; nothing is invented.
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import HONORIFICS, PICTURE_WORDS, RELATIVE_PRONOUNS, ROLE_WORDS, TITLE_ABBREVIATIONS

_PRE_TITLE_DEPS = {"compound", "amod", "nmod", "det", "poss", "case", "nummod", "quantmod", "punct", "advmod"}
_PARTY_STATE = re.compile(r"\(\s*[RDI]\s*[-–—]\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?\s*\)")
_MAX_WORDS = 14
_MENTION_QUALIFIERS = frozenset({"real", "true", "actual", "very", "same", "own", "so-called"})
_PLACES = frozenset({"GPE", "LOC", "NORP", "ORG"})  # a place or a body: "Britain", "the House"


def role_of(doc, start: int, end: int) -> str | None:
    """The role the text gives the person named by tokens [start, end) of a parsed `doc`, if any."""
    head = _root(doc, start, end)
    role = _appositive_after(doc, head, end) or _appositive_before(doc, head, start, end)
    title = _title_before(doc, head, start)
    if role is None:
        role = title
    elif title and len(title.split()) <= 3 and title.lower() not in role.lower():
        role = f"{title}, {role}"  # "Councillor Priya Nair, one of the two members who voted against,"
    party = _party_state(doc, end)
    if role and party:
        return f"{role} {party}"
    return role or party


def _root(doc, start: int, end: int):
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def _appositive_after(doc, head, end: int) -> str | None:
    for child in head.children:
        if child.dep_ == "appos" and child.i >= end and child.pos_ != "PROPN" and child.ent_type_ != "GPE":
            if _someone_between(doc, end, child.left_edge.i):
                return None  # "Carla Jensen and <@4411>, clerk who organises it": the clause is the other one's
            if any(c.dep_ == "relcl" and end <= c.i < child.i for c in head.children):
                return None  # "Scott Paul, who heads the Alliance, a group that ...": the group is the Alliance
            return _clean(doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _someone_between(doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold another party: a conjunct ("and Tom Hale") or a Discord mention."""
    return any(t.dep_ in ("cc", "conj") or t.text.startswith(("@", "<@")) for t in doc[start:end])


def _appositive_before(doc, head, start: int, end: int) -> str | None:
    """'The head of the Carnegie Moscow Center, Dmitri Trenin, ...': the noun phrase before the comma."""
    if head.dep_ != "appos" or start == 0 or doc[start - 1].text != "," or head.head.i >= start:
        return None
    if end < len(doc) and doc[end].text not in (",", ")", "—", "–", ".") and not doc[end].is_space:
        return None  # an apposition closes after the name: "the head of X, Dmitri Trenin, said"
    phrase = head.head
    while phrase.dep_ in ("pobj", "prep", "compound", "conj") and phrase.head.i < phrase.i:
        phrase = phrase.head
    if phrase.pos_ not in ("NOUN", "PROPN") or phrase.ent_type_ in ("PERSON", "GPE"):
        return None
    return _clean(doc, phrase.left_edge.i, start - 1)


def _title_before(doc, head, start: int) -> str | None:
    """Words of the name's own noun phrase before it: 'Former Russian Foreign Minister', 'Stein spokeswoman'.
    A plural title is each listed person's in the singular ("founding members Tom Johnston, ..." gives
    "founding member"); a word that qualifies the mention ("the real Prince Andrew") ends the title; a place
    alone is no title, but the noun it completes is ("China's ambassador to Britain Liu Xiaming")."""
    first = start
    while first > 0:
        token = doc[first - 1]
        inside = token.i < token.head.i <= head.i
        if not inside or token.dep_ not in _PRE_TITLE_DEPS or (token.pos_ == "VERB" and token.dep_ != "amod"):
            break
        if (token.dep_ == "punct" and token.tag_ != "HYPH") or token.lower_ in _MENTION_QUALIFIERS:
            break
        first -= 1
    if first < start and all(t.ent_type_ in _PLACES or t.lower_ == "the" for t in doc[first:start]):
        completed = _completed_noun(doc, head, first)
        if completed is None and not all(t.ent_type_ == "ORG" for t in doc[first:start] if t.lower_ != "the"):
            return None  # a place alone is no title; a body alone is the person's ("Google's Sundar Pichai")
        first = first if completed is None else completed
    return _clean(doc, first, start, singular=True) if first < start else None


def _completed_noun(doc, head, first: int) -> int | None:
    """Where the title starts that a place or a body before a name completes: "China's ambassador to Britain
    Liu Xiaming" (the noun the name is in apposition to), "Speaker of the House Newt Gingrich" (a role word
    right before "of"); None when there is none."""
    preposition = doc[first - 1] if first > 0 else None
    if preposition is None or preposition.lower_ not in ("of", "to", "for"):
        return None
    anchor = head.head if head.dep_ == "appos" and head.head.i < first else None
    if anchor is not None and preposition.dep_ == "prep" and preposition.head.i == anchor.i:
        return anchor.left_edge.i
    if first >= 2 and doc[first - 2].lower_ in ROLE_WORDS and doc[first - 2].text[:1].isupper():
        return first - 2
    return None


def _party_state(doc, end: int) -> str | None:
    if end < len(doc) and doc[end].text == "(":
        tail = doc.text[doc[end].idx : doc[end].idx + 30]
        match = _PARTY_STATE.match(tail)
        if match:
            return match.group(0)
    return None


def _clean(doc, start: int, end: int, singular: bool = False) -> str | None:
    """The role text of tokens [start, end): determiners, honorifics and edge punctuation dropped; with
    `singular`, a plural last noun in the singular."""
    tokens = list(doc[start:end])
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("the", "a", "an") or _honorific(tokens[0])):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or _honorific(tokens[-1]) or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > _MAX_WORDS:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in PICTURE_WORDS for t in tokens):
        return None  # an age ("Jimmy Tompkins, 31,"), a caption's "(right)", an adjective ("little Naomi")
    relative = next((i for i, t in enumerate(tokens) if t.lower_ in RELATIVE_PRONOUNS), len(tokens))
    if any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in tokens[:relative]):
        return None  # a clause, not a role: a headline read as an apposition
    text = _written_out(tokens)
    last = tokens[-1]
    if singular and last.tag_ == "NNS" and last.lemma_ and last.lemma_ != last.lower_ and text.endswith(last.text):
        lemma = last.lemma_.capitalize() if last.text[:1].isupper() else last.lemma_
        text = text[: len(text) - len(last.text)] + lemma
    if tokens[0].pos_ in ("ADJ", "VERB", "ADV") and not tokens[0].ent_type_ and not text[:2].isupper():
        text = text[0].lower() + text[1:]  # "Former Russian Foreign Minister" begins a sentence
    return text or None


def _written_out(tokens) -> str:
    """The tokens' text with abbreviated titles written out: "Lt. Gov." gives "Lieutenant Governor"."""
    words: list[str] = []
    for i, token in enumerate(tokens):
        after_title = i and not tokens[i - 1].whitespace_ and words[-1].strip() in TITLE_ABBREVIATIONS.values()
        if token.text == "." and after_title:
            words[-1] += token.whitespace_  # the full stop of "Lt." once written out
            continue
        title = TITLE_ABBREVIATIONS.get(token.lower_.rstrip("."))
        words.append((title or token.text) + token.whitespace_)
    return "".join(words).strip()


def _honorific(token) -> bool:
    return token.lower_.rstrip(".") in HONORIFICS
