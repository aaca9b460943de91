"""Checks that generated text says nothing the source does not: names, numbers, negation, new content.

A small model rewrites well but sometimes invents a name, changes a number, drops a "not", or tacks on a
sentence of its own. Each check here is exact and cheap, so every generated sentence can be verified before
anyone sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.lexicon import NEGATIONS as _NEGATIONS
from bot.analysis.lexicon import STOPWORDS, stem

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""


def fact_tokens(sentence: str) -> list[str]:
    """Tokens that carry facts: numbers, and capitalised words (a sentence's first word included)."""
    return [tok.rstrip(".,") for tok in _TOKEN.findall(sentence) if tok[0].isdigit() or tok[0].isupper()]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).lower()


def unsupported_facts(generated: str, source: str) -> list[str]:
    """Names and numbers of `generated` that do not occur in `source` (case-insensitive, whole words)."""
    haystack = _normalise(source)
    digits_in_source = set(re.findall(r"\d+", source.replace(",", "")))
    missing = []
    money_in_source = {_money(m) for m in _MONEY.findall(source)}
    for amount in _MONEY.findall(generated):
        if _money(amount) not in money_in_source:
            missing.append(amount)
    for tok in fact_tokens(generated):
        if tok[0].isdigit():
            number = tok.replace(",", "")
            parts = re.findall(r"\d+", number)
            if not all(p in digits_in_source for p in parts):
                missing.append(tok)
            continue
        word = _normalise(tok)
        base = re.sub(r"'s$", "", word)
        if not re.search(rf"(?<![a-z0-9]){re.escape(base)}(?![a-z0-9])", haystack):
            missing.append(tok)
    return missing


_MONEY = re.compile(r"[$£€¥]\s?\d[\d,.]*\d|[$£€¥]\s?\d")


def _money(amount: str) -> str:
    return re.sub(r"[\s,]", "", amount)






def content_words(text: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """The words of a text in order, lower case, without stopwords (except those in `keep`) and bare digits."""
    return [w for w in _WORD.findall(_normalise(text)) if (w not in STOPWORDS or w in keep) and not w.isdigit()]


def novel_content_share(generated: str, source: str) -> float:
    """The share of the generated text's content words whose stem never occurs in the source."""
    words = content_words(generated)
    if not words:
        return 0.0
    known = {stem(w) for w in content_words(source)}
    return sum(stem(w) not in known for w in words) / len(words)


def negation_count(text: str) -> int:
    words = _WORD.findall(_normalise(text))
    return sum(w in _NEGATIONS or w.endswith("n't") for w in words)


_QUOTE_CHARS = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$|[,.])")
_QUOTED_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?|(?:^|(?<=\s))['‘][^'’]*['’](?=\s|$|[,.;:!?])")
_REPORTING = re.compile(
    r"\b(said|says|say|told|tells|according to|argued|argues|claimed|claims|added|explained|insisted|warned|"
    r"wrote|writes|believes|believed|suggested|suggests|announced|stated|reported|reports|noted|admitted)\b",
    re.I,
)
_META_WORDS = {"article", "sentence", "text", "passage", "summary", "rewrite", "rewritten", "author", "briefing"}


def is_attributed(sentence: str) -> bool:
    """True when a sentence gives someone's words: it quotes, or it reports speech."""
    return bool(_QUOTE_CHARS.search(sentence) or _REPORTING.search(sentence))


def words_outside_quotes(sentence: str) -> str:
    return _QUOTED_SPAN.sub(" ", sentence)


_QUOTE_STYLE = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_QUOTE_EDGES = "\"'“”«»‘’ \n.,;:!?…"


def _plain(text: str) -> str:
    return " ".join(text.translate(_QUOTE_STYLE).split()).casefold()


def misquoted(text: str, source: str) -> list[str]:
    """The passages `text` puts in quote marks that do not occur in `source` (up to whitespace, case and
    quote-mark style): a model that "quotes" words the article never printed."""
    plain_source = _plain(source)
    wrong = []
    for match in _QUOTED_SPAN.finditer(text):
        inner = match.group(0).strip(_QUOTE_EDGES)
        if inner and _plain(inner) not in plain_source:
            wrong.append(inner)
    return wrong


def _names_and_numbers(text: str) -> set[str]:
    """Fact tokens, lowercased, without a sentence's capitalised first word when it is a common word."""
    return {t.lower() for t in fact_tokens(text) if t.lower() not in STOPWORDS}


def verify_rewrite(
    generated: str,
    original: str,
    article: str,
    *,
    max_novel: float = 0.25,
    min_facts_kept: float = 0.8,
    extra_allowed: str = "",
) -> Verdict:
    """Accept a rewrite of `original` only if it says the same thing about the same people.

    - names and numbers must occur in the article (or `extra_allowed`, e.g. an expert's name and role);
    - most names and numbers of the original stay (the prompt asks for every one);
    - a "not" is neither lost nor added;
    - words the original attributes to someone stay attributed: the rewrite keeps the speaker's name and
      a quote or reporting verb, so a claim never loses its source and becomes the briefing's own;
    - little new content: a rewrite that tacks on a sentence or a comment of its own fails.
    """
    if not generated.strip():
        return Verdict(False, "empty")
    missing = unsupported_facts(generated, article + "\n" + extra_allowed)
    if missing:
        return Verdict(False, f"names or numbers not in the source: {', '.join(missing[:5])}")
    original_facts = _names_and_numbers(original)
    kept = {t.lower() for t in fact_tokens(generated)}
    if original_facts and len(original_facts & kept) / len(original_facts) < min_facts_kept:
        return Verdict(False, "dropped names or numbers: " + ", ".join(sorted(original_facts - kept)[:5]))
    if (negation_count(generated) > 0) != (negation_count(original) > 0):
        return Verdict(False, "negation changed")
    if misquoted(generated, article):
        return Verdict(False, "quotes words the source does not have")
    if is_attributed(original):
        speakers = _names_and_numbers(words_outside_quotes(original))
        if not is_attributed(generated) or not speakers <= kept:
            return Verdict(False, "lost who said it")
    added_meta = {w for w in content_words(generated) if w in _META_WORDS} - set(content_words(original))
    if added_meta:
        return Verdict(False, f"talks about the {', '.join(sorted(added_meta))}")
    novel = novel_content_share(generated, original + "\n" + extra_allowed)
    if novel > max_novel:
        return Verdict(False, f"{novel:.0%} of its content words are not in the source sentence")
    return Verdict(True)
