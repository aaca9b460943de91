"""The part a question's wh-phrase plays in its clause, and the part an entity of the source plays in its own.

"Who heads the panel?" and "Which state is getting Monday off?" ask for the subject of their verb: the answer
is the name that does what is asked ("a commission, overseen by Kofi Annan": the passive's agent; "Western
Australia and some public servants in Canberra ... will get Monday off": the subject, not the place that only
qualifies "servants"). Both sides are read from spaCy's parse: the wh-word (or the noun it determines: "which
state") as the subject of the question's verb, without do-support ("Who did Trump attack?" asks the object);
an entity as the head of a subject (through compounds, appositions and lists) or the object of a passive's "by".
"""

from __future__ import annotations

from functools import lru_cache

from bot.analysis.lexicon import stem
from bot.analysis.negation_scope import stems_match
from bot.analysis.nlp import parse

_WH = frozenset({"who", "which", "what", "whose"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# The links that stay inside one noun phrase, climbed from a name's word to the phrase's head.
_WITHIN_PHRASE = frozenset({"compound", "flat", "conj", "appos", "cc"})
_DO = frozenset({"do", "does", "did"})
AGENT, PATIENT = "agent", "patient"


@lru_cache(maxsize=256)
def asks_the_subject(text: str) -> bool:
    """Whether a who / which question asks for the subject of its verb ("Who heads her panel?", "Which super
    PAC has the most money?"), not its object ("Who did Trump attack?") or a copula's other side ("Who is the
    militant leader ...?")."""
    doc = parse(text)
    wh = next((t for t in doc if t.lower_ in _WH), None)
    if wh is None:
        return False
    chunks = [c for c in doc.noun_chunks if (c.start == wh.i and len(c) > 1) or c.start == wh.i + 1]
    chunk = chunks[0] if chunks else None  # "which super PAC", which spaCy may split after "which"
    phrase = chunk.root if chunk is not None else wh.head if wh.dep_ == "det" else wh
    end = chunk.end if chunk is not None else phrase.i + 1
    if end < len(doc) and doc[end].lower_ in _DO and any(t.pos_ == "VERB" for t in doc[end + 1 :]):
        return False  # do-support: the subject comes after "did" ("Who did the police arrest?")
    heads = {phrase.head.i, phrase.head.head.i}  # an auxiliary's verb too: "Which law are the police looking at?"
    others = [t for t in doc if t.dep_ in _SUBJECTS and t.head.i in heads and t.i != phrase.i]
    return phrase.dep_ in _SUBJECTS and not others  # "Which law are the police looking at?": police


def asked_role(text: str) -> tuple[str, str] | None:
    """(AGENT, "") when the question asks who does what it says ("Who heads her panel?"); (PATIENT, the
    verb's stem) when it asks who undergoes that verb ("Who was killed in Tulsa?": the passive's subject);
    None when it asks neither."""
    if not asks_the_subject(text):
        return None
    passive = next((t for t in parse(text) if t.dep_ == "nsubjpass"), None)
    return (PATIENT, stem(passive.head.lower_)) if passive is not None else (AGENT, "")


def plays_role(parsed, start: int, end: int, role: tuple[str, str]) -> bool:
    """Whether the words at these offsets play that role in their clause. AGENT: the head of (or listed in)
    an active clause's subject, or a passive's agent ("overseen by Kofi Annan"). PATIENT: a passive's
    subject or an object of the asked verb ("an officer shot and killed Terence Crutcher" for "Who was
    killed?"), not of another ("David Gaver was shot")."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ in _WITHIN_PHRASE and token.head.i != token.i:
        token = token.head
    kind, verb = role
    if kind == PATIENT:
        return token.dep_ in ("nsubjpass", "dobj") and stems_match(stem(token.head.lower_), verb)
    if token.dep_ == "nsubj":
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "by" and (head.dep_ == "agent" or head.head.tag_ == "VBN")
