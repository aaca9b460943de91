"""Whether an entity of the source is a name the question already gives, written another way: no answer.

"Which union endorsed Clinton on Thursday?" is not answered by "Hillary Clinton", nor "What growth does the IMF
predict?" by "The International Monetary Fund": what a question names is what it asks about, not what it asks
for. An entity gives a question's name when its last words are that name (a person or an organisation only:
"Hillary Clinton" for "Clinton"; a place may be a narrower one, "South Florida" for "Where in Florida ...?"),
or when one of the two is the other's initials ("IMF", "the International Monetary Fund"). A name the question
asks of ("Who is Scott's wife?") may be shared by the answer ("Rakeyia Scott"), so it counts only as written.
"""

from __future__ import annotations

import re

# Entity labels whose names hold a name of the question only when they are the same one (a person, a group).
_WHOLE_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_INITIALS = re.compile(r"^[A-Z]{2,6}$")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def gives_a_name(names: tuple[str, ...], question: str, label: str, text: str) -> bool:
    """Whether an entity (its label and words) is one of the names a question (`question`, its text) gives:
    it ends with one ("Hillary Clinton": "Clinton"), or is its initials or the words they stand for."""
    words = _plain(text)
    for name in names:
        if label in _WHOLE_NAME_LABELS and not _asked_of(name, question) and _ends_with(words, _plain(name)):
            return True
        if _initials_of(text, name) or _initials_of(name, text):
            return True
    return False


def _ends_with(words: str, name: str) -> bool:
    """Whether a name's last words are the question's name ("Hillary Clinton": "Clinton"; not "Scott - Brentley
    Vinson", where the tagger ran two names together)."""
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}$", words) is not None


def _asked_of(name: str, question: str) -> bool:
    """Whether the question asks of someone or something of the name's ("Scott's wife")."""
    return re.search(rf"(?<!\w){re.escape(name)}['’]s\b", question) is not None


def _initials_of(long: str, short: str) -> bool:
    """Whether `short` is the initials of the capitalised words of `long` ("IMF": "The International Monetary
    Fund"; small words such as "of" left out)."""
    short = short.replace(".", "")
    if not _INITIALS.match(short):
        return False
    words = [w for w in re.findall(r"[\w'’-]+|&", long) if w.lower() not in _SMALL_WORDS]
    return len(words) == len(short) and all(w[0].isupper() for w in words) and "".join(w[0] for w in words) == short


def _plain(text: str) -> str:
    return text.replace(".", "").replace("’", "'").casefold()
