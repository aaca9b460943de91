"""Extraction: trafilatura's main text and metadata kept as it gives them, charsets, and PDFs read in time."""

from __future__ import annotations

import io
import threading
import time

import pytest
from pypdf import PageObject, PdfWriter

from bot.sources.extract import (
    NO_ARTICLE_TEXT,
    NO_PDF_TEXT,
    ExtractError,
    decode_html,
    decode_text,
    extract_html,
    extract_pdf,
)


# -- HTML -----------------------------------------------------------------------------------------------
def test_the_article_and_its_metadata_are_found(article_page):
    article = extract_html(article_page(), url="https://gazette.example/news/bridge")
    assert article.title == "Riverton Council Approves Harbour Bridge"
    assert article.author == "Maria Lopez"
    assert article.published == "2024-03-05"
    assert article.site == "The Riverton Gazette"
    assert "“We have waited long enough for a safe crossing,” said Mayor Ana Ruiz" in article.text


@pytest.mark.parametrize(
    "furniture",
    ["Politics", "Subscribe to our newsletter", "Related stories", "Ferry service", "Commenter Bob", "Copyright"],
)
def test_navigation_related_links_comments_and_footer_are_left_out(article_page, furniture):
    assert furniture not in extract_html(article_page()).text


def test_the_main_text_is_not_put_through_the_pasted_text_cleaning(article_page, article_paragraphs):
    """A paragraph that looks like site furniture to the paste cleaner stays: trafilatura already decided."""
    paragraph = "Read more about the history of the crossing in the council's own report, published last year."
    article = extract_html(article_page([paragraph, *article_paragraphs]))
    assert paragraph in article.text


def test_only_whitespace_is_normalised(article_page):
    spaced = ["The   council\u00a0voted\ton Tuesday to build the bridge over the river, ending a long debate."]
    article = extract_html(article_page(spaced * 3))
    assert "The council voted on Tuesday to build the bridge" in article.text
    assert "  " not in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>App</title></head><body><div id='root'></div>"
        "<script>window.render({article: 'loaded later'})</script></body></html>",
        "<html><body></body></html>",
        "",
    ],
)
def test_a_page_without_article_text_suggests_pasting_it(page):
    with pytest.raises(ExtractError) as failed:
        extract_html(page)
    assert str(failed.value) == NO_ARTICLE_TEXT
    assert "paste the article's text instead" in NO_ARTICLE_TEXT


def test_a_year_in_the_text_is_not_taken_for_the_publication_date():
    paragraphs = "".join(
        f"<p>The council said traffic had not grown like this since 2015, in report number {n} of the series, "
        "which residents read closely before the vote on the harbour bridge last week.</p>"
        for n in range(6)
    )
    page = f"<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>{paragraphs}</article>"
    article = extract_html(page)
    assert "since 2015" in article.text
    assert article.published is None


# -- charsets -------------------------------------------------------------------------------------------
def test_a_byte_order_mark_wins_over_every_label():
    assert decode_html("<p>Привет</p>".encode("utf-8-sig"), "windows-1252") == "<p>Привет</p>"
    assert decode_text("Grüße".encode("utf-16")) == "Grüße"


def test_the_meta_charset_and_the_xml_declaration_are_read():
    meta = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>Мост</html>'
    assert decode_html(meta.encode("koi8-r")).endswith("Мост</html>")
    xhtml = '<?xml version="1.0" encoding="windows-1251"?><html>Мост</html>'
    assert decode_html(xhtml.encode("cp1251")).endswith("Мост</html>")


@pytest.mark.parametrize("label", ["no-such-charset", "base64", "zlib"])
def test_unknown_or_non_text_labels_are_ignored(label):
    assert decode_html(f'<meta charset="{label}"><p>café</p>'.encode(), label).endswith("café</p>")


def test_binary_data_is_not_text():
    with pytest.raises(ExtractError, match="looks like a binary file"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


# -- PDF ------------------------------------------------------------------------------------------------
async def test_a_pdf_gives_its_text_title_and_author(pdf_file):
    pdf = pdf_file(
        ["The council voted on Tuesday.\nMayor Ana Ruiz welcomed it.", "Work begins in spring."],
        title="Council minutes",
        author="City Clerk",
    )
    article = await extract_pdf(pdf, timeout_s=10, max_pages=100)
    assert article.text == "The council voted on Tuesday. Mayor Ana Ruiz welcomed it.\n\nWork begins in spring."
    assert (article.title, article.author) == ("Council minutes", "City Clerk")
    assert article.warnings == []


async def test_pages_past_the_cap_are_left_out_with_a_warning(pdf_file):
    article = await extract_pdf(pdf_file(["Page one.", "Page two.", "Page three."]), timeout_s=10, max_pages=2)
    assert article.text == "Page one.\n\nPage two."
    assert article.warnings == ["only the first 2 of 3 pages were read (see limits.max_pdf_pages)"]


def _encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def test_a_pdf_that_needs_a_password_is_unreadable(pdf_file):
    with pytest.raises(ExtractError, match=r"unreadable PDF \(it is encrypted\)"):
        await extract_pdf(_encrypted(pdf_file(["Secret minutes."]), "secret"), timeout_s=10, max_pages=10)


async def test_a_pdf_encrypted_without_a_password_is_read(pdf_file):
    article = await extract_pdf(_encrypted(pdf_file(["Open minutes."]), ""), timeout_s=10, max_pages=10)
    assert article.text == "Open minutes."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "unreadable PDF (Stream has ended unexpectedly)"),
        (b"not a pdf at all", "unreadable PDF (it is not a PDF file)"),
        (b"", "unreadable PDF (it is not a PDF file)"),
    ],
)
async def test_a_corrupt_pdf_is_unreadable(data, reason):
    with pytest.raises(ExtractError) as failed:
        await extract_pdf(data, timeout_s=10, max_pages=10)
    assert str(failed.value) == reason


async def test_a_pdf_without_text_suggests_pasting_it(pdf_file):
    with pytest.raises(ExtractError) as failed:
        await extract_pdf(pdf_file([""]), timeout_s=10, max_pages=10)
    assert str(failed.value) == NO_PDF_TEXT


async def test_a_pdf_that_takes_too_long_is_abandoned(pdf_file, monkeypatch):
    """The wait ends at the time limit; the worker thread stops at the next page once it is let go."""
    let_go = threading.Event()
    pages_read = []

    def stuck(self, *args, **kwargs):
        pages_read.append(1)
        let_go.wait(5)
        return "text"

    monkeypatch.setattr(PageObject, "extract_text", stuck)
    started = time.monotonic()
    with pytest.raises(ExtractError, match=r"timed out reading the PDF \(more than 0.2 s"):
        await extract_pdf(pdf_file(["one", "two", "three"]), timeout_s=0.2, max_pages=10)
    assert time.monotonic() - started < 2
    let_go.set()
    time.sleep(0.1)
    assert pages_read == [1]
