"""Greedy decoding for a batch, written out: one forward pass per step, and a row leaves the batch the
moment it is done.

transformers' `generate` is general and pays for it on every step of a small model; here a step is one
forward pass and an argmax. A row is done at its end-of-text token, at its own token budget, or when its
`finished` test says so (the first sentence is complete, say); its key/value cache rows are dropped so the
remaining rows run faster.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.models import BriefbotError


class GenerationCancelled(BriefbotError):
    """Generation stopped before it finished, because the engine was told to stop (the process is ending)."""


@dataclass
class Decoded:
    tokens: list[list[int]]  # new tokens per row, without the end-of-text token
    prefill_s: float
    decode_s: float


def greedy_decode(
    model,
    input_ids,
    attention_mask,
    budgets: list[int],
    eos_ids: set[int],
    finished: Callable[[int, list[int]], bool] | None = None,
    on_step: Callable[[list[list[int]]], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Decoded:
    """Decode every row of a left-padded batch greedily until each is done; `cancelled` is asked before every
    forward pass, and when it says so the decoding stops with GenerationCancelled."""
    import torch
    from transformers import DynamicCache

    def check() -> None:
        if cancelled is not None and cancelled():
            raise GenerationCancelled("generation stopped: the bot is shutting down")

    started = time.perf_counter()
    check()
    cache = DynamicCache()
    positions = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
    output = model(
        input_ids=input_ids,
        attention_mask=attention_mask,
        position_ids=positions,
        cache=cache,
        use_cache=True,
        logits_to_keep=1,
    )
    prefill_s = time.perf_counter() - started
    logits = output.logits[:, -1]
    next_positions = positions[:, -1:] + 1
    generated: list[list[int]] = [[] for _ in budgets]
    active = list(range(len(budgets)))  # the original row of each row still in the batch
    while True:
        tokens = logits.argmax(-1)
        keep = []
        for slot, row in enumerate(active):
            token = int(tokens[slot])
            if token in eos_ids:
                continue
            generated[row].append(token)
            done = len(generated[row]) >= budgets[row] or (finished is not None and finished(row, generated[row]))
            if not done:
                keep.append(slot)
        if on_step is not None:
            on_step(generated)
        if not keep:
            break
        if len(keep) < len(active):
            index = torch.tensor(keep)
            cache.batch_select_indices(index)
            attention_mask = attention_mask[index]
            next_positions = next_positions[index]
            tokens = tokens[index]
            active = [active[slot] for slot in keep]
        attention_mask = torch.cat([attention_mask, attention_mask.new_ones((len(active), 1))], dim=1)
        check()
        output = model(
            input_ids=tokens.unsqueeze(-1),
            attention_mask=attention_mask,
            position_ids=next_positions,
            cache=cache,
            use_cache=True,
        )
        next_positions = next_positions + 1
        logits = output.logits[:, -1]
    return Decoded(generated, prefill_s, time.perf_counter() - started - prefill_s)
