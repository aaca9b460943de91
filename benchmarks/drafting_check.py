"""Drafting on and off, side by side: the same briefing and positions, and what drafting saves.

    python benchmarks/drafting_check.py SOURCE [SOURCE ...] [--draft-tokens 3] [--config FILE] [--json]

Loads the model once and runs the whole `brief` job (briefing and every position) on each source twice: with
`model.draft_tokens` set to 0 and to --draft-tokens. Prints, per source, whether the briefing and positions are
identical, the forward passes and the CPU seconds (user + system, this process) of each. Exits 1 when any
output differs. CPU time, not wall time, so a busy machine distorts it less.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import resource
import sys
import tempfile
from pathlib import Path

from bot.config import load_settings
from bot.service import Briefer


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run_job(briefer: Briefer, doc, draft_tokens: int) -> dict:
    engine = briefer.engine
    engine.settings = dataclasses.replace(engine.settings, draft_tokens=draft_tokens)
    briefer.forget_analyses()
    engine.reset_stats()
    started = cpu_s()
    result = await briefer.brief(doc)
    spent = cpu_s() - started
    stats = engine.reset_stats()
    return {
        "briefing": result.briefing.text,
        "positions": [(e.name, e.position) for e in result.experts or []],
        "passes": stats.passes,
        "new_tokens": stats.new_tokens,
        "accepted": stats.accepted,
        "cpu_s": round(spent, 2),
    }


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--draft-tokens", type=int, default=3)
    parser.add_argument("--config")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    settings = load_settings(args.config)
    with tempfile.TemporaryDirectory() as folder:
        settings = settings.replace("storage", path=str(Path(folder) / "check.sqlite3"), url=None)
        briefer = Briefer(settings, progress=False)
        briefer.engine.load()
        rows = []
        for source in args.sources:
            doc = await briefer.read(source)
            await run_job(briefer, doc, 0)  # warm-up: spaCy, templates, allocator
            off = await run_job(briefer, doc, 0)
            on = await run_job(briefer, doc, args.draft_tokens)
            same = off["briefing"] == on["briefing"] and off["positions"] == on["positions"]
            rows.append({"source": Path(source).name, "identical": same, "off": off, "on": on})
            if not args.json:
                print(
                    f"{Path(source).name}: identical={same}  passes {off['passes']} -> {on['passes']}  "
                    f"cpu {off['cpu_s']} s -> {on['cpu_s']} s  ({on['accepted']} of {on['new_tokens']} tokens drafted)"
                )
                if not same:
                    print(json.dumps({"off": off, "on": on}, indent=2, ensure_ascii=False))
        briefer.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0 if all(r["identical"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
