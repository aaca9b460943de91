"""The fact rules every check shares: which words carry facts, and whether a text holds them.

A small model rewrites well but sometimes invents a name, changes a number, drops a "not", quotes words the
source never printed, or tacks on a sentence of its own. Each rule here is exact and cheap, so every generated
sentence can be checked before anyone sees it; the named checks (bot.checks.rules) are built from them.
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import (
    NEGATIONS,
    NUMBER_WORDS,
    QUOTE_MARK,
    QUOTED_SPAN,
    REPORTING,
    STOPWORDS,
    WORD,
    content_stems,
    content_words,
    fold,
    stem,
)

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d")
_MONEY = re.compile(r"[$£€¥]\s?\d[\d,.]*\d|[$£€¥]\s?\d")
_QUOTE_STYLE = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_QUOTE_EDGES = "\"'“”«»‘’ \n.,;:!?…"


def fact_tokens(sentence: str) -> list[str]:
    """Tokens that carry facts: numbers, and capitalised words (a sentence's first word included)."""
    return [tok.rstrip(".,") for tok in _TOKEN.findall(sentence) if tok[0].isdigit() or tok[0].isupper()]


def names_and_numbers(text: str) -> set[str]:
    """Fact tokens, lowercased, without a sentence's capitalised first word when it is a common word."""
    return {t.lower() for t in fact_tokens(text) if t.lower() not in STOPWORDS}


def unsupported_facts(generated: str, source: str) -> list[str]:
    """Names and numbers of `generated` that do not occur in `source` (case-insensitive, whole words): amounts
    of money as those amounts, numbers in figures or in words ("three", "a dozen")."""
    haystack = fold(source)
    digits_in_source = set(re.findall(r"\d+", source.replace(",", "")))
    money_in_source = {_money(m) for m in _MONEY.findall(source)}
    missing = [amount for amount in _MONEY.findall(generated) if _money(amount) not in money_in_source]
    number_words = {w for w in WORD.findall(fold(generated)) if w in NUMBER_WORDS}
    missing += sorted(number_words - set(WORD.findall(haystack)))
    for tok in fact_tokens(generated):
        if fold(tok) in NUMBER_WORDS:
            continue
        if tok[0].isdigit():
            if not all(part in digits_in_source for part in re.findall(r"\d+", tok.replace(",", ""))):
                missing.append(tok)
            continue
        base = re.sub(r"'s$", "", fold(tok))
        if not re.search(rf"(?<![a-z0-9]){re.escape(base)}(?![a-z0-9])", haystack):
            missing.append(tok)
    return missing


def _money(amount: str) -> str:
    return re.sub(r"[\s,]", "", amount)


def negation_count(text: str) -> int:
    return sum(w in NEGATIONS or w.endswith("n't") for w in WORD.findall(fold(text)))


def novel_content_share(generated: str, source: str) -> float:
    """The share of the generated text's content words whose stem never occurs in the source."""
    words = content_words(generated)
    if not words:
        return 0.0
    known = content_stems(source)
    return sum(stem(w) not in known for w in words) / len(words)


def is_attributed(sentence: str) -> bool:
    """True when a sentence gives someone's words: it quotes, or it reports speech."""
    return bool(QUOTE_MARK.search(sentence) or REPORTING.search(sentence))


def words_outside_quotes(sentence: str) -> str:
    return QUOTED_SPAN.sub(" ", sentence)


def _plain(text: str) -> str:
    return " ".join(text.translate(_QUOTE_STYLE).split()).casefold()


def misquoted(text: str, source: str) -> list[str]:
    """The passages `text` puts in quote marks that do not occur in `source` (up to whitespace, case and
    quote-mark style): a model that "quotes" words the article never printed."""
    plain_source = _plain(source)
    wrong = []
    for match in QUOTED_SPAN.finditer(text):
        inner = match.group(0).strip(_QUOTE_EDGES)
        if inner and _plain(inner) not in plain_source:
            wrong.append(inner)
    return wrong
