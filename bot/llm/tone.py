"""Tones: what the model is told, and the wording changes code applies so a named tone is always audible.

A 135M model follows "write casually" only weakly, so each named tone in prompts/tones.yaml also lists
meaning-preserving replacements ("do not" -> "don't") and an optional opener. They apply to the prose
briefbot writes and never inside quotation marks: a quote stays verbatim.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from bot.analysis.lexicon import QUOTED_SPAN
from bot.resources import tone_table

_QUOTED = QUOTED_SPAN  # quotes stay verbatim


@dataclass(frozen=True)
class Tone:
    name: str
    instruction: str
    opener: str = ""
    replacements: dict[str, str] = field(default_factory=dict)

    def apply(self, text: str, *, first: bool = False) -> str:
        """`text` in this tone's wording; `first` adds the opener (for a briefing's first sentence)."""
        styled = _replace_outside_quotes(text, self._pattern, self.replacements) if self.replacements else text
        if first and self.opener:
            styled = self.opener + _lower_first(styled)
        return styled

    @functools.cached_property
    def _pattern(self) -> re.Pattern:
        phrases = sorted(self.replacements, key=len, reverse=True)
        alternatives = "|".join(re.escape(p).replace("'", "['’]") for p in phrases)
        return re.compile(r"(?<![\w'’])(" + alternatives + r")(?![\w'’])", re.I)


def load_tone(name: str) -> Tone:
    """A named tone from prompts/tones.yaml, or a free-text tone the model is simply told about."""
    entry = tone_table().get(name)
    if entry is None:
        return Tone(name, f"Write in this tone: {name.strip().rstrip('.')}.")
    return Tone(
        name,
        entry["instruction"],
        entry.get("opener", ""),
        {str(k).lower(): str(v) for k, v in (entry.get("replace") or {}).items()},
    )


def _replace_outside_quotes(text: str, pattern: re.Pattern, replacements: dict[str, str]) -> str:
    pieces = []
    last = 0
    for quoted in _QUOTED.finditer(text):
        pieces.append(pattern.sub(lambda m: _keep_case(m.group(0), replacements), text[last : quoted.start()]))
        pieces.append(quoted.group(0))
        last = quoted.end()
    pieces.append(pattern.sub(lambda m: _keep_case(m.group(0), replacements), text[last:]))
    return "".join(pieces)


def _keep_case(found: str, replacements: dict[str, str]) -> str:
    new = replacements[found.lower().replace("’", "'")]
    if found.isupper() and len(found) > 1:
        return new.upper()
    if found[0].isupper():
        return new[0].upper() + new[1:]
    return new


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first in ("The", "A", "An", "This", "That", "These", "Those", "It", "There", "Its", "Some", "Many"):
        return first.lower() + " " + rest
    return text
