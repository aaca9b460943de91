"""Shared pieces for reading sources: a real HTTP server on loopback, settings that let tests reach it, pages
and PDFs the tests write themselves."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from bot.config import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]


@dataclass
class LoopbackServer:
    """A real HTTP server on a loopback address; each test sets its routes, and every request is recorded."""

    host: str = "127.0.0.1"
    port: int = 0
    tls: ssl.SSLContext | None = None  # serve https with this context
    requests: list[SeenRequest] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)  # set at the end: slow handlers give up
    _routes: dict[str, Handler] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    async def start(self) -> LoopbackServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, ssl_context=self.tls)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, path: str = "/") -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> None:
        self._routes[path] = handler

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", **headers) -> None:
        """Serve a fixed body at `path`."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=data, headers={"Content-Type": content_type, **headers})

        self.route(path, handler)

    def redirect(self, path: str, location: str, status: int = 302, **headers) -> None:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": location, **headers})

        self.route(path, handler)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(SeenRequest(request.path, dict(request.headers)))
        handler = self._routes.get(request.path)
        if handler is None:
            raise web.HTTPNotFound()
        return await handler(request)


@pytest.fixture
async def start_server():
    """Start more loopback servers, e.g. start_server("127.0.0.2"); all are stopped after the test."""
    started: list[LoopbackServer] = []

    async def start(host: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None) -> LoopbackServer:
        server = await LoopbackServer(host=host, port=port, tls=tls).start()
        started.append(server)
        return server

    yield start
    for server in started:
        await server.stop()


@pytest.fixture
async def server(start_server) -> LoopbackServer:
    return await start_server()


def settings_reaching(*servers: LoopbackServer, **limits) -> Settings:
    """Default settings, except that the given test servers (their host and port only) may be fetched."""
    settings = Settings().replace(
        "fetch",
        allowlist=sorted({s.host for s in servers}),
        allowed_ports=sorted({s.port for s in servers}),
    )
    return settings.replace("limits", **limits) if limits else settings


@pytest.fixture
def settings_for():
    """settings_for(*servers, **limits): settings that reach those servers, with some limits changed."""
    return settings_reaching


@pytest.fixture
def settings(server) -> Settings:
    return settings_reaching(server)


ARTICLE_PARAGRAPHS = [
    "The city council of Riverton voted seven to two on Tuesday evening to build a new bridge across the "
    "Elm River, ending a debate that has divided the town for more than a decade.",
    "“We have waited long enough for a safe crossing,” said Mayor Ana Ruiz, who has championed the project "
    "since her election and called the vote a turning point for the whole region.",
    "The bridge will cost 48 million dollars, most of it paid by a state infrastructure grant, and work is "
    "expected to begin next spring once the final engineering studies are complete.",
    "Opponents argued that the money would be better spent repairing existing roads, and two council members "
    "warned that the project could run over budget as similar bridges have done elsewhere.",
    "Residents who attended the meeting were divided as well, with some applauding the decision and others "
    "saying they feared years of construction traffic in the quiet neighbourhoods near the river.",
]


def article_html(
    paragraphs: list[str] | None = None,
    *,
    title: str = "Riverton Council Approves Harbour Bridge",
    charset: str = "utf-8",
) -> str:
    """A news page with site furniture around one article: navigation, share links, related links, comments."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs or ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>{title} | The Riverton Gazette</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Riverton Gazette">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li>
</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By Maria Lopez, March 5, 2024</p>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Ferry service to end in June after forty years</a></li>
<li><a href="/b">Library opening hours extended over summer</a></li>
</ul></aside>
<section id="comments" class="comments">
<h2>Comments</h2>
<div class="comment"><p>Commenter Bob says this bridge is a terrible waste of taxpayer money and nobody asked.</p></div>
</section>
</main>
<footer><p>Copyright 2024 The Riverton Gazette. All rights reserved. Contact the newsroom.</p></footer>
</body>
</html>"""


@pytest.fixture
def article_paragraphs() -> list[str]:
    """The paragraphs of the article `article_page` writes by default."""
    return list(ARTICLE_PARAGRAPHS)


@pytest.fixture
def article_page():
    """article_page(paragraphs=None, *, title=..., charset="utf-8"): the HTML of a news page."""
    return article_html


@pytest.fixture
def pdf_file():
    """pdf_file(pages, *, title=None, author=None): the bytes of a small PDF."""
    return make_pdf


def make_pdf(pages: list[str], *, title: str | None = None, author: str | None = None) -> bytes:
    """A small valid PDF written by hand: one Helvetica text block per page, optional title and author."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    number = 4
    for text in pages:
        shown = " ".join(f"({_pdf_string(line)}) Tj T*" for line in text.split("\n"))
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
        objects[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % number
        )
        kids.append(number + 1)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info = " ".join(f"/{key} ({_pdf_string(value)})" for key, value in (("Title", title), ("Author", author)) if value)
    objects[number] = f"<< {info} >>".encode("latin-1")

    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (key, objects[key])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (number + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[key] for key in range(1, number + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (number + 1, number, xref)
    return bytes(out)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
