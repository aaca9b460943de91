"""Sources as users give them: links, .txt/.html/.pdf files, uploads, standard input; ids that stay stable."""

from __future__ import annotations

import io
import sys

import pytest

from bot.config import Settings
from bot.sources.fetch import canonical_link
from bot.sources.reader import SourceError, document_from_text, is_link, read_bytes, read_source

PASTED = "Council Approves the Bridge\n\nThe city council voted 7 to 2 on Tuesday.\n\nShare this:\nFacebook\n"


@pytest.mark.parametrize(
    ("link", "canonical"),
    [
        ("HTTP://Example.COM:80/a?b=1#frag", "http://example.com/a?b=1"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:443/x#", "https://example.com/x"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("http://0x7f000001:8080/x", "http://127.0.0.1:8080/x"),
        ("http://Bücher.example/", "http://xn--bcher-kva.example/"),
    ],
)
def test_links_are_normalised_so_the_same_article_keeps_its_id(link, canonical):
    assert canonical_link(link) == canonical


@pytest.mark.parametrize(("source", "link"), [("https://x.example/a", True), ("ftp://x", True), ("notes.txt", False)])
def test_links_are_told_from_paths(source, link):
    assert is_link(source) is link


async def test_an_html_file_is_extracted(tmp_path, article_page):
    path = tmp_path / "bridge.htm"
    path.write_text(article_page(), encoding="utf-8")
    doc = await read_source(str(path), Settings())
    assert (doc.title, doc.author, doc.published, doc.site) == (
        "Riverton Council Approves Harbour Bridge",
        "Maria Lopez",
        "2024-03-05",
        "The Riverton Gazette",
    )
    assert doc.url is None
    assert doc.input == str(path)
    assert "Commenter Bob" not in doc.text


async def test_a_pdf_file_is_extracted(tmp_path, pdf_file):
    path = tmp_path / "minutes.PDF"
    path.write_bytes(pdf_file(["The council voted on Tuesday."], title="Minutes"))
    doc = await read_source(str(path), Settings())
    assert (doc.text, doc.title) == ("The council voted on Tuesday.", "Minutes")


async def test_a_text_file_is_cleaned_like_pasted_text(tmp_path):
    path = tmp_path / "pasted.txt"
    path.write_text(PASTED, encoding="utf-8")
    doc = await read_source(str(path), Settings())
    assert doc.title == "Council Approves the Bridge"
    assert doc.text == "The city council voted 7 to 2 on Tuesday."


async def test_standard_input_is_read_as_pasted_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PASTED.encode("utf-8"))))
    doc = await read_source("-", Settings())
    assert doc.text == "The city council voted 7 to 2 on Tuesday."


@pytest.mark.parametrize("name", ["Article.HTML", "article.html", "article.htm", "article.xhtml"])
async def test_uploads_are_read_by_their_file_name(name, article_page):
    doc = await read_bytes(article_page().encode("utf-8"), name, Settings())
    assert doc.title == "Riverton Council Approves Harbour Bridge"
    assert doc.input == name


async def test_uploaded_text_and_pdf(pdf_file):
    text = await read_bytes(PASTED.encode("utf-8"), "notes.txt", Settings())
    pdf = await read_bytes(pdf_file(["Work begins in spring."]), "minutes.pdf", Settings())
    assert text.text == "The city council voted 7 to 2 on Tuesday."
    assert pdf.text == "Work begins in spring."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.png", b"\x89PNG", "photo.png: unsupported file type '.png' (use .txt, .html, .pdf)"),
        ("README", b"text", "README: unsupported file type 'README' (use .txt, .html, .pdf)"),
        ("big.txt", b"word " * 2000, "big.txt: too large: 10000 bytes (the limit is 5000"),
        ("scan.pdf", b"%PDF-1.4 broken", "scan.pdf: unreadable PDF ("),
        ("app.html", b"<html><body><script>render()</script></body></html>", "app.html: no article text found"),
    ],
)
async def test_uploads_that_cannot_be_read_are_one_line(name, data, reason):
    settings = Settings().replace("limits", max_download_bytes=5000)
    with pytest.raises(SourceError) as failed:
        await read_bytes(data, name, settings)
    assert str(failed.value).startswith(reason)


async def test_the_same_text_gets_the_same_id_whatever_its_whitespace():
    first = await read_bytes(b"The council voted on Tuesday.\n\nWork begins in spring.", "a.txt", Settings())
    again = document_from_text("The council  voted on Tuesday.\nWork begins in spring.", Settings())
    assert first.id == again.id


async def test_a_page_longer_than_the_word_limit_is_refused(article_page):
    settings = Settings().replace("limits", max_source_words=100)
    with pytest.raises(SourceError, match=r"page.html: too long: \d+ words \(the limit is 100"):
        await read_bytes(article_page().encode(), "page.html", settings)
