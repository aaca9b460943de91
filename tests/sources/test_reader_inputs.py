"""Every input path within the same byte cap, and never waiting on one: standard input (closed, endless, over
the cap), FIFOs with and without a writer, device files, and UTF-16 named by the HTTP header without a BOM."""

from __future__ import annotations

import io
import os
import re
import sys
import threading

import pytest

from bot.config import Settings
from bot.sources.reader import SourceError, read_source

SMALL = Settings().replace("limits", max_download_bytes=1000)
ARTICLE = "The council voted on Tuesday to build the bridge, the mayor said in a statement.\n"


async def failure(source: str, settings: Settings = SMALL) -> str:
    with pytest.raises(SourceError) as failed:
        await read_source(source, settings)
    return str(failed.value)


async def test_closed_standard_input_has_its_own_message(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives a process started with `<&-`
    assert await failure("-") == "-: standard input is closed (pipe or redirect the article's text into it)"


async def test_standard_input_over_the_cap_is_refused_after_reading_only_the_cap(monkeypatch):
    endless = io.BytesIO(b"yes\n" * 100_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless))
    assert await failure("-") == "-: too large: more than 1000 bytes (see limits.max_download_bytes)"
    assert endless.tell() <= 64 * 1024  # a buffered read of the cap, not the whole stream


async def test_standard_input_within_the_cap_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    doc = await read_source("-", SMALL)
    assert doc.text == ARTICLE.strip()


async def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    assert await failure(str(fifo)) == f"{fifo}: is a named pipe (FIFO), not a regular file"


async def test_a_fifo_with_an_endless_writer_is_refused(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write_forever():
        try:
            with open(fifo, "wb") as pipe:
                while not stop.is_set():
                    pipe.write(b"x" * 4096)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    try:
        assert await failure(str(fifo)) == f"{fifo}: is a named pipe (FIFO), not a regular file"
    finally:
        stop.set()
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # lets a writer still opening it go on and end


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
async def test_a_link_to_a_device_is_refused(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    link = tmp_path / "article.txt"
    link.symlink_to(device)
    assert await failure(str(link)) == f"{link}: is a device, not a regular file"


async def test_a_file_over_the_cap_is_refused(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE * 100)
    assert await failure(str(path)) == (
        f"{path}: too large: {len(ARTICLE) * 100} bytes (the limit is 1000; see limits.max_download_bytes)"
    )


async def test_a_source_named_with_a_newline_is_named_once_on_one_line(tmp_path):
    said = await failure("no\nsuch.txt")
    assert said == "no such.txt: no such file"


@pytest.mark.parametrize("label", ["UTF-16LE", "utf-16"])
async def test_utf16le_named_by_the_http_header_without_a_bom_is_read(server, settings, label):
    server.page("/a.txt", ARTICLE.encode("utf-16-le"), content_type=f"text/plain; charset={label}")
    doc = await read_source(server.url("/a.txt"), settings)
    assert doc.text == ARTICLE.strip()


async def test_a_page_naming_utf16_only_in_its_meta_charset_is_still_refused_as_binary(server, settings):
    page = '<html><head><meta charset="utf-16"></head><body><p>x</p></body></html>'.encode("utf-16-le")
    server.page("/a.html", page, content_type="text/html")
    said = await failure(server.url("/a.html"), settings)
    assert said == f"{server.url('/a.html')}: looks like a binary file, not text"


async def test_a_million_character_text_is_reduced_to_its_opening_with_a_warning(tmp_path):
    paragraph = "The council met on Tuesday and the mayor said the bridge would open next year. " * 5
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([paragraph] * 2600))
    text_length = len(path.read_text())
    assert text_length > 1_000_000
    doc = await read_source(str(path), Settings())
    assert len(doc.text) <= Settings().limits.max_source_chars and doc.text.endswith("next year.")
    (warning,) = doc.warnings
    kept = int(re.search(r"only its first ([\d,]+) were read", warning).group(1).replace(",", ""))
    assert Settings().limits.max_source_chars // 2 < kept <= Settings().limits.max_source_chars
    assert warning == (
        f"the text is {text_length:,} characters long: only its first {kept:,} were read (see limits.max_source_chars)"
    )
