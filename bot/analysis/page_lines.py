"""Page lines where no one speaks: the headline, bylines and photo captions of a parsed text.

A name that appears only there is no expert ("Derelict Obama and Clinton;" is a headline, "By Jane Smith" a
byline, "Jane Smith speaks at a rally (AP Photo)" a caption), so the people index leaves their names out and
the attribution pass their sentences. The headline is the text's first paragraph when it is one sentence
of at most 25 words written like a headline (in title case, or without a closing full stop) and more text
follows; a byline is a short paragraph opening with "By"; a caption is a short paragraph with a photo credit
("(AP Photo/Jane Doe)", "Photo: ...", "Getty Images").
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import TITLE_CASE_MINOR_WORDS

_HEADLINE_MAX_WORDS = 25
_TITLE_CASE_SHARE = 0.7
_BYLINE_MAX_WORDS = 10
_CAPTION_MAX_WORDS = 45
_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters|Getty|EPA)\b[^)]*(?:Photo|/)[^)]*\)|\b(?:AP|AFP) Photo\b|\bGetty Images\b|"
    r"\b(?:Photo|Image|Photograph|Picture|Credit)s?\s*(?:by|credit)?\s*:",
    re.I,
)


def furniture_sentences(doc) -> frozenset[int]:
    """Indexes (into `list(doc.sents)`) of the sentences of a parsed `doc` that are a headline, a byline or a
    caption."""
    found: set[int] = set()
    for number, rows in enumerate(_paragraphs(doc)):
        text = doc.text[rows[0][1].start_char : rows[-1][1].end_char].strip()
        first_line = number == 0 and len(rows) == 1 and rows[-1][1].end < len(doc)
        headline = first_line and _reads_as_headline(rows[0][1], text)
        if headline or _is_byline(text) or _is_caption(text):
            found.update(index for index, _ in rows)
    return frozenset(found)


def _paragraphs(doc) -> list[list[tuple[int, object]]]:
    """The non-empty sentences of `doc` with their indexes, grouped by paragraph."""
    paragraphs: list[list[tuple[int, object]]] = []
    last_end = 0
    for index, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        if not paragraphs or "\n" in doc.text[last_end : sent.start_char]:
            paragraphs.append([])
        paragraphs[-1].append((index, sent))
        last_end = sent.start_char + len(sent.text.rstrip())
    return paragraphs


def _reads_as_headline(sentence, text: str) -> bool:
    """One sentence of at most 25 words without a closing full stop, or with its words other than names in
    title case ("Obama Says Museum Will Tell of 'Suffering'", not "Mike Pence spoke on Monday.")."""
    if len(text.split()) > _HEADLINE_MAX_WORDS:
        return False
    if not text.rstrip("”\"'’").endswith((".", "!", "?", ":")):
        return True  # a line ending in a colon introduces what follows
    words = [t for t in sentence if t.is_alpha and t.pos_ != "PROPN" and t.lower_ not in TITLE_CASE_MINOR_WORDS]
    return len(words) >= 2 and sum(t.text[:1].isupper() for t in words) / len(words) >= _TITLE_CASE_SHARE


def _is_byline(text: str) -> bool:
    return text.startswith(("By ", "BY ")) and len(text.split()) <= _BYLINE_MAX_WORDS


def _is_caption(text: str) -> bool:
    return len(text.split()) <= _CAPTION_MAX_WORDS and _CREDIT.search(text) is not None
