"""Turn a SOURCE argument (path, '-', or pasted text) into a clean `Document`.

Every failure is a `BriefbotError` whose message names the source and the reason in one line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import Settings
from bot.models import BriefbotError, Document
from bot.sources.clean import clean_pasted_text

TEXT_SUFFIXES = (".txt", ".text", ".md")


class SourceError(BriefbotError):
    """A source that cannot be read; the message names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{_short(source)}: {reason}")
        self.source = source
        self.reason = reason


def _short(source: str, limit: int = 80) -> str:
    source = source.replace("\n", " ")
    return source if len(source) <= limit else source[: limit - 1] + "…"


def document_from_text(
    raw: str,
    settings: Settings,
    *,
    input: str = "-",
    url: str | None = None,
    title: str | None = None,
    site: str | None = None,
    author: str | None = None,
    published: str | None = None,
    clean: bool = True,
) -> Document:
    """A Document from text: pasted text is cleaned of site furniture; size limits are enforced."""
    if clean:
        cleaned = clean_pasted_text(raw, title=title)
        text, title, warnings = cleaned.text, cleaned.title, cleaned.warnings
    else:
        text, warnings = raw.strip(), []
    words = len(text.split())
    if words == 0:
        raise SourceError(input, "there is no article text in it")
    limit = settings.limits.max_source_words
    if words > limit:
        raise SourceError(input, f"too long: {words} words (the limit is {limit}; see limits.max_source_words)")
    return Document(
        text=text, input=input, url=url, title=title, site=site, author=author, published=published,
        warnings=warnings,
    )


def read_stdin(settings: Settings) -> Document:
    data = sys.stdin.buffer.read()
    return document_from_text(_decode(data, "-"), settings, input="-")


def read_file(path_text: str, settings: Settings) -> Document:
    path = Path(path_text)
    if not path.exists():
        raise SourceError(path_text, "no such file")
    if path.is_dir():
        raise SourceError(path_text, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise SourceError(path_text, f"unsupported file type '{suffix or path.name}' (use .txt, .html, .pdf)")
    try:
        size = path.stat().st_size
        if size > settings.limits.max_download_bytes:
            raise SourceError(path_text, f"too large: {size} bytes (limit {settings.limits.max_download_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path_text, f"cannot read it ({exc.strerror or exc})") from None
    return document_from_text(_decode(data, path_text), settings, input=path_text)


def _decode(data: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if b"\x00" in data[:4096]:
        raise SourceError(source, "looks like a binary file, not text")
    return data.decode("cp1252", errors="replace")


async def read_source(source: str, settings: Settings) -> Document:
    """Read one SOURCE argument as the command line gives it."""
    if source == "-":
        return read_stdin(settings)
    if "://" in source:
        raise SourceError(source, "links are not supported yet")
    return read_file(source, settings)
