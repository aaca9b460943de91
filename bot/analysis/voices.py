"""The sentences in one person's voice that the attribution did not credit to them: quotes that follow them.

A quote with "he said" or none at all ("“You're a good man, I swear.”") speaks for the last person the text
named before it, a sentence or two back in the same or the previous paragraph, when no one else is named in
between (a full name says which of two people of one surname it is). Retrieval counts them with that person's
words for a question about what they said; nothing here is shown as theirs (answers credit a speaker only from
the attribution's evidence). A sentence that names them right before such a quote ("Frank Jordan thanked the
captain.") introduces it: for a "what did X say" question it counts with their words, and its passage runs on to
the quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.analysis.lexicon import DOUBLE_QUOTES, OPENING_QUOTES, named_then_saying
from bot.analysis.retrieval import PassageIndex
from bot.models import Expert

# How many sentences back the person named last may stand.
REACH = 2
# A quote in single marks is told by the colon that opens it ("They said: 'The macaque is threatened ..."): a
# single mark alone is as often an apostrophe.
_SINGLE_QUOTED = re.compile(r"\b(said|says|told|added)\s*:\s*['‘]")


def spoken_by(index: PassageIndex, expert: Expert | None, experts: Sequence[Expert]) -> set[int]:
    """The sentences in an expert's voice: those holding their evidence, the quotes that follow them
    (`voiced`), and those that name them before a verb of saying ("Boase, who has two convictions, said: ...",
    which the attribution may miss); none for no expert."""
    if expert is None:
        return set()
    found = {i for span in expert.evidence for i in index.sentences_overlapping(span.start, span.end)}
    surname = expert.name.split()[-1] if expert.name.split() else ""
    found |= {s.index for s in index.sentences if surname and named_then_saying(surname, s.text)}
    return found | voiced(index, expert, experts)


def voiced(index: PassageIndex, expert: Expert, experts: Sequence[Expert]) -> set[int]:
    """The sentences holding a quote that speaks for `expert` by this reading."""
    found: set[int] = set()
    last: tuple[int, Expert] | None = None
    for sentence in index.sentences:
        named = _named_in(sentence.text, experts)
        quoted = any(mark in sentence.text for mark in DOUBLE_QUOTES)
        if not named and quoted and last is not None and last[1] is expert and sentence.index - last[0] <= REACH:
            found.add(sentence.index)
        if len(named) == 1:
            last = (sentence.index, named[0])
        elif named:
            last = None
    return found


def quoting(index: PassageIndex) -> set[int]:
    """The sentences that hold words said, in double quote marks or in single ones a colon opens."""
    quoted = [any(mark in s.text for mark in DOUBLE_QUOTES) or _SINGLE_QUOTED.search(s.text) for s in index.sentences]
    return {i for i, holds in enumerate(quoted) if holds}


def introducing(index: PassageIndex, expert: Expert | None, experts: Sequence[Expert], spoken: set[int]) -> set[int]:
    """The sentences that name an expert right before a quote of theirs in the same paragraph and hold none of
    their words ("Frank Jordan thanked the captain of the Houston Express." / "“You're a good man, I swear."):
    the passage that starts there runs on to the quote and tells whom it was said to."""
    if expert is None:
        return set()
    found = set()
    for i in spoken:
        before, sentence = index.sentences[i - 1] if i > 0 else None, index.sentences[i]
        if before is None or i - 1 in spoken or before.paragraph != sentence.paragraph:
            continue
        if sentence.text.startswith(OPENING_QUOTES) and _named_in(before.text, experts) == [expert]:
            found.add(i - 1)
    return found


def _named_in(text: str, experts: Sequence[Expert]) -> list[Expert]:
    """The experts a sentence names by surname, less one that shares its surname with an expert it names in
    full ("Frank Jordan thanked ..." does not name Louis Jordan)."""
    full = [e for e in experts if _names(text, e, full=True)]
    taken = {e.name.split()[-1] for e in full}
    return [e for e in experts if e in full or (_names(text, e) and e.name.split()[-1] not in taken)]


def _names(text: str, expert: Expert, *, full: bool = False) -> bool:
    """Whether a text names the expert: by surname, or (`full`) by their whole name ("Frank Jordan" is one of
    two Jordans)."""
    words = expert.name.split()
    key = expert.name if full else words[-1] if words else ""
    return bool(words) and bool(re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text))
