"""`briefbot bench`: what the engine costs on one source — load, prefill and decode rates, the whole job.

Either backend: the embedded engine, or a model server (`model.backend: openai`), timed the same way, so
benchmarks/compare_backends.py can set them side by side. Rates are measured on the model alone (one prompt,
greedy; through a server, the request's whole round trip); `full_job_s` is the warm wall time of the whole
`brief` job (reading the text, choosing sentences, finding experts, the briefing and every position), with
the model already loaded and nothing cached between runs. Figures are medians of several runs. `phases` splits
the job into its parts (parse, attribution, briefing and positions generation) plus the sentence embeddings a
first question needs; `load_parts` splits the model load; `cpu` names the processor, so a figure from another
machine is not mistaken for a regression.
"""

from __future__ import annotations

import asyncio
import os
import platform
import resource
import statistics
import time
from dataclasses import asdict, dataclass, field

from bot.analysis.nlp import load_pipeline
from bot.jobs.briefing import BriefingWriter
from bot.jobs.positions import PositionWriter
from bot.llm.cpu import read_cpuinfo
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
    phases: dict[str, float] = field(default_factory=dict)
    load_parts: dict[str, float] = field(default_factory=dict)
    generation: dict[str, float] = field(default_factory=dict)
    cpu: dict = field(default_factory=dict)


def cpu_info() -> dict:
    """The processor's model name, whether it has AVX2 / AVX-512, the cores and torch's settings."""
    name, flags = read_cpuinfo()
    name, flags = name or platform.processor() or platform.machine(), flags or set()
    import torch

    return {
        "model_name": name,
        "avx2": "avx2" in flags,
        "avx512": "avx512f" in flags,
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "kernels": torch.backends.cpu.get_cpu_capability(),
    }


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def job_phases(briefer: Briefer, doc: Document) -> dict[str, float]:
    """Seconds of each part of one brief job, from scratch, run part by part as the job runs them."""
    engine, settings = briefer.engine, briefer.settings
    briefer.forget_analyses()
    times = {}
    t0 = time.perf_counter()
    analysis = await briefer.analyse(doc)
    t1 = time.perf_counter()
    experts = await briefer.experts(doc, positions=False)
    t2 = time.perf_counter()
    await BriefingWriter(engine).write(doc, analysis.sentences, settings.briefing.length, settings.briefing.tone)
    t3 = time.perf_counter()
    await PositionWriter(engine).write(doc, experts, settings.briefing.tone)
    t4 = time.perf_counter()
    await engine.embed_async([s.text for s in analysis.sentences])
    t5 = time.perf_counter()
    times.update(parse_s=t1 - t0, attribution_s=t2 - t1, briefing_s=t3 - t2, positions_s=t4 - t3, embeddings_s=t5 - t4)
    return times


async def run_bench(briefer: Briefer, doc: Document, runs: int = 3) -> BenchResult:
    engine = briefer.engine
    started = time.perf_counter()
    await asyncio.to_thread(load_pipeline)
    spacy_s = time.perf_counter() - started
    started = time.perf_counter()
    engine.load()
    load_s = engine.load_s if engine.load_s is not None else time.perf_counter() - started
    started = time.perf_counter()
    await engine.embed_async(["warm-up"])
    embedder_s = time.perf_counter() - started

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
    jobs, experts, phases = [], 0, []
    engine.reset_stats()
    for _ in range(runs):
        briefer.forget_analyses()
        t0 = time.perf_counter()
        result = await briefer.brief(doc)
        jobs.append(time.perf_counter() - t0)
        experts = len(result.experts or [])
    stats = engine.reset_stats()
    for _ in range(runs):
        phases.append(await job_phases(briefer, doc))
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
        phases={key: round(statistics.median(p[key] for p in phases), 3) for key in phases[0]},
        load_parts={
            "spacy_s": round(spacy_s, 3),
            **getattr(engine, "load_parts", {}),
            "embedding_model_s": round(embedder_s, 3),
        },
        generation={
            "new_tokens_per_job": stats.new_tokens / runs,
            "passes_per_job": stats.passes / runs,
            "drafted_tokens_accepted_per_job": stats.accepted / runs,
            "draft_tokens": briefer.settings.model.draft_tokens,
            "quantize": briefer.settings.model.quantize,
            "linear_kernel": _linear_kernel(briefer),
        },
        cpu=cpu_info(),
    )


def bench_json(result: BenchResult) -> dict:
    return asdict(result)


def _linear_kernel(briefer: Briefer) -> str:
    """Who multiplied the float Linear layers: "onednn" or "blas" (bot/llm/onednn.py); "int8" for the int8
    model, "server" on a model server."""
    model = briefer.settings.model
    if model.backend != "embedded":
        return "server"
    if model.quantize != "none":
        return model.quantize
    from bot.llm import onednn

    return onednn.chosen(model.linear_kernel)
