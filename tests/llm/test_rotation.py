"""Turned weights (bot/llm/rotation.py) and the int8 model kept in the cache (bot/llm/int8_cache.py), on a tiny
random Llama model built by the test and loaded through the real loader."""

from pathlib import Path

import pytest
import torch

from bot.llm import int8_cache, quantized, rotation
from bot.llm.loader import load_model

needs_int_mm = pytest.mark.skipif(not quantized.supported(), reason="this torch has no CPU int8 matrix multiply")


def probe_logits(model) -> torch.Tensor:
    with torch.inference_mode():
        return model(torch.arange(1, 20)[None, :]).logits


def test_a_random_orthogonal_matrix_is_orthogonal_and_the_same_every_time():
    q = rotation.random_orthogonal(48, 7)
    assert torch.allclose(q @ q.t(), torch.eye(48, dtype=torch.float64), atol=1e-12)
    assert torch.equal(q, rotation.random_orthogonal(48, 7))
    assert not torch.equal(q, rotation.random_orthogonal(48, 8))


def test_turning_a_llama_model_keeps_its_output(tiny_model_dir: Path, tmp_path: Path):
    model, _, _ = load_model(str(tiny_model_dir), tmp_path, threads=1, progress=False)
    with torch.no_grad():  # norms with weights other than one, as trained models have
        for layer in model.model.layers:
            layer.input_layernorm.weight.uniform_(0.5, 1.5)
            layer.post_attention_layernorm.weight.uniform_(0.5, 1.5)
        model.model.norm.weight.uniform_(0.5, 1.5)
    before = probe_logits(model)
    assert rotation.llama_shaped(model)
    rotation.rotate_model(model)
    after = probe_logits(model)
    assert torch.allclose(before, after, atol=1e-4 * before.abs().max().item())
    assert not torch.equal(model.lm_head.weight, model.model.embed_tokens.weight)  # untied
    assert torch.all(model.model.layers[0].input_layernorm.weight == 1.0)


def test_a_model_of_another_shape_is_not_turned():
    model = torch.nn.Sequential(torch.nn.Linear(8, 8))
    assert not rotation.llama_shaped(model)
    layout = int8_cache.quantize_model(model)
    assert layout["turned"] is False and layout["layers"] == 1


@needs_int_mm
def test_the_int8_model_is_saved_once_and_read_back_the_same(tiny_model_dir: Path, tmp_path: Path):
    first_parts: dict = {}
    first, _, label = load_model(
        str(tiny_model_dir), tmp_path, threads=1, quantize="int8", progress=False, timings=first_parts
    )
    folder = int8_cache.cache_folder(tiny_model_dir, tmp_path)
    assert int8_cache.is_saved(folder) and "save_s" in first_parts and label.endswith("int8")
    again_parts: dict = {}
    again, _, _ = load_model(
        str(tiny_model_dir), tmp_path, threads=1, quantize="int8", progress=False, timings=again_parts
    )
    assert "quantize_s" not in again_parts  # read from the cache, not made again
    assert torch.equal(probe_logits(first), probe_logits(again))
    down = again.model.layers[0].mlp.down_proj
    assert isinstance(down, quantized.RowwiseInt8Linear) and down.input_rotation is not None
    assert not any(type(m) is torch.nn.Linear for m in again.modules())
    assert again.generation_config.eos_token_id == first.generation_config.eos_token_id


@needs_int_mm
def test_the_int8_model_stays_close_to_the_float_one(tiny_model_dir: Path, tmp_path: Path):
    float_model, _, _ = load_model(str(tiny_model_dir), tmp_path, threads=1, progress=False)
    int8_model, _, _ = load_model(str(tiny_model_dir), tmp_path, threads=1, quantize="int8", progress=False)
    expected, got = probe_logits(float_model), probe_logits(int8_model)
    assert (got - expected).norm() / expected.norm() < 0.1


@needs_int_mm
def test_a_changed_model_folder_gets_a_new_int8_folder(tiny_model_dir: Path, tmp_path: Path):
    before = int8_cache.cache_folder(tiny_model_dir, tmp_path)
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in tiny_model_dir.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    assert int8_cache.cache_folder(copy, tmp_path) != before
