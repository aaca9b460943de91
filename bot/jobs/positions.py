"""Writing each expert's position: the model sums up that person's evidence, all experts in one batch.

The position is checked against that expert's evidence only: a name, number or negation the evidence lacks,
or too much wording of its own, and the code uses a trimmed evidence sentence instead
(bot.analysis.experts.position_fallback). The answer is started for the model ("Dmitri Trenin says"), so it
is about the right person.
"""

from __future__ import annotations

import itertools
import logging
import re

from bot.analysis.experts import position_fallback, position_is_supported
from bot.checks.facts import misquoted, novel_content_share
from bot.jobs.briefing import first_sentence
from bot.llm.engine import Engine, GenerationRequest
from bot.llm.prompts import load_template
from bot.llm.tone import load_tone
from bot.models import Document, Expert

log = logging.getLogger(__name__)

MAX_NOVEL = 0.3
MAX_EVIDENCE_WORDS = 220
# Evidence that only points at another speaker's view: "Igor Ivanov took a similar position in an op-ed."
_ECHO = re.compile(
    r"\b(?:similar|same|identical|comparable)\s+(?:position|view|stance|argument|line|opinion)s?\b",
    re.I,
)
_ECHOED_PROMPT = re.compile(r"\b(quoted or paraphrased|news article|sum up|in one short sentence)\b", re.I)


def _evidence_block(texts: list[str]) -> str:
    lines, words = [], 0
    for text in texts:
        size = len(text.split())
        if lines and words + size > MAX_EVIDENCE_WORDS:
            break
        lines.append(f"- {text}")
        words += size
    return "\n".join(lines)


class PositionWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def requests(self, doc: Document, experts: list[Expert], tone: str) -> list[GenerationRequest]:
        template = load_template("position")
        instruction = load_tone(tone).instruction
        requests = []
        for expert in experts:
            messages = template.render(
                tone=instruction,
                name=expert.name,
                role_clause=f", {expert.role}," if expert.role else "",
                evidence=_evidence_block(expert.evidence_texts(doc.text)),
            )
            requests.append(
                GenerationRequest(messages, max_new_tokens=60, prefix=f"{expert.name} says", stop="sentence")
            )
        return requests

    def check(self, output: str, expert: Expert, evidence: list[str]) -> str | None:
        """The position if the evidence supports it, else None."""
        position = first_sentence(output)
        said = position[len(expert.name) :].strip()
        if len(said.split()) < 4 or _ECHOED_PROMPT.search(position) or position.endswith(":"):
            return None
        if misquoted(position, "\n".join(evidence)):
            return None
        if not position_is_supported(position, evidence, expert.name, expert.role):
            return None
        known = "\n".join([*evidence, expert.name, expert.role or ""])
        if novel_content_share(said, known) > MAX_NOVEL:
            return None
        return position

    async def write(self, doc: Document, experts: list[Expert], tone: str) -> None:
        """Fill in `position` of every expert (in place)."""
        if not experts:
            return
        outputs = await self.engine.generate_async(self.requests(doc, experts, tone))
        voice = load_tone(tone)
        for expert, output in zip(experts, outputs, strict=True):
            evidence = expert.evidence_texts(doc.text)
            position = self.check(output, expert, evidence)
            if position is None:
                log.debug("position refused for %s: %r", expert.name, output)
                position = position_fallback(expert, doc.text)
            else:
                position = position if position.endswith((".", "!", "?")) else position + "."
            expert.position = voice.apply(position)
        for earlier, expert in itertools.pairwise(experts):
            if all(_ECHO.search(text) for text in expert.evidence_texts(doc.text)):
                expert.position = voice.apply(echoed_position(expert, earlier))


def echoed_position(expert: Expert, earlier: Expert) -> str:
    """The position of someone whose only words are "a similar position": the view of the expert just before.

    The article sets them side by side, so the earlier expert's position is the one it means; it is named, so
    the reader sees whose words it rests on.
    """
    said = earlier.position or ""
    lead = f"{earlier.name} says "
    if said.startswith(lead):
        return f"{expert.name} takes a similar position to {earlier.name}: {said[len(lead):]}"
    return f"{expert.name} takes a similar position to {earlier.name}."
