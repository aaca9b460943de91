"""Which backend runs the model, from `model.backend`: the embedded engine, or a client of a model server."""

from __future__ import annotations

from bot.config import ModelSettings
from bot.llm.model import LanguageModel


def make_model(settings: ModelSettings, *, progress: bool = True) -> LanguageModel:
    """The configured backend, not yet loaded (nothing is read or contacted until it is used)."""
    if settings.backend == "openai":
        from bot.llm.openai_client import OpenAIClient

        return OpenAIClient(settings)
    from bot.llm.engine import Engine

    return Engine(settings, progress=progress)
