"""`briefbot bench`: what the engine costs on one source — load, prefill and decode rates, the whole job.

Either backend: the embedded engine, or a model server (`model.backend: openai`), timed the same way, so
benchmarks/compare_backends.py can set them side by side. Rates are measured on the model alone (one prompt,
greedy; through a server, the request's whole round trip); `full_job_s` is the warm wall time of the whole
`brief` job (reading the text, choosing sentences, finding experts, the briefing and every position), with
the model already loaded and nothing cached between runs. Figures are medians of several runs.
"""

from __future__ import annotations

import resource
import statistics
import time
from dataclasses import asdict, dataclass

from bot.llm.model import GenerationRequest
from bot.models import Document
from bot.resources import sample_article
from bot.service import Briefer

DEFAULT_SAMPLE = sample_article()
PREFILL_WORDS = 400
DECODE_TOKENS = 64


@dataclass
class BenchResult:
    load_s: float
    prefill_tok_s: float
    decode_tok_s: float
    full_job_s: float
    peak_rss_mb: float
    model: str
    backend: str  # embedded, or openai (a model server)
    words: int
    runs: int
    experts: int


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_bench(briefer: Briefer, doc: Document, runs: int = 3) -> BenchResult:
    engine = briefer.engine
    started = time.perf_counter()
    engine.load()
    load_s = engine.load_s if engine.load_s is not None else time.perf_counter() - started

    words = doc.text.split()
    passage = " ".join((words * (PREFILL_WORDS // max(len(words), 1) + 1))[:PREFILL_WORDS])
    prompt = [{"role": "user", "content": f"Summarise this article.\n\n{passage}"}]
    prompt_tokens = engine.prompt_tokens(prompt)
    prefill, decode = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        await engine.generate_async([GenerationRequest(prompt, max_new_tokens=1)])
        t1 = time.perf_counter()
        engine.reset_stats()
        await engine.generate_async([GenerationRequest(prompt, max_new_tokens=DECODE_TOKENS)])
        t2 = time.perf_counter()
        made = engine.reset_stats().new_tokens
        prefill.append(prompt_tokens / (t1 - t0))
        decode.append(max(made - 1, 1) / max((t2 - t1) - (t1 - t0), 1e-6))

    await briefer.brief(doc)  # warm-up: spaCy, prompt templates, allocator
    jobs, experts = [], 0
    for _ in range(runs):
        briefer.forget_analyses()
        t0 = time.perf_counter()
        result = await briefer.brief(doc)
        jobs.append(time.perf_counter() - t0)
        experts = len(result.experts or [])
    return BenchResult(
        load_s=round(load_s, 3),
        prefill_tok_s=round(statistics.median(prefill), 1),
        decode_tok_s=round(statistics.median(decode), 1),
        full_job_s=round(statistics.median(jobs), 3),
        peak_rss_mb=round(peak_rss_mb(), 1),
        model=engine.label,
        backend=briefer.settings.model.backend,
        words=doc.words,
        runs=runs,
        experts=experts,
    )


def bench_json(result: BenchResult) -> dict:
    return asdict(result)
