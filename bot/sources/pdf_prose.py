"""A PDF's text lines joined back into paragraphs of prose.

A PDF stores lines, not paragraphs: its text comes out with a line break wherever the page wrapped, and a
word hyphenated across two lines ("sig-" / "nificant"). Read as it is, every wrapped line ends a sentence and
the people it quotes are lost. Here a line is joined to the next unless it ends a paragraph: a line clearly
shorter than the page's full lines that ends a sentence, a short line with no end at all (a heading), an
indented next line, or a page that ends a sentence. A hyphen at a line end is dropped ("sig-nificant" ->
"significant") unless the text shows a compound ("coal-fired" written elsewhere, or "coal" and "fired" both
words of the text). Lines that are only a page number are left out.
"""

from __future__ import annotations

import re

_SENTENCE_END = (".", "!", "?", "”", '"', "’", "'", ":", ")", "…")
_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_LEADING_WORD = re.compile(r"^([^\W\d_]+)")
# A line this much shorter than the page's full lines, ending a sentence, ends its paragraph.
SHORT_LINE = 0.8


def join_pdf_pages(pages: list[str]) -> str:
    """The text of a PDF's pages as paragraphs separated by empty lines, wrapped lines joined."""
    lines: list[tuple[str, bool]] = []
    page_ends: set[int] = set()  # a page that ends a sentence ends its paragraph
    for page in pages:
        lines.extend(_page_lines(page))
        if lines:
            page_ends.add(len(lines) - 1)
    if not lines:
        return ""
    vocabulary = _vocabulary(lines)
    full = _full_line_length(lines)
    paragraphs: list[str] = []
    current = ""
    for i, (line, _indented) in enumerate(lines):
        if not current:
            current = line
        elif current.endswith("-") and _continues_word(line):
            current = _mend_hyphen(current, line, vocabulary)
        else:
            current = f"{current} {line}"
        following = lines[i + 1] if i + 1 < len(lines) else None
        ends_page = i in page_ends and line.endswith(_SENTENCE_END)
        if following is None or ends_page or _ends_paragraph(line, following, full):
            paragraphs.append(current)
            current = ""
    return "\n\n".join(paragraphs)


def _page_lines(page: str) -> list[tuple[str, bool]]:
    """A page's non-empty lines, each with whether it is indented; page numbers left out."""
    lines = []
    for raw in page.split("\n"):
        line = raw.strip()
        if line and not _PAGE_NUMBER.match(line):
            lines.append((re.sub(r"\s{2,}", " ", line), raw[:1].isspace()))
    return lines


def _full_line_length(lines: list[tuple[str, bool]]) -> int:
    """The length of a full line: the 80th percentile of the line lengths (short lines end paragraphs)."""
    lengths = sorted(len(line) for line, _ in lines)
    return lengths[min(len(lengths) - 1, int(0.8 * len(lengths)))]


def _ends_paragraph(line: str, following: tuple[str, bool], full: int) -> bool:
    next_line, next_indented = following
    if next_indented and next_line[:1].isupper():
        return True
    if line.endswith("-"):
        return False
    short = len(line) < SHORT_LINE * full
    if not short:
        return False
    if line.endswith(_SENTENCE_END):
        return True
    # A short line with no end before a capitalised one is a heading, a byline or a caption.
    return next_line[:1].isupper() or next_line[:1] in "“\"‘'("


def _continues_word(line: str) -> bool:
    return line[:1].isalpha() and line[:1].islower()


def _mend_hyphen(current: str, line: str, vocabulary: set[str]) -> str:
    """Join a word hyphenated across a line break, keeping the hyphen of a compound."""
    head = _HYPHEN_END.search(current)
    tail = _LEADING_WORD.match(line)
    if head is None or tail is None:
        return current + line
    first, second = head.group(1).lower(), tail.group(1).lower()
    compound = f"{first}-{second}" in vocabulary or (
        f"{first}{second}" not in vocabulary
        and len(first) >= 3
        and len(second) >= 3
        and first in vocabulary
        and second in vocabulary
    )
    return current + line if compound else current[:-1] + line


def _vocabulary(lines: list[tuple[str, bool]]) -> set[str]:
    """Every whole word of the text, lower case, hyphenated ones also as their parts; the pieces of a word
    broken at a line end ("sig-" / "nificant") are no words."""
    words: set[str] = set()
    broken = False
    for line, _ in lines:
        found = _WORD.findall(line.lower())
        if broken and found and line[:1].isalpha():
            found = found[1:]
        broken = line.endswith("-")
        if broken and found:
            found = found[:-1]
        for word in found:
            word = word.strip("-'’")
            words.add(word)
            if "-" in word:
                words.update(part for part in word.split("-") if part)
    return words
