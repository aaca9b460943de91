"""Writing a briefing: code picks the sentences, the model shortens each one, code checks every rewrite.

Asked plainly, a 135M model invents names and numbers. Given one chosen sentence at a time, its job is
small: say it shorter, in the configured tone. Each rewrite goes through BRIEFING_CHECKS (bot.checks); a
rewrite that fails one is replaced by the article's own sentence, so the briefing never states what the source
does not. An opinion piece's thesis comes first, framed as what the author argues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.lexicon import COMMON_OPENERS
from bot.analysis.nlp import Sentence
from bot.analysis.selection import (
    is_authors_claim,
    is_labelled_opinion,
    is_opinion_piece,
    select_sentences,
    strip_discourse_opener,
)
from bot.checks.rules import (
    adds_no_negation,
    keeps_names,
    keeps_negation,
    keeps_speaker,
    little_new_content,
    names_and_numbers_in_source,
    no_meta_talk,
    not_empty,
    not_longer,
    quotes_are_verbatim,
)
from bot.checks.verdict import Candidate, Verdict, run_checks
from bot.llm.model import GenerationRequest, LanguageModel
from bot.llm.prompts import load_template
from bot.llm.stops import first_sentence_end
from bot.llm.tone import load_tone
from bot.models import Briefing, BriefingSentence, Document, Span

_PREAMBLE = re.compile(r"^(sure[,!.]?|here('s| is) (the|a|your)[^:]*:|rewritten( sentence)?:|shorter:)\s*", re.I)

# How much new wording a rewrite may bring, by tone: a casual voice needs more words of its own.
_MAX_NOVEL = {"neutral": 0.2, "formal": 0.3}
_DEFAULT_MAX_NOVEL = 0.4

# What a rewrite must keep, in the order it is checked (bot.checks.rules).
BRIEFING_CHECKS = [
    not_empty,
    names_and_numbers_in_source,
    keeps_names,
    adds_no_negation,
    keeps_negation,
    quotes_are_verbatim,
    keeps_speaker,
    no_meta_talk,
    little_new_content,
    not_longer,
]


@dataclass(frozen=True)
class Draft:
    """What the model wrote for one source sentence, and the checks' verdict on it."""

    sentence: Sentence
    prompt_text: str
    output: str
    verdict: Verdict

    @property
    def accepted(self) -> bool:
        return self.verdict.ok


def first_sentence(text: str) -> str:
    """The first sentence of a model answer, without a chatty preamble or wrapping quote marks."""
    text = text.strip()
    while (stripped := _PREAMBLE.sub("", text, count=1).strip()) != text:
        text = stripped
    text = text.split("\n", 1)[0].strip()
    end = first_sentence_end(text)
    text = text[:end].strip() if end is not None else text
    if len(text) > 2 and text[0] in '"“' and text[-1] in '"”' and text.count('"') + text.count("“") <= 2:
        text = text[1:-1].strip()
    return text


def frame_as_argument(text: str) -> str:
    """'The plan should go.' -> 'The author argues that the plan should go.'"""
    first, _, rest = text.partition(" ")
    bare = re.split(r"['’]", first.lower())[0]  # "There's" opens like "There"
    common = bare in COMMON_OPENERS or bare in ("you", "your", "here")
    keep_capital = first.isupper() or (first[:1].isupper() and not common)
    lead = first if keep_capital else first[:1].lower() + first[1:]
    return f"The author argues that {lead} {rest}".rstrip()


class BriefingWriter:
    def __init__(self, engine: LanguageModel) -> None:
        self.engine = engine

    def plan(self, doc: Document, sentences: list[Sentence], length: int) -> tuple[list[Sentence], bool]:
        """The source sentences the briefing will be written from, and whether the piece argues a case."""
        opinion = is_opinion_piece(sentences) or is_labelled_opinion(doc.title, doc.section)
        return select_sentences(sentences, length, doc.title, opinion), opinion

    def requests(self, chosen: list[Sentence], length: int, tone: str) -> list[GenerationRequest]:
        template = load_template("briefing")
        instruction = load_tone(tone).instruction
        requests = []
        for sentence in chosen:
            text = strip_discourse_opener(sentence.text)
            messages = template.render(tone=instruction, length=length, sentence=text)
            budget = min(24 + int(len(text.split()) * 1.6), 160)
            requests.append(GenerationRequest(messages, max_new_tokens=budget, stop="sentence"))
        return requests

    def verify(self, doc: Document, chosen: list[Sentence], outputs: list[str], tone: str) -> list[Draft]:
        """Each rewrite with its verdict: kept when it passes every check against its source sentence."""
        max_novel = _MAX_NOVEL.get(tone, _DEFAULT_MAX_NOVEL)
        drafts = []
        for sentence, output in zip(chosen, outputs, strict=True):
            original = strip_discourse_opener(sentence.text)
            candidate = Candidate(first_sentence(output), (original,), article=doc.text, max_novel=max_novel)
            verdict = run_checks(candidate, BRIEFING_CHECKS, "rewrite")
            drafts.append(Draft(sentence, original, candidate.text, verdict))
        return drafts

    def assemble(self, drafts: list[Draft], opinion: bool, length: int, tone: str) -> Briefing:
        sentences = []
        framed = False
        voice = load_tone(tone)
        for draft in drafts[:length]:
            text = draft.output if draft.accepted else draft.prompt_text
            if not text.endswith((".", "!", "?", "”", '"', "’", "'")):
                text += "."
            if opinion and not framed and is_authors_claim(draft.prompt_text):
                text = frame_as_argument(text)
                framed = True
            text = voice.apply(text, first=not sentences)
            span = Span(draft.sentence.start, draft.sentence.end)
            sentences.append(BriefingSentence(text, [span], generated=draft.accepted))
        return Briefing(sentences, tone=tone, length=length, opinion=opinion)

    async def write(self, doc: Document, sentences: list[Sentence], length: int, tone: str) -> Briefing:
        chosen, opinion = self.plan(doc, sentences, length)
        outputs = await self.engine.generate_async(self.requests(chosen, length, tone))
        drafts = self.verify(doc, chosen, outputs, tone)
        return self.assemble(drafts, opinion, length, tone)
