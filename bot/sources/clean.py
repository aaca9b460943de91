"""Cleaning of text as users paste it: site furniture out, title found, a cut-off ending noticed.

People copy an article together with the page around it ("Leave a Reply", "Share this:", "Read the full
article from the Source…"). Those lines are removed here, whole lines or a trailing block only, so what
remains is still verbatim article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.analysis.lexicon import ROLE_WORDS, STOPWORDS, TITLE_CASE_MINOR_WORDS, first_name_genders

CUT_OFF_WARNING = "the text seems cut off at the end"

# A line made only of one of these is site furniture. Matched case-insensitively against the whole line.
_FURNITURE_LINES = [
    r"read (the )?(full|whole|entire|complete|original) (article|story|post)\b.*",
    r"(continue|keep) reading.*",
    r"read more\b.*",
    r"leave a (reply|comment)\.?",
    r"(post a|add a|write a) comment\.?",
    r"\d* ?comments?( \(\d+\))?",
    r"(show|view|load|hide) (all |more )?comments.*",
    r"your email address will not be published\..*",
    r"required fields are marked \*?\.?",
    r"(save my name|notify me of).*",
    r"share (this|on|via|the|article|story)\b.{0,60}",
    r"(click|tap) (here )?to (share|print|email|subscribe).*",
    r"share|tweet|email|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|x|copy link",
    r"like this:?|loading\.\.\.|related( (posts|articles|stories))?:?|post navigation",
    r"advertisement|sponsored( content)?|scroll down for (the )?video\.?|scroll to continue.*",
    r"(sign up|subscribe) (for|to) (our|the) (free )?(daily |weekly )?(newsletter|updates|emails?).*",
    r"follow (us|@\w+) on .{0,40}",
    r"(©|\(c\)|copyright ©|copyright \d{4}).{0,80}",
    r"all rights reserved\.?",
    r"(photo|image|video|picture|credit|getty images|ap photo)s?( credit)?: .{0,60}",
    r"tags?:.{0,120}",
    r"filed under:?.{0,120}",
]
_FURNITURE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE_LINES) + r")\s*$", re.IGNORECASE)

# From one of these markers to the end is page furniture, not article (only when it is near the end).
_TAIL_MARKERS = re.compile(
    r"^\s*(read the full article|leave a reply|leave a comment|your email address will not be published|"
    r"comments? \(\d+\)|post navigation|related (posts|articles|stories))",
    re.IGNORECASE,
)

# Furniture that runs into article text inside a line.
_INLINE_FURNITURE = [
    re.compile(r"^\(CNN\)\s*(--\s*)?"),
    re.compile(r"^[A-Z][A-Za-z .,]{1,40}\(CNN\)\s*(--\s*)?"),
    re.compile(r"\bScroll down for (the )?video\.?\s*", re.IGNORECASE),
]

MAX_HEADLINE_WORDS = 25
_TERMINAL = tuple(".!?\"'”’)]»")


@dataclass
class CleanText:
    text: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def normalise_whitespace(text: str) -> str:
    """One kind of newline and space, no trailing blanks, at most one empty line in a row."""
    # Characters are kept as they are (no Unicode normalisation, zero-width spaces stay): evidence and
    # citations must match the text users have, and only whitespace may differ.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_pasted_text(raw: str, title: str | None = None) -> CleanText:
    """Remove site furniture, take a leading headline as the title, and warn about a cut-off end."""
    text = normalise_whitespace(raw)
    lines = text.split("\n")
    lines = _drop_furniture_tail(lines)
    lines = [line for line in lines if not _FURNITURE.match(line)]
    lines = [_strip_inline_furniture(line) for line in lines]
    lines = _unwrap_hard_line_breaks(lines)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if title is None:
        title, text = _split_headline(text)
    warnings = [CUT_OFF_WARNING] if text and seems_cut_off(text) else []
    return CleanText(text=text, title=title, warnings=warnings)


def _unwrap_hard_line_breaks(lines: list[str]) -> list[str]:
    """Join a line broken mid-sentence (an e-mail or terminal wrap) to the line that continues it."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        continues = line and (line[0].islower() or line[0].isdigit())
        if previous and continues and not previous.endswith((*_TERMINAL, ":")):
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


def _drop_furniture_tail(lines: list[str]) -> list[str]:
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        if _TAIL_MARKERS.match(line) and seen > 0.6 * total:
            return lines[:i]
        seen += len(line)
    return lines


def _strip_inline_furniture(line: str) -> str:
    for pattern in _INLINE_FURNITURE:
        line = pattern.sub("", line)
    return line.strip()


def _split_headline(text: str) -> tuple[str | None, str]:
    """A leading headline: a short first paragraph with no sentence end, or a title-case run on the first line.

    Discord sends a slash command's text without newlines, so the headline of a pasted article runs straight
    into its first sentence ("…Problems With North Korea As tensions near…"); there the title-case run ends
    where a sentence starts.
    """
    first, sep, rest = text.partition("\n\n")
    if sep and "\n" not in first and rest.strip():
        words = first.split()
        if 2 <= len(words) <= MAX_HEADLINE_WORDS and not _ends_like_sentence(first):
            return first.strip(), rest.strip()
    line, newline, after = text.partition("\n")
    run_in = _run_in_headline(line)
    if run_in is None:
        return None, text
    headline, opening = run_in
    return headline, f"{opening}{newline}{after}".strip()


def _ends_like_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ";", ",", "”", '"'))


def _run_in_headline(line: str) -> tuple[str, str] | None:
    """(headline, the rest) when `line` opens with a title-case headline and then a sentence, else None."""
    words = line.split(" ")
    breaks = next((i for i, word in enumerate(words[: MAX_HEADLINE_WORDS + 3]) if not _title_cased(word)), None)
    if breaks is None or len(words) - breaks < 6:
        return None
    start = _dateline_start(words, breaks)
    if start is None:
        start = next((i for i in range(breaks - 1, max(breaks - 4, 2), -1) if _opens_sentence(words[i])), None)
    # "Former Secretary of State Hillary Clinton said…" is one sentence: a title runs into the name after it.
    if start is None or _is_dateline(words) or ROLE_WORDS & {w.lower() for w in words[max(0, start - 3) : start]}:
        return None
    headline = " ".join(words[:start])
    capitalised = sum(1 for word in words[:start] if word[:1].isupper() and word.lower() not in TITLE_CASE_MINOR_WORDS)
    if start > MAX_HEADLINE_WORDS or capitalised < 2 or _ends_like_sentence(headline):
        return None
    return headline, " ".join(words[start:])


def _title_cased(word: str) -> bool:
    """A word as a title-case headline writes it: capitalised, a number or sign, or a minor word."""
    bare = word.strip("“”\"'‘’()[]«»—–-:|,")
    if not any(c.isalpha() for c in bare):
        return True
    return bare[0].isupper() or bare[0].isdigit() or bare.lower() in TITLE_CASE_MINOR_WORDS


def _opens_sentence(word: str) -> bool:
    """A capitalised function word ("As", "The", "When") or given name ("Donald"): where a sentence starts."""
    bare = word.strip("“\"‘'(")
    if not bare[:1].isupper():
        return False
    lower = bare.lower()
    return lower in STOPWORDS or lower in first_name_genders()


def _is_dateline(words: list[str]) -> bool:
    return len(words) > 1 and _dateline_word(words[0], words[1])


def _dateline_word(word: str, follows: str) -> bool:
    word = word.rstrip(",")
    return len(word) >= 3 and word.isupper() and word.isalpha() and (follows.startswith("(") or follows in "—–-")


def _dateline_start(words: list[str], breaks: int) -> int | None:
    """The index of a dateline ("WASHINGTON (Reuters) -", "LONDON —") before `breaks`, after a headline."""
    for i in range(3, min(breaks, len(words) - 1)):
        if _dateline_word(words[i], words[i + 1]) and not all(w.isupper() for w in words[:i]):
            return i
    return None


def seems_cut_off(text: str) -> bool:
    """True when the text stops mid-sentence or trails off with an ellipsis."""
    tail = text.rstrip()
    if tail.endswith(("…", "...", "[…]", "[...]")):
        return True
    last_paragraph = tail.rsplit("\n", 1)[-1].strip()
    if len(last_paragraph.split()) <= 3 and not last_paragraph.endswith(_TERMINAL):
        return True
    return not tail.endswith(_TERMINAL)
