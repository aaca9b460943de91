"""What a yes-no question asks of its subject: the words of its predicate, which an answering sentence must hold.

"Has the officer who shot him been charged?" asks whether someone was charged; "the officer who shot him" only
says who. A sentence that holds the subject's words ("Crutcher was shot and killed by a white officer") shares
most of the question's words and still says nothing of what is asked: it neither answers "Yes" nor comes close
enough to be quoted unless it holds a word of the predicate, by stem or by meaning ("fired" for "dismissed").
The predicate is every content word of the question outside its subject (question words, words that only frame
the question: "actually", "ever", "the article show", "like Trump claims", and names aside, but for a name the
question says of its subject: "Is he a Democrat?").
"""

from __future__ import annotations

import re

from bot.analysis.key_terms import SAME_MEANING, TermMatcher
from bot.analysis.lexicon import QUESTION_WORDS, content_stems, content_words, stems
from bot.analysis.negation_scope import stems_match
from bot.analysis.nlp import parse_question
from bot.analysis.question import Question

# The subject of a question, whose words say whom it asks about.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Words that hedge a yes-no question and say nothing of what it asks ("Has he ever ...?", "Is he actually ...?").
HEDGES = frozenset({"actually", "really", "ever", "exactly", "also", "even", "truly"})
# A question put to the article ("Does the article show Clinton ever admitted to the clot?", "Does the story say
# ..."): its frame asks whether the source tells what follows, which no sentence repeats.
_ARTICLE_FRAME = re.compile(r"^(?:and |so |but )?(?:does|did|do|is|was) (?:the |this )?(?:article|story|piece|report|"
                            r"source|text)(?: (?:show|shows|say|says|mention|mentions|suggest|suggests|indicate|"
                            r"indicates|state|states|report|reports|tell us|claim|claims|confirm|confirms))?\b", re.I)


def predicate_words(question: Question) -> list[str]:
    """The content words of the question's predicate: outside the subject of its main verb, no names, question
    words or frame words ([] when none is left, or its main verb has no subject)."""
    doc = parse_question(question.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    subjects = [t for t in root.children if t.dep_ in _SUBJECTS]
    if not subjects:
        return []
    inside = {t.i for s in subjects for t in s.subtree}
    named = {w.lower() for name in question.names for w in name.split()} - {t.lower_ for t in _said_names(doc)}
    kept = [t.text for t in doc if t.i not in inside]
    framing = framing_stems(question)
    return [w for w in content_words(" ".join(kept)) if w not in named and w not in QUESTION_WORDS
            and not content_stems(w) <= framing]  # fmt: skip


# A question that cites whose claim it checks ("Is he a Democrat, like Trump claims?", "as the mayor said"): the
# citation frames it.
_CITED = re.compile(r",?\s*\b(?:like|as)\s+(?:[A-Z][\w'’.-]*\s+)+(?:claims?|claimed|says?|said|suggests?|suggested|"
                    r"insists?|insisted|alleges?|alleged|thinks?|believes?)\b")


def framing_stems(question: Question) -> set[str]:
    """The stems of the question's words that only frame it: hedges, an opening that asks the article, and the
    claim it cites ("like Trump claims")."""
    frame = _ARTICLE_FRAME.match(question.text.strip())
    hedges = [w for w in content_words(question.text) if w in HEDGES]
    cited = {w for found in _CITED.finditer(question.text) for w in content_stems(found.group())}
    return set(stems(hedges)) | (content_stems(frame.group()) if frame else set()) | cited


def predicate_names(question: Question) -> set[str]:
    """The stems of a name that is what a question says of its subject ("Is he a Democrat?": democrat): it is
    asked, where other names only say whom it is about."""
    return set(stems([t.text for t in _said_names(parse_question(question.text))]))


def _said_names(doc) -> list:
    """The names a copula says of the subject ("a Democrat" of "Is he a Democrat?")."""
    return [t for t in doc if t.dep_ in ("attr", "acomp") and t.pos_ == "PROPN" and t.head.pos_ == "AUX"]


def holds_predicate(predicate: list[str], sentence: str, matcher: TermMatcher | None) -> bool:
    """Whether a sentence holds a word of the predicate by stem, or by meaning with the matcher's vectors; True
    for an empty predicate (nothing to hold)."""
    if not predicate:
        return True
    words = content_words(sentence)
    held = stems(words)
    for word, word_stem in zip(predicate, stems(predicate), strict=True):
        if any(stems_match(word_stem, h) for h in held):
            return True
        if matcher is not None and matcher.closest(word, words) >= SAME_MEANING:
            return True
    return False
