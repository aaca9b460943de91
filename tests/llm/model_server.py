"""A scripted OpenAI-compatible server of the tests' own, on loopback, in a thread with its own event loop.

It answers GET /v1/models, POST /v1/chat/completions and /v1/completions (streamed or not) and
/extras/tokenize, and can misbehave on purpose: fail with a status some times first (with a Retry-After),
cut a stream off, answer something that is not JSON, or be slower than the client's timeout. It records every
request body, so a test can see what the client sent.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Script:
    models: list[str] = field(default_factory=lambda: ["tiny-model"])
    answer: str = "The council voted. Then it rained."
    fail_first: int = 0  # this many completion requests fail with `fail_status` before one succeeds
    fail_status: int = 500
    retry_after: str | None = None
    cut_stream: bool = False  # every stream ends after two pieces, without [DONE]
    no_finish_reason: bool = False  # streams end with [DONE] but no finish_reason (interrupted)
    not_json: bool = False  # completions answer an HTML page
    delay_s: float = 0.0  # completions wait this long before answering
    tokenize: bool = True  # /extras/tokenize exists


class ModelServer:
    def __init__(self, script: Script | None = None) -> None:
        self.script = script or Script()
        self.bodies: list[dict] = []
        self.paths: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> ModelServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_get("/v1/models", self._models)
        app.router.add_post("/v1/chat/completions", self._complete)
        app.router.add_post("/v1/completions", self._complete)
        app.router.add_post("/extras/tokenize", self._tokenize)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())

    async def _models(self, request: web.Request) -> web.Response:
        self.paths.append(request.path)
        return web.json_response({"object": "list", "data": [{"id": m, "object": "model"} for m in self.script.models]})

    async def _tokenize(self, request: web.Request) -> web.Response:
        self.paths.append(request.path)
        if not self.script.tokenize:
            raise web.HTTPNotFound()
        text = (await request.json())["input"]
        return web.json_response({"tokens": list(range(len(text.split())))})

    async def _complete(self, request: web.Request) -> web.StreamResponse:
        self.paths.append(request.path)
        body = await request.json()
        self.bodies.append(body)
        script = self.script
        if script.fail_first > 0:
            script.fail_first -= 1
            headers = {"Retry-After": script.retry_after} if script.retry_after else {}
            return web.json_response({"error": {"message": "try again"}}, status=script.fail_status, headers=headers)
        if script.delay_s:
            await asyncio.sleep(script.delay_s)
        if script.not_json:
            return web.Response(text="<html>502 Bad Gateway</html>", content_type="text/html")
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            return await self._write(request, body)
        except ConnectionResetError:  # the client had heard enough and hung up, as it may
            return web.Response(status=499)
        finally:
            self.in_flight -= 1

    async def _write(self, request: web.Request, body: dict) -> web.StreamResponse:
        chat = request.path.endswith("/chat/completions")
        pieces = [w + " " for w in self.script.answer.split(" ")][: body.get("max_tokens", 100)]
        pieces[-1] = pieces[-1].rstrip()
        if not body.get("stream"):
            text = "".join(pieces)
            choice = {"message": {"role": "assistant", "content": text}} if chat else {"text": text}
            return web.json_response({"choices": [{"index": 0, **choice, "finish_reason": "stop"}]})
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for n, piece in enumerate(pieces):
            if self.script.cut_stream and n == 2:
                request.transport.close()
                return response
            choice = {"delta": {"content": piece}} if chat else {"text": piece}
            if n == len(pieces) - 1 and not self.script.no_finish_reason:
                choice["finish_reason"] = "length" if len(pieces) == body.get("max_tokens") else "stop"
            await response.write(f"data: {json.dumps({'choices': [{'index': 0, **choice}]})}\n\n".encode())
            await asyncio.sleep(0.01)  # let others in: requests are in flight together
        await response.write(b"data: [DONE]\n\n")
        return response


def free_port() -> int:
    """A loopback port nothing listens on (just now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
