"""oneDNN for the float Linear layers (`model.linear_kernel`, bot/llm/onednn.py) and handing back a model
file's pages (bot/llm/file_pages.py): the same greedy output as torch's own Linear, rows that do not depend on
their batch, a tied output layer that keeps its embedding, and pages released only where that is safe."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from bot.llm import file_pages, onednn

needs_onednn = pytest.mark.skipif(not onednn.available(), reason="this torch build has no oneDNN")


def _tiny(folder):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()


def _prompt(vocab: int, rows: int = 3):
    generator = torch.Generator().manual_seed(3)
    ids = torch.randint(4, vocab, (rows, 10), generator=generator)
    return ids, torch.ones_like(ids)


@needs_onednn
def test_packed_model_scores_as_the_float_model_and_decodes_the_same(tiny_model_dir):
    from bot.llm.decoding import greedy_decode

    plain, packed = _tiny(tiny_model_dir), _tiny(tiny_model_dir)
    layers = sum(type(m) is torch.nn.Linear for m in plain.modules())
    assert onednn.pack_model(packed) == layers
    assert not any(type(m) is torch.nn.Linear for m in packed.modules())
    ids, mask = _prompt(plain.config.vocab_size)
    with torch.inference_mode():
        torch.testing.assert_close(packed(ids).logits, plain(ids).logits, atol=1e-5, rtol=1e-5)
        want = greedy_decode(plain, ids, mask, [12, 12, 12], {2})
        got = greedy_decode(packed, ids, mask, [12, 12, 12], {2})
        drafted = greedy_decode(packed, ids, mask, [12, 12, 12], {2}, draft_tokens=3)
    assert got.tokens == want.tokens
    assert drafted.tokens == got.tokens


@needs_onednn
def test_a_packed_layers_rows_do_not_depend_on_the_batch():
    layer = torch.nn.Linear(96, 300)
    packed = onednn.OneDnnLinear(layer)
    inputs = torch.randn(40, 96)
    with torch.inference_mode():
        whole = packed(inputs)
        for rows in (1, 2, 3, 7, 12):
            assert torch.equal(packed(inputs[:rows]), whole[:rows])
        torch.testing.assert_close(packed(inputs.reshape(4, 10, 96)), layer(inputs).reshape(4, 10, 300))
    assert packed.weight is None  # the float weight is not kept


@needs_onednn
def test_a_tied_output_layer_keeps_the_embedding_and_can_still_be_restricted(tiny_model_dir):
    from bot.llm.decoding import greedy_decode

    model = _tiny(tiny_model_dir)
    onednn.pack_model(model)
    head = model.get_output_embeddings()
    assert isinstance(head, onednn.OneDnnLinear)
    assert head.weight is model.get_input_embeddings().weight
    ids, mask = _prompt(model.config.vocab_size, rows=2)
    everything = list(range(model.config.vocab_size))
    with torch.inference_mode():
        full = greedy_decode(model, ids, mask, [10, 10], {2})
        restricted = greedy_decode(model, ids, mask, [10, 10], {2}, allowed_tokens=everything)
    assert restricted.tokens == full.tokens


@needs_onednn
def test_a_layer_onednn_refuses_stays_as_it_was(tiny_model_dir, monkeypatch):
    model = _tiny(tiny_model_dir)
    real = torch.ops.mkldnn._reorder_linear_weight
    refused = model.model.layers[0].mlp.down_proj

    def reorder(weight, *args):
        if weight.data_ptr() == refused.weight.data_ptr():
            raise RuntimeError("unsupported")
        return real(weight, *args)

    monkeypatch.setattr(onednn, "_reorder", reorder)
    layers = sum(type(m) is torch.nn.Linear for m in model.modules())
    assert onednn.pack_model(model) == layers - 1
    assert model.model.layers[0].mlp.down_proj is refused


@needs_onednn
def test_auto_picks_onednn_except_on_intel():
    assert onednn.chosen("auto", vendor="AuthenticAMD") == "onednn"
    assert onednn.chosen("auto", vendor="GenuineIntel") == "blas"
    assert onednn.chosen("auto", vendor="") == "blas"  # a CPU that does not say
    assert onednn.chosen("blas", vendor="AuthenticAMD") == "blas"
    assert onednn.chosen("onednn", vendor="GenuineIntel") == "onednn"


@needs_onednn
async def test_the_engine_packs_when_asked_and_writes_what_blas_writes(tiny_model_dir):
    from bot.config import ModelSettings
    from bot.llm.engine import Engine, GenerationRequest

    texts, labels = [], []
    for kernel in ("blas", "onednn"):
        engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1, linear_kernel=kernel), progress=False)
        try:
            request = GenerationRequest(messages=[{"role": "user", "content": "the port will open"}], max_new_tokens=8)
            texts.append(await engine.generate_async([request]))
            labels.append(engine.label)
            assert ("pack_s" in engine.load_parts) == (kernel == "onednn")
        finally:
            engine.close()
    assert texts[0] == texts[1]
    assert labels[1].endswith("oneDNN") and not labels[0].endswith("oneDNN")


def test_linear_kernel_is_validated(write_config):
    from bot.config import ConfigError

    assert write_config({"model": {"linear_kernel": "onednn"}}).model.linear_kernel == "onednn"
    assert write_config().model.linear_kernel == "auto"
    with pytest.raises(ConfigError, match="linear_kernel"):
        write_config({"model": {"linear_kernel": "fast"}})


def _mapped(tmp_path, values: int = 1 << 18) -> torch.Tensor:
    path = tmp_path / "weights.bin"
    np.arange(values, dtype=np.float32).tofile(path)
    return torch.from_file(str(path), shared=False, size=values)


def test_released_file_pages_read_back_the_same_values(tmp_path):
    tensor = _mapped(tmp_path)
    tensor.sum()  # read every page in
    assert file_pages.release([tensor]) == 1
    assert torch.equal(tensor, torch.arange(1 << 18, dtype=torch.float32))


def test_memory_of_the_process_and_written_file_pages_are_never_released(tmp_path):
    own = torch.arange(1 << 18, dtype=torch.float32)
    assert file_pages.release([own]) == 0
    assert torch.equal(own, torch.arange(1 << 18, dtype=torch.float32))
    written = _mapped(tmp_path)
    written[5] = -1.0
    assert file_pages.release([written]) == 0
    assert written[5].item() == -1.0


def test_no_smaps_means_nothing_is_released(tmp_path):
    assert file_pages.clean_file_mappings(str(tmp_path / "missing")) == []
    assert file_pages.release([_mapped(tmp_path)], mappings=[]) == 0
