"""Safe downloads of the links users give: public addresses only, checked before connecting, capped and timed.

Every hop (the link, then each redirect, followed by hand) must be http or https, carry no user name or
password, use an allowed port, and resolve only to public addresses (or allowlisted ones). The connection then
goes to exactly the addresses that were checked, through `PinnedResolver`, so a second DNS answer can never
send the request elsewhere; the host name is kept for the Host header, TLS SNI and the certificate check.
No cookies, credentials or environment proxies are used, and the body is capped after decompression.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import zlib
from dataclasses import dataclass
from typing import Literal

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.config import Settings
from bot.messages import outside
from bot.models import BriefbotError
from bot.sources.addresses import Allowlist, IPAddress, NotAnAddress, host_address, refusal

ContentKind = Literal["html", "text", "pdf"]

CONTENT_KINDS: dict[str, ContentKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
}
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8"
ACCEPT_ENCODING = "gzip, identity"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAYWALL_STATUSES = frozenset({401, 402, 403, 451})
CHUNK_BYTES = 64 * 1024

_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")


class FetchError(BriefbotError):
    """A link that is refused or whose download failed; the message is the reason, in one line."""


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded body and what the server said it is."""

    url: str  # where the body came from, after any redirects
    kind: ContentKind
    charset: str | None  # from the Content-Type header, if the server named one
    body: bytes


def parse_link(text: str) -> URL:
    """A link checked for scheme, user info and host syntax, with numeric hosts spelled out and no fragment."""
    try:
        url = URL(text.strip())
    except ValueError:
        raise FetchError("not a valid link") from None
    if url.scheme not in ("http", "https"):
        raise FetchError(f"refused: only http and https links are read, not {outside(url.scheme, 20) or 'this kind'}")
    if url.user is not None or url.password is not None:
        raise FetchError("refused: links with a user name or password are not read")
    if not url.raw_host or url.host is None:
        raise FetchError("not a valid link (it names no host)")
    try:
        address = host_address(url.host)
    except NotAnAddress as exc:
        raise FetchError(str(exc)) from None
    if address is not None:
        url = url.with_host(str(address))
    elif len(url.raw_host) > 253 or not _HOST_NAME.fullmatch(url.raw_host):
        raise FetchError(f"'{outside(url.host, 60)}' is not a valid host name")
    url = url.with_fragment(None)
    return url.with_path(url.raw_path, encoded=True, keep_query=True)  # an empty path is written "/"


def canonical_link(text: str) -> str:
    """The form of a link that identifies it: the same article asked for twice gets the same source id."""
    return str(parse_link(text))


def check_port(url: URL, settings: Settings) -> None:
    allowed = settings.fetch.allowed_ports
    if url.port not in allowed:
        ports = ", ".join(str(port) for port in allowed)
        raise FetchError(f"refused: port {url.port} is not allowed (allowed: {ports}; see fetch.allowed_ports)")


async def vet_hop(url: URL, settings: Settings) -> list[IPAddress]:
    """The addresses one hop may connect to, checked before any connection: a literal address first, then the
    port, then every address a host name resolves to (all must be public or allowlisted)."""
    assert url.host is not None and url.raw_host is not None
    literal = host_address(url.host)
    if literal is not None:
        _check_addresses(url, [literal], settings)
        check_port(url, settings)
        return [literal]
    check_port(url, settings)
    addresses = await _resolve(url.raw_host, url.port or 0)
    _check_addresses(url, addresses, settings)
    return addresses


def _check_addresses(url: URL, addresses: list[IPAddress], settings: Settings) -> None:
    assert url.host is not None and url.raw_host is not None
    allowlist = Allowlist(settings.fetch.allowlist)
    for address in addresses:
        why = refusal(address)
        if why and not allowlist.allows((url.host, url.raw_host), address):
            where = f"{address} is" if str(address) == url.host else f"{outside(url.host, 60)} resolves to {address},"
            raise FetchError(f"refused: {where} {why}")


async def _resolve(host: str, port: int) -> list[IPAddress]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"cannot find the host {outside(host, 60)}") from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"cannot find the host {outside(host, 60)}")
    return addresses


class PinnedResolver(AbstractResolver):
    """aiohttp's resolver: answers only with the addresses `vet_hop` checked for that host."""

    def __init__(self) -> None:
        self._pinned: dict[str, list[IPAddress]] = {}

    def pin(self, host: str, addresses: list[IPAddress]) -> None:
        self._pinned[host] = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host not in self._pinned:
            raise OSError(f"{host} was not checked before connecting")
        return [
            ResolveResult(
                hostname=host,
                host=str(address),
                port=port,
                family=socket.AF_INET if address.version == 4 else socket.AF_INET6,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in self._pinned[host]
        ]

    async def close(self) -> None:
        self._pinned.clear()


async def fetch(link: str, settings: Settings) -> FetchedPage:
    """Download one link within the limits in `settings`, every hop checked before it is connected to."""
    url = parse_link(link)
    limits = settings.limits
    try:
        async with asyncio.timeout(limits.fetch_timeout_s):
            return await _download(url, settings)
    except aiohttp.ConnectionTimeoutError:
        raise FetchError(
            f"timed out connecting (more than {limits.connect_timeout_s:g} s; see limits.connect_timeout_s)"
        ) from None
    except TimeoutError:
        raise FetchError(
            f"timed out (the download took more than {limits.fetch_timeout_s:g} s; see limits.fetch_timeout_s)"
        ) from None
    except aiohttp.ClientConnectorCertificateError as exc:
        raise FetchError(f"refused: the TLS certificate of {outside(exc.host, 60)} is not valid") from None
    except aiohttp.ClientConnectorError as exc:
        if isinstance(exc.os_error, ConnectionRefusedError):
            reason = "connection refused"
        else:
            reason = exc.os_error.strerror or "a network error"
        raise FetchError(f"could not connect to {outside(exc.host, 60)} ({outside(reason, 60)})") from None
    except aiohttp.ClientError as exc:
        raise FetchError(f"the download failed ({_describe_client_error(exc)})") from None


def _describe_client_error(exc: aiohttp.ClientError) -> str:
    """Our own words for what went wrong: aiohttp's messages quote the server's bytes over several lines."""
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the body was cut off or malformed"
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"the server's answer was malformed: {_malformed(str(exc.message))}"
    if isinstance(exc, aiohttp.ClientOSError):
        return outside(exc.strerror or "a network error", 60)
    return "a network error"


def _malformed(said: str) -> str:
    """'Bad status line:\n  Expected HTTP/…\n  b'<the server's bytes>'' -> 'bad status line'."""
    if said.startswith("Got more than"):
        return "a status line or header is too long"
    what = said.split(":", 1)[0].split("\n", 1)[0].strip().lower()
    return outside(what, 60) or "it could not be parsed"


async def _download(url: URL, settings: Settings) -> FetchedPage:
    resolver = PinnedResolver()
    connect_s = settings.limits.connect_timeout_s
    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False),
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        auto_decompress=False,
        timeout=aiohttp.ClientTimeout(total=None, connect=connect_s, sock_connect=connect_s),
        headers={"User-Agent": settings.fetch.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
    )
    async with session:
        for hop in range(settings.limits.max_redirects + 1):
            await _check_hop(url, hop, settings, resolver)
            async with session.get(url, allow_redirects=False) as response:
                if response.status not in REDIRECT_STATUSES:
                    return await _read_page(url, response, settings)
                url = _redirect_target(url, response)
    raise FetchError(f"too many redirects (more than {settings.limits.max_redirects}; see limits.max_redirects)")


async def _check_hop(url: URL, hop: int, settings: Settings, resolver: PinnedResolver) -> None:
    try:
        addresses = await vet_hop(url, settings)
        assert url.raw_host is not None
        resolver.pin(url.raw_host, addresses)
    except FetchError as exc:
        if hop == 0:
            raise
        raise FetchError(f"{exc} (after a redirect to {outside(str(url))})") from None


def _redirect_target(url: URL, response: aiohttp.ClientResponse) -> URL:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"the server answered {response.status} without saying where to go")
    try:
        target = url.join(URL(location))
    except ValueError:
        raise FetchError(f"the server redirected to an invalid link ({outside(location)})") from None
    try:
        return parse_link(str(target))
    except FetchError as exc:
        raise FetchError(f"{exc} (after a redirect to {outside(str(target))})") from None


async def _read_page(url: URL, response: aiohttp.ClientResponse, settings: Settings) -> FetchedPage:
    if not 200 <= response.status < 300:
        hint = " — paste the article's text instead" if response.status in PAYWALL_STATUSES else ""
        reason = outside(response.reason or "", 60)
        raise FetchError(f"the server answered {response.status} {reason}".rstrip() + hint)
    kind = CONTENT_KINDS.get(response.content_type)  # no Content-Type reads as application/octet-stream
    if kind is None:
        raise FetchError(
            f"unsupported content type '{outside(response.content_type, 60)}' (briefbot reads HTML, plain text and PDF)"
        )
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise FetchError(f"unsupported content encoding '{outside(encoding, 40)}' (only gzip or none)")
    limit = settings.limits.max_download_bytes
    if encoding == "identity" and (response.content_length or 0) > limit:
        raise _too_large(limit)
    body = CappedBody(limit, gzipped=encoding != "identity")
    async for chunk in response.content.iter_chunked(CHUNK_BYTES):
        body.feed(chunk)
    return FetchedPage(url=str(url), kind=kind, charset=response.charset, body=body.finish())


def _too_large(limit: int) -> FetchError:
    return FetchError(f"too large: more than {limit} bytes (see limits.max_download_bytes)")


class CappedBody:
    """A body gathered chunk by chunk, gunzipped as it arrives, refused as soon as it passes `limit` bytes.

    Inflation is bounded by the bytes still allowed, so a small gzip bomb never grows past the limit in memory.
    """

    def __init__(self, limit: int, *, gzipped: bool) -> None:
        self.limit = limit
        self._gzipped = gzipped
        self._inflater = _new_inflater()
        self._parts: list[bytes] = []
        self._size = 0
        self._received = 0

    def feed(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > self.limit:
            raise _too_large(self.limit)
        if not self._gzipped:
            self._keep(chunk)
            return
        try:
            self._inflate(chunk)
        except zlib.error:
            raise FetchError("the server sent corrupt gzip data") from None

    def _inflate(self, data: bytes) -> None:
        while data:
            if self._inflater.eof:  # another gzip member follows the one that ended
                self._inflater = _new_inflater()
            self._keep(self._inflater.decompress(data, self.limit - self._size + 1))
            data = self._inflater.unconsumed_tail or (self._inflater.unused_data if self._inflater.eof else b"")

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.limit:
            raise _too_large(self.limit)
        self._parts.append(data)

    def finish(self) -> bytes:
        if self._gzipped and self._received and not self._inflater.eof:
            raise FetchError("the gzip data the server sent is cut off")
        return b"".join(self._parts)


def _new_inflater():
    return zlib.decompressobj(16 + zlib.MAX_WBITS)  # 16+: expect a gzip header and trailer
