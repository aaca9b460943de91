"""What a check looks at (a Candidate), what it says (a Verdict), and running a job's list of checks.

A check is a small named function: it reads one candidate and returns a verdict naming itself and, when the
candidate fails, why. A job lists the checks it needs; `run_checks` stops at the first failure and logs it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.analysis.question import Question

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    check: str  # the check that decided
    reason: str = ""  # why the candidate failed


PASSED = Verdict(True, "all checks")


@dataclass(frozen=True)
class Candidate:
    """What the model wrote, and what it must rest on."""

    text: str  # the model's text, cleaned (its first sentence, no preamble)
    sources: tuple[str, ...]  # what it restates: the source sentence, the expert's evidence, the passages' sentences
    article: str = ""  # more of the source its names and quotes may come from (a briefing's whole article)
    known: str = ""  # what the reader was given, whose names may come back: the expert's name and role, the question
    lead: str = ""  # the start code wrote for the model ("Helen Okafor"); the rest is the model's own words
    max_novel: float = 1.0  # the largest share of content words the sources do not have
    question: Question | None = None  # the question it answers
    windows: tuple[str, ...] = ()  # where the names and numbers of one sentence must stand together

    @property
    def source(self) -> str:
        return "\n".join(self.sources)

    @property
    def own_words(self) -> str:
        return self.text[len(self.lead) :].strip() if self.lead else self.text


Check = Callable[[Candidate], Verdict]


def check(rule: Callable[[Candidate], str | None]) -> Check:
    """A check from a rule that returns why a candidate fails, or None when it passes."""

    @functools.wraps(rule)
    def run(candidate: Candidate) -> Verdict:
        reason = rule(candidate)
        return Verdict(reason is None, rule.__name__, reason or "")

    return run


def run_checks(candidate: Candidate, checks: Sequence[Check], job: str) -> Verdict:
    """The first failing verdict of `checks` (logged), or PASSED."""
    for one in checks:
        verdict = one(candidate)
        if not verdict.ok:
            log.debug("%s refused by %s (%s): %r", job, verdict.check, verdict.reason, candidate.text)
            return verdict
    return PASSED
