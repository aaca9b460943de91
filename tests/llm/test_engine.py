"""The engine on a tiny random Llama, loaded through the real loader: batching, windows, threads."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.config import ModelSettings
from bot.llm.decoding import GenerationCancelled
from bot.llm.engine import ContextOverflowError, Engine, GenerationRequest
from bot.llm.loader import ModelLoadError, load_model


def chat(text: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": "the council"}, {"role": "user", "content": text}]


@pytest.fixture(scope="module")
def engine(tiny_model_dir):
    engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1, max_context_tokens=256), progress=False)
    yield engine
    engine.close()


def test_a_local_model_folder_loads_through_the_loader(tiny_model_dir):
    model, tokenizer, label = load_model(str(tiny_model_dir), tiny_model_dir / "cache", threads=1, progress=False)
    assert label == tiny_model_dir.name
    assert tokenizer.padding_side == "left"
    assert model.config.num_hidden_layers == 2


def test_a_folder_that_is_not_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match=r"has no config\.json"):
        load_model(str(tmp_path), tmp_path / "cache", progress=False)


async def test_generation_is_greedy_and_repeatable(engine):
    request = GenerationRequest(chat("the mayor said the bridge"), max_new_tokens=8)
    first = await engine.generate_async([request])
    assert first == await engine.generate_async([request])
    assert isinstance(first[0], str)


async def test_a_batch_gives_the_same_answers_as_one_by_one(engine):
    requests = [
        GenerationRequest(chat("the council voted"), max_new_tokens=6),
        GenerationRequest(chat("residents said the new road will not work for people"), max_new_tokens=6),
    ]
    batched = await engine.generate_async(requests)
    single = [(await engine.generate_async([r]))[0] for r in requests]
    assert batched == single


async def test_each_request_keeps_its_own_token_budget(engine):
    short, long = await engine.generate_async(
        [GenerationRequest(chat("the city"), max_new_tokens=1), GenerationRequest(chat("the city"), max_new_tokens=12)]
    )
    assert len(short.split()) <= 1
    assert len(long.split()) >= len(short.split())


async def test_a_prompt_beyond_the_window_is_refused_not_cut(engine):
    huge = " ".join(["council"] * 400)
    with pytest.raises(ContextOverflowError, match="exceeds the model's window of 256"):
        await engine.generate_async([GenerationRequest(chat(huge), max_new_tokens=4)])


async def test_streaming_hands_over_the_text_so_far(engine):
    seen: list[str] = []
    (final,) = await engine.generate_async(
        [GenerationRequest(chat("the bridge"), max_new_tokens=5)], on_text=seen.append
    )
    assert seen
    assert seen[-1].strip() == final


async def test_the_event_loop_keeps_running_while_the_model_generates(engine):
    """Each forward pass waits for the event loop to tick: were generation run on the loop, it never would."""
    engine.load()
    loop_ticked = threading.Event()
    passes_that_saw_a_tick: list[bool] = []

    def wait_for_the_loop(module, args, kwargs):
        loop_ticked.clear()
        passes_that_saw_a_tick.append(loop_ticked.wait(timeout=5))

    async def heartbeat(stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(0.001)
            loop_ticked.set()

    hook = engine._model.register_forward_pre_hook(wait_for_the_loop, with_kwargs=True)
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    try:
        await engine.generate_async([GenerationRequest(chat("the council voted on the plan"), max_new_tokens=20)])
    finally:
        stop.set()
        await beat
        hook.remove()
    assert passes_that_saw_a_tick and all(passes_that_saw_a_tick)


def test_token_counts_follow_the_chat_template(engine):
    assert engine.prompt_tokens(chat("the council voted")) > 3


async def test_a_prefix_starts_the_answer_and_is_part_of_it(engine):
    (answer,) = await engine.generate_async(
        [GenerationRequest(chat("the mayor"), max_new_tokens=3, prefix="the council said")]
    )
    assert answer.startswith("the council said")


def test_the_decoder_matches_transformers_generate_and_drops_finished_rows(tiny_model_dir):
    import torch
    from transformers import AutoModelForCausalLM

    from bot.llm.decoding import greedy_decode

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    input_ids = torch.tensor([[3, 3, 10, 11, 12], [10, 11, 12, 13, 14]])
    attention = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]])
    with torch.inference_mode():
        reference = model.generate(
            input_ids=input_ids, attention_mask=attention, max_new_tokens=6, do_sample=False, pad_token_id=3
        )[:, 5:].tolist()
        decoded = greedy_decode(model, input_ids, attention, [6, 6], eos_ids={2})
        stopped = greedy_decode(model, input_ids, attention, [6, 6], eos_ids={2}, finished=lambda row, t: row == 0)
    assert decoded.tokens == [row[: row.index(2)] if 2 in row else row for row in reference]
    assert len(stopped.tokens[0]) == 1
    assert stopped.tokens[1] == decoded.tokens[1]


async def test_a_stopped_engine_ends_the_running_generation_and_the_queued_ones(tiny_model_dir):
    engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1, max_context_tokens=256), progress=False)
    seen: list[str] = []

    def stop_after_the_first_step(text: str) -> None:
        seen.append(text)
        engine.stop()  # as a signal handler would, while the model is writing

    request = GenerationRequest(chat("the bridge"), max_new_tokens=50)
    running = engine.generate_async([request], stop_after_the_first_step)
    queued = engine.generate_async([GenerationRequest(chat("the council"), max_new_tokens=5)])
    results = await asyncio.gather(running, queued, return_exceptions=True)
    assert [type(r) for r in results] == [GenerationCancelled, GenerationCancelled]
    assert str(results[0]) == "generation stopped: the bot is shutting down"
    assert str(results[1]) == "the engine is stopping"
    assert len(seen) == 1  # one step written, then no more forward passes
    engine.close()
    assert not engine._worker.is_alive()
