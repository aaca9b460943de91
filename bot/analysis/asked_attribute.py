"""What a "to be" question asks of its subject, and whether a sentence speaks of that, not merely of the subject.

Half of a question's key words (bot.analysis.key_terms) is one word of two, and that one is often the thing the
question is about, not what it asks of it: "Who was the building's architect?" is not answered by "... the
legislation authorizing the building of the museum, and his wife, Laura". A question built on "to be" asks for
the adjective or participle it predicates ("How strong was the quake?", "How many hours was Khanal trapped?"),
else for the noun the copula joins to the question word ("architect", "Mick's result"), never for one the
question word picks ("Which university is he at?": the kind asked). Other questions ask for their verb, which a
sentence says in too many ways ("thrown out" / "escorted off", "backing" / "endorsed") for a single word to
decide: they ask nothing more here.

A sentence speaks of the attribute when it holds its word by stem or by a word close in meaning ("trapped" /
"stuck" 0.57), the subject's words aside ("architect" is 0.61 from "building" as single words).
"""

from __future__ import annotations

from bot.analysis.key_terms import SAME_MEANING, TermMatcher
from bot.analysis.lexicon import content_words, stems
from bot.analysis.nlp import parse_question
from bot.analysis.question import Question

# The dependents of a copula that are what a "to be" question asks for.
_COPULA_ASKED = frozenset({"nsubj", "attr", "nsubjpass"})
_WH = frozenset({"what", "who", "whom", "whose", "which", "when", "where", "how", "why"})


def asked_attribute(question: Question) -> tuple[str, ...]:
    """The question's key words that say what it asks of its subject (module doc), in the question's order."""
    keys = question.key_words
    if not keys:
        return ()
    doc = parse_question(question.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return ()
    asked = {t.lower_ for t in _attribute_tokens(root)}
    return tuple(word for word in keys if word in asked)


def _attribute_tokens(root) -> list:
    """The tokens of what a "to be" question asks for: the adjective or participle it predicates, else the noun
    the copula joins to the question word, not one the question word picks ("which university is he at?")."""
    if root.lemma_ != "be":
        return []  # a verb is said in too many ways ("thrown out" / "escorted off") for a single word to decide
    predicates = [c for c in root.children if c.dep_ == "acomp"]
    return predicates or [
        c
        for c in root.children
        if c.dep_ in _COPULA_ASKED and c.pos_ in ("NOUN", "PROPN") and not any(g.lower_ in _WH for g in c.children)
    ]


def speaks_of_attribute(question: Question, sentence: str, matcher: TermMatcher) -> bool:
    """Whether the sentence holds a word of what the question asks of its subject (by stem or by meaning), or
    the question asks nothing more than its subject."""
    asked = asked_attribute(question)
    if not asked:
        return True
    topic = set(stems([w for w in question.key_words if w not in asked]))
    words = [w for w in dict.fromkeys(content_words(sentence)) if stems([w])[0] not in topic]  # not "building"
    held = set(stems(words))
    return any(
        s in held or matcher.closest(w, words) >= SAME_MEANING for w, s in zip(asked, stems(list(asked)), strict=True)
    )
