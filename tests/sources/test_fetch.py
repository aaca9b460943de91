"""Downloading links from a real HTTP server on loopback, allowlisted in each test's settings."""

from __future__ import annotations

import asyncio
import gzip
import shlex
import shutil
import socket
import ssl
import subprocess
import time
import tracemalloc
import zlib

import pytest
from aiohttp import web

from bot.sources.fetch import CappedBody, FetchError, fetch
from bot.sources.reader import SourceError, read_source


@pytest.fixture
async def other_server(start_server):
    """A second server on another loopback address that no test allowlists: it must never be reached."""
    try:
        return await start_server("127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound here")


# -- reading a page -------------------------------------------------------------------------------------
async def test_an_article_page_is_read_with_its_metadata(server, settings, article_page):
    server.page("/news/bridge", article_page())
    doc = await read_source(server.url("/news/bridge"), settings)
    assert doc.url == server.url("/news/bridge")
    assert doc.title == "Riverton Council Approves Harbour Bridge"
    assert doc.site == "The Riverton Gazette"
    assert doc.author == "Maria Lopez"
    assert doc.published == "2024-03-05"
    assert "voted seven to two on Tuesday evening" in doc.text
    assert "Commenter Bob" not in doc.text


async def test_every_request_names_briefbot_and_accepts_only_gzip_or_nothing(server, settings, article_page):
    server.page("/", article_page())
    await read_source(server.url("/"), settings)
    (request,) = server.requests
    assert request.headers["User-Agent"] == settings.fetch.user_agent
    assert request.headers["Accept-Encoding"] == "gzip, identity"
    assert "Cookie" not in request.headers
    assert "Authorization" not in request.headers


async def test_the_same_link_asked_again_gets_the_same_id(server, settings, article_page):
    server.page("/story", article_page())
    first = await read_source(server.url("/story"), settings)
    again = await read_source(server.url("/story") + "#comments", settings)
    other = await read_source(server.url("/story?page=1"), settings)
    assert first.id == again.id
    assert again.url == server.url("/story")
    assert other.id != first.id


async def test_gzip_pages_are_read(server, settings, article_page):
    server.page("/zipped", gzip.compress(article_page().encode()), **{"Content-Encoding": "gzip"})
    doc = await read_source(server.url("/zipped"), settings)
    assert "Mayor Ana Ruiz" in doc.text


async def test_plain_text_links_are_read_as_they_are(server, settings):
    text = "Share this:\n\nThe council voted on Tuesday to build the bridge.\n"
    server.page("/notes.txt", text, content_type="text/plain; charset=utf-8")
    doc = await read_source(server.url("/notes.txt"), settings)
    assert doc.text == "Share this:\n\nThe council voted on Tuesday to build the bridge."


async def test_pdf_links_are_read(server, settings, pdf_file):
    pdf = pdf_file(["The council voted on Tuesday.", "Work begins in spring."], title="Council minutes")
    server.page("/minutes.pdf", pdf, content_type="application/pdf")
    doc = await read_source(server.url("/minutes.pdf"), settings)
    assert doc.title == "Council minutes"
    assert doc.text == "The council voted on Tuesday.\n\nWork begins in spring."


# -- charsets -------------------------------------------------------------------------------------------
RUSSIAN = [
    "Городской совет проголосовал во вторник за строительство нового моста через реку, завершив спор, "
    "который разделял город больше десяти лет.",
    "«Мы ждали достаточно долго», — сказала мэр Анна Руис, которая поддерживала проект с самого начала.",
    "Мост обойдётся в сорок восемь миллионов долларов, большую часть оплатит государственный грант, а работы "
    "начнутся следующей весной после завершения инженерных исследований.",
    "Противники утверждали, что деньги лучше потратить на ремонт существующих дорог и школ.",
]


async def test_a_windows_1251_page_is_decoded_by_its_meta_charset(server, settings, article_page):
    page = article_page(RUSSIAN, title="Совет одобрил мост", charset="windows-1251")
    server.page("/ru", page.encode("cp1251"), content_type="text/html")
    doc = await read_source(server.url("/ru"), settings)
    assert "Городской совет проголосовал во вторник" in doc.text
    assert doc.title == "Совет одобрил мост"


async def test_the_http_charset_comes_before_the_page_charset(server, settings, article_page):
    page = article_page(RUSSIAN, title="Совет одобрил мост", charset="windows-1252")
    server.page("/ru", page.encode("cp1251"), content_type="text/html; charset=windows-1251")
    doc = await read_source(server.url("/ru"), settings)
    assert "Городской совет проголосовал во вторник" in doc.text


async def test_a_latin_1_label_is_read_as_windows_1252_like_browsers_do(server, settings, article_page):
    page = article_page(charset="ISO-8859-1").replace("Tuesday evening", "Tuesday evening at the Café Noël")
    server.page("/latin", page.encode("cp1252"), content_type="text/html")
    doc = await read_source(server.url("/latin"), settings)
    assert "Tuesday evening at the Café Noël" in doc.text
    assert "“We have waited long enough for a safe crossing,” said Mayor Ana Ruiz" in doc.text


async def test_an_xhtml_page_is_decoded_by_its_xml_declaration(server, settings, article_page):
    page = article_page(RUSSIAN, title="Совет одобрил мост").replace('<meta charset="utf-8">', "")
    xhtml = '<?xml version="1.0" encoding="windows-1251"?>\n' + page.removeprefix("<!DOCTYPE html>\n")
    server.page("/ru.xhtml", xhtml.encode("cp1251"), content_type="application/xhtml+xml")
    doc = await read_source(server.url("/ru.xhtml"), settings)
    assert "Городской совет проголосовал во вторник" in doc.text


async def test_an_undeclared_charset_is_detected(server, settings, article_page):
    page = article_page(RUSSIAN, title="Совет одобрил мост").replace('<meta charset="utf-8">', "")
    server.page("/detect", page.encode("cp1251"), content_type="text/html")
    doc = await read_source(server.url("/detect"), settings)
    assert "Городской совет проголосовал во вторник" in doc.text


# -- redirects ------------------------------------------------------------------------------------------
async def test_redirects_are_followed_and_the_id_is_the_link_given(server, settings, article_page):
    server.redirect("/short", "/moved", status=301)
    server.redirect("/moved", server.url("/final"), status=307)
    server.page("/final", article_page())
    doc = await read_source(server.url("/short"), settings)
    assert doc.url == server.url("/short")
    assert [r.path for r in server.requests] == ["/short", "/moved", "/final"]


async def test_more_redirects_than_allowed_are_refused(server, settings):
    server.redirect("/loop", "/loop")
    with pytest.raises(SourceError, match=r"too many redirects \(more than 3; see limits.max_redirects\)"):
        await read_source(server.url("/loop"), settings)
    assert len(server.requests) == 4


async def test_a_redirect_to_an_address_outside_the_allowlist_is_refused_before_connecting(
    server, other_server, settings_for
):
    """The second server really listens (on 127.0.0.2, a port that is allowed), but only 127.0.0.1 is listed."""
    settings = settings_for(server, other_server).replace("fetch", allowlist=["127.0.0.1"])
    other_server.page("/secret", "internal data")
    server.redirect("/go", other_server.url("/secret"))
    with pytest.raises(SourceError) as refused:
        await read_source(server.url("/go"), settings)
    assert str(refused.value) == (
        f"{server.url('/go')}: refused: 127.0.0.2 is a loopback address "
        f"(after a redirect to {other_server.url('/secret')})"
    )
    assert other_server.requests == []


async def test_a_redirect_to_the_cloud_metadata_address_is_refused(server, settings):
    server.redirect("/meta", f"http://169.254.169.254:{server.port}/latest/meta-data/")
    with pytest.raises(SourceError, match=r"refused: 169\.254\.169\.254 is a link-local address"):
        await read_source(server.url("/meta"), settings)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("file:///etc/passwd", "only http and https links are read, not file"),
        ("http://admin:pw@127.0.0.1/", "user name or password"),
        ("http://127.0.0.1:1/", "port 1 is not allowed"),
    ],
)
async def test_a_redirect_is_checked_like_the_first_link(server, settings, location, reason):
    server.redirect("/go", location)
    with pytest.raises(SourceError, match=reason):
        await read_source(server.url("/go"), settings)
    assert len(server.requests) == 1


async def test_a_redirect_without_a_location_is_an_error(server, settings):
    async def nowhere(request):
        return web.Response(status=302)

    server.route("/nowhere", nowhere)
    with pytest.raises(SourceError, match="answered 302 without saying where to go"):
        await read_source(server.url("/nowhere"), settings)


async def test_cookies_set_on_the_way_are_never_sent_back(server, settings, article_page):
    server.redirect("/login", "/article", **{"Set-Cookie": "session=abc123; Path=/"})
    server.page("/article", article_page(), **{"Set-Cookie": "seen=1; Path=/"})
    await read_source(server.url("/login"), settings)
    await read_source(server.url("/article"), settings)
    assert all("Cookie" not in request.headers for request in server.requests)


# -- connections: only to the checked address, never through a proxy ------------------------------------
async def test_the_connection_goes_to_the_checked_address_without_a_second_lookup(
    server, start_server, monkeypatch, article_page, settings_for
):
    """A host name resolved once: a second DNS answer (127.0.0.2, where another server waits) is never asked."""
    try:
        rebound = await start_server("127.0.0.2", server.port)
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound here on the same port")
    answers = iter(["127.0.0.1", "127.0.0.2", "127.0.0.2"])
    lookups = []

    async def dns(host, port, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", dns)
    settings = settings_for(server).replace("fetch", allowlist=["127.0.0.1"])
    server.page("/", article_page())
    rebound.page("/", "<html><body><p>the wrong server</p></body></html>")
    doc = await read_source(f"http://news.example:{server.port}/", settings)
    assert lookups == ["news.example"]
    assert rebound.requests == []
    assert server.requests[0].headers["Host"] == f"news.example:{server.port}"
    assert "Mayor Ana Ruiz" in doc.text


@pytest.fixture
def self_signed_tls(tmp_path) -> ssl.SSLContext:
    """A server TLS context with a self-signed certificate for news.example (made by the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    command = shlex.split(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=news.example -addext subjectAltName=DNS:news.example"
    )
    subprocess.run([*command, "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def test_tls_names_the_host_and_checks_its_certificate(start_server, self_signed_tls, settings_for, monkeypatch):
    """The connection goes to the vetted address, yet SNI carries the host name, and a certificate that no
    authority signed is refused."""
    names_asked = []
    self_signed_tls.sni_callback = lambda connection, name, context: names_asked.append(name)
    server = await start_server(tls=self_signed_tls)

    async def dns(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", dns)
    with pytest.raises(SourceError, match=r"refused: the TLS certificate of news\.example is not valid"):
        await read_source(f"https://news.example:{server.port}/", settings_for(server))
    assert names_asked == ["news.example"]
    assert server.requests == []


async def test_proxies_from_the_environment_are_ignored(server, settings, monkeypatch, article_page):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9/")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    server.page("/", article_page())
    doc = await read_source(server.url("/"), settings)
    assert doc.title == "Riverton Council Approves Harbour Bridge"


# -- limits ---------------------------------------------------------------------------------------------
async def test_a_body_announced_larger_than_the_limit_is_refused(server, settings_for):
    settings = settings_for(server, max_download_bytes=10_000)
    server.page("/big", "<p>" + "x" * 20_000 + "</p>")
    with pytest.raises(SourceError, match=r"too large: more than 10000 bytes \(see limits.max_download_bytes\)"):
        await read_source(server.url("/big"), settings)


async def test_a_streamed_body_is_cut_off_as_soon_as_it_passes_the_limit(server, settings_for):
    settings = settings_for(server, max_download_bytes=10_000)
    sent = []

    async def endless(request):
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        for _ in range(1000):
            await response.write(b"<p>" + b"x" * 4096 + b"</p>")
            sent.append(1)
            await asyncio.sleep(0)
        return response

    server.route("/endless", endless)
    with pytest.raises(SourceError, match="too large"):
        await read_source(server.url("/endless"), settings)
    assert len(sent) < 1000


async def test_a_gzip_bomb_is_refused_without_inflating_it(server, settings_for):
    """64 MB of zeros compress to about 64 KB; the download stops once 100 KB have been inflated."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    megabyte = bytes(1 << 20)
    bomb = b"".join(deflater.compress(megabyte) for _ in range(64)) + deflater.flush()
    assert len(bomb) < 100_000
    server.page("/bomb", bomb, **{"Content-Encoding": "gzip"})
    settings = settings_for(server, max_download_bytes=100_000)
    del megabyte
    tracemalloc.start()
    try:
        with pytest.raises(SourceError, match="too large: more than 100000 bytes"):
            await read_source(server.url("/bomb"), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


async def test_other_content_encodings_are_refused(server, settings):
    server.page("/br", b"\x1b\x00\x00", **{"Content-Encoding": "br"})
    with pytest.raises(SourceError, match="unsupported content encoding 'br'"):
        await read_source(server.url("/br"), settings)


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "application/octet-stream", "text/css"])
async def test_other_content_types_are_refused(server, settings, content_type):
    server.page("/thing", b"\x89PNG....", content_type=content_type)
    with pytest.raises(SourceError, match=f"unsupported content type '{content_type}'"):
        await read_source(server.url("/thing"), settings)


async def test_a_server_that_never_answers_times_out(server, settings_for):
    settings = settings_for(server, fetch_timeout_s=0.5)

    async def silent(request):
        await server.release.wait()
        return web.Response(text="too late")

    server.route("/slow", silent)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out \(the download took more than 0.5 s"):
        await read_source(server.url("/slow"), settings)
    assert time.monotonic() - started < 2


async def test_a_body_that_trickles_in_times_out(server, settings_for):
    settings = settings_for(server, fetch_timeout_s=0.5)

    async def trickle(request):
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        while not server.release.is_set():
            await response.write(b"<p>x</p>")
            await asyncio.sleep(0.05)
        return response

    server.route("/trickle", trickle)
    with pytest.raises(SourceError, match="timed out"):
        await read_source(server.url("/trickle"), settings)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (404, "the server answered 404 Not Found"),
        (500, "the server answered 500 Internal Server Error"),
        (403, "the server answered 403 Forbidden — paste the article's text instead"),
    ],
)
async def test_error_statuses_are_one_line(server, settings, status, reason):
    async def failing(request):
        return web.Response(status=status, text="no")

    server.route("/page", failing)
    with pytest.raises(SourceError) as failed:
        await read_source(server.url("/page"), settings)
    assert str(failed.value) == f"{server.url('/page')}: {reason}"


async def test_a_closed_port_is_a_connection_error(start_server, settings_for):
    closed = await start_server()
    settings = settings_for(closed)
    await closed.stop()
    with pytest.raises(FetchError, match=r"could not connect to 127\.0\.0\.1 \(connection refused\)"):
        await fetch(closed.url("/"), settings)


# -- the body cap on its own ----------------------------------------------------------------------------
def test_several_gzip_members_are_read_in_turn():
    body = CappedBody(1000, gzipped=True)
    data = gzip.compress(b"first ") + gzip.compress(b"second")
    body.feed(data[:7])
    body.feed(data[7:])
    assert body.finish() == b"first second"


def test_corrupt_or_cut_off_gzip_is_an_error():
    with pytest.raises(FetchError, match="corrupt gzip"):
        CappedBody(1000, gzipped=True).feed(b"\x1f\x8bnot really gzip at all")
    body = CappedBody(1000, gzipped=True)
    body.feed(gzip.compress(b"some text that ends early")[:-12])
    with pytest.raises(FetchError, match="cut off"):
        body.finish()
