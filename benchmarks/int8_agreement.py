"""How often the int8 model picks the float model's next token, teacher-forced over real article text.

    python benchmarks/int8_agreement.py ../shared/data/cnndm-dev/articles.jsonl [--articles 12] [--tokens 384]

Loads the float model, the int8 model as `model.quantize: int8` makes it (turned, bot/llm/rotation.py) and the
int8 model without the turns, runs each over the first --tokens tokens of the first --articles articles and
prints the share of positions where each int8 model's top choice equals the float model's. A quick measure of
what int8 rounding costs, before a full cnndm-dev run.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import torch

from bot.config import load_settings
from bot.llm import int8_cache
from bot.llm.loader import load_model, resolve_model


def top_choices(model, sequences: list[torch.Tensor]) -> list[torch.Tensor]:
    with torch.inference_mode():
        return [model(ids).logits[0].argmax(-1) for ids in sequences]


def agreement(got: list[torch.Tensor], expected: list[torch.Tensor]) -> float:
    same = sum(int((g == e).sum()) for g, e in zip(got, expected, strict=True))
    return same / sum(e.numel() for e in expected)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", help="a JSON-lines file with an 'article' field (cnndm-dev's articles.jsonl)")
    parser.add_argument("--articles", dest="count", type=int, default=12)
    parser.add_argument("--tokens", type=int, default=384)
    parser.add_argument("--config")
    args = parser.parse_args()
    settings = load_settings(args.config).model
    cache = Path(settings.cache_dir)
    texts = [json.loads(line)["article"] for line in Path(args.articles).read_text().splitlines()[: args.count]]
    float_model, tokenizer, _ = load_model(settings.name, cache, threads=2, progress=False)
    sequences = [tokenizer(t, return_tensors="pt")["input_ids"][:, : args.tokens] for t in texts]
    expected = top_choices(float_model, sequences)
    int8_cache.quantize_model(float_model, turn=False)  # in place: the float model is not needed again
    plain = agreement(top_choices(float_model, sequences), expected)
    del float_model
    with tempfile.TemporaryDirectory() as scratch:  # made afresh, not read from the cache
        where, _ = resolve_model(settings.name, cache, progress=False)
        turned_model, _, _ = load_model(where, Path(scratch), threads=2, quantize="int8", progress=False)
        turned = agreement(top_choices(turned_model, sequences), expected)
    print(
        json.dumps(
            {
                "positions": sum(e.numel() for e in expected),
                "int8_plain": round(plain, 4),
                "int8_turned": round(turned, 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
