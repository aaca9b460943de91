"""The experts of a document: each person it quotes or paraphrases, their role and verbatim evidence.

A person is an expert when at least one attribution of their own words names them (a full name, or a name
the tagger takes for a person): a pronoun, a description or a bare surname then adds evidence, but never makes
an expert alone, and words another speaker reports them saying ("Earnest said Obama has called for ...") are
the reporter's. People who are only mentioned are not experts; organizations are experts only when the
settings ask for them.

Experts are listed in order of their first attribution. When there are more than `max_experts`, those with
the most attributions are kept (ties: the earlier). Evidence is the person's own words — a quote's inner text
or a reported clause — preferred over a sentence that only records a stance, each a slice of the text by
offsets, at most `max_evidence` of them, in text order.

`position_fallback` and `position_is_supported` serve the generated positions: the fallback is a trimmed
evidence sentence, and the check rejects a position with a name, a number or a negation the evidence lacks.
"""

from __future__ import annotations

import re

from bot.analysis.attribution import Analysis, Attribution, analyse
from bot.analysis.lexicon import NUMBER_WORDS, speech_lexicon
from bot.checks.facts import negation_count
from bot.config import ExpertSettings
from bot.models import Expert, Span

_PRIORITY = {"direct": 0, "reported": 0, "stance": 1}
_MIN_WORDS = 4  # shorter evidence ("a con", "true") is used only when there is nothing longer
_MAX_EVIDENCE_CHARS = 400
_FALLBACK_WORDS = 30
_MIN_SENTENCE_WORDS = 8
_ABBREVIATION = re.compile(
    r"^(?:[A-Za-z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Prof|Jr|Sr|No|vs|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.$"
)
_OPENING_MARKS = ("“", '"', "«", "„", "‘", "''", "``")
_EDGE_PUNCT = " \n,;:—–-"


def find_experts(parsed, settings: ExpertSettings, analysis: Analysis | None = None) -> list[Expert]:
    """The quoted or paraphrased people (and organizations, if configured) of a parsed document; `analysis`
    is its attribution pass (`attribution.analyse`) when the caller already ran it."""
    analysis = analysis or analyse(parsed)
    roles = {person.name: person.role for person in analysis.people.persons}
    grouped: dict[str, list[Attribution]] = {}
    for attribution in analysis.attributions:
        if attribution.speaker is None or attribution.nested:
            continue
        if attribution.organization and not settings.include_organizations:
            continue
        grouped.setdefault(attribution.speaker, []).append(attribution)
    grouped = {name: found for name, found in grouped.items() if any(a.named for a in found)}
    order = {name: i for i, name in enumerate(grouped)}  # attributions come in text order
    kept = sorted(grouped, key=lambda name: (-len(grouped[name]), order[name]))[: settings.max_experts]
    text = parsed.text
    experts = []
    for name in sorted(kept, key=order.__getitem__):
        evidence = _evidence(grouped[name], text, parsed, settings.max_evidence)
        if evidence:
            experts.append(Expert(name=name, role=roles.get(name), evidence=evidence))
    return experts


def _evidence(attributions: list[Attribution], text: str, parsed, limit: int) -> list[Span]:
    candidates = []
    for order, attribution in enumerate(attributions):
        span = _close_quote(text, _shorten(_strip_edges(text, attribution.content), parsed))
        if span.end <= span.start:
            continue
        short = len(text[span.start : span.end].split()) < _MIN_WORDS
        candidates.append(((_PRIORITY[attribution.kind] + 2 * short, order), span))
    chosen: list[Span] = []
    for _, span in sorted(candidates, key=lambda c: c[0]):
        if len(chosen) == limit:
            break
        if not any(span.start < other.end and other.start < span.end for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _strip_edges(text: str, span: Span) -> Span:
    """The span without surrounding spaces, commas and dashes (a quote's inner 'words,' loses its comma)."""
    start, end = span.start, span.end
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return Span(start, end)


def _close_quote(text: str, span: Span) -> Span:
    """The span with the other mark of a quote it opens or closes: 'Russia “can help ... prospects.”'."""
    inside = text[span.start : span.end]
    if inside.count("“") > inside.count("”") or inside.count('"') % 2 == 1:
        match = re.match(r"[.,!?]?[”\"]", text[span.end : span.end + 2])
        if match:
            return Span(span.start, span.end + match.end())
    if inside.count("”") > inside.count("“") and text[span.start - 1 : span.start] == "“":
        return Span(span.start - 1, span.end)
    return span


def _shorten(span: Span, parsed) -> Span:
    """A long span cut after the sentence that passes the length limit (still a slice of the text)."""
    if span.end - span.start <= _MAX_EVIDENCE_CHARS:
        return span
    for sent in parsed.char_span(span.start, span.end, alignment_mode="expand").sents:
        if sent.end_char - span.start >= _MAX_EVIDENCE_CHARS // 2 and sent.end_char < span.end:
            return _strip_edges(parsed.text, Span(span.start, sent.end_char))
    return span


# -- positions ------------------------------------------------------------------------------------------------

_IRREGULAR = {"said", "told", "wrote", "spoke", "went", "held", "took", "began", "says", "tells", "writes"}
_LOWER_FIRST = {"the", "a", "an", "it", "this", "that", "there", "these", "those", "we", "our", "they", "their"}
_FUNCTION_WORDS = _LOWER_FIRST | {
    "he", "she", "i", "in", "on", "for", "if", "but", "and", "or", "as", "at", "by", "with", "his", "her",
    "while", "when", "although", "because", "so", "yet", "still", "however", "instead", "both", "all",
    "according", "its", "you", "your", "my", "what", "why", "how", "who", "more", "some", "many",
}


def position_fallback(expert: Expert, text: str) -> str:
    """A position built only from the expert's first evidence: 'Dmitri Trenin argued that Russia can...'."""
    if not expert.evidence:
        return ""
    span = expert.evidence[0]
    words = _trim_words(_unquote(span.text(text)))
    if expert.name.split()[-1].lower() in words.lower():
        return words  # a stance sentence that names the expert already
    if any(span.start >= len(mark) and text.startswith(mark, span.start - len(mark)) for mark in _OPENING_MARKS):
        return f"{expert.name}: “{words}”"
    verb = _cue_verb(text, span.start)
    first, _, rest = words.partition(" ")
    if first.lower() in _LOWER_FIRST:
        words = f"{first.lower()} {rest}".strip()
    ending = "" if words.endswith((".", "!", "?", "…")) else "."
    return f"{expert.name} {verb} that {words}{ending}"


def position_is_supported(
    position: str, evidence_texts: list[str], expert_name: str, role: str | None = None
) -> bool:
    """True when every name and number of `position` occurs in the evidence, the name or the role, and the
    position does not add a negation the evidence lacks (nor drop the one all the evidence carries)."""
    if not position.strip() or not evidence_texts:
        return False
    known = _normalise(" ".join([*evidence_texts, expert_name, role or ""]))
    known_words = set(re.findall(r"[a-z0-9]+", known))
    for fact in _facts(position):
        if not set(re.findall(r"[a-z0-9]+", _normalise(fact))) <= known_words:
            return False
    negated = negation_count(position) > 0
    if negated and not any(negation_count(e) for e in evidence_texts):
        return False
    return negated or not all(negation_count(e) for e in evidence_texts)


def _facts(text: str) -> list[str]:
    """Names and numbers: capitalised words (a sentence's first word only if it is no function word),
    digits, and number words."""
    facts = []
    sentence_start = True
    for match in re.finditer(r"[A-Za-z][\w'’-]*|\d[\d,.]*|[.!?:;“”\"]", text):
        word = match.group(0)
        if word in ".!?:;“”\"":
            sentence_start = True
            continue
        bare = re.sub(r"['’]s$", "", word)
        if word[0].isdigit() or bare.lower() in NUMBER_WORDS:
            facts.append(bare.rstrip(".,"))
        elif word[0].isupper() and not (sentence_start and bare.lower() in _FUNCTION_WORDS):
            facts.append(bare)
        sentence_start = False
    return facts


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace(",", "").lower()


def _unquote(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(ch for ch in text if ch not in "“”\"«»„")).strip(" ,;:")


def _trim_words(text: str) -> str:
    """At most _FALLBACK_WORDS words: whole sentences when the first ones fit, else cut with an ellipsis."""
    words = text.split()
    if len(words) <= _FALLBACK_WORDS:
        return text
    ends = [
        i + 1
        for i, word in enumerate(words[:_FALLBACK_WORDS])
        if word.endswith((".", "?", "!")) and not _ABBREVIATION.match(word) and words[i + 1][:1].isupper()
    ]
    if ends and ends[-1] >= _MIN_SENTENCE_WORDS:
        return " ".join(words[: ends[-1]])
    cut = " ".join(words[:_FALLBACK_WORDS])
    comma = cut.rfind(",")
    if comma > len(cut) // 2:
        cut = cut[:comma]
    return cut.rstrip(" ,;:") + "…"


def _cue_verb(text: str, start: int) -> str:
    """The speech verb just before a reported clause in its sentence ('argued'), else 'said'."""
    sentence_start = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    lemmas = speech_lexicon()
    for word in reversed(re.findall(r"[a-z]+", text[sentence_start:start].lower())):
        if word in _IRREGULAR or _lemma_of(word) in lemmas:
            return word if not word.endswith("ing") else "said"
    return "said"


def _lemma_of(word: str) -> str | None:
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in speech_lexicon():
            return word[: -len(suffix)] + repl
    return None
