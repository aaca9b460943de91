"""Which network addresses a link may reach: only globally routable ones, unless the config allowlists them.

Hosts are read as the operating system's resolver reads them (127.1, 2130706433, 0x7f000001 and 0177.0.0.1
are all 127.0.0.1), and IPv6 addresses that embed an IPv4 address (IPv4-mapped, 6to4, NAT64, Teredo) are
judged by the address they embed as well as by their own. An allowlist entry matches only the address that is
connected to (see `Allowlist.allows`), never one derived from it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_SHARED = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
_PRIVATE = [ipaddress.ip_network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # the well-known NAT64 prefix (RFC 6052)
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")  # local-use NAT64 (RFC 8215), never global
_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")  # IPv4-mapped (RFC 4291)

# One part of a numeric IPv4 host as inet_aton reads it: hexadecimal, octal (leading 0) or decimal.
_NUMERIC_PART = re.compile(r"0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*", re.IGNORECASE)


class NotAnAddress(ValueError):
    """A host written as a number that is no valid IPv4 address (999.1.1.1, 0x1ffffffff)."""


def parse_numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The address a numeric host means to the OS resolver (127.1 → 127.0.0.1), or None for a host name."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # a trailing dot, as in "127.0.0.1."
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.fullmatch(part) for part in parts):
        return None
    numbers = [_part_value(part) for part in parts]
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        raise NotAnAddress(f"'{host}' is not a valid IPv4 address")
    value = last
    for i, number in enumerate(leading):
        value += number << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _part_value(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:], 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part)


def host_address(host: str) -> IPAddress | None:
    """The address a host spells out (an IPv6 literal or any numeric IPv4 form), or None for a host name."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise NotAnAddress(f"'{host}' is not a valid IPv6 address") from None
    return parse_numeric_ipv4(host)


def embedded_ipv4(address: IPAddress) -> list[tuple[str, ipaddress.IPv4Address]]:
    """IPv4 addresses an IPv6 address carries, each with the form that carries it ("a 6to4"...)."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    if address.ipv4_mapped is not None:
        return [("an IPv4-mapped", address.ipv4_mapped)]
    if address in _NAT64:
        return [("a NAT64", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))]
    if address.sixtofour is not None:
        return [("a 6to4", address.sixtofour)]
    if address.teredo is not None:
        server, client = address.teredo
        return [("a Teredo", server), ("a Teredo", client)]
    return []


def refusal(address: IPAddress) -> str | None:
    """What makes `address` off limits ("a loopback address"), or None when it is public."""
    embedded = embedded_ipv4(address)
    for form, inner in embedded:
        kind = _non_public_kind(inner)
        if kind:
            return f"{form} address embedding {inner}, {kind}"
    if embedded and embedded[0][0] in ("an IPv4-mapped", "a NAT64"):
        return None  # the connection goes to the embedded IPv4 address, which is public
    return _non_public_kind(address)


def _non_public_kind(address: IPAddress) -> str | None:
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if any(address in network for network in _PRIVATE):
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private or not address.is_global or address in _LOCAL_NAT64:
        return "not a globally routable address"
    return None


class Allowlist:
    """Hosts and networks (config `fetch.allowlist`) that may be fetched although they are not public."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.hosts: set[str] = set()
        self.networks: list[IPNetwork] = []
        for entry in entries:
            try:
                self.networks.append(_connected_network(ipaddress.ip_network(entry, strict=False)))
            except ValueError:
                self.hosts.add(_host_key(entry))

    def allows(self, host_names: Iterable[str], address: IPAddress) -> bool:
        """True when one of the host's names is allowlisted, or the address the connection goes to is in an
        allowlisted network. That is the address itself, or for an IPv4-mapped address the IPv4 address it
        maps (the system connects to it over IPv4); a 6to4, NAT64 or Teredo address goes to a relay or
        gateway, not to the IPv4 address it embeds, so only the IPv6 address itself can be allowlisted."""
        if any(_host_key(name) in self.hosts for name in host_names):
            return True
        connected = connected_address(address)
        return any(candidate in network for candidate in {address, connected} for network in self.networks)


def _connected_network(network: IPNetwork) -> IPNetwork:
    """An IPv4-mapped network entry (::ffff:10.0.0.0/120) as the IPv4 network its addresses connect to."""
    if isinstance(network, ipaddress.IPv6Network) and network.subnet_of(_MAPPED) and network.prefixlen >= 96:
        return ipaddress.IPv4Network((int(network.network_address) & 0xFFFFFFFF, network.prefixlen - 96))
    return network


def connected_address(address: IPAddress) -> IPAddress:
    """The address a connection to `address` reaches: an IPv4-mapped IPv6 address is its IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _host_key(host: str) -> str:
    return host.strip().lower().rstrip(".")
