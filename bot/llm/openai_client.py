"""The model on an OpenAI-compatible server (llama.cpp's llama-server, vLLM, Ollama, LM Studio): a `LanguageModel`.

A job's requests go out at once, up to `model.max_in_flight` (the server batches them), greedy (temperature
0), each with the job's token budget as `max_tokens`. Answers are streamed, and a stream is closed the moment
its stop rule is met (bot/llm/stops.py: the first sentence, or line, is complete), so an answer is cut where
the embedded engine cuts it and trimmed the same way. A request with a prefix (the start of the answer,
"Dmitri Trenin says") sends it as the assistant's unfinished message, which llama-server, Ollama and vLLM
(asked with `continue_final_message`) continue.

With `model.tokenizer` (the served model's tokenizer, available here) prompts are rendered with its chat
template exactly as the embedded engine renders them, prefix included, and sent to /v1/completions; their
size is then counted exactly. Without it the size is counted by the server (llama-cpp-python's
/extras/tokenize, llama-server's /tokenize) or, failing both, estimated on the safe side. A prompt that does not
fit is refused (`ContextOverflowError`), never cut. `load` checks the server before the first user waits:
that it answers, and that it serves the configured model (GET /v1/models). Sentence embeddings stay in this
process (bot/llm/embeddings.py).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from bot.config import ModelSettings
from bot.llm.model import ContextOverflowError, GenerationRequest, GenerationStats
from bot.llm.server_http import (
    ModelServerError,
    Retryable,
    ServerAddress,
    get_json,
    post_json,
    stream_events,
    with_retries,
)
from bot.llm.stops import is_complete
from bot.llm.threads import threads_for

# Greedy, as the embedded engine decodes; llama.cpp's servers otherwise penalise repeats (1.1) by default.
GREEDY = {"temperature": 0, "repeat_penalty": 1.0}
# Tokens a chat template may add around each message and for the assistant's turn (ChatML adds 5, Llama 3 5).
TEMPLATE_TOKENS_PER_MESSAGE = 10
# Without any tokenizer: English runs about 4 bytes a token in these models; counting 2 leaves room to spare.
ESTIMATED_BYTES_PER_TOKEN = 2


class OpenAIClient:
    """A client of one model server; thread-safe, and usable from any event loop."""

    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self.label = f"{settings.name} at {settings.url}"
        self.load_s: float | None = None
        self.last_stats = GenerationStats()
        self.served: str | None = None  # the model id sent with every request, checked at start-up
        self.window = settings.max_context_tokens
        self._counting = "estimate"  # how prompt sizes are known: tokenizer, extras, llama or estimate
        self._tokenizer = None
        self._address: ServerAddress | None = None
        self._start_lock = threading.Lock()
        self._limits: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._embedder = None
        self._embedding_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="briefbot-embed")

    # -- start-up -----------------------------------------------------------------------------------
    def load(self) -> None:
        """Check the server (it answers, it serves the model) and learn how to count tokens; once."""
        with self._start_lock:
            if self.served is not None:
                return
            started = time.perf_counter()
            address = ServerAddress(
                self.settings.url or "",
                _api_key(self.settings.api_key_env),
                self.settings.timeout_s,
                self.settings.connect_timeout_s,
                self.settings.retries,
            )
            if self.settings.tokenizer:
                self._tokenizer = load_tokenizer(self.settings.tokenizer, Path(self.settings.cache_dir))
                self._counting = "tokenizer"
            _run_on_own_loop(lambda: self._check(address))
            self._address = address
            self.load_s = time.perf_counter() - started

    async def _check(self, address: ServerAddress) -> None:
        async with address.session(2) as session:
            listed = await get_json(address, session, f"{address.url}/models")
            served = _served_model(address, listed, self.settings.name)
            self.window = min(self.settings.max_context_tokens, _listed_window(listed, served) or self.window)
            if self._tokenizer is None:
                self._counting = await _find_counting(address, session, served)
            if self._counting == "llama":
                self.window = min(self.window, await _llama_window(address, session) or self.window)
        self.served = served
        self.label = f"{served} at {address.url}"

    # -- sizes --------------------------------------------------------------------------------------
    def prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        self.load()
        return _run_on_own_loop(lambda: self._count(GenerationRequest(messages)))

    async def _count(self, request: GenerationRequest, session=None) -> int:
        if self._counting == "tokenizer":
            return len(self._tokenizer(self._render(request), add_special_tokens=False)["input_ids"])
        text = "\n".join(m["content"] for m in request.messages) + request.prefix
        overhead = TEMPLATE_TOKENS_PER_MESSAGE * (len(request.messages) + 1)
        if self._counting == "estimate":
            return -(-len(text.encode()) // ESTIMATED_BYTES_PER_TOKEN) + overhead
        return len(await self._server_tokens(text, session)) + overhead

    async def _server_tokens(self, text: str, session) -> list:
        address = self._address
        if session is None:
            async with address.session(1) as own:
                return await self._server_tokens(text, own)
        if self._counting == "extras":
            found = await post_json(address, session, f"{address.root}/extras/tokenize", {"input": text})
        else:
            found = await post_json(address, session, f"{address.root}/tokenize", {"content": text})
        tokens = found.get("tokens") if isinstance(found, dict) else None
        if not isinstance(tokens, list):
            raise address.error("its tokenizer answered without a list of tokens")
        return tokens

    def _render(self, request: GenerationRequest) -> str:
        """The whole prompt as the embedded engine builds it: the chat template's text, then the prefix."""
        rendered = self._tokenizer.apply_chat_template(request.messages, add_generation_prompt=True, tokenize=False)
        return rendered + request.prefix

    # -- generation ---------------------------------------------------------------------------------
    async def generate_async(
        self, requests: list[GenerationRequest], on_text: Callable[[str], None] | None = None
    ) -> list[str]:
        """Every request sent at once (up to max_in_flight), each answer streamed and cut by its stop rule."""
        if not requests:
            return []
        if self.served is None:
            await asyncio.to_thread(self.load)
        limit = self._limit()
        async with self._address.session(self.settings.max_in_flight) as session:
            sizes = await asyncio.gather(*(self._count(r, session) for r in requests))
            for size, request in zip(sizes, requests, strict=True):
                if size + request.max_new_tokens > self.window:
                    raise ContextOverflowError(
                        f"a prompt of {size} tokens plus {request.max_new_tokens} new ones exceeds the model's "
                        f"window of {self.window}"
                    )
            stream = on_text if len(requests) == 1 else None

            async def one(request: GenerationRequest) -> tuple[str, int]:
                async with limit:
                    return await with_retries(self._address, lambda: self._stream(session, request, stream))

            started = time.perf_counter()
            answers = await asyncio.gather(*(one(r) for r in requests))
        stats = self.last_stats
        stats.prompt_tokens += sum(sizes)
        stats.new_tokens += sum(made for _, made in answers)
        stats.decode_s += time.perf_counter() - started
        stats.calls += 1
        return [text for text, _ in answers]

    def _limit(self) -> asyncio.Semaphore:
        """The in-flight limit of the running event loop (a semaphore belongs to one loop)."""
        loop = asyncio.get_running_loop()
        with self._start_lock:
            if loop not in self._limits:
                self._limits[loop] = asyncio.Semaphore(self.settings.max_in_flight)
            return self._limits[loop]

    async def _stream(self, session, request: GenerationRequest, on_text) -> tuple[str, int]:
        """One answer, streamed until the server ends it or its stop rule is met; (the answer, tokens made)."""
        url, body = self._body(request)
        written, made, ended = "", 0, False
        async with session.post(url, json=body) as response:
            async for event in stream_events(response, self._address):
                piece, ended = _piece(event), ended or _finished(event)
                if not piece:
                    continue
                written += piece
                made += 1
                if on_text is not None:
                    on_text(self._answer(request, written))
                if is_complete(written, request.stop):
                    response.close()  # said enough: dropping the connection stops the server writing
                    return self._answer(request, written).strip(), made
        if not ended:  # [DONE] with no finish_reason: interrupted (llama-cpp-python's interrupt_requests)
            raise Retryable("the answer was cut off mid-stream")
        return self._answer(request, written).strip(), made

    def _body(self, request: GenerationRequest) -> tuple[str, dict]:
        body = {"model": self.served, "max_tokens": request.max_new_tokens, "stream": True, **GREEDY}
        if self._tokenizer is not None:
            return f"{self._address.url}/completions", {**body, "prompt": self._render(request)}
        messages = list(request.messages)
        if request.prefix:
            messages.append({"role": "assistant", "content": request.prefix})
            body |= {"continue_final_message": True, "add_generation_prompt": False}
        return f"{self._address.url}/chat/completions", {**body, "messages": messages}

    def _answer(self, request: GenerationRequest, written: str) -> str:
        """The prefix and what the server wrote after it (a server that began afresh repeating it: once)."""
        if not request.prefix:
            return written
        if self._tokenizer is None and written.lstrip().startswith(request.prefix):
            return written.lstrip()
        joint = " " if written[:1].isupper() and request.prefix[-1:].isalnum() else ""
        return request.prefix + joint + written

    # -- embeddings, stats, shutdown ------------------------------------------------------------------
    async def embed_async(self, texts: list[str]):
        """Sentence embeddings, computed in this process on a thread of their own."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._embedding_thread, self._embed, texts)

    def _embed(self, texts: list[str]):
        if self._embedder is None:
            from bot.llm.embeddings import SentenceEmbedder

            threads = threads_for(self.settings.threads)
            if threads > 0:
                import torch

                torch.set_num_threads(threads)
            self._embedder = SentenceEmbedder()
        return self._embedder.encode(texts)

    def reset_stats(self) -> GenerationStats:
        previous, self.last_stats = self.last_stats, GenerationStats()
        return previous

    def stop(self) -> None:
        """Nothing to do: a request to the server runs in the task awaiting it, and ends when that is cancelled."""

    def close(self) -> None:
        self._embedding_thread.shutdown(wait=False)


def _piece(event: object) -> str:
    """The text an event of a streamed chat or text completion adds."""
    choices = event.get("choices") if isinstance(event, dict) else None
    if not choices or not isinstance(choices[0], dict):
        return ""
    choice = choices[0]
    delta = choice.get("delta")
    if isinstance(delta, dict):
        return delta.get("content") or ""
    message = choice.get("message")  # a server that answered a streamed request in one piece
    if isinstance(message, dict):
        return message.get("content") or ""
    return choice.get("text") or ""


def _finished(event: object) -> bool:
    """Whether an event closes the answer (its finish_reason: stop, length, ...)."""
    choices = event.get("choices") if isinstance(event, dict) else None
    return bool(choices) and isinstance(choices[0], dict) and bool(choices[0].get("finish_reason"))


def _api_key(variable: str | None) -> str | None:
    if variable is None:
        return None
    key = os.environ.get(variable, "").strip()
    if not key:
        raise ModelServerError(f"model.api_key_env names {variable}, which is not set in the environment")
    return key


def _served_model(address: ServerAddress, listed: object, name: str) -> str:
    """The id to send: `name` when the server lists it ('embedded': the server's only model), else a clear error."""
    data = listed.get("data") if isinstance(listed, dict) else None
    if not isinstance(data, list):
        raise address.error("GET /models answered without a list of models (is this an OpenAI-compatible API?)")
    ids = [str(m.get("id")) for m in data if isinstance(m, dict) and m.get("id")]
    if name == "embedded" and len(ids) == 1:
        return ids[0]
    if name in ids:
        return name
    tagged = [i for i in ids if i.startswith(f"{name}:")]  # Ollama lists "llama3.2:latest" for "llama3.2"
    if len(tagged) == 1:
        return tagged[0]
    offered = ", ".join(ids[:10]) or "none"
    if name == "embedded":
        raise address.error(f"serves several models ({offered}); set model.name to one of them")
    raise address.error(f"serves no model '{name}' (it serves: {offered}); check model.name")


def _listed_window(listed: dict, served: str) -> int | None:
    """vLLM lists each model's window (max_model_len)."""
    for model in listed.get("data", []):
        if isinstance(model, dict) and model.get("id") == served and isinstance(model.get("max_model_len"), int):
            return model["max_model_len"]
    return None


async def _find_counting(address: ServerAddress, session, served: str) -> str:
    """Which tokenizer endpoint the server has: llama-cpp-python's, llama-server's, or none (estimate)."""
    probes = (
        ("extras", f"{address.root}/extras/tokenize", {"input": "a test", "model": served}),
        ("llama", f"{address.root}/tokenize", {"content": "a test"}),
    )
    for kind, url, body in probes:
        try:
            found = await post_json(address, session, url, body)
        except ModelServerError:
            continue
        if isinstance(found, dict) and isinstance(found.get("tokens"), list):
            return kind
    return "estimate"


async def _llama_window(address: ServerAddress, session) -> int | None:
    """llama-server's context size per slot (GET /props), when it says."""
    try:
        props = await get_json(address, session, f"{address.root}/props")
    except ModelServerError:
        return None
    if not isinstance(props, dict):
        return None
    settings = props.get("default_generation_settings")
    n_ctx = settings.get("n_ctx") if isinstance(settings, dict) else props.get("n_ctx")
    return n_ctx if isinstance(n_ctx, int) and n_ctx > 0 else None


def load_tokenizer(name: str, cache_dir: Path):
    """The tokenizer (with its chat template) of 'embedded', a Hugging Face id, or a local folder."""
    from transformers import AutoTokenizer

    from bot.llm.loader import EMBEDDED, embedded_cache_folder, embedded_gguf

    try:
        if name != EMBEDDED:
            return AutoTokenizer.from_pretrained(str(Path(name).expanduser()) if Path(name).exists() else name)
        converted = embedded_cache_folder(cache_dir)
        if (converted / "tokenizer.json").is_file():
            return AutoTokenizer.from_pretrained(converted)
        gguf = embedded_gguf()
        return AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    except (OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelServerError(f"cannot load model.tokenizer '{name}': {first}") from None


def _run_on_own_loop(make: Callable[[], object]):
    """Run a coroutine to the end on an event loop of its own, in a thread of its own (callable from anywhere)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()

