"""What every job asks of a language model, whichever backend runs it: the embedded engine or a model server.

A job builds `GenerationRequest`s (chat messages, a token budget, an optional start of the answer, a stop rule)
and awaits `generate_async`; it never knows whether the answer came from the model in this process
(bot/llm/engine.py) or from an OpenAI-compatible server (bot/llm/openai_client.py). Both backends cut an
answer at the same place (bot/llm/stops.py) and return it with the same trimming, and the same checks
(bot/checks/) verify whatever either one writes. bot/llm/backends.py picks the backend from config.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.models import BriefbotError


class ContextOverflowError(BriefbotError):
    """A prompt that does not fit the model's window (the caller should have reduced it)."""


@dataclass
class GenerationRequest:
    """One prompt as chat messages, and how many new tokens at most to write for it."""

    messages: list[dict[str, str]]
    max_new_tokens: int = 120
    # The start of the answer, written for the model ("Dmitri Trenin"); the answer returned includes it.
    prefix: str = ""
    # When the answer has said enough: "sentence" (its first sentence is complete), "line", or "none".
    stop: str = "none"


@dataclass
class GenerationStats:
    """What the last generation cost, for `briefbot bench`."""

    prompt_tokens: int = 0
    new_tokens: int = 0
    prefill_s: float = 0.0
    decode_s: float = 0.0
    calls: int = 0
    passes: int = 0  # forward passes after the prefills
    drafted: int = 0  # tokens guessed by copy-aware drafting and fed to the model
    accepted: int = 0  # guessed tokens the model confirmed (each one a pass saved)
    extra: dict = field(default_factory=dict)


class LanguageModel(Protocol):
    """The model as the jobs, the service and the benchmarks see it."""

    label: str  # for people and the store: which model wrote a briefing
    load_s: float | None  # seconds `load` took (None before it ran)
    last_stats: GenerationStats

    def load(self) -> None:
        """Be ready to generate (load the weights, or check the server), raising a one-line error if not."""

    def prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        """How many tokens these messages take in the model's window."""

    async def generate_async(
        self, requests: list[GenerationRequest], on_text: Callable[[str], None] | None = None
    ) -> list[str]:
        """One answer per request, in order: the prefix and what follows, cut by the request's stop rule, stripped.

        `on_text`, for a single request, hears the answer so far as it grows (for a message that fills in live).
        """

    async def embed_async(self, texts: list[str]):
        """Unit-length sentence embeddings (numpy, one row per text); always computed in this process."""

    def reset_stats(self) -> GenerationStats:
        """The stats gathered since the last reset, starting afresh."""

    def stop(self) -> None:
        """Stop generating soon, for a process that is ending: what is running or queued fails with
        GenerationCancelled (bot/llm/decoding.py) or ends with the task awaiting it."""

    def close(self) -> None:
        """Let go of threads and connections."""
