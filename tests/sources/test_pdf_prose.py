"""PDFs read as prose: wrapped lines joined into sentences, hyphenated line ends mended, the same experts as
the same article in a .txt or .html file."""

from __future__ import annotations

from bot.analysis.experts import find_experts
from bot.analysis.nlp import parse, sentences_of
from bot.config import Settings
from bot.sources.pdf_prose import join_pdf_pages
from bot.sources.reader import read_bytes

HEADLINE = "Riverton Council Approves the Harbour Bridge"
PARAGRAPHS = [
    "The city council of Riverton voted seven to two on Tuesday evening to approve federal rules for a new "
    "bridge across the Elm River, ending a debate that has divided the town for more than a decade.",
    "\"We have waited long enough for a safe crossing,\" said Mayor Ana Ruiz, who has championed the project "
    "since her election and called the vote a significant turning point for the whole region.",
    "The bridge will cost 48 million dollars, most of it paid by a state infrastructure grant, and the "
    "coal-fired plant next to the site will close before construction begins next spring.",
    "\"The money would be better spent repairing the roads we already have,\" said Councillor Priya Nair, "
    "one of the two members who voted against the plan, adding that similar bridges had run over budget.",
]


def wrap(paragraph: str, width: int) -> list[str]:
    """Lines of at most `width` characters, as a typesetter breaks them: long words hyphenated at the end."""
    lines, line = [], ""
    for word in paragraph.split():
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}".strip()
            continue
        room = width - len(line) - 2
        if len(word) >= 7 and room >= 3 and word.isalpha():
            lines.append(f"{line} {word[:room]}-".strip())
            line = word[room:]
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def typeset(width: int = 60) -> list[str]:
    """The article as the lines of a PDF page: the headline, then each paragraph wrapped and hyphenated."""
    return [HEADLINE, *(line for paragraph in PARAGRAPHS for line in wrap(paragraph, width))]


def test_the_test_typesetter_breaks_words_and_sentences_across_lines():
    lines = typeset()
    assert any(line.endswith("-") and line[-2].isalpha() for line in lines)
    assert sum(not line.endswith((".", "\"")) for line in lines) > len(PARAGRAPHS) + 1


def test_wrapped_lines_are_joined_into_the_paragraphs_they_came_from():
    text = join_pdf_pages(["\n".join(typeset())])
    assert text.split("\n\n")[0] == HEADLINE
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def test_a_line_end_hyphen_is_dropped_unless_the_text_shows_a_compound():
    page = (
        "The mayor called the vote a sig-\nnificant step for the region and said the coal-\n"
        "fired plant would close, while the well-known critic of coal-fired power agreed with her."
    )
    text = join_pdf_pages([page])
    assert "a significant step" in text
    assert "said the coal-fired plant would close" in text


def test_a_sentence_carries_on_across_a_page_break_and_page_numbers_are_left_out():
    lines = typeset()
    text = join_pdf_pages(["\n".join([*lines[:4], "1"]), "\n".join([*lines[4:], "Page 2 of 2"])])
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text
    assert "Page 2" not in text and "\n1\n" not in text


async def test_the_same_article_as_txt_html_and_pdf_gives_the_same_sentences_and_experts(pdf_file, article_page):
    settings = Settings()
    txt = await read_bytes("\n\n".join([HEADLINE, *PARAGRAPHS]).encode(), "bridge.txt", settings)
    html = await read_bytes(article_page(PARAGRAPHS, title=HEADLINE).encode(), "bridge.html", settings)
    pdf = await read_bytes(pdf_file(["\n".join(typeset())]), "bridge.pdf", settings)
    assert pdf.title == txt.title == HEADLINE
    assert pdf.text == txt.text
    found = {}
    for doc in (txt, html, pdf):
        parsed = parse(doc.text)
        sentences = [s.text for s in sentences_of(parsed)]
        assert "approve federal rules for a new bridge across the Elm River, ending a debate" in " ".join(sentences)
        experts = find_experts(parsed, settings.experts)
        found[doc.input] = sorted((e.name, tuple(doc.text[s.start : s.end] for s in e.evidence)) for e in experts)
    assert [name for name, _ in found["bridge.pdf"]] == ["Ana Ruiz", "Priya Nair"]
    assert found["bridge.pdf"] == found["bridge.txt"] == found["bridge.html"]
