"""Who a person is, as the article says it: "Who is Howard Dean?" when no expert with a role answers it.

The role is the one `bot.analysis.roles` reads from the parse at a mention of the person (the title before the
name or the appositive beside it: "Dean, a former Democratic National Committee chairman, ..."), at the first
mention that gives one, by full name first, then by surname. Nothing is invented: no role, no answer.
"""

from __future__ import annotations

import re

from bot.analysis.question import Question, names_in
from bot.analysis.retrieval import PassageIndex
from bot.analysis.roles import role_of


def person_asked(question: Question) -> str:
    """The name a who-is question asks about: its own ("Who is Howard Dean?") or, for "Who is he, exactly?",
    the first name the turn before gives."""
    names = [name for name in question.names if name != "I"]
    if names:
        return names[0]
    earlier = [name for name in names_in(question.earlier) if len(name.split()) > 1]
    return earlier[0] if earlier else ""


def role_in_text(index: PassageIndex, name: str) -> tuple[str, int] | None:
    """The first role the text gives the person, with the sentence it stands in, or None."""
    if not name or index.parsed is None:
        return None
    words = name.split()
    for key in dict.fromkeys([name, words[-1]]):
        for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", index.text):
            if key != name and re.search(r"[A-Z][\w.'’-]*\s$", index.text[max(0, match.start() - 30) : match.start()]):
                continue  # "Howard Dean" read by its surname: "Howard" is no title
            span = index.parsed.char_span(match.start(), match.end(), alignment_mode="expand")
            role = role_of(index.parsed, span.start, span.end) if span is not None else None
            sentences = index.sentences_overlapping(match.start(), match.end())
            if role and sentences and not set(role.lower().split()) <= {w.lower() for w in words}:
                return role, sentences[0]
    return None


# "Who is Pagliano's lawyer?", "Who is the militant leader they say was killed?": the role asked for, the last
# lower-case word of the noun phrase after "who is the / X's" (before "who", "that", a pronoun, a preposition).
_ROLE_ASKED = re.compile(
    r"^(?:and |so )?who(?:'s|’s| is| was| are| were) (?:(?:the |a |an |his |her |their |its )(?:\w[\w.-]*['’]s )?"
    r"|\w[\w.-]*['’]s )((?:[\w-]+ ){0,2}?[a-z][\w-]*)"
    r"(?= (?:who|that|which|they|he|she|it|of|for|at|in|on|to|now)\b|\s*\?|$)"
)


def role_asked(question: Question) -> str:
    """The role a who-question asks the holder of ("Who is Pagliano's lawyer?" -> "lawyer"), or ""."""
    text = question.text.strip()
    match = _ROLE_ASKED.search(text[:1].lower() + text[1:]) if question.form == "who" else None
    return match.group(1).split()[-1] if match else ""

