"""Turn a SOURCE (a link, a .txt/.html/.pdf file, '-' for standard input, an upload, pasted text) into a Document.

Every failure is a `SourceError` whose message names the source and the reason in one line.
"""

from __future__ import annotations

import asyncio
import os
import re
import stat
import sys
from pathlib import Path
from typing import Literal

from bot.config import Settings
from bot.messages import message, outside
from bot.models import BriefbotError, Document
from bot.sources.clean import clean_pasted_text, normalise_whitespace
from bot.sources.extract import Article, ExtractError, decode_html, decode_text, extract_html, extract_pdf

# How a body is read: "pasted" text is cleaned of site furniture, "text" is kept as it is.
BodyKind = Literal["pasted", "text", "html", "pdf"]

FILE_KINDS: dict[str, BodyKind] = {
    ".txt": "pasted",
    ".text": "pasted",
    ".md": "pasted",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
_LINK = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")


class SourceError(BriefbotError):
    """A source that cannot be read; the message names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(message(f"{outside(source)}: {reason}"))
        self.source = source
        self.reason = reason


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
    warnings: list[str] | None = None,
    section: str | None = None,
) -> Document:
    """A Document from text: pasted text is cleaned of site furniture, other text only of odd whitespace.

    Only the opening `limits.max_source_chars` characters are read (cut at a paragraph break), with a warning:
    a news article puts what matters first, and the cap bounds the memory and time of every job on it."""
    raw, reduced = opening(raw, settings.limits.max_source_chars)
    warnings = [*(warnings or []), *reduced]
    if clean:
        cleaned = clean_pasted_text(raw, title=title)
        text, title = cleaned.text, cleaned.title
        warnings = [*(warnings or []), *cleaned.warnings]
    else:
        text = normalise_whitespace(raw)
    words = len(text.split())
    if words == 0:
        raise SourceError(input, "there is no article text in it")
    limit = settings.limits.max_source_words
    if words > limit:
        raise SourceError(input, f"too long: {words} words (the limit is {limit}; see limits.max_source_words)")
    return Document(
        text=text,
        input=input,
        url=url,
        title=title,
        site=site,
        author=author,
        published=published,
        warnings=list(warnings or []),
        section=section,
    )


def opening(text: str, limit: int) -> tuple[str, list[str]]:
    """`text` cut to at most `limit` characters after its last paragraph break (else line break, sentence end
    or space) in the second half, and the warning that says so; the whole text, and no warning, if it fits."""
    if len(text) <= limit:
        return text, []
    window = text[:limit]
    cut = next((window.rfind(b) for b in ("\n\n", "\n", ". ", " ") if window.rfind(b) >= limit // 2), limit)
    kept = text[: cut + 1 if window.startswith(". ", cut) else cut].rstrip()
    return kept, [
        f"the text is {len(text):,} characters long: only its first {len(kept):,} were read "
        "(see limits.max_source_chars)"
    ]


def is_link(source: str) -> bool:
    """True for anything written as scheme://… (refused later unless it is http or https)."""
    return bool(_LINK.match(source))


async def read_source(source: str, settings: Settings) -> Document:
    """Read one SOURCE argument as the command line gives it: a link, a file path, or '-' for standard input."""
    if source == "-":
        return await read_stdin(settings)
    if is_link(source):
        return await read_link(source, settings)
    return await read_file(source, settings)


async def read_link(link: str, settings: Settings) -> Document:
    """Download a web page, text or PDF safely and read it; the id comes from the link as given, normalised."""
    from bot.sources.fetch import FetchError, canonical_link, fetch  # aiohttp: imported only when a link is read

    try:
        url = canonical_link(link)
        page = await fetch(url, settings)
    except FetchError as exc:
        raise SourceError(link, str(exc)) from None
    return await _read_body(page.body, page.kind, link, settings, charset=page.charset, url=url, page_url=page.url)


async def read_stdin(settings: Settings) -> Document:
    """Standard input, read up to the byte cap (more is refused, not read to the end)."""
    stream = sys.stdin
    if stream is None or stream.closed:
        raise SourceError("-", "standard input is closed (pipe or redirect the article's text into it)")
    try:
        data = stream.buffer.read(settings.limits.max_download_bytes + 1)
    except (OSError, ValueError) as exc:
        raise SourceError("-", f"cannot read standard input ({_os_reason(exc)})") from None
    _check_size(len(data), "-", settings, at_least=True)
    return await _read_body(data, "pasted", "-", settings)


async def read_file(path_text: str, settings: Settings) -> Document:
    """A regular file, read up to the byte cap; a FIFO, device or socket is refused without waiting on it."""
    path = Path(path_text)
    if not path.exists():
        raise SourceError(path_text, "no such file")
    if path.is_dir():
        raise SourceError(path_text, "is a folder, not a file")
    kind = _kind_of_file(path_text)
    try:
        data = _read_regular_file(path, path_text, settings)
    except OSError as exc:
        raise SourceError(path_text, f"cannot read it ({_os_reason(exc)})") from None
    return await _read_body(data, kind, path_text, settings)


def _read_regular_file(path: Path, path_text: str, settings: Settings) -> bytes:
    # O_NONBLOCK: opening a FIFO with no writer returns at once (and is refused below) instead of waiting.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(path_text, f"is {_kind_of_node(mode)}, not a regular file")
        _check_size(os.fstat(file.fileno()).st_size, path_text, settings)
        data = file.read(settings.limits.max_download_bytes + 1)  # the file may grow after the check
    _check_size(len(data), path_text, settings, at_least=True)
    return data


def _kind_of_node(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _os_reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else "an input/output error"


async def read_bytes(data: bytes, filename: str, settings: Settings) -> Document:
    """Read an uploaded file (a Discord attachment); its name's suffix says how (.txt, .html/.htm, .pdf...)."""
    kind = _kind_of_file(filename)
    _check_size(len(data), filename, settings)
    return await _read_body(data, kind, filename, settings)


def _kind_of_file(name: str) -> BodyKind:
    suffix = Path(name).suffix.lower()
    if suffix not in FILE_KINDS:
        raise SourceError(name, f"unsupported file type '{suffix or Path(name).name}' (use .txt, .html, .pdf)")
    return FILE_KINDS[suffix]


def _check_size(size: int, source: str, settings: Settings, *, at_least: bool = False) -> None:
    """Refuse more than the byte cap; `at_least`: only the first cap + 1 bytes were read, the rest is unknown."""
    limit = settings.limits.max_download_bytes
    if size <= limit:
        return
    if at_least:
        raise SourceError(source, f"too large: more than {limit} bytes (see limits.max_download_bytes)")
    raise SourceError(source, f"too large: {size} bytes (the limit is {limit}; see limits.max_download_bytes)")


async def _read_body(
    data: bytes,
    kind: BodyKind,
    source: str,
    settings: Settings,
    *,
    charset: str | None = None,
    url: str | None = None,
    page_url: str | None = None,
) -> Document:
    """A Document from a body: `url` is the link the user gave (it names the source), `page_url` where it ended."""
    try:
        if kind == "pasted":
            return document_from_text(decode_text(data, charset), settings, input=source)
        article = await _extract(data, kind, settings, charset=charset, page_url=page_url)
    except ExtractError as exc:
        raise SourceError(source, str(exc)) from None
    return document_from_text(
        article.text,
        settings,
        input=source,
        url=url,
        title=article.title,
        site=article.site,
        author=article.author,
        published=article.published,
        clean=kind == "pdf",  # a PDF's text is prose like pasted text: its headline and furniture lines
        warnings=article.warnings,
        section=article.section,
    )


async def _extract(
    data: bytes, kind: BodyKind, settings: Settings, *, charset: str | None, page_url: str | None
) -> Article:
    if kind == "pdf":
        limits = settings.limits
        return await extract_pdf(data, timeout_s=limits.pdf_timeout_s, max_pages=limits.max_pdf_pages)
    if kind == "html":
        return await asyncio.to_thread(lambda: extract_html(decode_html(data, charset), page_url))
    return Article(text=decode_text(data, charset))
