"""The spaCy pipeline's start-up: it never pays for importing torch, and the engine's thread still can."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from bot.analysis.nlp import _NoTorchOnThisThread


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
