"""Whether a sentence speaks of what a question asks, read with the sentence before it when both name one person.

An article names a person with their role once and by surname after: "The agency launched an investigation, and
investigator Chris Higgins monitored the two officers." then "Higgins watched the plan being carried out on
February 9." The second sentence holds the date "When did the investigator see it happen?" asks for, but not the
word "investigator": read alone it speaks of something else, and its date would not be stated. When it names a
person the sentence before names too (same passage, same paragraph), the key words are looked for in both. A
sentence that only says "he" is not read so: "He grew up in Ankara" after "... was born in Izmir" is not where
he was born.

Where the two sentences stand apart (another paragraph, another passage), the role the article gives the person
("investigator Chris Higgins") is read with any sentence that names them by surname: "the investigator" of the
question is Higgins wherever the article says so. A surname two people share (Tom and Anna Berg) reads
neither's role.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from bot.analysis.key_terms import TermMatcher
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex
from bot.analysis.who_is import role_in_text


def speaks_of_here(
    index: PassageIndex, passage: Sequence[int], i: int, question: Question, matcher: TermMatcher
) -> bool:
    """Whether sentence `i` of a passage holds half of the question's key words, by itself or together with
    the sentence before it in the passage when both name the same person."""
    text = index.sentences[i].text
    if matcher.speaks_of(question, text):
        return True
    roles = roles_named(index, i)  # "Higgins watched ...": "the investigator" the article calls him elsewhere
    if roles and matcher.speaks_of(question, f"{text} {' '.join(roles)}"):
        return True
    before = i - 1
    if before not in passage or index.sentences[before].paragraph != index.sentences[i].paragraph:
        return False
    earlier = index.sentences[before].text
    return names_one_person(index, before, i) and matcher.speaks_of(question, f"{earlier} {text}")


def roles_named(index: PassageIndex, i: int) -> list[str]:
    """The roles the article gives the people sentence `i` names by the last word of their name, wherever it
    gives them ("investigator Chris Higgins" for the "Higgins" of a later paragraph: `who_is.role_in_text`); a
    surname two people of the article share names neither."""
    text = index.sentences[i].text
    roles = []
    for surname, name in _people_by_surname(index).items():
        if re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
            found = role_in_text(index, name)
            roles += [found[0]] if found is not None else []
    return roles


@functools.lru_cache(maxsize=4)
def _people_by_surname(index: PassageIndex) -> dict[str, str]:
    """The article's people named in full (the tagger's), by the last word of their name; a surname two of them
    share stands for neither. Read once per source, not once per sentence asked about."""
    people = {e.text for found in index.entities for e in found if e.label == "PERSON" and len(e.text.split()) > 1}
    by_surname: dict[str, list[str]] = {}
    for name in sorted(people):
        by_surname.setdefault(name.split()[-1], []).append(name)
    return {surname: names[0] for surname, names in by_surname.items() if len(names) == 1}


def names_one_person(index: PassageIndex, first: int, second: int) -> bool:
    """Whether two sentences name one person: a person either names (the tagger's, or one the attribution code
    found) is named in the other by the last word of their name ("Chris Higgins" ... "Higgins")."""
    for one, other in ((first, second), (second, first)):
        surnames = {e.text.split()[-1] for e in index.entities[one] if e.label == "PERSON" and e.text.split()}
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", index.sentences[other].text) for name in surnames):
            return True
    return False
