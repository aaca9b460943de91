"""The generation engine: one model, loaded once, driven by one worker thread through a queue.

Callers await `generate_async` and `embed_async`, so an asyncio loop never blocks while the model works.
Requests handed over together are generated as one left-padded batch. Decoding is greedy.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.config import ModelSettings
from bot.llm.decoding import GenerationCancelled, greedy_decode
from bot.llm.model import ContextOverflowError, GenerationRequest, GenerationStats
from bot.llm.stops import is_complete
from bot.llm.threads import ModelThreads

# How long `close` waits for the worker: a generation stops within one step, but loading the model cannot be cut.
CLOSE_WAIT_S = 60.0


class Engine:
    """The embedded backend (a `LanguageModel`): owns the model in this process. Thread-safe; all model work
    happens on its single worker thread."""

    def __init__(self, settings: ModelSettings, *, progress: bool = True) -> None:
        self.settings = settings
        self.progress = progress
        self.label = settings.name
        self.load_s: float | None = None
        self.load_parts: dict[str, float] = {}  # seconds of each part of the load (bot.llm.loader.load_model)
        self.last_stats = GenerationStats()
        self._model = None
        self._tokenizer = None
        self._jobs: queue.Queue = queue.Queue()
        self._worker: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads = ModelThreads(settings.threads)  # torch's threads, chosen on the worker
        self._embedder = None

    # -- worker -----------------------------------------------------------------------------------
    def _ensure_worker(self) -> None:
        with self._start_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="briefbot-engine", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            if self._stopping.is_set():
                future.set_exception(GenerationCancelled("the engine is stopping"))
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # handed to the caller, who decides
                future.set_exception(exc)

    def submit(self, fn: Callable[[], object]) -> concurrent.futures.Future:
        """Run `fn` on the worker thread after the jobs already queued."""
        self._ensure_worker()
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((fn, future))
        return future

    def stop(self) -> None:
        """Stop generating: the running generation ends at its next step and every job not yet started fails,
        both with GenerationCancelled (a stopping process then waits for the worker in `close`)."""
        self._stopping.set()

    def close(self) -> None:
        """Stop, and wait for the worker thread to end: a process must not exit while the model is running on
        it (torch's threads then abort the process)."""
        self.stop()
        if self._worker is not None and self._worker.is_alive():
            self._jobs.put(None)
            self._worker.join(timeout=CLOSE_WAIT_S)

    # -- model ------------------------------------------------------------------------------------
    def load(self) -> None:
        """Load the model now (on the worker thread) and wait for it."""
        self.submit(self._load).result()

    def _load(self) -> None:
        if self._model is not None:
            return
        from bot.llm.loader import load_model

        started = time.perf_counter()
        self._model, self._tokenizer, self.label = load_model(
            self.settings.name,
            Path(self.settings.cache_dir),
            threads=self._threads.first(),
            quantize=self.settings.quantize,
            linear_kernel=self.settings.linear_kernel,
            progress=self.progress,
            timings=self.load_parts,
        )
        self.load_s = time.perf_counter() - started

    @property
    def threads(self) -> int | None:
        """The threads the model runs on now (None before it loads; 0: torch's default)."""
        return self._threads.count

    def prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        self.load()
        return len(self._encode_chat(messages))

    def _encode_request(self, request: GenerationRequest) -> list[int]:
        ids = self._encode_chat(request.messages)
        if request.prefix:
            ids += self._tokenizer(request.prefix, add_special_tokens=False)["input_ids"]
        return ids

    def _encode_chat(self, messages: list[dict[str, str]]) -> list[int]:
        tokenizer = self._tokenizer
        if getattr(tokenizer, "chat_template", None):
            encoded = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
            if isinstance(encoded, dict) or hasattr(encoded, "keys"):
                encoded = encoded["input_ids"]
            return list(encoded)
        plain = "\n\n".join(m["content"] for m in messages) + "\n\n"
        return tokenizer(plain, add_special_tokens=True)["input_ids"]

    # -- embeddings -------------------------------------------------------------------------------
    async def embed_async(self, texts: list[str]):
        """Unit-length sentence embeddings (numpy, one row per text), computed on the worker thread."""
        return await asyncio.wrap_future(self.submit(lambda: self._embed(texts)))

    def _embed(self, texts: list[str]):
        if self._embedder is None:
            from bot.llm.embeddings import SentenceEmbedder

            if self._threads.first() > 0:
                import torch

                torch.set_num_threads(self._threads.first())
            self._embedder = SentenceEmbedder()
        return self._embedder.encode(texts)

    # -- generation -------------------------------------------------------------------------------
    async def generate_async(
        self, requests: list[GenerationRequest], on_text: Callable[[str], None] | None = None
    ) -> list[str]:
        """Generate an answer for each request (as one batch); the event loop keeps running while the model works."""
        return await asyncio.wrap_future(self.submit(lambda: self._generate(requests, on_text)))

    def _generate(self, requests: list[GenerationRequest], on_text: Callable[[str], None] | None) -> list[str]:
        if not requests:
            return []
        self._load()
        import torch

        if (threads := self._threads.changed()) is not None:  # model.threads auto: other work came or went
            torch.set_num_threads(threads)
        tokenizer = self._tokenizer
        window = min(
            getattr(self._model.config, "max_position_embeddings", None) or 2048, self.settings.max_context_tokens
        )
        encoded = [self._encode_request(r) for r in requests]
        for ids, request in zip(encoded, requests, strict=True):
            if len(ids) + request.max_new_tokens > window:
                raise ContextOverflowError(
                    f"a prompt of {len(ids)} tokens plus {request.max_new_tokens} new ones exceeds the model's "
                    f"window of {window}"
                )
        width = max(len(ids) for ids in encoded)
        pad = tokenizer.pad_token_id
        input_ids = torch.tensor([[pad] * (width - len(ids)) + ids for ids in encoded])
        attention = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in encoded])

        def finished(row: int, tokens: list[int]) -> bool:
            rule = requests[row].stop
            return rule != "none" and is_complete(tokenizer.decode(tokens, skip_special_tokens=True), rule)

        stream = None
        if on_text is not None and len(requests) == 1:
            prefix = requests[0].prefix

            def stream(generated: list[list[int]]) -> None:
                on_text(prefix + tokenizer.decode(generated[0], skip_special_tokens=True))

        eos = {tokenizer.eos_token_id, *_as_set(getattr(self._model.generation_config, "eos_token_id", None))}
        with torch.inference_mode():
            decoded = greedy_decode(
                self._model,
                input_ids,
                attention,
                [r.max_new_tokens for r in requests],
                {e for e in eos if e is not None},
                finished=finished,
                on_step=stream,
                draft_tokens=self._draft_tokens(),
                cancelled=self._stopping.is_set,
                allowed_tokens=self._allowed_tokens(encoded, eos),
            )
        texts = [
            (request.prefix + tokenizer.decode(tokens, skip_special_tokens=True)).strip()
            for tokens, request in zip(decoded.tokens, requests, strict=True)
        ]
        stats = self.last_stats
        stats.prompt_tokens += sum(len(ids) for ids in encoded)
        stats.new_tokens += sum(len(tokens) for tokens in decoded.tokens)
        stats.prefill_s += decoded.prefill_s
        stats.decode_s += decoded.decode_s
        stats.calls += 1
        stats.passes += decoded.passes
        stats.drafted += decoded.drafted
        stats.accepted += decoded.accepted
        return texts

    def _allowed_tokens(self, encoded: list[list[int]], eos: set) -> list[int] | None:
        """With `model.output_tokens` N > 0 on a float output layer: the tokens of every prompt in the batch,
        the end-of-text tokens and the N most common ones (byte-pair vocabularies number their tokens roughly
        from the most common, in merge order). None: score the whole vocabulary."""
        from bot.llm.decoding import float_output_weight

        count = self.settings.output_tokens
        weight = float_output_weight(self._model) if count > 0 else None
        if weight is None:
            return None
        size = weight.shape[0]
        allowed = {*range(min(count, size)), *(e for e in eos if e is not None)}
        for ids in encoded:
            allowed.update(ids)
        return sorted(t for t in allowed if 0 <= t < size) if len(allowed) < size else None

    def _draft_tokens(self) -> int:
        """Drafting only on the float model. int8 rows are quantized one by one (bot/llm/quantized.py), but the
        float attention between them sums in a different order when a pass feeds several tokens, and rounding
        to int8 turns those last-bit differences into different words now and then (measured on the seed
        article and the sample): drafting under int8 would not keep the output as it is."""
        return self.settings.draft_tokens if self.settings.quantize == "none" else 0

    def reset_stats(self) -> GenerationStats:
        previous, self.last_stats = self.last_stats, GenerationStats()
        return previous


def _as_set(value) -> set:
    if value is None:
        return set()
    return set(value) if isinstance(value, list | tuple | set) else {value}
