"""The files shipped with briefbot: prompt templates and tones (prompts/), the sample article (samples/).

Both folders live at the top of the repository, where people edit them. `bot/prompts` and `bot/samples` are
links to them, so they are real subpackages (`bot.prompts`, `bot.samples`) in a source checkout, an editable
install and a wheel alike (setuptools copies the linked files into the wheel), and importlib.resources reads
them the same way everywhere, with no path relative to a checkout.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

import yaml

from bot.models import BriefbotError

PROMPTS = "bot.prompts"
SAMPLES = "bot.samples"
TONES_FILE = "tones.yaml"
SAMPLE_ARTICLE = "harbour-bridge.txt"


class ResourceError(BriefbotError):
    """A shipped file that is missing or malformed: a broken install or a bad edit of prompts/."""


def prompt_text(name: str) -> str:
    """The text of prompts/<name>.txt."""
    return _read(PROMPTS, f"{name}.txt")


@functools.cache
def tone_table() -> dict[str, dict]:
    """prompts/tones.yaml: each named tone's instruction, opener and replacements, in the file's order."""
    table = yaml.safe_load(_read(PROMPTS, TONES_FILE))
    if not isinstance(table, dict):
        raise ResourceError(f"prompts/{TONES_FILE}: expected a mapping of tone names to their settings")
    for name, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("instruction"), str):
            raise ResourceError(f"prompts/{TONES_FILE}: tone '{name}' needs an instruction")
    return table


def named_tones() -> list[str]:
    """The tones prompts/tones.yaml names (config's briefing.tone, Discord's /brief choices)."""
    return list(tone_table())


def sample_article() -> Path:
    """The sample article on disk (`briefbot bench`'s default; pip installs packages as plain folders)."""
    return Path(str(files(SAMPLES) / SAMPLE_ARTICLE))


def _read(package: str, name: str) -> str:
    try:
        return (files(package) / name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        raise ResourceError(f"{package.removeprefix('bot.')}/{name} is missing from the installed package") from None
