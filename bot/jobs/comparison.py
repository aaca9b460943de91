"""One person across sources, in one sentence: the model compares the positions that person was given in each.

The model sees those positions only (each written and checked for its own source), oldest first, and its
sentence goes through COMPARISON_CHECKS against them: a name, number or negation they lack, a misquote, or
much wording of its own (beyond the few words a comparison needs, COMPARISON_WORDS), and the sentence is left
out; there is no fallback, since no source says how its positions compare.
"""

from __future__ import annotations

from bot.analysis.lexicon import COMPARISON_WORDS
from bot.checks.rules import (
    adds_no_negation,
    little_new_content,
    names_and_numbers_in_source,
    names_stand_together,
    not_the_prompt,
    quotes_are_verbatim,
    says_enough,
)
from bot.checks.verdict import Candidate, Verdict, run_checks
from bot.jobs.briefing import first_sentence
from bot.llm.model import GenerationRequest, LanguageModel
from bot.llm.prompts import load_template
from bot.llm.tone import load_tone

MAX_NOVEL = 0.3
# What a comparison must keep, in the order it is checked (bot.checks.rules).
COMPARISON_CHECKS = [
    says_enough,
    not_the_prompt,
    quotes_are_verbatim,
    names_and_numbers_in_source,
    adds_no_negation,
    little_new_content,
    names_stand_together,
]
_ALLOWED = " ".join(sorted(COMPARISON_WORDS))


class ComparisonWriter:
    def __init__(self, engine: LanguageModel) -> None:
        self.engine = engine

    def request(self, name: str, positions: list[str], tone: str) -> GenerationRequest:
        messages = load_template("comparison").render(
            tone=load_tone(tone).instruction,
            name=name,
            count=len(positions),
            positions="\n".join(f"- {position}" for position in positions),
        )
        return GenerationRequest(messages, max_new_tokens=60, prefix=name, stop="sentence")

    def check(self, output: str, name: str, positions: list[str]) -> str | None:
        """The comparison if it passes every check against the positions, else None."""
        candidate, verdict = self.verdict(output, name, positions)
        if not verdict.ok:
            return None
        return candidate.text if candidate.text.endswith((".", "!", "?")) else candidate.text + "."

    def verdict(self, output: str, name: str, positions: list[str]) -> tuple[Candidate, Verdict]:
        """What the checks read of the model's output, and what they say of it."""
        candidate = Candidate(
            first_sentence(output),
            tuple(positions),
            known=f"{name}\n{_ALLOWED}",
            lead=name,
            max_novel=MAX_NOVEL,
            windows=tuple(f"{position}\n{name}" for position in positions),
        )
        return candidate, run_checks(candidate, COMPARISON_CHECKS, f"comparison of {name}")

    async def write(self, name: str, positions: list[str], tone: str) -> str | None:
        """A checked one-line comparison of a person's positions (oldest first), or None (fewer than two, or
        the model's sentence failed a check)."""
        if len(positions) < 2:
            return None
        (output,) = await self.engine.generate_async([self.request(name, positions, tone)])
        return self.check(output, name, positions)
