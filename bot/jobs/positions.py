"""Writing each expert's position: the model sums up that person's evidence, all experts in one batch.

The position goes through POSITION_CHECKS against that expert's evidence only: a name, number or negation
the evidence lacks, a word turned into its opposite ("unpaid" from "paid"), a misquote, too much wording of
its own, a fragment instead of a view ("says when ..."), or a change of who does what to whom ("Rudolph will
fine Rudolph", bot.checks.actors), and the code uses the evidence instead (`position_fallback`: a whole
quoted sentence or a clean reported clause, never a subordinate fragment). The answer is started for the
model ("Dmitri Trenin says"), so it is about the right person."""

from __future__ import annotations

import dataclasses
import re

from bot.analysis.lexicon import (
    ABBREVIATIONS,
    COMMON_OPENERS,
    DOUBLE_QUOTES,
    IRREGULAR_SPEECH_FORMS,
    OPENING_QUOTES,
    SUBORDINATORS,
    speech_lexicon,
    speech_verb_lemma,
)
from bot.analysis.mentions import common_word
from bot.analysis.nlp import parse
from bot.checks.rules import (
    adds_no_negation,
    adds_no_opposite,
    attaches_what_the_evidence_does,
    keeps_negation,
    keeps_who_does_what,
    little_new_content,
    names_and_numbers_in_source,
    names_stand_together,
    not_the_prompt,
    quotes_are_verbatim,
    says_enough,
    states_a_view,
)
from bot.checks.verdict import Candidate, run_checks
from bot.jobs.briefing import first_sentence
from bot.llm.model import GenerationRequest, LanguageModel
from bot.llm.prompts import load_template
from bot.llm.tone import load_tone
from bot.models import Document, Expert, Span

MAX_NOVEL = 0.3
MAX_EVIDENCE_WORDS = 220
# What a position must keep, in the order it is checked (bot.checks.rules).
POSITION_CHECKS = [
    says_enough,
    not_the_prompt,
    quotes_are_verbatim,
    names_and_numbers_in_source,
    adds_no_negation,
    adds_no_opposite,
    keeps_negation,
    little_new_content,
    names_stand_together,
    states_a_view,
    keeps_who_does_what,
    attaches_what_the_evidence_does,
]
# Evidence that only points at another speaker's view: "Igor Ivanov took a similar position in an op-ed."
_ECHO = re.compile(
    r"\b(?:similar|same|identical|comparable)\s+(?:position|view|stance|argument|line|opinion)s?\b",
    re.I,
)
_FALLBACK_WORDS = 30
_WHOLE_SENTENCE_WORDS = 50
# A cue that interrupts reported words: "the larger landers, he said, could deliver tools".
_INTERRUPTION = re.compile(r",\s+(?:he|she|they)\s+(?:said|says|added|noted|explained)\s*,", re.IGNORECASE)
# Speech verbs that need an object or a particle before "that": "told reporters that", "pointed out that".
_WITHOUT_OBJECT = {"told": "said", "tells": "says", "tell": "say", "informed": "said", "assured": "said",
                   "reminded": "said", "pointed": "pointed out", "points": "points out"}
# Words that open a whole quoted sentence as often as a fragment: "What a shame …", "And I asked, well, …?"
_QUOTED_OPENERS = frozenset({"what", "how", "why", "and", "but", "or", "so", "then"})
_MIN_SENTENCE_WORDS = 8


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
    def __init__(self, engine: LanguageModel) -> None:
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
        """The position if it passes every check against the evidence, else None."""
        candidate = Candidate(
            first_sentence(output),
            tuple(evidence),
            known="\n".join([expert.name, expert.role or ""]),
            lead=expert.name,
            max_novel=MAX_NOVEL,
            windows=tuple(f"{text}\n{expert.name}\n{expert.role or ''}" for text in evidence),
        )
        verdict = run_checks(candidate, POSITION_CHECKS, f"position of {expert.name}")
        return candidate.text if verdict.ok else None

    async def write(self, doc: Document, experts: list[Expert], tone: str) -> list[Expert]:
        """The experts with their `position` written (new Expert values; the ones given are left as they are)."""
        if not experts:
            return []
        outputs = await self.engine.generate_async(self.requests(doc, experts, tone))
        voice = load_tone(tone)
        written = []
        for expert, output in zip(experts, outputs, strict=True):
            position = self.check(output, expert, expert.evidence_texts(doc.text))
            if position is None:
                position = position_fallback(expert, doc.text)
            else:
                position = closed_sentence(position)
            written.append(dataclasses.replace(expert, position=voice.apply(position)))
        for i in range(1, len(written)):  # in order: an echo of an echo is the view of the first
            expert = written[i]
            if all(_ECHO.search(text) for text in expert.evidence_texts(doc.text)):
                echoed = echoed_position(expert, written[i - 1])
                written[i] = dataclasses.replace(expert, position=voice.apply(echoed))
        return written


def closed_sentence(text: str) -> str:
    """A model's sentence with a quote it opened closed, and a full stop where it has none ('… nations."', not
    '… nations.".')."""
    if text.count('"') % 2 == 1:
        text += '"'
    if text.count("“") > text.count("”"):
        text += "”"
    return text if re.search(r"[.!?…][”\"’']?$", text) else text + "."


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


def position_fallback(expert: Expert, text: str) -> str:
    """A position built only from the expert's evidence, and never a fragment: the first evidence that is a
    sentence naming the expert, a whole quoted sentence ('Fyodor Lukyanov: “…”') or a clause with a subject
    of its own ('Dmitri Trenin argued that Russia can…'); failing those, the first evidence's quote alone when
    it opens a sentence, else the source's whole sentence that holds it (a quoted fragment, "asking for the
    moon", is no view)."""
    if not expert.evidence:
        return ""
    for span in expert.evidence:
        view = _clean_view(expert, span, text)
        if view:
            return view
    span = expert.evidence[0]
    if _quoted(text, span) and span.text(text)[:1].isupper():
        return f"{expert.name}: “{_trim_words(_unquote(span.text(text)))}”"
    return _trim_sentence(_unquote(_whole_sentence(text, span)))  # a quoted fragment: "told them they weren't “…”"


def _clean_view(expert: Expert, span: Span, text: str) -> str | None:
    quoted = _quoted(text, span)
    words = _unquote(span.text(text))
    words = _trim_words(words) if quoted else _trim_sentence(_INTERRUPTION.sub("", words))
    opener = words.split()[0].lower().strip(",;:") if words else ""
    if not words or (opener in SUBORDINATORS and not (quoted and opener in _QUOTED_OPENERS)):
        return None  # "When Ghani announced the exchange", "before Garrett responded"
    if quoted:
        whole = words[:1].isupper() and (words.endswith((".", "!", "?", "…")) or _quote_closes(text, span))
        return f"{expert.name}: “{words}”" if whole else None
    if expert.name.split()[-1].lower() in words.lower():
        return words if words[:1].isupper() and _has_subject(words) else None  # a stance sentence naming them
    if not _has_subject(words):
        return None  # "was a great success", "to repeat that mistake"
    pronoun, _, rest = words.partition(" ")
    if pronoun.lower() in ("he", "she") and rest and _speech_form(rest.split()[0]):
        return _as_sentence(f"{expert.name} {rest}")  # "she described him as sweating": the person's own stance
    verb = _cue_verb(text, span.start)
    verb = _WITHOUT_OBJECT.get(verb, verb)  # "told that" needs its object: "said that"
    if words.lower().startswith("that "):
        words = words[5:]  # the clause's own "that": not "said that that"
    first, _, rest = words.partition(" ")
    if first.lower() in COMMON_OPENERS or _common_word(words):
        words = f"{first.lower()} {rest}".strip()  # "said that tariffs have", not "that Tariffs have"
    return _as_sentence(f"{expert.name} {verb} that {words}")


def _common_word(words: str) -> bool:
    """Whether `words` open with a capitalised word that is no name ("Tariffs", "New"), by the tagger."""
    first = parse(words)[0]
    if not first.text[:1].isupper() or first.text.isupper() or first.pos_ == "PROPN" or first.ent_type_:
        return False
    return common_word(first.text) or common_word(first.lemma_)  # not a misspelt name ("Starhip")


def _as_sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _speech_form(word: str) -> bool:
    """Whether a word is a form of a speech verb ('described', 'told'), not a noun ('reporters')."""
    word = word.lower()
    if word.endswith(("ing", "er", "ers", "or", "ors", "ion", "ions")):
        return False
    return word in IRREGULAR_SPEECH_FORMS or speech_verb_lemma(word) in speech_lexicon()


def _quote_closes(text: str, span: Span) -> bool:
    """Whether the quote closes right after `span` (its comma aside): '“What a shame …,” she said.' is a whole
    quoted sentence, though the evidence leaves out its comma."""
    return re.match(r"[,;:.!?…]?\s?[”\"]", text[span.end : span.end + 3]) is not None


def _quoted(text: str, span: Span) -> bool:
    return any(span.start >= len(mark) and text.startswith(mark, span.start - len(mark)) for mark in OPENING_QUOTES)


def _has_subject(words: str) -> bool:
    """Whether `words` open with a clause of their own: a verb with its subject."""
    sentence = next(iter(parse(words).sents), None)
    root = sentence.root if sentence is not None else None
    return root is not None and any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)


def _whole_sentence(text: str, span: Span) -> str:
    """The sentence of `text` that holds `span` (cut at full stops, question marks and line breaks)."""
    start = span.start
    while start > 0 and not (text[start - 1] == "\n" or (text[start - 1] == " " and _ends_sentence(
            _word_before(text, start - 1), text[start:]))):
        start -= 1
    ends = [m.end() for m in re.finditer(r"[.!?][”\"’']?(?=\s+[A-Z“\"]|\s*$)|\n", text[span.end - 1 :])]
    end = span.end - 1 + ends[0] if ends else len(text)
    return text[start:end].strip()


def _word_before(text: str, space: int) -> str:
    return text[text.rfind(" ", 0, space) + 1 : space].rsplit("\n", 1)[-1]


def _unquote(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(ch for ch in text if ch not in DOUBLE_QUOTES)).strip(" ,;:")


def _ends_sentence(word: str, following: str) -> bool:
    """Whether `word` ends a sentence before `following` ("U.S." and "Mr." end none)."""
    abbreviation = word.endswith(".") and (
        word[:-1].lower() in ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", word) is not None
    )
    return word.endswith((".", "?", "!")) and not abbreviation and following[:1].isupper()


def _trim_sentence(text: str) -> str:
    """A sentence of the source as a position: whole up to _WHOLE_SENTENCE_WORDS words, its dashed asides left
    out when it is long ("Peng Mei — project manager for … — responded to the allegations …"), else trimmed."""
    if len(text.split()) > _FALLBACK_WORDS:
        text = re.sub(r"\s+[—–]\s[^—–]+\s[—–](?=\s)", "", text)
    return text if len(text.split()) <= _WHOLE_SENTENCE_WORDS else _trim_words(text)


def _trim_words(text: str) -> str:
    """At most _FALLBACK_WORDS words: whole sentences when the first ones fit, else the first sentence when it
    has at most _WHOLE_SENTENCE_WORDS, else cut with an ellipsis."""
    words = text.split()
    if len(words) <= _FALLBACK_WORDS:
        return text
    ends = [i + 1 for i, word in enumerate(words[:_WHOLE_SENTENCE_WORDS]) if i + 1 == len(words)
            or _ends_sentence(word, words[i + 1])]
    fitting = [end for end in ends if end <= _FALLBACK_WORDS]
    if fitting and fitting[-1] >= _MIN_SENTENCE_WORDS:
        return " ".join(words[: fitting[-1]])
    if ends:
        return " ".join(words[: ends[0]])
    cut = " ".join(words[:_FALLBACK_WORDS])
    comma = cut.rfind(",")
    if comma > len(cut) // 2:
        cut = cut[:comma]
    return cut.rstrip(" ,;:") + "…"


def _cue_verb(text: str, start: int) -> str:
    """The speech verb just before a reported clause in its sentence ('argued'), else 'said'."""
    sentence_start = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    for word in reversed(re.findall(r"[a-z]+", text[sentence_start:start].lower())):
        if _speech_form(word):  # not "by saying" (the clause's own verb comes before) nor "told reporters"
            return word
    return "said"
