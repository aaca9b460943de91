"""The address rule: only globally routable addresses, however they are spelled, unless allowlisted."""

from __future__ import annotations

import ipaddress

import pytest

from bot.sources.addresses import Allowlist, NotAnAddress, host_address, parse_numeric_ipv4, refusal


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F.0.0.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("10.0.0.1.", "10.0.0.1"),
        ("169.254.43518", "169.254.169.254"),
    ],
)
def test_numeric_hosts_are_read_as_the_os_resolver_reads_them(host, address):
    assert parse_numeric_ipv4(host) == ipaddress.IPv4Address(address)


@pytest.mark.parametrize("host", ["example.com", "1.2.3.example", "0x", "08.1.1.1", "1.2.3.4.5", "localhost"])
def test_host_names_are_not_numbers(host):
    assert parse_numeric_ipv4(host) is None


@pytest.mark.parametrize("host", ["256.1.1.1", "1.2.3.256", "0x100000000", "4294967296", "1.16777216"])
def test_numbers_too_big_for_an_address_are_no_address(host):
    with pytest.raises(NotAnAddress):
        parse_numeric_ipv4(host)


def test_ipv6_literals_are_addresses():
    assert host_address("::1") == ipaddress.IPv6Address("::1")
    with pytest.raises(NotAnAddress):
        host_address("::1::2")


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.255.0.9", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fd12::1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("192.0.2.1", "not a globally routable address"),
        ("198.18.0.1", "not a globally routable address"),
        ("2001:db8::1", "not a globally routable address"),
        ("::ffff:127.0.0.1", "an IPv4-mapped address embedding 127.0.0.1, a loopback address"),
        ("::ffff:169.254.169.254", "an IPv4-mapped address embedding 169.254.169.254, a link-local address"),
        ("64:ff9b::10.0.0.1", "a NAT64 address embedding 10.0.0.1, a private address"),
        ("2002:7f00:1::", "a 6to4 address embedding 127.0.0.1, a loopback address"),
        ("2002:a9fe:a9fe::1", "a 6to4 address embedding 169.254.169.254, a link-local address"),
        # Teredo stores its client address inverted: 80ff:fffe is 127.0.0.1.
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo address embedding 127.0.0.1, a loopback address"),
    ],
)
def test_addresses_that_are_not_public_are_refused_with_their_kind(address, kind):
    assert refusal(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1"]
)
def test_public_addresses_pass(address):
    assert refusal(ipaddress.ip_address(address)) is None


def test_the_allowlist_takes_networks_and_host_names():
    allowlist = Allowlist(["10.1.2.0/24", "Intranet.Example.", "127.0.0.1"])
    assert allowlist.allows(["elsewhere"], ipaddress.ip_address("10.1.2.200"))
    assert not allowlist.allows(["elsewhere"], ipaddress.ip_address("10.1.3.1"))
    assert allowlist.allows(["intranet.example"], ipaddress.ip_address("10.9.9.9"))
    assert allowlist.allows(["elsewhere"], ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not allowlist.allows(["elsewhere"], ipaddress.ip_address("127.0.0.2"))


@pytest.mark.parametrize(
    ("address", "form"),
    [
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "a Teredo address embedding 10.0.0.1"),  # client 10.0.0.1
        ("2002:a00:1::1", "a 6to4 address embedding 10.0.0.1"),
        ("64:ff9b::a00:1", "a NAT64 address embedding 10.0.0.1"),
    ],
)
def test_an_allowlisted_network_does_not_let_a_tunnel_form_embedding_it_through(address, form):
    allowlist = Allowlist(["10.0.0.0/24"])
    ip = ipaddress.ip_address(address)
    assert refusal(ip) == f"{form}, a private address"
    assert not allowlist.allows(["elsewhere"], ip)
    assert Allowlist([f"{ip}/128"]).allows(["elsewhere"], ip)  # the address connected to may itself be allowed


def test_an_allowlisted_network_matches_the_ipv4_address_a_mapped_address_connects_to():
    assert Allowlist(["10.0.0.0/24"]).allows(["elsewhere"], ipaddress.ip_address("::ffff:10.0.0.1"))
    assert not Allowlist(["10.0.0.0/24"]).allows(["elsewhere"], ipaddress.ip_address("::ffff:10.0.1.1"))
    assert Allowlist(["::ffff:10.0.0.0/120"]).allows(["elsewhere"], ipaddress.ip_address("10.0.0.1"))


async def test_a_tunnel_form_of_an_allowlisted_network_is_refused_before_connecting():
    from bot.config import Settings
    from bot.sources.fetch import FetchError, fetch

    settings = Settings().replace("fetch", allowlist=["10.0.0.0/24"])
    for address in ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "2002:a00:1::1", "64:ff9b::a00:1"):
        with pytest.raises(FetchError) as refused:
            await fetch(f"http://[{address}]/", settings)
        assert str(refused.value).startswith(f"refused: {address} is a ")
