"""Prompt templates: plain-text files in prompts/, one per job, with {slots} filled from config and the text.

A template has a `[system]` part and a `[user]` part. Lines starting with `#` are comments for the people
editing them. The files ship inside the package (see bot.resources); tones live in prompts/tones.yaml (see
bot.llm.tone).
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

from bot.models import BriefbotError
from bot.resources import ResourceError, prompt_text

_SECTION = re.compile(r"^\[(system|user)\]\s*$", re.M)


class PromptError(BriefbotError):
    """A template rendered without a value for one of its slots."""


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    system: str
    user: str

    @property
    def slots(self) -> set[str]:
        return {
            field for part in (self.system, self.user) for _, field, _, _ in string.Formatter().parse(part) if field
        }

    def render(self, **values: object) -> list[dict[str, str]]:
        """Chat messages with every slot filled; a missing value is an error, not an empty slot."""
        missing = self.slots - set(values)
        if missing:
            raise PromptError(f"prompt '{self.name}' needs values for: {', '.join(sorted(missing))}")
        messages = []
        if self.system:
            messages.append({"role": "system", "content": self.system.format(**values).strip()})
        messages.append({"role": "user", "content": self.user.format(**values).strip()})
        return messages


@functools.cache
def load_template(name: str) -> PromptTemplate:
    """prompts/<name>.txt, parsed once."""
    raw = "\n".join(line for line in prompt_text(name).splitlines() if not line.startswith("#"))
    parts = _SECTION.split(raw)
    sections = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
    if "user" not in sections:
        raise ResourceError(f"prompts/{name}.txt has no [user] section")
    return PromptTemplate(name, sections.get("system", ""), sections["user"])
