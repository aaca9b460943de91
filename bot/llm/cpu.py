"""What /proc/cpuinfo says of this processor: its model name, its feature flags and its vendor, read once per call."""

from __future__ import annotations

CPUINFO = "/proc/cpuinfo"


def read_cpuinfo(cpuinfo: str = CPUINFO) -> tuple[str | None, set[str] | None]:
    """(the first processor's model name, its feature flags: x86 "flags" or Arm "Features"); None for what the
    file does not say or when it cannot be read."""
    name, flags = None, None
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "model name" and name is None:
                    name = value.strip()
                elif key in ("flags", "Features"):
                    flags = set(value.split())
                    break
    except OSError:
        pass
    return name, flags


def read_vendor(cpuinfo: str = CPUINFO) -> str | None:
    """The first processor's vendor ("GenuineIntel", "AuthenticAMD"), None where the file does not say."""
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key.strip() == "vendor_id":
                    return value.strip()
    except OSError:
        pass
    return None
