"""What a negation in a sentence is about: the clause it denies, read from spaCy's parse.

"Husted was not violating any laws" denies that Husted violated laws, not that he filed an appeal, though the
sentence also writes "Court of Appeals": a yes-no question is answered "No" only by a negation whose clause
holds what the question asks. The clause of a negation is the subtree of the word it attaches to ("not" of
"violating"; the verb a "no ..." noun serves: "there was no evidence that ..." is the clause of "was"; a verb
denial such as "refused to apologize" is its own head), with the noun a relative clause describes ("Pama, who
has no history of violence" is about Pama).
"""

from __future__ import annotations

from bot.analysis.lexicon import NEGATIONS, content_words

# Verbs that deny what follows them: "has refused to apologize" answers "Has Dean said sorry?" with no.
DENIALS = frozenset({"refuse", "decline", "deny", "reject", "fail"})
# Two stems match when equal, or when both are this long and share this long a beginning ("violent" and
# "violenc", "terror" and "terrorist"; not "protest" and "protect").
PREFIX = 6
# Dependencies by which a "no ..." noun belongs to the clause of its head verb.
_CLAUSE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "expl", "oprd"})


def stems_match(a: str, b: str) -> bool:
    """Whether two stems are one word's: equal, or sharing a beginning of PREFIX letters."""
    return a == b or (len(a) >= PREFIX and len(b) >= PREFIX and a[:PREFIX] == b[:PREFIX])


def holds(words: set[str], stem: str) -> bool:
    """Whether `words` (stems) hold `stem` by `stems_match`."""
    return any(stems_match(stem, w) for w in words)


def negated_clauses(doc) -> list[list[str]]:
    """The content words of each clause a negation of `doc` (a parsed sentence) denies ("not only" denies
    nothing)."""
    return [content_words(" ".join(t.text for t in clause)) for clause in negated_spans(doc)]


def negated_spans(doc) -> list[list]:
    """The tokens of each clause a negation of `doc` denies: the subtree of its head, with the noun a relative
    clause describes and its words."""
    clauses = []
    for token in doc:
        head = _negated_head(token)
        if head is None:
            continue
        tokens = list(head.subtree)
        if head.dep_ == "relcl":
            tokens += [t for t in head.head.subtree if t.i < head.i]  # the noun it describes, with its words
        clauses.append(tokens)
    return clauses


def _negated_head(token):
    """The word whose clause `token` denies, or None when it is no negation."""
    lowered = token.lower_
    if lowered == "not" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "only":
        return None
    if token.dep_ == "neg" or lowered in ("never", "not", "n't"):
        return token.head
    if lowered in DENIALS or token.lemma_.lower() in DENIALS:
        return token if token.pos_ in ("VERB", "AUX") else None
    if lowered in NEGATIONS:  # "no", "none", "nothing", "without": the clause of the noun it goes with
        noun = token.head if token.dep_ == "det" else token
        if noun.dep_ in _CLAUSE_ROLES and noun.head.i != noun.i:
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            return verb
        return noun
    return None
