"""Turn a SOURCE (a link, a .txt/.html/.pdf file, '-' for standard input, an upload, pasted text) into a Document.

Every failure is a `SourceError` whose message names the source and the reason in one line.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import Literal

from bot.config import Settings
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
    warnings: list[str] | None = None,
) -> Document:
    """A Document from text: pasted text is cleaned of site furniture, other text only of odd whitespace."""
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
    )


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
    return await _read_body(sys.stdin.buffer.read(), "pasted", "-", settings)


async def read_file(path_text: str, settings: Settings) -> Document:
    path = Path(path_text)
    if not path.exists():
        raise SourceError(path_text, "no such file")
    if path.is_dir():
        raise SourceError(path_text, "is a folder, not a file")
    kind = _kind_of_file(path_text)
    try:
        size = path.stat().st_size
        _check_size(size, path_text, settings)
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path_text, f"cannot read it ({exc.strerror or exc})") from None
    return await _read_body(data, kind, path_text, settings)


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


def _check_size(size: int, source: str, settings: Settings) -> None:
    limit = settings.limits.max_download_bytes
    if size > limit:
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
        clean=False,
        warnings=article.warnings,
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
