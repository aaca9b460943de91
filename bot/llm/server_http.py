"""Talking to an OpenAI-compatible model server: JSON requests, streamed answers, retries, one-line errors.

Every failure a user can meet becomes a `ModelServerError` whose message is one line naming the server:
"model server at http://127.0.0.1:8080/v1: connection refused". A server that is busy (429, honouring its
Retry-After), failing (5xx) or dropping the connection (reset, an answer cut off mid-stream) is retried with
backoff, `retries` times; one that is slower than `timeout_s` is not (nothing waits past the timeout), nor one
that answers something unparseable. Connections go straight to the configured URL: no proxies from the
environment, no cookies.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import aiohttp

from bot.models import BriefbotError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BACKOFF_S = 8.0


class ModelServerError(BriefbotError):
    """The model server cannot be used; the message is one line naming the server and the reason."""


class Retryable(Exception):
    """A failure worth another try: why, and how long the server asked us to wait (None: our own backoff)."""

    def __init__(self, reason: str, wait_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait_s = wait_s


@dataclass(frozen=True)
class ServerAddress:
    """Where the server is and how to reach it."""

    url: str  # the OpenAI API base, e.g. http://127.0.0.1:8080/v1
    api_key: str | None
    timeout_s: float
    connect_timeout_s: float
    retries: int

    def error(self, reason: str) -> ModelServerError:
        return ModelServerError(f"model server at {self.url}: {reason}")

    @property
    def root(self) -> str:
        """The server's root, where llama.cpp's own endpoints (/tokenize, /props, /extras/...) live."""
        return self.url[: -len("/v1")] if self.url.endswith("/v1") else self.url

    def session(self, connections: int) -> aiohttp.ClientSession:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=connections, force_close=False),
            timeout=aiohttp.ClientTimeout(total=self.timeout_s, sock_connect=self.connect_timeout_s),
            headers=headers,
            trust_env=False,
            cookie_jar=aiohttp.DummyCookieJar(),
        )


async def with_retries(address: ServerAddress, attempt: Callable[[], object]):
    """`await attempt()` until it succeeds, retrying what `Retryable` marks; the last failure as a one-line error."""
    tries = address.retries + 1
    for number in range(1, tries + 1):
        try:
            return await _one_try(address, attempt)
        except Retryable as retry:
            if number == tries:
                raise address.error(f"{retry.reason} ({tries} tries)") from None
            wait = min(0.5 * 2 ** (number - 1), MAX_BACKOFF_S) if retry.wait_s is None else retry.wait_s
            if wait > address.timeout_s:
                raise address.error(f"{retry.reason}; it asks to wait {wait:g} s, over model.timeout_s") from None
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")


async def _one_try(address: ServerAddress, attempt: Callable[[], object]):
    try:
        return await attempt()
    except aiohttp.ConnectionTimeoutError:
        waited = f"{address.connect_timeout_s:g} s"
        raise address.error(f"cannot connect within {waited} (model.connect_timeout_s)") from None
    except TimeoutError:
        raise address.error(f"no answer within {address.timeout_s:g} s (model.timeout_s)") from None
    except aiohttp.ClientConnectorError as exc:
        if _refused(exc):
            raise Retryable("connection refused") from None
        raise address.error(f"cannot connect ({_first_line(exc.os_error) or type(exc).__name__})") from None
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, ConnectionResetError):
        raise Retryable("the connection was dropped") from None
    except aiohttp.ClientOSError as exc:
        if exc.errno in (errno.ECONNRESET, errno.EPIPE):
            raise Retryable("the connection was reset") from None
        raise address.error(f"connection failed ({_first_line(exc)})") from None
    except aiohttp.ClientError as exc:
        raise address.error(f"request failed ({type(exc).__name__}: {_first_line(exc)})") from None


def _refused(exc: aiohttp.ClientConnectorError) -> bool:
    return getattr(exc.os_error, "errno", None) == errno.ECONNREFUSED or isinstance(
        exc.os_error, ConnectionRefusedError
    )


async def get_json(address: ServerAddress, session: aiohttp.ClientSession, url: str) -> object:
    """GET a JSON document (retried like any request)."""

    async def attempt():
        async with session.get(url) as response:
            await _raise_for_status(address, response)
            return _parse(address, await response.read())

    return await with_retries(address, attempt)


async def post_json(address: ServerAddress, session: aiohttp.ClientSession, url: str, body: dict) -> object:
    """POST a JSON body and read a JSON answer (retried like any request)."""

    async def attempt():
        async with session.post(url, json=body) as response:
            await _raise_for_status(address, response)
            return _parse(address, await response.read())

    return await with_retries(address, attempt)


async def stream_events(response: aiohttp.ClientResponse, address: ServerAddress) -> AsyncIterator[dict]:
    """The JSON events of a server-sent event stream, until `data: [DONE]`; a stream that ends before it was cut."""
    await _raise_for_status(address, response)
    if not response.content_type.startswith("text/event-stream"):
        # Some servers answer a streamed request with one JSON document: treat it as the only event.
        yield _parse(address, await response.read())
        return
    async for raw in response.content:
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data:"):
            continue  # comments, event names, keep-alives, blank separators
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            return
        event = _parse(address, data.encode())
        if isinstance(event, dict) and "error" in event:
            raise address.error(f"the server reported an error: {_error_text(event)}")
        yield event
    raise Retryable("the answer was cut off mid-stream")


async def _raise_for_status(address: ServerAddress, response: aiohttp.ClientResponse) -> None:
    if response.status < 400:
        return
    body = await response.read()
    detail = _error_detail(body)
    if response.status in RETRY_STATUSES:
        reason = "busy (HTTP 429)" if response.status == 429 else f"HTTP {response.status}"
        raise Retryable(reason + (f": {detail}" if detail else ""), _retry_after(response.headers.get("Retry-After")))
    hint = " (check model.api_key_env)" if response.status in (401, 403) else ""
    raise address.error(f"HTTP {response.status}{hint}" + (f": {detail}" if detail else ""))


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _parse(address: ServerAddress, body: bytes) -> object:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        shown = body[:60].decode("utf-8", "replace")
        raise address.error(f"answered something that is not JSON ({shown!r})") from None


def _error_detail(body: bytes) -> str:
    """The server's own short reason for an error, from a JSON error body or the start of a plain one."""
    try:
        parsed = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _first_line(body[:200].decode("utf-8", "replace"))
    return _error_text(parsed) if isinstance(parsed, dict) else ""


def _error_text(parsed: dict) -> str:
    error = parsed.get("error", parsed.get("detail", parsed.get("message", "")))
    if isinstance(error, dict):
        error = error.get("message", "")
    return _first_line(str(error))[:200]


def _first_line(value: object) -> str:
    text = str(value or "").strip()
    return text.splitlines()[0] if text else ""
