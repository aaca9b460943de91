"""Whether a sentence speaks of what a question asks, read with the sentence before it when both name one person.

An article names a person with their role once and by surname after: "The agency launched an investigation, and
investigator Chris Higgins monitored the two officers." then "Higgins watched the plan being carried out on
February 9." The second sentence holds the date "When did the investigator see it happen?" asks for, but not the
word "investigator": read alone it speaks of something else, and its date would not be stated. When it names a
person the sentence before names too (same passage, same paragraph), the key words are looked for in both. A
sentence that only says "he" is not read so: "He grew up in Ankara" after "... was born in Izmir" is not where
he was born.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.analysis.key_terms import TermMatcher
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex


def speaks_of_here(
    index: PassageIndex, passage: Sequence[int], i: int, question: Question, matcher: TermMatcher
) -> bool:
    """Whether sentence `i` of a passage holds half of the question's key words, by itself or together with
    the sentence before it in the passage when both name the same person."""
    text = index.sentences[i].text
    if matcher.speaks_of(question, text):
        return True
    before = i - 1
    if before not in passage or index.sentences[before].paragraph != index.sentences[i].paragraph:
        return False
    earlier = index.sentences[before].text
    return names_one_person(index, before, i) and matcher.speaks_of(question, f"{earlier} {text}")


def names_one_person(index: PassageIndex, first: int, second: int) -> bool:
    """Whether two sentences name one person: a person either names (the tagger's, or one the attribution code
    found) is named in the other by the last word of their name ("Chris Higgins" ... "Higgins")."""
    for one, other in ((first, second), (second, first)):
        surnames = {e.text.split()[-1] for e in index.entities[one] if e.label == "PERSON" and e.text.split()}
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", index.sentences[other].text) for name in surnames):
            return True
    return False
