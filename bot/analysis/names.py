"""A person's name as the identity rules compare it: given name, middle names or initials, surname.

"Helen M. Okafor", "helen m okafor" and "Helen M Okafor" are one name; "Hélène" and "Helene" compare alike.
Honorifics before a name ("Dr.") and suffixes after it ("Jr.") are left out; particles stay with the surname
("Ursula von der Leyen" has the surname "von der leyen"). A single word is a surname alone.

One name *fits* another when it says less but nothing different: "Okafor" fits "Helen Okafor", "Helen
Okafor" fits "Helen M. Okafor", "Helen M. Okafor" fits "Helen Mary Okafor" (an initial stands for a name
it begins), "H. Okafor" fits "Helen Okafor". "Helen Okafor" does not fit "Mark Okafor", nor "Helen M.
Okafor" fit "Helen K. Okafor".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.analysis.lexicon import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, TITLE_ABBREVIATIONS

_LEADING = HONORIFICS | set(TITLE_ABBREVIATIONS)
_TRAILING = {suffix.rstrip(".") for suffix in NAME_SUFFIXES}


@dataclass(frozen=True)
class PersonName:
    """A name's parts, folded (lower case, no accents, no full stops); `given` is None for a surname alone."""

    given: str | None
    middles: tuple[str, ...]
    surname: str

    @property
    def key(self) -> tuple[str | None, tuple[str, ...], str]:
        """What two spellings of the same name share."""
        return self.given, self.middles, self.surname

    @property
    def detail(self) -> tuple[int, int, int, int]:
        """How much the name says, for ordering: a given name, written out, middles, and their letters."""
        given = self.given or ""
        return (bool(given), len(given) > 1, len(self.middles), sum(len(m) for m in self.middles))

    def fits(self, fuller: PersonName) -> bool:
        """Whether this name says nothing that `fuller` contradicts (and no more than it: see the module)."""
        if self.surname != fuller.surname:
            return False
        if self.given is None:
            return True
        if fuller.given is None or not _same_or_initial(self.given, fuller.given):
            return False
        return _middles_fit(self.middles, fuller.middles)


def fold_name(text: str) -> str:
    """Lower case, without accents, curly apostrophes straightened, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("’", "'").casefold().split())


def person_name(text: str) -> PersonName | None:
    """The parts of a name as an expert list writes it ('Dr. Helen M. Okafor'); None when nothing is left."""
    words = [word for word in re.split(r"[\s.]+", fold_name(text)) if word]
    while words and words[0] in _LEADING:
        words = words[1:]
    while len(words) > 1 and words[-1] in _TRAILING:
        words = words[:-1]
    if not words:
        return None
    first_of_surname = len(words) - 1
    while first_of_surname > 1 and words[first_of_surname - 1] in NAME_PARTICLES:
        first_of_surname -= 1
    surname = " ".join(words[first_of_surname:])
    if first_of_surname == 0:
        return PersonName(None, (), surname)
    return PersonName(words[0], tuple(words[1:first_of_surname]), surname)


def _same_or_initial(short: str, full: str) -> bool:
    return short == full or (len(short) == 1 and full.startswith(short))


def _middles_fit(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Each of `short`'s middles matches one of `full`'s, in order (a name may leave middles out)."""
    remaining = iter(full)
    return all(any(_same_or_initial(middle, other) or _same_or_initial(other, middle) for other in remaining)
               for middle in short)
