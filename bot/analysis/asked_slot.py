"""Whether a date, place or number answers what a question asks of it: it must hang on the asked predicate.

"When does the law take effect?" asks the date of taking effect; "The law, signed by the governor on Tuesday"
gives the date of signing: the sentence is about the law, but "Tuesday" belongs to "signed". The asked
predicate is the question's main verb with its particle and object ("take effect", "announce", "spend"); the
span's clause is the verb it stands under (spaCy's parse) with that verb's words. The span answers when the
clause holds one of the predicate's words, by stem or by a word close in meaning (the TermMatcher's vectors:
"hurt" is "injured"). Questions whose verb says nothing of its own ("When did it happen?", "When is the
debate?") have no predicate, and any clause will do.
"""

from __future__ import annotations

from bot.analysis.answer_spans import AnswerSpan, governing_verb
from bot.analysis.key_terms import SAME_MEANING, TermMatcher
from bot.analysis.lexicon import content_words, stems
from bot.analysis.negation_scope import stems_match
from bot.analysis.nlp import parse
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex

# Verbs that carry no predicate of their own: the question's noun says what is asked.
EMPTY_VERBS = frozenset({"be", "do", "have", "happen", "occur", "get", "go", "come", "say", "tell", "take place",
                         "make", "begin", "start", "end"})
# The forms whose span must hang on the asked predicate.
FORMS = frozenset({"when", "where", "how_many"})
# The dependencies that belong to a verb's predicate ("take effect", "give up", "cost much").
_PREDICATE_PARTS = frozenset({"prt", "dobj", "acomp", "oprd"})


def asked_predicate(question: Question) -> list[str]:
    """The words of the question's predicate ("take", "effect"), or [] when its verb is an empty one."""
    doc = parse(question.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() in EMPTY_VERBS:
        return []
    parts = [root.text] + [t.text for t in root.children if t.dep_ in _PREDICATE_PARTS and t.pos_ != "PRON"]
    return [w for w in parts if w.lower() not in _QUESTION_WORDS and content_words(w)]


def _describes_the_asked_thing(verb, question: Question) -> bool:
    """Whether the verb is a clause describing a noun the question names ("The law, signed on Tuesday, ...":
    "signed" describes "law"): another event of the thing asked about, whose date or place is not the one asked."""
    if verb.dep_ not in _DESCRIBING:
        return False
    return any(stems_match(word, question_word) for word in stems([verb.head.text.lower()]) for question_word in
               question.words)  # fmt: skip


_DESCRIBING = frozenset({"acl", "relcl"})
_QUESTION_WORDS = frozenset({"what", "when", "where", "how", "much", "many", "long", "who", "which"})


def hangs_elsewhere(index: PassageIndex, span: AnswerSpan, question: Question, matcher: TermMatcher) -> bool:
    """Whether the span stands under a verb whose clause holds none of the asked predicate's words: it dates
    or places something else ("signed on Tuesday" for "When does the law take effect?")."""
    if question.form not in FORMS:
        return False
    predicate = asked_predicate(question)
    verb = governing_verb(index, span)
    if not predicate or verb is None or verb.pos_ != "VERB" or not _describes_the_asked_thing(verb, question):
        return False
    clause = [t.text for t in verb.subtree if content_words(t.text)]
    held = stems([w.lower() for w in clause])
    for word, word_stem in zip(predicate, stems([w.lower() for w in predicate]), strict=True):
        if any(stems_match(word_stem, h) for h in held) or matcher.closest(word.lower(), clause) >= SAME_MEANING:
            return False
    return True
