"""A page's section from its meta tags or its address: what marks an opinion piece before its text is read."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.sources.extract import extract_html
from bot.sources.page_section import opinion_address, page_section
from bot.sources.reader import read_source


def test_a_section_meta_tag_names_the_section_in_either_attribute_order():
    assert page_section('<head><meta property="article:section" content="Opinion"></head>') == "Opinion"
    assert page_section("<meta content='World &amp; Nation' name='section'>") == "World & Nation"
    assert page_section('<meta property="og:title" content="Opinion">') is None  # not a section tag


@pytest.mark.parametrize(
    ("url", "opinion"),
    [
        ("https://sputniknews.example/columnists/201911181077343476-royal-arrogance/", True),
        ("https://www.examiner.example/opinion/the-truth-comes-out", True),
        ("https://paper.example/news/2019/op-ed/why-the-bridge-can-wait", True),
        ("https://paper.example/news/opinion-poll-shows-lead", False),  # a word in a slug, not a segment
        ("https://paper.example/sports/columns-of-smoke", False),
    ],
)
def test_an_address_with_an_opinion_segment_marks_an_opinion_page(url, opinion):
    assert opinion_address(url) is opinion
    assert page_section("<head></head>", None, url) == ("Opinion" if opinion else None)


def test_the_pages_own_section_beats_its_address():
    page = '<meta property="article:section" content="Business">'
    assert page_section(page, "https://paper.example/opinion/x") == "Business"


def test_extraction_reads_the_section_from_the_page_and_from_its_canonical_address(article_page):
    page = article_page()
    assert extract_html(page).section is None
    tagged = page.replace("</head>", '<meta property="article:section" content="Opinion">\n</head>')
    assert extract_html(tagged).section == "Opinion"
    canonical = page.replace("</head>", '<link rel="canonical" href="https://gazette.example/columnists/bridge">\n</head>')
    assert extract_html(canonical).section == "Opinion"


async def test_a_read_html_file_carries_its_section(tmp_path, article_page):
    path = tmp_path / "column.html"
    path.write_text(article_page().replace("</head>", '<meta name="section" content="Opinion">\n</head>'), "utf-8")
    assert (await read_source(str(path), Settings())).section == "Opinion"


def test_a_byline_that_files_the_piece_as_argued_marks_an_opinion_page():
    page = ('<meta property="article:section" content="politics">'
            '<meta content="Analysis by Chris Cillizza, CNN Editor-at-large" name="author">')
    assert page_section(page) == "Opinion"
    assert page_section('<meta name="author" content="Perspective by Ann Lowe">') == "Opinion"
    assert page_section('<meta name="author" content="Ann Lowe, Analyst">') is None  # a reporter's byline
    assert page_section('<meta name="author" content="Ann Lowe">', "https://paper.example/opinion/x") == "Opinion"
