"""The data that flows through briefbot: documents, briefings, experts and answers.

Every piece that quotes the source carries character offsets into `Document.text`, so whatever is shown as
a quote can be checked, and is, against the text the bot read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field


class BriefbotError(Exception):
    """An expected failure with a one-line message fit for a user (bad input, refused URL, busy bot...)."""


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of a document's text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class Document:
    """A source as the bot read it: clean main text plus what is known about where it came from."""

    text: str
    input: str = "-"
    url: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)
    id: str = ""
    added: str | None = None
    section: str | None = None  # the page's section, as its metadata or address gives it ("Opinion")

    def __post_init__(self) -> None:
        if not self.id:
            self.id = source_id(self.text, self.url)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def hash(self) -> str:
        return text_hash(self.text)

    def meta(self) -> dict:
        """The `source` object of the JSON contract."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "site": self.site,
            "author": self.author,
            "published": self.published,
            "words": self.words,
        }


def _normalise_for_hash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(_normalise_for_hash(text).encode("utf-8")).hexdigest()


def source_id(text: str, url: str | None = None) -> str:
    """A short stable id: the same URL, or else the same text (up to whitespace), gives the same id."""
    key = f"url:{url}" if url else f"text:{_normalise_for_hash(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


@dataclass
class BriefingSentence:
    """One sentence of a briefing and the source sentences it was written from."""

    text: str
    source_spans: list[Span]
    generated: bool  # False when the verified rewrite failed and the source sentence stands in


@dataclass
class Briefing:
    sentences: list[BriefingSentence]
    tone: str
    length: int
    opinion: bool = False

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass
class Expert:
    """A person the source quotes or paraphrases, with verbatim evidence found by offsets."""

    name: str
    role: str | None
    evidence: list[Span]
    position: str | None = None

    def evidence_texts(self, source: str) -> list[str]:
        return [span.text(source) for span in self.evidence]

    def to_json(self, source: str) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "position": self.position,
            "evidence": self.evidence_texts(source),
        }


@dataclass
class Answer:
    source_id: str
    question: str
    answer: str
    citations: list[str]
    not_covered: bool

    def to_json(self) -> dict:
        return {
            "source_id": self.source_id,
            "question": self.question,
            "answer": self.answer,
            "citations": self.citations,
            "not_covered": self.not_covered,
        }
