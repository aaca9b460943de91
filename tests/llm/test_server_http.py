"""Each way a model server can fail, as the user sees it: one line naming the server and what went wrong; what
can be retried is retried (500, 429 with its Retry-After, a dropped stream), and nothing waits past the timeout."""

from __future__ import annotations

import pytest

from bot.llm.model import GenerationRequest
from bot.llm.server_http import ModelServerError, _retry_after
from tests.llm.model_server import ModelServer, Script, free_port
from tests.llm.test_openai_client import CHAT, client_for

REQUEST = GenerationRequest(CHAT, max_new_tokens=20)


async def failure(server_or_url, **changes) -> str:
    with pytest.raises(ModelServerError) as error:
        await client_for(server_or_url, **changes).generate_async([REQUEST])
    message = str(error.value)
    assert "\n" not in message
    return message


async def test_a_refused_connection_is_one_line():
    url = f"http://127.0.0.1:{free_port()}/v1"
    assert await failure(url, retries=0) == f"model server at {url}: connection refused (1 tries)"


async def test_a_server_error_is_retried_until_it_answers():
    with ModelServer(Script(fail_first=2, fail_status=500)) as server:
        (answer,) = await client_for(server, retries=2).generate_async([REQUEST])
    assert answer == "The council voted. Then it rained."
    assert len(server.bodies) == 3


async def test_a_server_that_keeps_failing_is_named_with_its_reason():
    with ModelServer(Script(fail_first=10, fail_status=503)) as server:
        message = await failure(server, retries=1)
    assert message == f"model server at {server.url}: HTTP 503: try again (2 tries)"


async def test_busy_is_retried_after_the_wait_the_server_asks_for():
    with ModelServer(Script(fail_first=1, fail_status=429, retry_after="1")) as server:
        (answer,) = await client_for(server).generate_async([REQUEST])
    assert answer.startswith("The council voted.")
    assert len(server.bodies) == 2


async def test_busy_for_longer_than_the_timeout_is_not_waited_for():
    with ModelServer(Script(fail_first=5, fail_status=429, retry_after="600")) as server:
        message = await failure(server)
    assert message == (
        f"model server at {server.url}: busy (HTTP 429): try again; it asks to wait 600 s, over model.timeout_s"
    )
    assert len(server.bodies) == 1


def test_retry_after_is_seconds_or_an_http_date():
    assert _retry_after("3") == 3.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: at once
    assert _retry_after("soon") is None


async def test_an_answer_cut_mid_stream_is_retried_then_named():
    with ModelServer(Script(cut_stream=True)) as server:
        message = await failure(server, retries=1)
    assert message == f"model server at {server.url}: the connection was dropped (2 tries)"
    assert len(server.bodies) == 2


async def test_an_answer_ended_without_a_finish_reason_counts_as_cut():
    with ModelServer(Script(no_finish_reason=True)) as server:
        message = await failure(server, retries=1)
    assert message == f"model server at {server.url}: the answer was cut off mid-stream (2 tries)"


async def test_an_answer_that_is_not_json_is_named():
    with ModelServer(Script(not_json=True)) as server:
        message = await failure(server)
    shown = "'<html>502 Bad Gateway</html>'"
    assert message == f"model server at {server.url}: answered something that is not JSON ({shown})"


async def test_a_server_slower_than_the_timeout_is_not_waited_for():
    with ModelServer(Script(delay_s=5)) as server:
        message = await failure(server, timeout_s=1.0)
    assert message == f"model server at {server.url}: no answer within 1 s (model.timeout_s)"
    assert len(server.bodies) == 1  # a slow server is not asked again
