"""Whether the passages name the one thing a "which X" / "what kind of X" question asks for.

"Which airline was he flying with?" asks for the name of an airline: a passage answers only when it names one
("flew with Delta Air Lines", "the airline, United, said"); "airlines' in-flight entertainment systems" names
none. "What kind of cancer did he have?" asks for the kind: a passage answers with a word that says which
cancer ("lung cancer", "a rare cancer of the blood"); "was first diagnosed with cancer in 1990" does not say.
The asked noun is read from spaCy's parse of the question ("which" before it, or "what kind / type / sort of"
before it); a passage's word is that noun by stem or by meaning ("film" for "movie", "Act" for "law": the word
vectors of the TermMatcher), and it is named when a name stands next to it in the parse (its own entity, a
proper noun among its children, or the proper noun it qualifies or is set beside: "the journal Medicine &
Science ...", "Jupiter's moon Europa", "Priorities USA Action became the best-funded super PAC").
Questions of other forms (who, where, when, how many) ask for a kind of entity and are left to those rules.
"""

from __future__ import annotations

from bot.analysis.key_terms import SAME_MEANING, TermMatcher
from bot.analysis.lexicon import stem
from bot.analysis.nlp import parse_question
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, PassageIndex

# Words that say a question asks for a kind ("what kind of cancer").
_KIND_NOUNS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts"})
# Entity labels that name a thing (not a number, a date or an amount).
_NAMING_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP",
                            "LANGUAGE"})
# The dependencies by which a noun is set beside or qualifies the name next to it ("the journal Science",
# "Jupiter's moon Europa", "Future45, a super PAC").
_BESIDE = frozenset({"compound", "appos", "attr", "nmod"})
# Words that say which kind a noun is ("lung cancer", "a rare cancer").
_QUALIFYING = frozenset({"amod", "compound", "nmod"})


def asked_noun(question: Question) -> tuple[str, bool] | None:
    """The noun a "which X" / "what kind of X" question of the "what" form asks for, and whether it asks the
    kind ("what kind of cancer": True) rather than a name ("which airline": False); None for other questions."""
    if question.form != "what" or question.kind:
        return None
    lowered = question.text.lower()
    if "which" not in lowered and not any(word in lowered for word in _KIND_NOUNS):
        return None
    for token in parse_question(question.text):
        if token.lower_ == "which" and token.dep_ == "det" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head.lower_, False
        if token.lower_ in _KIND_NOUNS and any(c.lower_ == "what" for c in token.children):
            of = [c for c in token.children if c.lower_ == "of"]
            objects = [o for p in of for o in p.children if o.dep_ == "pobj"]
            if objects:
                return objects[0].lower_, True
    return None


def kind_named(index: PassageIndex, hits: list[Hit], question: Question, matcher: TermMatcher) -> bool:
    """Whether some passage names the thing a "which X" / "what kind of X" question asks for (True for every
    other question)."""
    asked = asked_noun(question)
    if asked is None:
        return True
    noun, wants_kind = asked
    given = {w.lower() for name in question.names for w in name.split()}
    for i in sorted({i for hit in hits for i in hit.passage.sentences}):
        for token in index.parsed_sentence(i):
            if token.pos_ in ("NOUN", "PROPN") and _same_noun(token, noun, matcher) and (
                _named(token, given) or (wants_kind and _qualified(token))
            ):
                return True
    return False


def _same_noun(token, noun: str, matcher: TermMatcher) -> bool:
    """Whether a passage's word is the asked noun: by stem, or by meaning when it is a common noun or the last
    word of a name of several words ("the Representation of the People Act" is a law; "TSA" is no airline)."""
    word = token.lower_
    if stem(word) == stem(noun):
        return True
    return (token.pos_ == "NOUN" or _heads_a_name(token)) and matcher.similarity(noun, word) >= SAME_MEANING


def _heads_a_name(token) -> bool:
    """Whether a proper noun is the last word of a name of several ("the People Act", "Delta Air Lines")."""
    last_of_entity = token.ent_iob_ == "I" and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    return last_of_entity or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)


def _named(token, given: set[str]) -> bool:
    """Whether a name stands next to the noun in the parse: the noun is part of one, a proper noun hangs on it,
    or it is set beside one ("the journal Science", "Future45, a super PAC"); names the question gives aside."""
    if token.ent_type_ in _NAMING_LABELS and token.lower_ not in given:
        return True
    near = [c for c in token.children if c.dep_ in _BESIDE | {"poss"}]
    if token.dep_ in _BESIDE and token.head.i != token.i:
        near.append(token.head)
        if token.dep_ == "attr":  # "X became the best-funded super PAC": the copula's subject
            near += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_a_name(t) and t.lower_ not in given for t in near)


def _a_name(token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in _NAMING_LABELS


def _qualified(token) -> bool:
    """Whether a word says which kind the noun is ("lung cancer", "a rare form of cancer": not "the cancer")."""
    return any(c.dep_ in _QUALIFYING and c.pos_ in ("ADJ", "NOUN", "PROPN") for c in token.children)

