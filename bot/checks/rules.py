"""The named checks: each one rule a generated text must keep, built from the shared fact rules.

Every check reads a Candidate and returns a Verdict (bot.checks.verdict); the jobs list the ones they need, in
the order they run. To add a rule, write a function here with `@check` and add it to a job's list.
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import NUMBER_WORDS, SUBORDINATORS, content_stems, content_words
from bot.checks.actors import role_conflict
from bot.checks.attachments import misattached
from bot.checks.facts import (
    fact_tokens,
    is_attributed,
    misquoted,
    names_and_numbers,
    negation_count,
    novel_content_share,
    unsupported_facts,
    words_outside_quotes,
)
from bot.checks.verdict import Candidate, check
from bot.llm.stops import first_sentence_end

# A rewrite keeps at least this share of its source sentence's names and numbers (the prompt asks for all).
KEPT_FACTS_SHARE = 0.8
# A rewrite is at most this much longer than its source sentence (times its words, plus a few).
LONGER_FACTOR, LONGER_WORDS = 1.2, 3
# Words about the writing itself: a rewrite that mentions "the article" talks about it, not about the news.
_META_WORDS = {"article", "sentence", "text", "passage", "summary", "rewrite", "rewritten", "author", "briefing"}
# A position says at least this many words of the model's own after the expert's name.
MIN_POSITION_WORDS = 4
_ECHOED_PROMPT = re.compile(r"\b(quoted or paraphrased|news article|sum up|in one short sentence)\b", re.I)
_REFUSAL = re.compile(
    r"\b(does not (say|mention|specify|state)|doesn't (say|mention)|not (mentioned|stated|specified)|"
    r"no information|cannot (answer|determine)|can't (answer|determine)|not enough information)\b",
    re.I,
)
# Each answer sentence rests on one source sentence holding at least this share of its new content words.
GROUNDED_SHARE = 0.75
# Counts an answer may give in words besides those in NUMBER_WORDS ("a quarter", "twice").
_MORE_NUMBER_WORDS = frozenset({"quarter", "once", "twice"})
_TIME_WORDS = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|week|weeks|month|months|year|"
    r"years|decade|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|ago|since|until|later)\b",
    re.I,
)


# -- every job ------------------------------------------------------------------------------------------
@check
def not_empty(c: Candidate) -> str | None:
    return "empty" if not c.text.strip() else None


@check
def names_and_numbers_in_source(c: Candidate) -> str | None:
    """Every name and number occurs in the source (or in what the reader was given)."""
    missing = unsupported_facts(c.text, "\n".join([c.article, c.source, c.known]))
    return f"names or numbers not in the source: {', '.join(missing[:5])}" if missing else None


@check
def quotes_are_verbatim(c: Candidate) -> str | None:
    """What the text puts in quote marks occurs in the source word for word."""
    return "quotes words the source does not have" if misquoted(c.text, c.article + "\n" + c.source) else None


@check
def adds_no_negation(c: Candidate) -> str | None:
    negated = negation_count(c.text) > 0
    return "adds a negation" if negated and not any(negation_count(s) for s in c.sources) else None


@check
def keeps_negation(c: Candidate) -> str | None:
    """A "not" that every source carries stays."""
    negated = negation_count(c.text) > 0
    return "drops a negation" if not negated and all(negation_count(s) for s in c.sources) else None


@check
def adds_no_opposite(c: Candidate) -> str | None:
    """No word turned into its opposite: "is unpaid" from "is paid to U.S. Customs"."""
    source = {w.lower() for w in re.findall(r"[A-Za-z]+", c.source)}
    for word in re.findall(r"\b[Uu]n([a-z]{3,})\b", c.own_words):
        if word in source and f"un{word}" not in source:
            return f"turns '{word}' into 'un{word}'"
    return None


@check
def little_new_content(c: Candidate) -> str | None:
    """Few content words of the model's own: a text that tacks on a claim or a comment fails."""
    novel = novel_content_share(c.own_words, c.source + "\n" + c.known)
    return f"{novel:.0%} of its content words are not in the source" if novel > c.max_novel else None


# -- rewrites of one sentence (briefings) ---------------------------------------------------------------
@check
def keeps_names(c: Candidate) -> str | None:
    """Most names and numbers of the source stay (the prompt asks for every one)."""
    original = names_and_numbers(c.source)
    kept = {t.lower() for t in fact_tokens(c.text)}
    if original and len(original & kept) / len(original) < KEPT_FACTS_SHARE:
        return "dropped names or numbers: " + ", ".join(sorted(original - kept)[:5])
    return None


@check
def keeps_speaker(c: Candidate) -> str | None:
    """Words the source attributes to someone stay attributed: the speaker's name and a quote mark or a
    reporting verb remain, so a claim never loses its source and becomes the briefing's own."""
    if not is_attributed(c.source):
        return None
    speakers = names_and_numbers(words_outside_quotes(c.source))
    kept = {t.lower() for t in fact_tokens(c.text)}
    return "lost who said it" if not is_attributed(c.text) or not speakers <= kept else None


@check
def no_meta_talk(c: Candidate) -> str | None:
    added = {w for w in content_words(c.text) if w in _META_WORDS} - set(content_words(c.source))
    return f"talks about the {', '.join(sorted(added))}" if added else None


@check
def not_longer(c: Candidate) -> str | None:
    too_long = len(c.text.split()) > len(c.source.split()) * LONGER_FACTOR + LONGER_WORDS
    return "longer than the source sentence" if too_long else None


# -- positions ------------------------------------------------------------------------------------------
@check
def says_enough(c: Candidate) -> str | None:
    return "says too little" if len(c.own_words.split()) < MIN_POSITION_WORDS else None


@check
def not_the_prompt(c: Candidate) -> str | None:
    """The model neither repeats its instructions nor stops at a colon."""
    return "repeats the prompt" if _ECHOED_PROMPT.search(c.text) or c.text.endswith(":") else None


@check
def keeps_who_does_what(c: Candidate) -> str | None:
    """No one swaps roles: "Rudolph will fine Rudolph" from "the NFL will fine Rudolph" (bot.checks.actors)."""
    lead_verb_end = c.text.find(" ", len(c.lead) + 1) if c.lead else 0
    return role_conflict(c.text, list(c.sources), skip_before=max(lead_verb_end, 0), lead=c.lead)


@check
def attaches_what_the_evidence_does(c: Candidate) -> str | None:
    """Each number belongs to the claim it belongs to in the evidence, and no grade ("significant") is added:
    not "underestimated costs by two to three percent" from a percentage of yearly upkeep (bot.checks.attachments)."""
    lead_verb_end = c.text.find(" ", len(c.lead) + 1) if c.lead else 0  # "Helen Okafor says": code's words
    return misattached(c.text, list(c.sources), skip_before=max(lead_verb_end, 0))


@check
def states_a_view(c: Candidate) -> str | None:
    """What the person says is a clause of its own, not a fragment ("says when Ghani announced ...")."""
    words = c.own_words.split()
    if words and words[0].lower() in ("says", "said"):
        words = words[1:]
    if words and words[0].lower() == "that":
        words = words[1:]
    opener = words[0].lower().strip("“\"'‘,") if words else ""
    return f"a fragment opening with '{opener}', not a view" if opener in SUBORDINATORS else None


# -- answers --------------------------------------------------------------------------------------------
@check
def no_refusal(c: Candidate) -> str | None:
    return "says the passages do not say" if _REFUSAL.search(c.text) else None


@check
def gives_kind_asked(c: Candidate) -> str | None:
    """A number for "how many", a date for "when", a name for "who" (one the question did not already give)."""
    question = c.question
    if question is None or not question.kind:
        return None
    if question.wants_number:
        dated = question.kind & {"DATE", "TIME"} and _TIME_WORDS.search(c.text)
        words = set(re.findall(r"[a-z]+", c.text.lower()))
        found = re.search(r"\d", c.text) or words & (NUMBER_WORDS | _MORE_NUMBER_WORDS) or dated
    else:
        asked = question.text.lower()
        found = any(token.lower() not in asked for token in fact_tokens(c.text))
    return None if found else f"no {', '.join(sorted(question.kind))} in it"


@check
def says_something_new(c: Candidate) -> str | None:
    asked = c.question.words if c.question else frozenset()
    return "says nothing the question did not" if len(content_stems(c.text) - asked) < 2 else None


@check
def about_the_question(c: Candidate) -> str | None:
    asked = c.question.words if c.question else frozenset()
    return "about something else than the question" if asked and not content_stems(c.text) & asked else None


@check
def each_sentence_in_one_source(c: Candidate) -> str | None:
    """Each sentence rests on one source sentence: a small model that blends two sentences ("X described him
    as Y") makes claims none holds."""
    for sentence in _sentences(c.text):
        if not any(_grounded(sentence, source, c) for source in c.sources):
            return f"no one source sentence holds {sentence!r}"
    return None


@check
def names_stand_together(c: Candidate) -> str | None:
    """The names and numbers of one sentence stand together in the source (one sentence, or two neighbours
    in a paragraph): "Rishi Khanal was buried for 36 hours" joins a name from the question to another
    person's number."""
    for sentence in _sentences(c.text):
        if not any(not unsupported_facts(sentence, window) for window in c.windows):
            return f"its names and numbers are never together in the source: {sentence!r}"
    return None


def _grounded(sentence: str, source: str, c: Candidate) -> bool:
    """Whether one source sentence holds most of a sentence's new words and all its names and numbers."""
    words = content_stems(sentence) - (c.question.words if c.question else frozenset())
    if words and len(words & content_stems(source)) / len(words) < GROUNDED_SHARE:
        return False
    return not unsupported_facts(sentence, source + "\n" + c.known)


def _sentences(text: str) -> list[str]:
    """A text cut at its sentence ends (those a model's answer is stopped at)."""
    parts = []
    while (end := first_sentence_end(text)) is not None:
        parts.append(text[:end])
        text = text[end:].strip()
    return [*parts, text] if text else parts
