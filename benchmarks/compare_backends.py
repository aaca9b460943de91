"""`briefbot bench` on two backends side by side, in one run: the embedded engine and a model server.

    python benchmarks/compare_backends.py [SOURCE] --serve [--runs 3]           # starts llama.cpp's server itself
    python benchmarks/compare_backends.py [SOURCE] --config server.yaml [--runs 3]

With --serve, a llama.cpp server (`python -m llama_cpp.server`, the `server` extra) is started on loopback on
the embedded GGUF (benchmarks/llama_server.py), so both sides run the same weights: the embedded side as
float32 through transformers, the server's as the Q4_1 GGUF through llama.cpp. With --config the second side
is whatever server that config names (`model.backend: openai`). Each side runs the real `brief` job warm, as
`briefbot bench` does (medians of --runs); the server side runs first, so its peak memory is the client's
own (this process's, the server's not counted). Prints one JSON object: each side's bench figures and the ratio of
their warm job times (server / embedded).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.llama_server import LlamaServer, why_not_available
from bot.bench import DEFAULT_SAMPLE, bench_json, run_bench
from bot.config import load_settings
from bot.service import Briefer


async def bench_one(settings, source: str, runs: int) -> dict:
    briefer = Briefer(settings, progress=True)
    try:
        doc = await briefer.read(source)
        return bench_json(await run_bench(briefer, doc, runs=runs))
    finally:
        briefer.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SAMPLE))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--config", help="the server side's briefbot config (model.backend: openai)")
    parser.add_argument("--embedded-config", help="the embedded side's config (default: built-in settings)")
    parser.add_argument("--serve", action="store_true", help="start llama.cpp's server on the embedded GGUF")
    parser.add_argument("--tokenizer", help="with --serve: model.tokenizer for the server side (e.g. embedded)")
    args = parser.parse_args()
    if args.serve == bool(args.config):
        parser.error("give exactly one of --serve and --config")
    if args.serve and why_not_available():
        print(why_not_available(), file=sys.stderr)
        return 2
    embedded = load_settings(args.embedded_config)
    if embedded.model.backend != "embedded":
        parser.error("--embedded-config must use model.backend: embedded")
    with contextlib.ExitStack() as stack:
        if args.serve:
            server = stack.enter_context(LlamaServer(threads=embedded.model.threads or 2))
            changes = server.config(**({"tokenizer": args.tokenizer} if args.tokenizer else {}))
            served = embedded.replace("model", **changes)
        else:
            served = load_settings(args.config)
        # The server side first: peak memory is the process's, so its figure is then the client's own.
        theirs = asyncio.run(bench_one(served, args.source, args.runs))
        ours = asyncio.run(bench_one(embedded, args.source, args.runs))
    report = {
        "source": Path(args.source).name,
        "embedded": ours,
        "server": theirs,
        "full_job_ratio": round(theirs["full_job_s"] / ours["full_job_s"], 3),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
