"""The spaCy pipeline: its start-up never pays for importing torch (the engine's thread still can), and parsing
stays within a memory budget: long texts in pieces that join back exactly, no sentence longer than the model
can take."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.analysis import nlp
from bot.analysis.nlp import (
    CHUNK_CHARS,
    MAX_SENTENCE_CHARS,
    _NoTorchOnThisThread,
    chunks,
    parse,
    sentences_of,
    split_long,
)

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "harbour-bridge.txt"


def test_loading_the_pipeline_does_not_import_torch():
    code = (
        "import sys\n"
        "from bot.analysis.nlp import load_pipeline, parse, sentences_of\n"
        "load_pipeline()\n"
        "print('torch' in sys.modules, len(sentences_of(parse('The mayor spoke. The council voted.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "2"]


def test_torch_is_refused_only_on_the_thread_loading_the_pipeline():
    finder = _NoTorchOnThisThread()
    with pytest.raises(ModuleNotFoundError, match="not needed by the spaCy pipeline"):
        finder.find_spec("torch.utils.dlpack")
    assert finder.find_spec("numpy") is None
    elsewhere = []
    worker = threading.Thread(target=lambda: elsewhere.append(finder.find_spec("torch")))
    worker.start()
    worker.join()
    assert elsewhere == [None]


def test_a_million_characters_are_cut_into_pieces_that_join_back_exactly():
    text = (SAMPLE.read_text() + "\n\n") * 600 + "x" * 50_000  # and one 'word' longer than a piece
    assert len(text) > 1_000_000
    pieces = chunks(text)
    assert "".join(pieces) == text
    assert all(len(piece) <= CHUNK_CHARS for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-4])  # cut at paragraph breaks where there are some


def test_a_text_parsed_in_pieces_has_the_sentences_and_entities_of_one_parse(monkeypatch):
    text = SAMPLE.read_text()
    whole = parse(text)
    monkeypatch.setattr(nlp.chunks, "__defaults__", (1200,))  # pieces of a few paragraphs each
    pieced = parse(text)
    assert len(chunks(text)) > 1 and all(piece.endswith("\n\n") for piece in chunks(text)[:-1])
    assert pieced.text == text
    assert [(s.start_char, s.end_char) for s in pieced.sents] == [(s.start_char, s.end_char) for s in whole.sents]
    assert [(e.text, e.label_) for e in pieced.ents] == [(e.text, e.label_) for e in whole.ents]


def test_a_sentence_longer_than_the_limit_is_split_at_commas_or_spaces():
    text = ", ".join(f"item number {n} of the list" for n in range(2000))  # no full stop at all
    pieces = split_long(text, 0, len(text))
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in pieces)
    assert " ".join(text[start:end] for start, end in pieces).split() == text.split()
    assert all(text[start:end].endswith(",") for start, end in pieces[:-1])


def test_twenty_thousand_words_without_a_sentence_end_become_sentences_the_model_can_take():
    text = " ".join(["word"] * 20_000)
    sentences = sentences_of(parse(text))
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert sum(len(s.text.split()) for s in sentences) == 20_000
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_a_quote_that_ends_in_an_exclamation_mark_does_not_end_its_sentence():
    from bot.analysis.nlp import load_pipeline, parse

    load_pipeline()
    text = ('Pressure is building on the mayor, who was greeted with chants of "Bobby!" at a labor conference '
            'last month. The council met.')
    assert next(s.text.strip() for s in parse(text).sents).endswith("last month.")
    assert len(list(parse('He shouted "Stop!" The crowd left.').sents)) == 2
