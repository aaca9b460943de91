"""The whole brief job on briefbot's engine and on llama.cpp, side by side in one run.

    pip install -e '.[llamacpp]'          # compiles llama.cpp: about 10 minutes on 2 cores
    python benchmarks/compare_llama_cpp.py [SOURCE] [--runs 3] [--config FILE]

llama.cpp runs the job the plain way, on the same GGUF, greedy, 2 threads: one briefing prompt over the
whole article (120 new tokens), then one position prompt per expert over that expert's evidence (60 new
tokens each), one after another. briefbot runs its real `brief` job: chosen sentences rewritten in one batch,
every position in one batch, each checked. Both are timed warm (model loaded), median of --runs.
Prints both times and the ratio (ours / llama.cpp; below 1.0 means briefbot is faster).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

from bot.bench import DEFAULT_SAMPLE, run_bench
from bot.config import load_settings
from bot.llm.loader import embedded_gguf
from bot.llm.prompts import load_template
from bot.llm.tone import load_tone
from bot.service import Briefer

BRIEFING_TOKENS = 120
POSITION_TOKENS = 60


def llama_cpp_job(llm, article: str, experts: list[tuple[str, str | None, list[str]]], context: int) -> dict:
    """The plain job on llama.cpp; returns its time and token counts."""
    tone = load_tone("neutral").instruction
    words = article.split()
    llm.reset()  # a new article each time: no prompt cache carried over from the previous run
    started = time.perf_counter()
    while True:  # the whole article, cut only if it does not fit llama.cpp's window
        prompt = [
            {"role": "system", "content": f"You write short news briefings. {tone}"},
            {"role": "user", "content": "Write a 3-sentence briefing of this article.\n\n" + " ".join(words)},
        ]
        if len(llm.tokenize(json.dumps(prompt).encode())) + BRIEFING_TOKENS < context or len(words) < 50:
            break
        words = words[: int(len(words) * 0.9)]
    out = llm.create_chat_completion(prompt, max_tokens=BRIEFING_TOKENS, temperature=0.0, top_k=1)
    made = out["usage"]["completion_tokens"]
    template = load_template("position")
    for name, role, evidence in experts:
        messages = template.render(
            tone=tone,
            name=name,
            role_clause=f", {role}," if role else "",
            evidence="\n".join(f"- {e}" for e in evidence),
        )
        out = llm.create_chat_completion(messages, max_tokens=POSITION_TOKENS, temperature=0.0, top_k=1)
        made += out["usage"]["completion_tokens"]
    return {"seconds": time.perf_counter() - started, "new_tokens": made, "prompts": 1 + len(experts)}


def llama_cpp_rates(llm, article: str) -> tuple[float, float]:
    """(prefill tokens/s, decode tokens/s) of llama.cpp on a 400-word prompt, like `briefbot bench`."""
    words = article.split()
    passage = " ".join((words * (400 // max(len(words), 1) + 1))[:400])
    messages = [{"role": "user", "content": f"Summarise this article.\n\n{passage}"}]
    t0 = time.perf_counter()
    first = llm.create_chat_completion(messages, max_tokens=1, temperature=0.0, top_k=1)
    t1 = time.perf_counter()
    llm.reset()  # no prompt cache between the two calls
    full = llm.create_chat_completion(messages, max_tokens=64, temperature=0.0, top_k=1)
    t2 = time.perf_counter()
    prompt_tokens = first["usage"]["prompt_tokens"]
    made = full["usage"]["completion_tokens"]
    return prompt_tokens / (t1 - t0), max(made - 1, 1) / max((t2 - t1) - (t1 - t0), 1e-6)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SAMPLE))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--config")
    args = parser.parse_args()
    try:
        from llama_cpp import Llama
    except ImportError:
        print("llama-cpp-python is not installed: pip install -e '.[llamacpp]'", file=sys.stderr)
        return 2

    settings = load_settings(args.config)
    briefer = Briefer(settings, progress=True)
    doc = await briefer.read(args.source)
    ours = await run_bench(briefer, doc, runs=args.runs)
    found = await briefer.experts(doc, positions=False)
    experts = [(e.name, e.role, e.evidence_texts(doc.text)) for e in found]
    briefer.close()

    context = 2048
    llm = Llama(model_path=str(embedded_gguf()), n_threads=2, n_ctx=context, verbose=False, seed=0)
    llama_cpp_job(llm, doc.text, experts, context)  # warm-up
    prefill_rate, decode_rate = llama_cpp_rates(llm, doc.text)
    theirs = [llama_cpp_job(llm, doc.text, experts, context) for _ in range(args.runs)]
    their_s = statistics.median(t["seconds"] for t in theirs)
    report = {
        "source": Path(args.source).name,
        "words": doc.words,
        "experts": len(experts),
        "briefbot_full_job_s": ours.full_job_s,
        "briefbot_prefill_tok_s": ours.prefill_tok_s,
        "briefbot_decode_tok_s": ours.decode_tok_s,
        "llama_cpp_full_job_s": round(their_s, 3),
        "llama_cpp_new_tokens": theirs[0]["new_tokens"],
        "llama_cpp_prefill_tok_s": round(prefill_rate, 1),
        "llama_cpp_decode_tok_s": round(decode_rate, 1),
        "ratio": round(ours.full_job_s / their_s, 3),
        "runs": args.runs,
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
