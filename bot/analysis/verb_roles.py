"""Whether a name fills the part a who-question asks of its verb, where the name's sentence says that verb.

"Who shot Scott?" asks for the one who shot: in "Scott is one of 707 people shot and killed by police ...,
according to a Washington Post database" the database did not shoot (the police did), and in "A fugitive Iraqi
militant leader and the former right-hand man of Saddam Hussein has reportedly been killed" Saddam Hussein is not
the one killed ("Who is the militant leader they say was killed?"). The question gives the verb and the part:
the doer (its subject: "who shot", "who heads") or the undergoer (a passive's subject: "who was killed", also
through a copula's relative clause, "the leader they say was killed"). A name of a sentence that says the same
verb (by stem) answers only when it fills that part of it: the subject or a passive's "by" for the doer, the
passive's subject or the object for the undergoer, also as the noun a relative clause on the verb describes ("the
officer who shot Scott"), as an appositive of such a noun, or as the subject shared by a list of verbs ("shot and
killed"). A sentence without the verb is left to the other checks (it may say it in other words).
"""

from __future__ import annotations

from functools import lru_cache

from bot.analysis.lexicon import stem
from bot.analysis.negation_scope import stems_match
from bot.analysis.nlp import parse
from bot.analysis.wh_roles import AGENT, PATIENT, asks_the_subject

_WH = frozenset({"who", "whom"})
_RELATIVE = frozenset({"who", "whom", "that", "which"})
# Verbs of saying or believing that put the asked verb in their clause ("the leader they say was killed").
_REPORTING = frozenset({"say", "report", "believe", "think", "claim", "allege", "fear"})
_EMPTY = frozenset({"be", "have", "do", "get"})
_WITHIN_PHRASE = frozenset({"compound", "flat", "conj", "cc"})
_SHARED = frozenset({"conj", "xcomp"})  # "shot and killed", "tried to shoot": the subject of the first verb
_DASHES = frozenset({"-", "–", "—", "--", "―", "‒"})


@lru_cache(maxsize=256)
def asked_verb(text: str) -> tuple[str, str] | None:
    """(AGENT or PATIENT, the verb's lemma) of the person a who-question asks for ("who shot Scott?": (AGENT,
    "shoot"); "Who is the militant leader they say was killed?": (PATIENT, "kill")), or None when it asks of
    no verb of its own ("Who is Howard Dean?", "Who did the police arrest?")."""
    doc = parse(text)
    wh = next((t for t in doc if t.lower_ in _WH), None)
    if wh is None:
        return None
    if asks_the_subject(text) and wh.dep_ in ("nsubj", "nsubjpass"):
        verb, passive = wh.head, wh.dep_ == "nsubjpass"
    elif wh.head.lemma_ == "be":
        verb, passive = _described_verb(wh.head)
    else:
        return None
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() in _EMPTY:
        return None
    return (PATIENT if passive else AGENT), verb.lemma_.lower()


def _described_verb(copula) -> tuple[object, bool]:
    """The verb of the relative clause on a copula's noun ("the militant leader they say was killed": killed),
    and whether it is passive; (None, False) when the noun has none."""
    nouns = [t for t in copula.children if t.dep_ in ("attr", "nsubj") and t.pos_ in ("NOUN", "PROPN")]
    clause = next((c for n in nouns for c in n.children if c.dep_ == "relcl"), None)
    if clause is None:
        return None, False
    inner = next((c for c in clause.children if c.dep_ == "ccomp"), None)
    if clause.lemma_.lower() in _REPORTING and inner is not None:
        clause = inner  # "they say was killed": the killing, not the saying
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lower_ not in _RELATIVE for s in subjects):
        return None, False  # "the man the police arrested": the police are its subject
    return clause, any(c.dep_ in ("auxpass", "nsubjpass") for c in clause.children)


def fills_asked_part(parsed, start: int, end: int, role: tuple[str, str]) -> bool | None:
    """Whether the name at these offsets fills the asked part of a verb of the asked lemma (or stem) in its
    sentence; None when the sentence says no such verb."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    kind, lemma = role
    verbs = _asked_verbs(span.sent, lemma)
    if not verbs or not span.sent.root.is_alpha:
        return None  # no such verb; or a parse rooted on a mark the tagger took for a word ("Crutcher, 40 ― a")
    nouns = _nouns_of(span)
    return any(_fills(noun, verb, kind) for noun in nouns for verb in verbs)


def _asked_verbs(sent, lemma: str) -> list:
    """The verbs of a sentence of the asked lemma, or of its stem ("shot" for "shoot" by lemma, "killed")."""
    asked = stem(lemma)
    return [t for t in sent if t.pos_ == "VERB" and (t.lemma_.lower() == lemma or stems_match(stem(t.lower_), asked))]


def gives_the_asked_part(parsed, start: int, end: int, role: tuple[str, str], words: frozenset[str]) -> bool:
    """Whether the sentence at these offsets fills the asked part of the asked verb with a noun the question
    itself gives (its stem among `words`) or a pronoun: "A fugitive Iraqi militant leader ... has reportedly been
    killed" and "militiamen killed him" tell no more than "Who is the militant leader they say was killed?" asks."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    parts = ("nsubj", "agent") if role[0] == AGENT else ("nsubjpass", "dobj")
    for verb in _asked_verbs(span.sent, role[1]) if span is not None else []:
        fillers = [c for c in verb.children if c.dep_ in parts]
        fillers = [next((o for o in c.children if o.dep_ == "pobj"), c) if c.dep_ == "agent" else c for c in fillers]
        if any(f.pos_ == "PRON" or stem(f.lower_) in words for f in fillers if f.lower_ not in _RELATIVE):
            return True  # "killed him": someone named before, no one new
    return False


def _nouns_of(span) -> list:
    """The nouns a name stands for in the parse: its phrase's head, the appositives it is set beside ("Brentley
    Vinson, the officer"; "the officer, Brentley Vinson"), and the noun a dash sets it after ("the officer who
    shot Scott - Brentley Vinson, ... -": the tagger and the parser run the name into the clause's object)."""
    outside = [t for t in span if not (span.start <= t.head.i < span.end) and t.pos_ in ("PROPN", "NOUN", "PRON")]
    token = outside[-1] if outside else span.root  # the name's last word: the parser may misread its first
    while token.dep_ in _WITHIN_PHRASE and token.head.i != token.i:
        token = token.head
    nouns = [token, *(c for c in token.children if c.dep_ == "appos")]
    nouns += [token.head] if token.dep_ == "appos" and token.head.i != token.i else []
    nouns += [m for n in nouns for m in _members(n)]  # "Priya Nair, one of the two members who voted against"
    dashed = _after_a_dash(span)
    return nouns + ([dashed] if dashed is not None else [])


def _members(noun) -> list:
    """The group a partitive names ("one of the two members": members), or none."""
    if noun.lower_ not in ("one", "some", "each", "among") and noun.pos_ != "NUM":
        return []
    return [o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def _after_a_dash(span):
    """The noun a name opening a dash's aside describes: the one a relative clause ending at the dash is on
    ("the officer who shot Scott - Brentley Vinson": officer), or None."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text not in _DASHES or not doc[span.start - 1].whitespace_:
        return None  # a spaced dash, not the hyphen of "al-Douri"
    before = doc[span.start - 2]
    for token in [before, *before.ancestors]:
        if token.dep_ == "relcl" and token.i < before.i:
            return token.head
    return None


def _fills(noun, verb, kind: str) -> bool:
    """Whether `noun` is the verb's doer (AGENT) or undergoer (PATIENT), directly, through a relative clause on
    it, or as the subject a list of verbs shares (or a passive before "to": "is scheduled to moderate")."""
    subject = ("nsubj",) if kind == AGENT else ("nsubjpass", "dobj")
    if verb.dep_ in ("relcl", "acl") and verb.head.i == noun.i:  # "the officer who shot", "people shot by"
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        relative = [c for c in own if c.lower_ in _RELATIVE]
        if relative:
            return relative[0].dep_ in subject
        passive = verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)
        return passive == (kind == PATIENT) and not any(c.dep_ == "nsubj" for c in verb.children)
    if kind == AGENT and noun.dep_ == "pobj" and noun.head.lower_ == "by" and noun.head.head.i == verb.i:
        return True  # "killed by police"
    parts = subject
    while not any(c.dep_ in parts and c.i == noun.i for c in verb.children):
        if verb.dep_ not in _SHARED or verb.head.i == verb.i or any(c.dep_ in ("nsubj", "nsubjpass")
                                                                    for c in verb.children):  # fmt: skip
            return False
        # "Raddatz is scheduled to moderate": the passive's subject of the verb it is scheduled to do does it
        parts = subject + (("nsubjpass",) if kind == AGENT and verb.dep_ == "xcomp" else ())
        verb = verb.head
    return True


def asked_part_filled(index, entity, question) -> bool | None:
    """For a who-question that asks of a verb: whether the entity fills the asked part of that verb in its
    sentence (`fills_asked_part`); None when the question asks of no verb or the sentence does not say it."""
    if question.form != "who" or question.asks_who_is or index.parsed is None:
        return None
    role = asked_verb(question.text)
    return None if role is None else fills_asked_part(index.parsed, entity.start, entity.end, role)
