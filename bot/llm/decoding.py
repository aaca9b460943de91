"""Greedy decoding for a batch, written out: a row leaves the batch the moment it is done, and copied spans
are drafted and verified several tokens per forward pass.

transformers' `generate` is general and pays for it on every step of a small model; here a step is one
forward pass and an argmax. A row is done at its end-of-text token, at its own token budget, or when its
`finished` test says so (the first sentence is complete, say); its key/value cache rows are dropped so the
remaining rows run faster.

With `draft_tokens` > 0 each row also feeds up to that many tokens guessed by `CopyDrafter` (prompt lookup)
after its next token, as many as are expected to pay for the wider pass. The model's own greedy choice at
every fed position says how many guesses were right; those are kept (and the choice after the last right one,
for free), the rest are masked out of the cache. Every kept token is the one plain greedy decoding would
have chosen, so the output is the same, in fewer passes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.llm.drafting import CopyDrafter
from bot.models import BriefbotError


class GenerationCancelled(BriefbotError):
    """Generation stopped before it finished, because the engine was told to stop (the process is ending)."""


# What feeding one more token per row adds to the cost of a decode pass, as a share of a plain pass (measured
# on a 2-core AMD EPYC, SmolLM2-135M shapes, 4 rows, fp32 and int8: 3 tokens a row cost 1.4 plain passes,
# 7 tokens 2.0-2.4).
PASS_COST_PER_GUESS = 0.2


@dataclass
class Decoded:
    tokens: list[list[int]]  # new tokens per row, without the end-of-text token
    prefill_s: float
    decode_s: float
    passes: int = 0  # forward passes after the prefill
    drafted: int = 0  # guessed tokens fed to the model
    accepted: int = 0  # guessed tokens the model confirmed


@dataclass
class _Row:
    """What the decoder knows of one row still in the batch."""

    index: int  # the row of the original batch
    drafter: CopyDrafter | None
    drafts: list[int] = field(default_factory=list)  # the guesses fed after the row's next token this step
    guessed: int = 0  # guesses fed so far
    confirmed: int = 0  # of which the model chose


@dataclass
class _Rules:
    budgets: list[int]
    eos_ids: set[int]
    finished: Callable[[int, list[int]], bool] | None

    def done(self, row: int, tokens: list[int]) -> bool:
        return len(tokens) >= self.budgets[row] or (self.finished is not None and self.finished(row, tokens))


def greedy_decode(
    model,
    input_ids,
    attention_mask,
    budgets: list[int],
    eos_ids: set[int],
    finished: Callable[[int, list[int]], bool] | None = None,
    on_step: Callable[[list[list[int]]], None] | None = None,
    draft_tokens: int = 0,
    cancelled: Callable[[], bool] | None = None,
    allowed_tokens: list[int] | None = None,
) -> Decoded:
    """Decode every row of a left-padded batch greedily until each is done; `cancelled` is asked before every
    forward pass, and when it says so the decoding stops with GenerationCancelled. With `allowed_tokens`, the
    greedy choice is made among those tokens only (`RestrictedOutput`)."""
    import torch
    from transformers import DynamicCache

    def check() -> None:
        if cancelled is not None and cancelled():
            raise GenerationCancelled("generation stopped: the bot is shutting down")

    started = time.perf_counter()
    check()
    cache = DynamicCache()
    positions = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
    choose = RestrictedOutput(model, allowed_tokens) if allowed_tokens else _full_output(model)
    choices = choose(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions, cache=cache, last=True)
    prefill_s = time.perf_counter() - started
    rules = _Rules(budgets, eos_ids, finished)
    result = Decoded([[] for _ in budgets], prefill_s, 0.0)
    rows = [
        _Row(i, CopyDrafter(_unpadded(input_ids[i], attention_mask[i])) if draft_tokens > 0 else None)
        for i in range(len(budgets))
    ]
    next_positions = positions[:, -1:]  # where the last pass's block of fed tokens started
    # choices: (rows, fed tokens), the model's greedy choice after each fed token
    while True:
        kept, valid, pending = _accept(rows, choices, rules, result)
        if on_step is not None:
            on_step(result.tokens)
        fed = choices.shape[1]
        attention_mask = _mask_rejected(attention_mask, fed, valid)
        next_positions = next_positions + torch.tensor(valid).unsqueeze(-1)
        if not kept:
            break
        surplus = fed - max(valid[slot] for slot in kept)
        if surplus:
            cache.crop(-surplus)
            attention_mask = attention_mask[:, :-surplus]
        if len(kept) < len(rows):
            index = torch.tensor(kept)
            cache.batch_select_indices(index)
            attention_mask, next_positions = attention_mask[index], next_positions[index]
            rows, pending = [rows[slot] for slot in kept], [pending[slot] for slot in kept]
        step_ids = _step_inputs(rows, pending, rules, result, draft_tokens)
        width = len(step_ids[0])
        step_positions = next_positions + torch.arange(width)
        attention_mask = torch.cat([attention_mask, attention_mask.new_ones((len(rows), width))], dim=1)
        check()
        choices = choose(
            input_ids=torch.tensor(step_ids), attention_mask=attention_mask, position_ids=step_positions, cache=cache
        )
        result.passes += 1
    result.decode_s = time.perf_counter() - started - prefill_s
    return result


def _full_output(model) -> Callable:
    """A forward pass and the greedy choice over the whole vocabulary."""

    def choose(*, last: bool = False, **inputs):
        output = model(**inputs, use_cache=True, **({"logits_to_keep": 1} if last else {}))
        return output.logits.argmax(-1)

    return choose


def float_output_weight(model):
    """The float weight of the model's output layer, whose rows a restricted output scores: a float Linear's,
    or the embedding a oneDNN packed output layer shares (bot/llm/onednn.py); None for any other layer."""
    import torch

    from bot.llm.onednn import OneDnnLinear

    head = model.get_output_embeddings()
    if type(head) is torch.nn.Linear or isinstance(head, OneDnnLinear):
        return head.weight
    return None


class RestrictedOutput:
    """A forward pass whose output layer scores only the allowed tokens (`model.output_tokens`).

    A rewrite, a position or an answer mostly copies its prompt: the prompt's own tokens and the most common
    tokens of the vocabulary (function words, punctuation, "argues", "says") cover what it writes. SmolLM2's
    output layer is 49,152 rows of 576: scoring a few thousand of them cuts the largest single cost of a
    decode step, and a name the prompt does not hold cannot be written. Where the model's greedy choice is an
    allowed token, the choice is the same as over the whole vocabulary.
    """

    def __init__(self, model, allowed_tokens: list[int]) -> None:
        import torch

        head = model.get_output_embeddings()
        if float_output_weight(model) is None:
            raise TypeError(f"cannot restrict an output layer of type {type(head).__name__}")
        self.body = getattr(model, model.base_model_prefix)
        self.allowed = torch.tensor(sorted(set(allowed_tokens)))
        self.weight = head.weight[self.allowed]
        self.bias = None if head.bias is None else head.bias[self.allowed]

    def __call__(self, *, last: bool = False, **inputs):
        import torch

        hidden = self.body(**inputs, use_cache=True).last_hidden_state
        if last:
            hidden = hidden[:, -1:]
        logits = torch.nn.functional.linear(hidden, self.weight, self.bias)
        return self.allowed[logits.argmax(-1)]


def _accept(rows: list[_Row], choices, rules: _Rules, result: Decoded) -> tuple[list[int], list[int], list[int]]:
    """Take each row's confirmed tokens from this pass's greedy choices.

    Returns the slots still going, how many fed tokens of each slot's block are valid (its next token and the
    guesses that proved right), and each slot's last new token (fed next pass, not yet in the cache).
    """
    kept, valid, pending = [], [], []
    picks = choices.tolist()
    for slot, row in enumerate(rows):
        tokens = result.tokens[row.index]
        before = len(tokens)
        used, done = 0, False
        for token in picks[slot]:
            used += 1
            if token in rules.eos_ids:
                done = True
                break
            tokens.append(token)
            if rules.done(row.index, tokens):
                done = True
                break
            if used > len(row.drafts) or row.drafts[used - 1] != token:
                break  # the guess fed after this token was wrong (or there was none): the pass's news ends here
        result.accepted += used - 1
        row.guessed += len(row.drafts)
        row.confirmed += used - 1
        if row.drafter is not None and not done:
            row.drafter.extend(tokens[before:])
        valid.append(used)
        pending.append(tokens[-1] if tokens else 0)
        if not done:
            kept.append(slot)
    return kept, valid, pending


def _step_inputs(
    rows: list[_Row], pending: list[int], rules: _Rules, result: Decoded, draft_tokens: int
) -> list[list[int]]:
    """The tokens each row feeds this pass: its next token and its guesses, padded to one width.

    A row guesses no further than its budget allows (the pass itself adds one token after the guesses).
    """
    for row in rows:
        room = rules.budgets[row.index] - len(result.tokens[row.index]) - 1
        row.drafts = row.drafter.draft(min(draft_tokens, room)) if row.drafter is not None else []
    guesses = _worth_feeding(rows)
    for row in rows:
        del row.drafts[guesses:]
    width = 1 + guesses
    step = []
    for row, token in zip(rows, pending, strict=True):
        fed = [token, *row.drafts]
        result.drafted += len(row.drafts)
        step.append(fed + [token] * (width - len(fed)))
    return step


def _worth_feeding(rows: list[_Row]) -> int:
    """How many guesses per row this pass should feed: the most new tokens per unit of cost, expected.

    Every row pays for the widest row's guesses, so one row's long guess can slow a batch whose other rows
    have none. A row's guesses have been right `confirmed / guessed` of the time so far (one in two before
    any), and a guess counts only when all before it were right.
    """
    longest = max(len(row.drafts) for row in rows)
    best, best_rate = 0, float(len(rows))  # no guesses: one token a row, at the cost of one plain pass
    for guesses in range(1, longest + 1):
        expected = len(rows)
        for row in rows:
            hit = (row.confirmed + 1) / (row.guessed + 2)
            expected += sum(hit**i for i in range(1, min(guesses, len(row.drafts)) + 1))
        rate = expected / (1 + PASS_COST_PER_GUESS * guesses)
        if rate > best_rate:
            best, best_rate = guesses, rate
    return best


def _mask_rejected(attention_mask, fed: int, valid: list[int]):
    """Zero the mask where a row's fed tokens proved wrong, so no later pass attends to them."""
    if all(v == fed for v in valid):
        return attention_mask
    attention_mask = attention_mask.clone()
    width = attention_mask.shape[1]
    for slot, count in enumerate(valid):
        attention_mask[slot, width - fed + count :] = 0
    return attention_mask


def _unpadded(ids, mask) -> list[int]:
    return [int(t) for t, m in zip(ids.tolist(), mask.tolist(), strict=True) if m]
