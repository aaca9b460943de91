"""Handing back the pages of a tensor read from a memory-mapped model file (Linux).

transformers maps a safetensors file and its tensors are views of that mapping: the pages a forward pass (or
packing, bot/llm/onednn.py) reads stay in the process's resident memory for as long as any tensor keeps the
mapping open. Once a layer's weights are copied elsewhere, `release` tells the kernel those pages are not
needed (madvise MADV_DONTNEED). Only a file mapping none of whose pages were written through it is released
from: reading the tensor again reads the same bytes back from the file, so a release can cost time but never
change a value. Anything else (memory of the process's own, a mapping with written pages, a system without
/proc or madvise) is left as it is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os

MADV_DONTNEED = 4
SMAPS = "/proc/self/smaps"


def release(tensors, mappings: list[tuple[int, int]] | None = None) -> int:
    """Release the whole pages of each (contiguous) tensor's bytes that are clean pages of a file mapping;
    returns how many tensors were released. `mappings` (from `clean_file_mappings`, read once for many
    calls) defaults to reading /proc/self/smaps now."""
    mappings = clean_file_mappings() if mappings is None else mappings
    if not mappings:
        return 0
    libc = _libc()
    if libc is None:
        return 0
    page = os.sysconf("SC_PAGE_SIZE")
    released = 0
    for tensor in tensors:
        if not tensor.is_contiguous():
            continue
        start = tensor.data_ptr()
        end = start + tensor.numel() * tensor.element_size()
        first, last = -(-start // page) * page, end // page * page
        if last <= first or not any(low <= start and end <= high for low, high in mappings):
            continue
        if libc.madvise(ctypes.c_void_p(first), ctypes.c_size_t(last - first), MADV_DONTNEED) == 0:
            released += 1
    return released


@functools.cache
def _libc():
    """The C library, found once: `find_library` runs `ldconfig -p` in a new process at every call, and packing
    releases each of the model's 211 layers on its own (0.3 s of a brief process). None where it cannot load."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    except OSError:
        return None


def clean_file_mappings(smaps: str = SMAPS) -> list[tuple[int, int]]:
    """The address ranges of this process's mappings of files that hold no anonymous pages (a page written
    through a private mapping becomes the process's own copy, counted as anonymous; a page of the file's
    cache that is dirty is still the file's content); empty where /proc cannot be read."""
    try:
        with open(smaps, encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    ranges: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for line in lines:
        fields = line.split()
        if not fields:
            continue
        if "-" in fields[0] and not fields[0].endswith(":"):  # "lo-hi perms offset dev inode [path]"
            if current is not None:
                ranges.append(current)
            low, _, high = fields[0].partition("-")
            is_file = len(fields) >= 6 and fields[5].startswith("/")
            current = (int(low, 16), int(high, 16)) if is_file else None
        elif current is not None and fields[0] == "Anonymous:" and fields[1] != "0":
            current = None
    if current is not None:
        ranges.append(current)
    return ranges
