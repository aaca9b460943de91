"""Links refused with the default config: one line naming the link and the rule, and no request made."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
import pytest

from bot.config import Settings
from bot.sources.reader import SourceError, read_source

REFUSED = [
    # scheme
    ("file:///etc/passwd", "refused: only http and https links are read, not file"),
    ("ftp://example.com/", "refused: only http and https links are read, not ftp"),
    ("gopher://example.com:70/", "refused: only http and https links are read, not gopher"),
    # user info
    ("http://user:secret@example.com/", "refused: links with a user name or password are not read"),
    ("http://example.com@127.0.0.1/", "refused: links with a user name or password are not read"),
    # ports
    ("http://example.com:8080/", "refused: port 8080 is not allowed (allowed: 80, 443; see fetch.allowed_ports)"),
    ("https://93.184.216.34:8443/", "refused: port 8443 is not allowed"),
    ("http://127.0.0.1:8123/", "refused: 127.0.0.1 is a loopback address"),
    ("http://example.com:22/", "refused: port 22 is not allowed"),
    # loopback, however it is written
    ("http://127.0.0.1/", "refused: 127.0.0.1 is a loopback address"),
    ("http://localhost/", "refused: localhost resolves to 127.0.0.1, a loopback address"),
    ("http://LocalHost/", "refused: localhost resolves to 127.0.0.1, a loopback address"),
    ("http://[::1]/", "refused: ::1 is a loopback address"),
    ("http://0x7f000001/", "refused: 127.0.0.1 is a loopback address"),
    ("http://127.1/", "refused: 127.0.0.1 is a loopback address"),
    ("http://2130706433/", "refused: 127.0.0.1 is a loopback address"),
    ("http://0177.0.0.1/", "refused: 127.0.0.1 is a loopback address"),
    ("http://127.000.000.001/", "refused: 127.0.0.1 is a loopback address"),
    # cloud metadata, private, shared, multicast, reserved, unspecified
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"),
    ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
    ("https://192.168.1.1/", "refused: 192.168.1.1 is a private address"),
    ("http://172.16.5.4/", "refused: 172.16.5.4 is a private address"),
    ("http://100.64.0.1/", "refused: 100.64.0.1 is a shared (carrier-grade NAT) address"),
    ("http://224.0.0.251/", "refused: 224.0.0.251 is a multicast address"),
    ("http://240.0.0.1/", "refused: 240.0.0.1 is a reserved address"),
    ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
    ("http://0/", "refused: 0.0.0.0 is an unspecified address"),
    ("http://[::]/", "refused: :: is an unspecified address"),
    ("http://[fd00::1]/", "refused: fd00::1 is a private address"),
    ("http://[fe80::1%25eth0]/", "refused: fe80::1%eth0 is a link-local address"),
    ("http://[ff02::1]/", "refused: ff02::1 is a multicast address"),
    ("http://192.0.2.10/", "refused: 192.0.2.10 is not a globally routable address"),
    # IPv6 forms that embed a forbidden IPv4 address
    ("http://[::ffff:127.0.0.1]/", "an IPv4-mapped address embedding 127.0.0.1, a loopback address"),
    ("http://[::ffff:a9fe:a9fe]/", "an IPv4-mapped address embedding 169.254.169.254, a link-local address"),
    ("http://[64:ff9b::a00:1]/", "a NAT64 address embedding 10.0.0.1, a private address"),
    ("http://[2002:7f00:1::]/", "a 6to4 address embedding 127.0.0.1, a loopback address"),
    ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "a Teredo address embedding 127.0.0.1, a loopback address"),
    # not a link at all
    ("http://999.1.1.1/", "'999.1.1.1' is not a valid IPv4 address"),
    ("http://exa mple.com/", "'exa mple.com' is not a valid host name"),
    ("http:///no-host", "not a valid link (it names no host)"),
]


@pytest.fixture
def no_requests(monkeypatch):
    """Fail the test if any HTTP request is started."""
    started = []

    async def refuse_to_send(self, method, url, **kwargs):
        started.append(str(url))
        raise AssertionError(f"a request was made to {url}")

    monkeypatch.setattr(aiohttp.ClientSession, "_request", refuse_to_send)
    return started


@pytest.mark.parametrize(("link", "reason"), REFUSED)
async def test_a_refused_link_is_one_line_naming_it_and_no_request_is_made(link, reason, no_requests):
    with pytest.raises(SourceError) as refused:
        await read_source(link, Settings())
    message = str(refused.value)
    assert message.startswith(f"{link}: ")
    assert reason in message
    assert "\n" not in message
    assert no_requests == []


async def test_a_name_with_any_private_address_is_refused(monkeypatch, no_requests):
    """A host whose DNS answer mixes public and private addresses is refused, even when the first is public."""

    async def answer(host, port, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", answer)
    with pytest.raises(SourceError, match=r"refused: news\.example resolves to 10\.0\.0\.7, a private address"):
        await read_source("http://news.example/story", Settings())
    assert no_requests == []


async def test_the_allowlist_lifts_the_address_rule_but_not_the_others(no_requests):
    settings = Settings().replace("fetch", allowlist=["127.0.0.0/8"])
    for link, reason in [
        ("file:///etc/passwd", "only http and https"),
        ("http://user@127.0.0.1/", "user name or password"),
        ("http://127.0.0.1:8080/", "port 8080 is not allowed"),
    ]:
        with pytest.raises(SourceError, match=reason):
            await read_source(link, settings)
    assert no_requests == []
