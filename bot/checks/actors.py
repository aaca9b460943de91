"""Who does what to whom: the actor and the undergoer of each verb of a generated text, against its evidence.

A small model that restates "The NFL will fine Rudolph for his role" may write "Rudolph will fine Rudolph"
or "Rudolph will fine the NFL": every name and word is in the evidence, yet the facts are garbled. So each
verb's named actor (its subject, or the "by" agent of a passive) and named undergoer (its object, or the
subject of a passive) are compared with what the evidence gives for a verb of the same lemma:
- one name may not be both the actor and the undergoer of one verb, unless the evidence has it so;
- a name may not take a role that the evidence gives, for that verb, to another name or to the other role.
Verbs the evidence does not have are left alone (a paraphrase), and so are pronouns, which the text resolves,
except the model's "X says she ...", where she is X, and the evidence's "I", "we" and "you": the speaker, and
the one spoken to ("We get that you're frustrated" does not make "Bosma says he's frustrated").
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.lexicon import stem
from bot.analysis.nlp import parse

_ACTOR_DEPS = ("nsubj",)
_UNDERGOER_DEPS = ("dobj", "nsubjpass", "dative")
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_THIRD_PERSON = {"he": "m", "him": "m", "she": "f", "her": "f"}


@dataclass(frozen=True)
class Roles:
    """The named actors and undergoers of one verb, by lemma, as lower-case surnames or last name words."""

    lemma: str
    keys: frozenset[str]  # the lemma and the stem of the word as written ("fined": "fine"), to match verbs by
    actors: frozenset[str]
    undergoers: frozenset[str]
    start: int  # character offset of the verb


def verb_roles(text: str, lead: str = "", speaker: str = "", pronoun: str = "") -> list[Roles]:
    """The named roles of each verb (or predicate adjective: "you're frustrated") of `text` that has at least
    one; with a `lead` ("Taylor Swift"), a he or she after it is the lead's person (the model writes "Taylor
    Swift says she ..."); with a `speaker`, the text is that person's evidence (see `_evidence_names`; the
    `pronoun` is the one the model uses for them)."""
    found = []
    doc = parse(text)
    surname = lead.split()[-1].lower() if lead else ""

    def names_of(word) -> set[str]:
        if lead and word.lower_ in ("he", "she") and word.idx > len(lead):
            return {surname}
        return _evidence_names(word, speaker, pronoun) if speaker else _names(word)

    for token in doc:
        if not _predicate(token):
            continue
        actors = {n for c in _controllers(token) for n in names_of(c)}
        undergoers: set[str] = set()
        for child in _role_children(token):
            if child.dep_ in _ACTOR_DEPS and not _a_state(token):
                actors |= names_of(child)
            elif child.dep_ in _UNDERGOER_DEPS or child.dep_ in _ACTOR_DEPS:
                undergoers |= names_of(child)
            elif child.dep_ == "agent":
                actors |= {n for pobj in child.children if pobj.dep_ == "pobj" for n in _names(pobj)}
        if actors or undergoers:
            keys = frozenset({token.lemma_.lower(), stem(token.lower_)})
            found.append(Roles(token.lemma_.lower(), keys, frozenset(actors), frozenset(undergoers), token.idx))
    return found


def role_conflict(text: str, evidence: list[str], skip_before: int = 0, lead: str = "") -> str | None:
    """Why `text` changes who does what to whom against `evidence` (None when it does not); verbs before
    character `skip_before` (the lead code wrote: "Dmitri Trenin says") are not the model's, and a he or she
    after the `lead` name is its person."""
    pronoun = next((w for w in text[len(lead):].lower().replace(",", " ").split() if w in ("he", "she")), "")
    given = [roles for passage in evidence for roles in verb_roles(passage, speaker=lead, pronoun=pronoun)]
    for roles in verb_roles(text, lead):
        if roles.start < skip_before:
            continue
        same = [g for g in given if g.keys & roles.keys]
        both = roles.actors & roles.undergoers
        if both and not any(both <= (g.actors & g.undergoers) for g in same):
            return f"{_title(both)} both does and undergoes '{roles.lemma}'"
        for name in roles.actors:
            if _given_elsewhere(name, same, "actors"):
                return f"{_title({name})} is not who does '{roles.lemma}' in the evidence"
        for name in roles.undergoers:
            if _given_elsewhere(name, same, "undergoers"):
                return f"{_title({name})} is not who undergoes '{roles.lemma}' in the evidence"
    return None


def _given_elsewhere(name: str, same: list[Roles], role: str) -> bool:
    """Whether the evidence's verbs of this lemma give this role to other names (or this name the other role)
    and never to `name`."""
    other = "undergoers" if role == "actors" else "actors"
    if not same or any(name in getattr(g, role) for g in same):
        return False
    return any(getattr(g, role) or name in getattr(g, other) for g in same)


def _predicate(token) -> bool:
    """A verb, or an adjective after a copula ("frustrated" of "he's frustrated"); not an auxiliary, nor a
    copula or passive auxiliary whose verb or adjective is the predicate."""
    if token.pos_ == "ADJ":
        return token.dep_ == "acomp"
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
        return False
    return not (token.pos_ == "AUX" and any(c.dep_ == "acomp" for c in token.children))


def _a_state(token) -> bool:
    """A passive verb or an adjective after a copula: its subject undergoes it, however the parser hangs it
    ("you're frustrated", "I am frustrated", "he's frustrated")."""
    return token.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in token.children)


def _role_children(token) -> list:
    """The words that may hold a predicate's roles: its own, those of its auxiliaries (the parser may hang
    the subject of "you're frustrated" on "'re") and, for an adjective, those of its copula."""
    children = list(token.children)
    children += [g for c in token.children if c.dep_ in ("aux", "auxpass") for g in c.children]
    if token.dep_ == "acomp":
        children += [c for c in token.head.children if c.i != token.i]
    return children


def _evidence_names(word, speaker: str, pronoun: str) -> set[str]:
    """Who a subject or object of the evidence is, read as the speaker's own words: "I" and "we" are the
    speaker; "you" (the one spoken to) and "it" (a thing) are someone else; a he or she is the subject of the
    verb that reports it ("the President admits he has not followed it": the President), else someone else
    when it comes before the speaker's name ("He had, according to Alex Horton, killed …") or is not the
    pronoun the model uses for the speaker; a noun is what it names ("the company"); a name, its last word."""
    surname = speaker.split()[-1].lower()
    word_text = word.lower_
    if word_text in _FIRST_PERSON:
        return {surname}
    if word_text in ("you", "it"):
        return {word_text}
    if word_text in _THIRD_PERSON:
        bound = _bound_subject(word)
        if bound:
            return bound
        named_after = surname in word.doc.text[word.idx :].lower()
        if named_after or (pronoun and _THIRD_PERSON[word_text] != _THIRD_PERSON.get(pronoun)):
            return {"someone else"}
        return set()
    if word.pos_ == "NOUN" and word.dep_ in _ACTOR_DEPS + _UNDERGOER_DEPS:
        return {word.lemma_.lower()}
    return _names(word)


def _bound_subject(pronoun) -> set[str]:
    """The subject, not a pronoun, of the verb whose reported clause holds `pronoun`: "the President admits he
    ..." gives {"president"}."""
    verb = pronoun.head
    while verb.dep_ in ("ccomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return _names(subject) or {subject.lemma_.lower()}
    return set()


def _controllers(token) -> list:
    """Who does what a verb without a subject of its own says: the object of "described him as sweating" or
    "told executives to look", else the subject of "SoftBank attempts to rescue the company"."""
    if token.dep_ == "xcomp":
        head = token.head
        objects = [c for c in head.children if c.dep_ == "dobj"]
        return objects or [c for c in _role_children(head) if c.dep_ == "nsubj"]
    if token.dep_ not in ("pcomp", "pobj") or token.head.dep_ != "prep" or token.head.lower_ not in ("as", "of", "for"):
        return []
    return [c for c in token.head.head.children if c.dep_ == "dobj"]


def _names(head) -> set[str]:
    """The last word of each proper name in a noun phrase headed by `head` (its conjuncts too): "the NFL"
    gives {"nfl"}, "Mason Rudolph and Myles Garrett" gives {"rudolph", "garrett"}; a reflexive gives none."""
    if head.lower_ in _REFLEXIVES:
        return set()
    names = set()
    for token in [head, *(c for c in head.children if c.dep_ == "conj")]:
        if token.pos_ == "PROPN":
            names.add(token.lower_)
    return names


def _title(names: set[str]) -> str:
    return ", ".join(sorted(name.title() for name in names))
