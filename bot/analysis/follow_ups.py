"""A question read against the conversation it is asked in: whom "he" means, what "And Trump?" asks.

A question that points back ("Who is he, exactly?", "What did she say next?") is about the expert the turn
before named, and keeps that turn's words (who it already named). An elliptical one, a name or a few words
after "and" or "what about" ("And Trump?", "What about the UK?"), asks the turn before's question again of
that name: "What share backs Clinton in the four-way race?" then "And Trump?" is "What share backs Trump in
the four-way race?". One that asks about an expert with no topic of its own ("What did the director say about
that?") searches for the turn before's topic. One that gives another year ("And by 2008?" after "How many were
in prison in 1972?") asks the turn before's question again of that year. One with no word of its own beyond its
question words ("Why not?", "How so?") is about the turn before, though no pronoun points back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from bot.analysis.lexicon import QUESTION_WORDS, content_stems, content_words
from bot.analysis.question import Question, expert_named, names_in
from bot.models import Answer, Expert

# Words that ask nothing of their own after a question word ("Why not?", "How so?", "How come?").
_BARE_WORDS = frozenset({"not", "so", "come", "then", "exactly", "really"})
# At most this many words after "and" / "what about" make an elliptical question ("And the Green Party?").
MAX_ELLIPTICAL_WORDS = 4
_ELLIPTICAL = re.compile(r"^(?:and|what about|how about|and what about)\s+(.+?)\s*\?*$", re.IGNORECASE)
_NOT_A_SUBJECT = re.compile(r"^(what|who|when|where|why|how|which|is|are|was|were|do|does|did|has|have|had|can|"
                            r"could|will|would|should|he|she|they|it|then|next|else|after|before)\b", re.IGNORECASE)
# A year with the preposition before it, if any ("in 1972", "by 2008", "as of 2008").
# "What did he call Trump?": "he" is the one who did it, the turn before's person, not the one the question names.
_PRONOUN_SUBJECT = re.compile(r"^(?:and |so |but )?(?:what|how|why|when|where|which|who)\b[\w\s]*?\b(?:did|does|do|"
                              r"has|had|is|was|will|would|can|could)\s+(?:he|she)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:(?:in|by|as of|since|until|before|after|from|for|of) )?(?:1[0-9]|20)\d\d\b", re.IGNORECASE)


def resolved(
    text: str, history: list[Answer], experts: list[Expert], people: Mapping[str, bool] | None = None
) -> Question:
    """The question `text`, read with the turns before it (`history`, oldest first); `people`, each person the
    text names (`silent.who_speaks`), keeps "he" from an expert the turn before named only by a surname another
    person shares ("who shot Scott?": Keith Lamont Scott, not Rakeyia Scott)."""
    previous = history[-1] if history else None
    rewritten = (elliptical(text, previous.question) or on_occasion(text, previous.question)) if previous else None
    asked = rewritten or text  # a surname another person shares names neither of them ("who shot Scott?")
    named = [e for e in experts if e.name.lower() in asked.lower() or not _surname_shared(e, people or {})]
    question = Question.read(asked, named)
    if previous is not None and bare(question):  # "Why not?" asks about the turn before, though no word points back
        question = replace(question, refers_back=True)
    if previous is None or not question.refers_back:
        return question
    question = replace(question, earlier=f"{previous.question} {previous.answer}")
    if question.expert is not None and not _PRONOUN_SUBJECT.match(question.text):
        return question
    earlier = previous.question + " " + previous.answer
    expert = expert_named(earlier, experts)
    if question.expert is not None and (expert is None or expert.name.lower() in question.text.lower()):
        return question  # "What did he call Trump?" after a turn about Trump: Trump is "he"
    if expert is None or (expert.name not in earlier and _surname_shared(expert, people or {})):
        return question
    return replace(question, expert=expert)


def bare(question: Question) -> bool:
    """Whether a question says nothing of its own beyond its question words ("Why not?", "How so?", "Why?"):
    it asks about the turn before."""
    return not [w for w in content_words(question.text) if w not in QUESTION_WORDS and w not in _BARE_WORDS]


def _surname_shared(expert: Expert, people: Mapping[str, bool]) -> bool:
    surname = expert.name.split()[-1].lower()
    return any(name != expert.name and name.split()[-1].lower() == surname for name in people)


# "and when they brought him back in?": a time clause alone (no auxiliary after "when", no question word of its own).
_OCCASION = re.compile(r"^(?:and|but|so)?,?\s*((?:when|after|before|once|while)\s+(?!(?:did|does|do|is|was|were|are|"
                       r"will|would|has|have|had|can|could|should)\b)\w+\s.*?)\s*\?*$", re.IGNORECASE)
_ASKS = re.compile(r"\b(what|who|how|why|which|where)\b", re.IGNORECASE)
_CLAUSE_IN = re.compile(r"\s+(?:when|after|before|once|while)\s.*$", re.IGNORECASE)


def on_occasion(text: str, previous: str) -> str | None:
    """ "and when they brought him back in?" after "How did Stancil react when the judge offered him an
    attorney?": the turn before's question asked again of that occasion ("How did Stancil react when they
    brought him back in?"); None when the question is no time clause alone."""
    match = _OCCASION.match(" ".join(text.split()))
    if match is None or _ASKS.search(match.group(1)) or not _ASKS.search(previous):
        return None
    asked = _CLAUSE_IN.sub("", previous.strip().rstrip("?"))
    return f"{asked} {match.group(1)}?"


def elliptical(text: str, previous: str) -> str | None:
    """The previous question asked again of the one thing an elliptical question names ("And Trump?"), with
    that thing in place of the previous question's first name; None when the question is not elliptical or
    the previous one names nobody to put it in place of."""
    match = _ELLIPTICAL.match(" ".join(text.split()))
    if match is None or len(match.group(1).split()) > MAX_ELLIPTICAL_WORDS or _NOT_A_SUBJECT.match(match.group(1)):
        return None
    thing = match.group(1)
    if _YEAR.fullmatch(thing):  # "And in 2010?" asks of another year, not of someone called "in 2010"
        return _of_another_year(thing, previous)
    names = [name for name in names_in(previous) if name.lower() not in thing.lower()]
    if not names:
        return None
    return re.sub(rf"(?<!\w){re.escape(names[0])}(?!\w)", thing, previous, count=1)


def without_topic(question: Question) -> bool:
    """Whether a follow-up about an expert says nothing of its own about what it asks ("What did the director say
    about that?"): its focus holds no content word beyond those naming or describing the expert, so the topic
    is the turn before's."""
    expert = question.expert
    if expert is None or not question.refers_back:
        return False
    return not set(content_stems(question.focus)) - set(content_stems(f"{expert.name} {expert.role or ''}"))


def _of_another_year(thing: str, previous: str) -> str | None:
    """The previous question with its year in place of the one an elliptical question gives ("by 2008" for
    "in 1972"), or None when either has no year."""
    new, old = _YEAR.search(thing), _YEAR.search(previous)
    if new is None or old is None:
        return None
    return previous[: old.start()] + new.group() + previous[old.end() :]
