"""People the text names who never say anything in it, so "what did X say?" of them is not covered.

"What did Premier Mike Baird say in reply to the Greens?" of an article where the Greens call on Baird to act
and Baird answers nothing: the attribution (bot.analysis.attribution) ties no words to him at all, by name,
surname or pronoun, quoted, reported or as a stance, not even as words someone else reports. Such a person is
silent, and a question asking what they said cannot be answered from the source, however close its passages
come. A person the attribution does not know as one (a name the tagger missed) is not judged: nothing is
known of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.analysis.lexicon import named_then_saying
from bot.analysis.nlp import name_head, parse_question
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex
from bot.analysis.statements import reports_speech

# "Clinton's campaign", "the Trump administration": the group speaks, not the person its name is of.
_GROUP_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(campaign|administration|office|spokes\w*|lawyers?|attorneys?|family|government|aides?|"
    r"staff|team|camp|allies|supporters)\b",
    re.IGNORECASE,
)


def who_speaks(attributions) -> dict[str, bool]:
    """Each person an attribution pass (`attribution.analyse`) knows, by canonical name: whether some
    attribution gives them words."""
    speaking = {a.speaker for a in attributions.attributions if a.speaker is not None}
    return {person.name: person.name in speaking for person in attributions.people.persons}


def asks_a_silent_person(question: Question, people: Mapping[str, bool], index: PassageIndex | None = None) -> bool:
    """Whether a "what did X say" question asks what a silent person said: the first name it gives (no
    group's: "Clinton's campaign") fits a person who never speaks and no person who does, and it names or
    describes no expert; nor, when `index` is given, does the source make them the subject of a verb of
    saying."""
    if question.form != "said" or question.expert is not None or not question.names:
        return False
    name = question.names[0]
    at = question.text.find(name)
    if at >= 0 and _GROUP_AFTER.match(question.text[at + len(name) :]):
        return False
    if not _subject_of_question(question, name):  # "How does he describe Clinton?": he speaks, not Clinton
        return False
    fitting = [speaks for person, speaks in people.items() if _fits(name, person)]
    return bool(fitting) and not any(fitting) and not (index is not None and _says_something(index, name))


def _subject_of_question(question: Question, name: str) -> bool:
    """Whether the name is the subject of the question's main verb ("What did Premier Mike Baird say ...?")."""
    at = question.text.find(name)
    span = parse_question(question.text).char_span(at, at + len(name), alignment_mode="expand") if at >= 0 else None
    if span is None:
        return False
    token = name_head(span.root, ("compound", "flat", "appos"))
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"  # not "... how Naomi is doing"


def _says_something(index: PassageIndex, name: str) -> bool:
    """Whether some sentence makes the person (their surname) the subject of a verb of saying ("Jeff Sessions,
    who has led the debate, said in a letter that ..."): words the attribution missed are still theirs."""
    surname = name.split()[-1]
    for i, sentence in enumerate(index.sentences):
        if surname not in sentence.text:
            continue
        if named_then_saying(surname, sentence.text):
            return True
        heads = [name_head(token) for token in index.parsed_sentence(i) if token.text == surname]
        if any(h.dep_ == "nsubj" and h.head.pos_ == "VERB" and reports_speech(h.head) for h in heads):
            return True
    return False


def _fits(name: str, person: str) -> bool:
    """Whether a name as the question writes it ("Premier Mike Baird", "Baird") is this person's: their
    surname is its last word and, when it gives more words, their first name is among them."""
    words, theirs = name.split(), person.split()
    if not words or not theirs or words[-1].lower() != theirs[-1].lower():
        return False
    return len(words) == 1 or len(theirs) == 1 or theirs[0].lower() in (w.lower() for w in words[:-1])

