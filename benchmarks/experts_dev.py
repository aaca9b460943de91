"""Print `briefbot experts --json --no-positions`-style lines for text files, straight from the analysis code.

    python benchmarks/experts_dev.py ../shared/data/polnear-dev/text/*.txt > out.jsonl
    python ../shared/eval/score_experts.py ../shared/data/polnear-dev/gold.json out.jsonl

Each file is cleaned as pasted text (the headline goes to the title), parsed and analysed; the time taken,
spaCy's load included, goes to standard error.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bot.analysis.experts import find_experts
from bot.analysis.nlp import load_pipeline, parse
from bot.config import ExpertSettings
from bot.sources.clean import clean_pasted_text


def main(paths: list[str]) -> None:
    started = time.perf_counter()
    load_pipeline()
    settings = ExpertSettings()
    for path in paths:
        text = clean_pasted_text(Path(path).read_text(encoding="utf-8")).text
        parsed = parse(text)
        experts = find_experts(parsed, settings)
        print(json.dumps({"input": path, "experts": [e.to_json(text) for e in experts]}, ensure_ascii=False))
    print(f"{len(paths)} files in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
