"""A hostile server on loopback: raw bytes that lie about their length, malformed status lines, markdown and
mentions in reasons, headers and redirects, bodies that never end. Every failure is one line of at most 300
characters that names the source and the reason, quotes no more than a cut of what the server said, and never
names an exception class."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.config import Settings
from bot.messages import MESSAGE_CHARS
from bot.sources.reader import SourceError, read_source

PHISH = b"# URGENT: [Re-verify your account now](https://evil.example/login) @everyone"
FLOOD = b"A" * 128_000
TEXT = b"Content-Type: text/plain\r\n"


class RawServer:
    """Answers every connection with fixed bytes (None: a text body that never ends), then closes it."""

    def __init__(self, answer: bytes | None) -> None:
        self.answer = answer
        self.port = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/article"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            if self.answer is None:
                writer.write(b"HTTP/1.1 200 OK\r\n" + TEXT + b"\r\n")
                while True:
                    writer.write(b"x" * 65536)
                    await writer.drain()
            writer.write(self.answer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the client hung up (or the test ended): this answer is done
        finally:
            writer.close()

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()


@pytest.fixture
async def hostile():
    started: list[RawServer] = []

    async def serve(answer: bytes | None) -> tuple[RawServer, Settings]:
        server = await RawServer(answer).start()
        started.append(server)
        return server, Settings().replace("fetch", allowlist=["127.0.0.1"], allowed_ports=[server.port])

    yield serve
    for server in started:
        await server.stop()


CASES = [
    (
        "a Content-Length shorter than the body",
        b"HTTP/1.1 200 OK\r\n" + TEXT + b"Content-Length: 10\r\n\r\n" + FLOOD,
        None,  # aiohttp reads 10 bytes: what it makes of the rest depends on timing; the form of the line does not
    ),
    (
        "a Content-Length longer than the body",
        b"HTTP/1.1 200 OK\r\n" + TEXT + b"Content-Length: 999999\r\n\r\nhello",
        "the download failed (the body was cut off or malformed)",
    ),
    (
        "a negative Content-Length",
        b"HTTP/1.1 200 OK\r\n" + TEXT + b"Content-Length: -5\r\n\r\n" + FLOOD,
        "the download failed (the server's answer was malformed: invalid character in content-length)",
    ),
    (
        "a status line that is markdown",
        PHISH + b"\r\n\r\n",
        "the download failed (the server's answer was malformed: bad status line)",
    ),
    (
        "a status code that is no number",
        b"HTTP/1.1 2x0 OK\r\n\r\n",
        "the download failed (the server's answer was malformed: bad status line)",
    ),
    (
        "a header line longer than aiohttp reads",
        b"HTTP/1.1 200 OK\r\nX-Filler: " + FLOOD + b"\r\n\r\n",
        "the download failed (the server's answer was malformed: a status line or header is too long)",
    ),
    (
        "a chunk size that is no number",
        b"HTTP/1.1 200 OK\r\n" + TEXT + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n" + FLOOD,
        "the download failed (the server's answer was malformed: invalid character in chunk size)",
    ),
    (
        "a markdown reason phrase",
        b"HTTP/1.1 503 " + PHISH + b"\r\nContent-Length: 0\r\n\r\n",
        "the server answered 503 # URGENT: [Re-verify your account now](https://evil.example…",
    ),
    (
        "a long reason phrase",
        b"HTTP/1.1 404 " + b"Gone " * 1500 + b"\r\nContent-Length: 0\r\n\r\n",
        "the server answered 404 " + "Gone " * 11 + "Gone…",
    ),
    (
        "a markdown Content-Encoding",
        b"HTTP/1.1 200 OK\r\n" + TEXT + b"Content-Encoding: [x](https://evil.example) <@&1>\r\n"
        b"Content-Length: 3\r\n\r\nabc",
        "unsupported content encoding '[x](https://evil.example) <@&1>' (only gzip or none)",
    ),
    (
        "a markdown redirect target",
        b"HTTP/1.1 302 Found\r\nLocation: ftp://[Verify](https://evil.example)/" + b"x" * 500 + b"\r\n"
        b"Content-Length: 0\r\n\r\n",
        "the server redirected to an invalid link (ftp://[Verify](https://evil.example)/" + "x" * 42 + "…)",
    ),
    (
        "a body that never ends",
        None,
        "too large: more than 5000000 bytes (see limits.max_download_bytes)",
    ),
]


@pytest.mark.parametrize(("case", "answer", "reason"), CASES, ids=[case for case, _, _ in CASES])
async def test_every_hostile_answer_is_one_short_line_naming_the_source(hostile, case, answer, reason):
    server, settings = await hostile(answer)
    with pytest.raises(SourceError) as failed:
        await read_source(server.url(), settings)
    said = str(failed.value)
    assert "\n" not in said and len(said) <= MESSAGE_CHARS, said
    assert said.startswith(f"{server.url()}: ")
    assert "AAAAAAAAAA" not in said and "Gone " * 20 not in said  # the server's flood is not repeated
    assert not re.search(r"\b[A-Z][a-z]+(Error|Exception)\b", said)  # no class names
    if reason is not None:
        assert said == f"{server.url()}: {reason}"
