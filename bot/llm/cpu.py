"""What /proc/cpuinfo says of this processor: its model name, its feature flags and its vendor, read once per call."""

from __future__ import annotations

CPUINFO = "/proc/cpuinfo"
FLAG_KEYS = ("flags", "Features")  # x86's name for the feature flags, Arm's


def _first_processor(cpuinfo: str) -> dict[str, str]:
    """The first value of each key of /proc/cpuinfo, read up to the first processor's feature flags (which come
    after its model name and vendor); empty when the file cannot be read."""
    fields: dict[str, str] = {}
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                key = key.strip()
                fields.setdefault(key, value)
                if key in FLAG_KEYS:
                    break
    except OSError:
        pass
    return fields


def read_cpuinfo(cpuinfo: str = CPUINFO) -> tuple[str | None, set[str] | None]:
    """(the first processor's model name, its feature flags: x86 "flags" or Arm "Features"); None for what the
    file does not say or when it cannot be read."""
    fields = _first_processor(cpuinfo)
    name = fields.get("model name")
    flags = next((fields[key] for key in FLAG_KEYS if key in fields), None)
    return (None if name is None else name.strip()), (None if flags is None else set(flags.split()))


def read_vendor(cpuinfo: str = CPUINFO) -> str | None:
    """The first processor's vendor ("GenuineIntel", "AuthenticAMD"), None where the file does not say."""
    vendor = _first_processor(cpuinfo).get("vendor_id")
    return None if vendor is None else vendor.strip()
