"""The text of a downloaded or uploaded body: charsets decoded, HTML through trafilatura, PDF through pypdf.

trafilatura's main text is kept as it gives it (only whitespace is normalised), at its default balance of
precision and recall, without comments. PDFs are read page by page in a thread of their own, with a page cap
and a time limit after which the thread is abandoned and stops at the next page; their wrapped lines are
joined back into paragraphs (bot.sources.pdf_prose).
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import io
import logging
import re
import threading
from dataclasses import dataclass, field

import charset_normalizer

from bot.models import BriefbotError
from bot.sources.clean import normalise_whitespace
from bot.sources.page_section import page_section
from bot.sources.pdf_prose import join_pdf_pages

NO_ARTICLE_TEXT = "no article text found (paywall, login or script-only page?) — paste the article's text instead"
NO_PDF_TEXT = "no text found in the PDF (a scanned image?) — paste its text instead"

# Labels that browsers read as another encoding (WHATWG Encoding Standard): latin-1 and ASCII pages are
# really windows-1252, and a UTF-16 label without a byte-order mark is wrong (a BOM is checked first).
_BROWSER_CODECS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
# A UTF-16 label in the HTTP header is honoured without a BOM (WHATWG: "utf-16" alone is little-endian).
_HEADER_UTF16 = {"utf-16": "utf-16-le", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:+-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:+-]+)""", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# pypdf logs a warning for each flaw of a damaged file; the one-line "unreadable PDF" error says enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class ExtractError(BriefbotError):
    """A body with no readable text in it; the message is the reason, in one line."""


@dataclass
class Article:
    """The main text of a source and what is known about it."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    site: str | None = None
    warnings: list[str] = field(default_factory=list)
    section: str | None = None  # the page's section: its metadata's ("Opinion"), else its address's


# -- charsets --------------------------------------------------------------------------------------------
def decode_text(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: by byte-order mark, else the declared charset, else UTF-8, else the detected one."""
    return _decode(data, [declared] if declared else [], header=declared)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """An HTML page's text: byte-order mark, the HTTP charset, then the page's own meta charset, then detection."""
    head = data[:4096]
    in_page = [match.decode("ascii") for pattern in (_XML_ENCODING, _META_CHARSET) for match in pattern.findall(head)]
    return _decode(data, [declared, *in_page] if declared else in_page, header=declared)


def _decode(data: bytes, labels: list[str], *, header: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    header_utf16 = _HEADER_UTF16.get(_codec_name(header) or "")
    if header_utf16:  # the HTTP header may name UTF-16 without a BOM; a page's meta charset may not
        return data.decode(header_utf16, errors="replace")
    if b"\x00" in data[:4096]:
        raise ExtractError("looks like a binary file, not text")
    codecs_to_try = [codec for codec in map(_codec, labels) if codec]
    for codec in dict.fromkeys([*codecs_to_try, "utf-8"]):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    return data.decode(best.encoding if best else "cp1252", errors="replace")


def _codec(label: str) -> str | None:
    name = _codec_name(label)
    return _BROWSER_CODECS.get(name, name) if name else None


def _codec_name(label: str | None) -> str | None:
    try:
        name = codecs.lookup((label or "").strip()).name
        b"<".decode(name, errors="ignore")  # refuses codecs that are no text encoding (base64, zlib...)
    except (LookupError, UnicodeError):
        return None
    return name


# -- HTML ------------------------------------------------------------------------------------------------
def extract_html(html: str, url: str | None = None) -> Article:
    """The main text of a web page with its title, author, date and site name, as trafilatura finds them."""
    # Dates only from the page's markup (meta tags, <time>, the address): htmldate's extensive search reads
    # a year in the text ("not seen since 2015") as the publication date "2015-01-01".
    import trafilatura  # imported on first use: a plain-text source never needs it (start-up time)
    from trafilatura.settings import set_date_params

    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=set_date_params(False)
    )
    text = normalise_whitespace(found.text) if found is not None and found.text else ""
    if not text:
        raise ExtractError(NO_ARTICLE_TEXT)
    published = found.date if found.date and _ISO_DATE.fullmatch(found.date) else None
    return Article(
        text=text,
        title=_field(found.title),
        author=_field(found.author),
        published=published,
        site=_field(found.sitename),
        section=page_section(html, url, found.url),
    )


def _field(value: object) -> str | None:
    text = normalise_whitespace(str(value)) if value else ""
    return text or None


# -- PDF -------------------------------------------------------------------------------------------------
async def extract_pdf(data: bytes, *, timeout_s: float, max_pages: int) -> Article:
    """The text of a PDF's first `max_pages` pages, read in a thread that is abandoned after `timeout_s`."""
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[Article] = loop.create_future()
    stop = threading.Event()

    def work() -> None:
        try:
            result: Article | Exception = _read_pdf(data, max_pages, stop)
        except Exception as exc:  # handed over to the waiting task
            result = exc
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits any more
            loop.call_soon_threadsafe(_settle, outcome, result)

    threading.Thread(target=work, name="pdf-text", daemon=True).start()
    try:
        return await asyncio.wait_for(outcome, timeout_s)
    except TimeoutError:
        raise ExtractError(f"timed out reading the PDF (more than {timeout_s:g} s; see limits.pdf_timeout_s)") from None
    finally:
        stop.set()


def _settle(outcome: asyncio.Future[Article], result: Article | Exception) -> None:
    if outcome.done():
        return
    if isinstance(result, Exception):
        outcome.set_exception(result)
    else:
        outcome.set_result(result)


def _read_pdf(data: bytes, max_pages: int, stop: threading.Event) -> Article:
    if b"%PDF-" not in data[:1024]:
        raise ExtractError("unreadable PDF (it is not a PDF file)")
    from pypdf import PdfReader  # imported on first use, like trafilatura

    try:
        reader = PdfReader(io.BytesIO(data))
        _decrypt_if_needed(reader)
        total = len(reader.pages)
        texts = []
        for number in range(min(total, max_pages)):
            if stop.is_set():
                raise ExtractError("stopped: nobody waits for this PDF any more")
            texts.append(reader.pages[number].extract_text() or "")
        info = reader.metadata
    except ExtractError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise ExtractError(f"unreadable PDF ({_first_line(exc)})") from None
    text = normalise_whitespace(join_pdf_pages(texts))
    if not text:
        raise ExtractError(NO_PDF_TEXT)
    warnings = []
    if total > max_pages:
        warnings.append(f"only the first {max_pages} of {total} pages were read (see limits.max_pdf_pages)")
    return Article(
        text=text,
        title=_field(info.title) if info else None,
        author=_field(info.author) if info else None,
        warnings=warnings,
    )


def _decrypt_if_needed(reader) -> None:
    """Open a PDF that is encrypted without a password (common); one that needs a password is unreadable."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except Exception:  # an unknown or unsupported encryption
        opened = False
    if not opened:
        raise ExtractError("unreadable PDF (it is encrypted)")


def _first_line(exc: Exception) -> str:
    message = str(exc).strip().splitlines()
    return message[0][:120] if message else type(exc).__name__
