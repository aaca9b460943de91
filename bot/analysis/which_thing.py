"""A "which X" / "what X" question answered by the name of an X: "What museum did Obama open?" is answered by
"the National Museum of African American History and Culture", "Which super PAC has the most money?" by
"Priorities USA Action", which "became the best-funded super PAC".

The thing asked is the head noun of the question's wh-phrase (spaCy's noun chunk: "super PAC" -> "pac"); a
name answers when it stands next to that noun (`PassageIndex.names_thing`: "his sailboat, the Angel", "a band
called ...") or is the subject of a copula whose complement is it ("X became the best-funded super PAC"). Only
the first three passages are searched, people are left to who-questions, and a question no name answers is
left to the quote: nothing is refused. Retrieval counts a sentence naming such a thing (`naming_sentences`) as
one holding the kind a typed question asks for (`retrieval.ANSWER_TYPE_BOOST`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from bot.analysis.answer_spans import AnswerSpan, stated_answer
from bot.analysis.given_names import gives_a_name
from bot.analysis.lexicon import stem
from bot.analysis.nlp import parse
from bot.analysis.question import NAMED_LABELS, Question
from bot.analysis.retrieval import Entity, Hit, PassageIndex
from bot.analysis.titles import names_kind

SEARCHED = 3
# A person is a who-question's answer ("which former president signed it?" is about who did it, and the
# president a passage names first may be another one).
_THINGS = NAMED_LABELS - {"PERSON"}
_OTHER_WH = frozenset({"who", "whom", "where", "when", "why", "how"})
_COPULAS = frozenset({"be", "become", "remain"})
# Nouns that only frame the question ("what kind of cancer", "what part"), so no name is of them.
_FRAMES = frozenset({"kind", "sort", "type", "part", "way", "thing", "name", "happen", "role", "reason"})


@lru_cache(maxsize=256)
def thing_asked(text: str) -> str:
    """The stem of the head noun of a question's "which / what" phrase ("What museum did Obama open?" ->
    "museum"), or "" when it has none ("What did he say?")."""
    doc = parse(text)
    wh = next((t for t in doc if t.lower_ in ("which", "what")), None)
    if wh is None or any(t.lower_ in _OTHER_WH for t in doc[wh.i + 1 :]):
        return ""  # two questions in one ("Which record ..., and where was that kite made?")
    chunks = [c for c in doc.noun_chunks if (c.start == wh.i and len(c) > 1) or c.start == wh.i + 1]
    if not chunks or chunks[0].root.pos_ not in ("NOUN", "PROPN") or chunks[0].root.lower_ in _FRAMES:
        return ""
    return stem(chunks[0].root.lower_)


def names_as(index: PassageIndex, entity: Entity, thing: str) -> bool:
    """Whether a name is given as a `thing`: next to the noun, or the subject of "is / became the ... X"."""
    if index.names_thing(entity, thing) or names_kind(entity.label, thing):  # "Section 354" is a law
        return True
    if index.parsed is None:
        return False
    span = index.parsed.char_span(entity.start, entity.end, alignment_mode="expand")
    token = span.root if span is not None else None
    if token is None or token.dep_ not in ("nsubj", "nsubjpass") or token.head.lemma_ not in _COPULAS:
        return False
    return any(child.dep_ in ("attr", "oprd") and stem(child.lower_) == thing for child in token.head.children)


def naming_sentences(index: PassageIndex, question: Question) -> list[int]:
    """The sentences that name the thing a what-question asks for ("the National Museum of African American
    History and Culture" for "What museum did Obama open?"), a name the question gives aside."""
    thing = thing_asked(question.text) if question.form == "what" and not question.kind else ""
    if not thing:
        return []
    return [
        i
        for i, entities in enumerate(index.entities)
        if any(e.label in _THINGS and not _given(question, e) and names_as(index, e, thing) for e in entities)
    ]


def named_answer(index: PassageIndex, hits: list[Hit], question: Question) -> tuple[list[Hit], str] | None:
    """The hits with the passage of the first name of the thing a what-question asks for moved first (anchored
    at its sentence), and that name stated; None when the question asks for no such thing or none is named."""
    thing = thing_asked(question.text) if question.form == "what" and not question.kind else ""
    for n, hit in enumerate(hits[:SEARCHED] if thing else []):
        for i in [hit.anchor, *(i for i in hit.passage.sentences if i != hit.anchor)]:
            for entity in index.entities[i]:
                if entity.label in _THINGS and not _given(question, entity) and names_as(index, entity, thing):
                    stated = stated_answer(index, AnswerSpan(entity.start, entity.end, entity), question, [])
                    return [replace(hit, anchor=i), *hits[:n], *hits[n + 1 :]], stated
    return None


def _given(question: Question, entity: Entity) -> bool:
    """Whether a name is one the question gives, as written or otherwise ("the International Monetary Fund" for
    "What growth does the IMF predict?": `given_names`)."""
    given = entity.text.lower() in question.text.lower()
    return given or gives_a_name(question.names, question.text, entity.label, entity.text)
