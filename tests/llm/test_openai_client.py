"""The model-server backend against a scripted OpenAI-compatible server on loopback: what it sends, how it cuts
answers, how it fails (one line naming the server), and that it is the backend config.yaml asks for."""

from __future__ import annotations

import itertools

import pytest

from bot.config import ModelSettings
from bot.llm.backends import make_model
from bot.llm.engine import Engine
from bot.llm.model import ContextOverflowError, GenerationRequest
from bot.llm.openai_client import OpenAIClient
from bot.llm.server_http import ModelServerError
from bot.sources.reader import SourceError, read_source
from tests.llm.model_server import ModelServer, Script, free_port

CHAT = [{"role": "system", "content": "Shorten."}, {"role": "user", "content": "The council voted on Monday."}]


def client_for(server: ModelServer | str, **changes) -> OpenAIClient:
    url = server if isinstance(server, str) else server.url
    values = {"backend": "openai", "url": url, "timeout_s": 2.0, "retries": 2, "name": "tiny-model", **changes}
    return OpenAIClient(ModelSettings(**values))


def test_the_backend_is_the_one_config_names():
    assert isinstance(make_model(ModelSettings(), progress=False), Engine)
    assert isinstance(make_model(ModelSettings(backend="openai", url="http://127.0.0.1:1/v1")), OpenAIClient)


async def test_requests_are_greedy_streamed_and_cut_by_the_stop_rule():
    with ModelServer() as server:
        client = client_for(server)
        (sentence,) = await client.generate_async([GenerationRequest(CHAT, max_new_tokens=40, stop="sentence")])
        (whole,) = await client.generate_async([GenerationRequest(CHAT, max_new_tokens=40)])
    # Cut where the embedded engine cuts (the next sentence has begun), trimmed the same way.
    assert sentence == "The council voted. Then"
    assert whole == "The council voted. Then it rained."
    body = server.bodies[0]
    assert body["temperature"] == 0 and body["stream"] is True and body["max_tokens"] == 40
    assert body["repeat_penalty"] == 1.0  # llama.cpp's servers would otherwise penalise repeats
    assert body["model"] == "tiny-model" and body["messages"] == CHAT
    assert server.paths[0] == "/v1/models"  # the start-up check came first


async def test_a_prefix_is_sent_as_the_answer_begun_and_returned_with_the_answer():
    with ModelServer(Script(answer=" that the plan is too costly.")) as server:
        client = client_for(server)
        (answer,) = await client.generate_async([GenerationRequest(CHAT, prefix="Helen Okafor says", stop="sentence")])
    assert answer == "Helen Okafor says that the plan is too costly."
    sent = server.bodies[0]
    assert sent["messages"][-1] == {"role": "assistant", "content": "Helen Okafor says"}
    assert sent["continue_final_message"] is True


async def test_a_server_that_starts_afresh_does_not_repeat_the_prefix():
    with ModelServer(Script(answer="Helen Okafor says the plan is costly.")) as server:
        (answer,) = await client_for(server).generate_async([GenerationRequest(CHAT, prefix="Helen Okafor says")])
    assert answer == "Helen Okafor says the plan is costly."


async def test_one_jobs_requests_are_in_flight_together_up_to_the_limit():
    with ModelServer() as server:
        client = client_for(server, max_in_flight=3)
        answers = await client.generate_async([GenerationRequest(CHAT, max_new_tokens=7) for _ in range(6)])
    assert answers == ["The council voted. Then it rained."] * 6
    assert server.most_in_flight == 3


async def test_streaming_hears_the_answer_grow():
    heard: list[str] = []
    with ModelServer() as server:
        await client_for(server).generate_async([GenerationRequest(CHAT, stop="sentence")], on_text=heard.append)
    assert heard[0] == "The "
    assert heard[-1].strip() == "The council voted. Then"
    assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(heard))


async def test_a_prompt_too_long_for_the_window_is_refused_not_cut():
    with ModelServer() as server:
        client = client_for(server, max_context_tokens=256)
        long = [{"role": "user", "content": "word " * 300}]
        with pytest.raises(ContextOverflowError, match=r"exceeds the model's window of 256"):
            await client.generate_async([GenerationRequest(long, max_new_tokens=10)])
        assert client.prompt_tokens(long) == 300 + 20  # the server's count, and room for the chat template
    assert all(path != "/v1/chat/completions" for path in server.paths)


async def test_without_a_tokenizer_endpoint_sizes_are_estimated_on_the_safe_side():
    with ModelServer(Script(tokenize=False)) as server:
        client = client_for(server)
        assert client.prompt_tokens([{"role": "user", "content": "word " * 100}]) >= 500 // 2


def test_the_start_up_check_names_a_wrong_model():
    with ModelServer(Script(models=["smollm2", "qwen"])) as server, pytest.raises(ModelServerError) as error:
        client_for(server, name="llama3").load()
    assert str(error.value) == (
        f"model server at {server.url}: serves no model 'llama3' (it serves: smollm2, qwen); check model.name"
    )


def test_embedded_as_the_name_means_the_servers_only_model():
    with ModelServer(Script(models=["smollm2"])) as server:
        client = client_for(server, name="embedded")
        client.load()
    assert client.served == "smollm2"
    assert client.label == f"smollm2 at {server.url}"


def test_a_missing_api_key_variable_is_named(monkeypatch):
    monkeypatch.delenv("BRIEFBOT_TEST_KEY", raising=False)
    with pytest.raises(ModelServerError, match=r"^model.api_key_env names BRIEFBOT_TEST_KEY, which is not set"):
        client_for(f"http://127.0.0.1:{free_port()}/v1", api_key_env="BRIEFBOT_TEST_KEY").load()


async def test_embeddings_stay_in_this_process():
    client = client_for(f"http://127.0.0.1:{free_port()}/v1")  # nothing listens: no server is asked
    vectors = await client.embed_async(["The council voted.", "It rained."])
    assert vectors.shape[0] == 2
    client.close()


async def test_only_the_configured_server_is_exempt_from_the_public_address_rule(write_config):
    """The client reaches the operator's loopback server; an article link to that same address is still refused."""
    with ModelServer() as server:
        settings = write_config(
            {"model": {"backend": "openai", "url": server.url}, "fetch": {"allowed_ports": [80, 443, server.port]}}
        )
        client = OpenAIClient(settings.model)
        (answer,) = await client.generate_async([GenerationRequest(CHAT, max_new_tokens=3)])
        with pytest.raises(SourceError) as refused:
            await read_source(f"{server.url}/models", settings)
    assert answer == "The council voted."
    assert str(refused.value) == f"{server.url}/models: refused: 127.0.0.1 is a loopback address"
    assert server.paths.count("/v1/models") == 1  # the start-up check only, never the link


async def test_with_a_tokenizer_prompts_are_rendered_here_as_the_embedded_engine_renders_them(tiny_model_dir):
    with ModelServer(Script(answer=" the council voted.")) as server:
        client = client_for(server, tokenizer=str(tiny_model_dir))
        (answer,) = await client.generate_async([GenerationRequest(CHAT, prefix="the mayor said", stop="sentence")])
        counted = client.prompt_tokens(CHAT)
    assert answer == "the mayor said the council voted."
    assert server.paths[-1] == "/v1/completions"
    sent = server.bodies[0]["prompt"]
    assert sent == (
        "<|im_start|>system\nShorten.<|im_end|>\n<|im_start|>user\nThe council voted on Monday.<|im_end|>\n"
        "<|im_start|>assistant\nthe mayor said"
    )
    engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1), progress=False)
    assert counted == engine.prompt_tokens(CHAT)  # counted exactly, as the embedded engine counts
    engine.close()
