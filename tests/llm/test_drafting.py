"""Copy-aware drafting: what the drafter guesses, and that drafting never changes greedy output."""

from __future__ import annotations

import pytest

from bot.llm.drafting import CopyDrafter


def test_the_drafter_continues_the_longest_earlier_match():
    drafter = CopyDrafter([5, 6, 7, 8, 9, 1, 6, 2])
    drafter.extend([5, 6])
    # "5 6" occurred at the start, followed by 7 8 9 ("6" alone was followed last by 2)
    assert drafter.draft(3) == [7, 8, 9]


def test_the_latest_occurrence_of_a_match_wins():
    drafter = CopyDrafter([4, 1, 2, 9, 4, 1, 3])
    drafter.extend([4, 1])
    assert drafter.draft(2) == [3, 4]  # what followed "4 1" last time, then this output itself


def test_no_match_and_no_room_mean_no_guess():
    drafter = CopyDrafter([1, 2, 3])
    drafter.extend([7])
    assert drafter.draft(4) == []
    drafter.extend([1])
    assert drafter.draft(0) == []
    assert drafter.draft(1) == [2]


def test_the_suffix_itself_is_never_its_own_match():
    drafter = CopyDrafter([8, 9])
    assert drafter.draft(3) == []  # "8 9" occurs only as the suffix


@pytest.fixture(scope="module")
def tiny_model(tiny_model_dir):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()


def _batch(seed: int, rows: int, vocab: int):
    import torch

    generator = torch.Generator().manual_seed(seed)
    lengths = [int(torch.randint(3, 30, (1,), generator=generator)) for _ in range(rows)]
    width = max(lengths)
    ids = torch.full((rows, width), 3)
    mask = torch.zeros((rows, width), dtype=torch.long)
    for row, length in enumerate(lengths):
        ids[row, width - length :] = torch.randint(4, vocab, (length,), generator=generator)
        mask[row, width - length :] = 1
    budgets = [int(torch.randint(1, 50, (1,), generator=generator)) for _ in range(rows)]
    return ids, mask, budgets


@pytest.mark.parametrize("seed", range(8))
def test_drafting_gives_the_same_tokens_in_fewer_passes(tiny_model, seed):
    import torch

    from bot.llm.decoding import greedy_decode

    ids, mask, budgets = _batch(seed, 1 + seed % 4, tiny_model.config.vocab_size)
    stop_at = 7 + seed  # a row that stops at its own test: the first time its tokens sum past this

    def finished(row: int, tokens: list[int]) -> bool:
        return row == 1 and sum(tokens) > stop_at * 10

    with torch.inference_mode():
        plain = greedy_decode(tiny_model, ids, mask, budgets, {2}, finished=finished)
        drafted = greedy_decode(tiny_model, ids, mask, budgets, {2}, finished=finished, draft_tokens=5)
    assert drafted.tokens == plain.tokens
    assert [len(t) for t in drafted.tokens] == [len(t) for t in plain.tokens]
    assert plain.drafted == plain.accepted == 0
    if drafted.accepted:
        assert drafted.passes < plain.passes


def test_drafting_saves_passes_when_the_model_copies(tiny_model):
    """A random model soon repeats itself; the drafter guesses the repetition from the output so far."""
    import torch

    from bot.llm.decoding import greedy_decode

    ids, mask, _ = _batch(1, 3, tiny_model.config.vocab_size)
    with torch.inference_mode():
        plain = greedy_decode(tiny_model, ids, mask, [40, 40, 40], {2})
        drafted = greedy_decode(tiny_model, ids, mask, [40, 40, 40], {2}, draft_tokens=4)
    assert drafted.tokens == plain.tokens
    assert drafted.accepted > 10
    assert drafted.passes <= plain.passes - drafted.accepted // 3


async def test_the_engine_writes_the_same_with_drafting_on_and_off(tiny_model_dir):
    from bot.config import ModelSettings
    from bot.llm.engine import Engine, GenerationRequest

    requests = [
        GenerationRequest([{"role": "user", "content": "the council voted on the bridge"}], max_new_tokens=30),
        GenerationRequest([{"role": "user", "content": "residents said"}], max_new_tokens=12, prefix="the mayor"),
    ]
    answers, stats = [], []
    for draft_tokens in (0, 6):
        engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1, draft_tokens=draft_tokens), progress=False)
        answers.append(await engine.generate_async(requests))
        stats.append(engine.reset_stats())
        engine.close()
    assert answers[0] == answers[1]
    assert stats[0].drafted == 0
    assert stats[1].accepted > 0 and stats[1].passes < stats[0].passes


def test_guesses_are_fed_only_where_they_are_expected_to_pay():
    from bot.llm.decoding import _Row, _worth_feeding

    def row(drafts, guessed=0, confirmed=0):
        return _Row(0, None, list(drafts), guessed, confirmed)

    # one row alone with three fresh guesses: worth a wider pass
    assert _worth_feeding([row([5, 6, 7])]) > 0
    # one guessing row among four: the other three would pay for its width
    assert _worth_feeding([row([5, 6, 7]), row([]), row([]), row([])]) == 0
    # guesses that were almost never right are not fed; ones that mostly were, are, in full
    assert _worth_feeding([row([5, 6, 7], guessed=30, confirmed=1)]) == 0
    assert _worth_feeding([row([5, 6, 7], guessed=30, confirmed=28), row([8, 9, 4], guessed=9, confirmed=8)]) == 3


async def test_no_drafting_on_an_int8_model(tiny_model_dir):
    """int8 activation scales depend on all that is fed in a pass: guesses would change the words."""
    from bot.config import ModelSettings
    from bot.llm.engine import Engine, GenerationRequest

    settings = ModelSettings(name=str(tiny_model_dir), threads=1, draft_tokens=6, quantize="int8")
    engine = Engine(settings, progress=False)
    await engine.generate_async([GenerationRequest([{"role": "user", "content": "the council"}], max_new_tokens=20)])
    stats = engine.reset_stats()
    engine.close()
    assert stats.new_tokens > 0 and stats.drafted == 0
