"""Who does what to whom: the actor and the undergoer of each verb of a generated text, against its evidence.

A small model that restates "The NFL will fine Rudolph for his role" may write "Rudolph will fine Rudolph"
or "Rudolph will fine the NFL": every name and word is in the evidence, yet the facts are garbled. So each
verb's named actor (its subject, or the "by" agent of a passive) and named undergoer (its object, or the
subject of a passive) are compared with what the evidence gives for a verb of the same lemma:
- one name may not be both the actor and the undergoer of one verb, unless the evidence has it so;
- a name may not take a role that the evidence gives, for that verb, to another name or to the other role.
Verbs the evidence does not have are left alone (a paraphrase), and so are pronouns, which the text resolves,
except the model's "X says she ...", where she is X.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.lexicon import stem
from bot.analysis.nlp import parse

_ACTOR_DEPS = ("nsubj",)
_UNDERGOER_DEPS = ("dobj", "nsubjpass", "dative")
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself"})


@dataclass(frozen=True)
class Roles:
    """The named actors and undergoers of one verb, by lemma, as lower-case surnames or last name words."""

    lemma: str
    keys: frozenset[str]  # the lemma and the stem of the word as written ("fined": "fine"), to match verbs by
    actors: frozenset[str]
    undergoers: frozenset[str]
    start: int  # character offset of the verb


def verb_roles(text: str, lead: str = "") -> list[Roles]:
    """The named roles of each verb of `text` that has at least one; with a `lead` ("Taylor Swift"), a he or
    she after it is the lead's person (the model writes "Taylor Swift says she ...")."""
    found = []
    doc = parse(text)
    own = {"he", "she"} if lead else set()
    surname = lead.split()[-1].lower() if lead else ""
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux":
            continue
        actors, undergoers = set(), set()
        for child in token.children:
            names = {surname} if child.lower_ in own and child.idx > len(lead) else _names(child)
            if child.dep_ in _ACTOR_DEPS:
                actors |= names
            elif child.dep_ in _UNDERGOER_DEPS:
                undergoers |= names
            elif child.dep_ == "agent":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    actors |= _names(pobj)
        if actors or undergoers:
            keys = frozenset({token.lemma_.lower(), stem(token.lower_)})
            found.append(Roles(token.lemma_.lower(), keys, frozenset(actors), frozenset(undergoers), token.idx))
    return found


def role_conflict(text: str, evidence: list[str], skip_before: int = 0, lead: str = "") -> str | None:
    """Why `text` changes who does what to whom against `evidence` (None when it does not); verbs before
    character `skip_before` (the lead code wrote: "Dmitri Trenin says") are not the model's, and a he or she
    after the `lead` name is its person."""
    given = [roles for passage in evidence for roles in verb_roles(passage)]
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
