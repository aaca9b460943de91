"""The int8 model (`model.quantize: int8`), made once from the float folder and kept in the cache folder.

Making it (turn the weights, bot/llm/rotation.py; quantize, bot/llm/quantized.py) needs the float weights in
memory beside the int8 ones. Done in every process, that put the peak memory of a `brief` run 0.15 GB above
the float model's; and the float weights were never given back. So the first int8 load saves the result as
`model.safetensors` in a folder of the cache, and every later one builds the model's skeleton without weights
and reads the int8 tensors straight into it: the float weights are never read.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import torch

from bot.llm import quantized, rotation
from bot.llm.cache_folders import written_whole

FORMAT = 2  # bump when the saved tensors change meaning: old folders are then ignored
LAYOUT_FILE = "briefbot-int8.json"


def cache_folder(float_folder: Path, cache_dir: Path) -> Path:
    """Where the int8 model made from `float_folder` is kept: named after the folder, its weight files' sizes
    and times, and this format, so a changed model or format makes a new one."""
    weights = sorted(p for p in float_folder.glob("*.safetensors")) or sorted(float_folder.glob("*.bin"))
    stamp = "|".join(f"{p.name}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in weights)
    digest = hashlib.sha256(f"{float_folder.resolve()}|{stamp}|{FORMAT}".encode()).hexdigest()[:12]
    return Path(cache_dir) / f"{float_folder.name}-int8-{digest}"


class TurnChangedOutput(RuntimeError):
    """The turned model scored a probe differently: its weights are spoilt, load the float model again."""


def quantize_model(model: torch.nn.Module, turn: bool = True) -> dict:
    """Turn (when asked and the model has the shape for it) and quantize in place; returns the layout:
    whether it was turned, how many layers were quantized. Raises TurnChangedOutput when the turn changed
    the model's output (a shape `llama_shaped` failed to tell apart)."""
    turned = turn and rotation.llama_shaped(model)
    if turned and not _turn_keeps_output(model):
        raise TurnChangedOutput("the turned weights changed the model's output")
    replaced = 0
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if type(child) is torch.nn.Linear:
                turn = rotation.down_rotation(child.in_features) if turned and name == "down_proj" else None
                setattr(module, name, quantized.RowwiseInt8Linear(child, rotation=turn))
                replaced += 1
    return {"format": FORMAT, "turned": turned, "layers": replaced}


@torch.no_grad()
def _turn_keeps_output(model: torch.nn.Module) -> bool:
    """Turn the model's weights; True when its next-token scores on a short probe stayed the same (to float
    rounding). Undoes nothing: the caller reloads a model it fails on."""
    vocab = model.get_input_embeddings().weight.shape[0]
    probe = torch.arange(1, min(vocab, 33))[None, :]
    before = model(probe).logits
    rotation.rotate_model(model)
    after = model(probe).logits
    return bool(torch.allclose(before, after, rtol=1e-3, atol=1e-3 * before.abs().max().item()))


def save(model: torch.nn.Module, layout: dict, float_folder: Path, folder: Path) -> None:
    """Write the int8 model's tensors, its config and generation config, atomically."""
    from safetensors.torch import save_file

    with written_whole(folder) as staging:
        tensors = {k: v.contiguous() for k, v in model.state_dict().items()}
        save_file(tensors, str(staging / "model.safetensors"))
        model.config.save_pretrained(staging)
        if (float_folder / "generation_config.json").is_file():
            shutil.copy(float_folder / "generation_config.json", staging / "generation_config.json")
        (staging / LAYOUT_FILE).write_text(json.dumps(layout), encoding="utf-8")


def is_saved(folder: Path) -> bool:
    return (folder / LAYOUT_FILE).is_file() and (folder / "model.safetensors").is_file()


def load(folder: Path) -> torch.nn.Module:
    """The saved int8 model: a skeleton without weights, its Linear layers replaced by int8 shells, then every
    tensor read from the file into place."""
    from accelerate import init_empty_weights
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModelForCausalLM, GenerationConfig

    config = AutoConfig.from_pretrained(folder)
    with init_empty_weights(include_buffers=False):  # buffers (rotary tables) are made for real
        model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    tensors = load_file(str(folder / "model.safetensors"))
    for module_name, module in list(model.named_modules()):
        for name, child in list(module.named_children()):
            if type(child) is torch.nn.Linear:
                prefix = f"{module_name}.{name}" if module_name else name
                turn = tensors.get(f"{prefix}.input_rotation")
                shell = quantized.RowwiseInt8Linear.shell(
                    child.in_features, child.out_features, child.bias is not None, 0 if turn is None else turn.shape[0]
                )
                setattr(module, name, shell)
    model.load_state_dict(tensors, strict=True, assign=True)
    if (folder / "generation_config.json").is_file():
        model.generation_config = GenerationConfig.from_pretrained(folder)
    return model.eval()
