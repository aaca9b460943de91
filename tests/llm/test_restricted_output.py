"""The restricted output layer (`model.output_tokens`): choices only among the allowed tokens, the same
choice as the full vocabulary whenever that choice is allowed, and drafting still exact."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def tiny_model(tiny_model_dir):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()


def _prompt(vocab: int, rows: int = 2):
    import torch

    generator = torch.Generator().manual_seed(5)
    ids = torch.randint(4, vocab, (rows, 12), generator=generator)
    return ids, torch.ones_like(ids)


def test_with_every_token_allowed_the_output_is_the_full_vocabularys(tiny_model):
    import torch

    from bot.llm.decoding import greedy_decode

    ids, mask = _prompt(tiny_model.config.vocab_size)
    everything = list(range(tiny_model.config.vocab_size))
    with torch.inference_mode():
        full = greedy_decode(tiny_model, ids, mask, [15, 15], {2})
        restricted = greedy_decode(tiny_model, ids, mask, [15, 15], {2}, allowed_tokens=everything)
    assert restricted.tokens == full.tokens


def test_only_allowed_tokens_are_written_and_drafting_keeps_them_exact(tiny_model):
    import torch

    from bot.llm.decoding import greedy_decode

    ids, mask = _prompt(tiny_model.config.vocab_size)
    with torch.inference_mode():
        full = greedy_decode(tiny_model, ids, mask, [20, 20], {2})
        # forbid the tokens the full vocabulary chose: the restricted output must pick others
        chosen = {t for row in full.tokens for t in row}
        allowed = [t for t in range(tiny_model.config.vocab_size) if t not in chosen]
        plain = greedy_decode(tiny_model, ids, mask, [20, 20], {2}, allowed_tokens=allowed)
        drafted = greedy_decode(tiny_model, ids, mask, [20, 20], {2}, allowed_tokens=allowed, draft_tokens=4)
    written = {t for row in plain.tokens for t in row}
    assert written and written <= set(allowed)
    assert drafted.tokens == plain.tokens


async def test_the_engine_allows_the_prompts_tokens_and_the_most_common(tiny_model_dir):
    from bot.config import ModelSettings
    from bot.llm.engine import Engine, GenerationRequest

    engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1, output_tokens=10), progress=False)
    try:
        await engine.generate_async(
            [GenerationRequest([{"role": "user", "content": "the council"}], max_new_tokens=10)]
        )
        prompt = engine._encode_chat([{"role": "user", "content": "the council"}])
        allowed = engine._allowed_tokens([prompt], {engine._tokenizer.eos_token_id})
    finally:
        engine.close()
    assert set(range(10)) <= set(allowed) and set(prompt) <= set(allowed)
    assert len(allowed) < engine._model.config.vocab_size
