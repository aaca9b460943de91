"""Rendering: every Discord limit holds for any article, mentions are inert, quotes keep their words."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import discord
import pytest

from bot.discord_bot import render
from bot.discord_bot.render import (
    Page,
    answer_pages,
    briefing_pages,
    neutralise,
    shorten,
    sources_pages,
    split_text,
)
from bot.jobs.answers import NOT_ANSWERED, NOT_COVERED
from bot.models import Answer, Briefing, BriefingSentence, Document, Expert, Span
from tests.helpers import transcript

pytestmark = pytest.mark.discord

SEED = Path(__file__).parent / "fixtures" / "seed_briefing.json"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "discord.md"
MENTIONS = ["@everyone", "@here", "<@123456789012345678>", "<@!123456789012345678>", "<@&223456789012345678>"]
TRICKY = [*MENTIONS, "<#323456789012345678>", "*bold*", "__under__", "`code`", "[link](https://evil.example)", "> q"]
LIVE_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>")


def random_text(rng: random.Random, words: int) -> str:
    vocabulary = ["the", "council", "said", "bridge", "“quoted”", "million", "Okafor", "harbour,", "2026.", "\n"]
    picks = [rng.choice(TRICKY) if rng.random() < 0.03 else rng.choice(vocabulary) for _ in range(words)]
    if words and rng.random() < 0.05:
        picks.append("x" * rng.randint(200, 1500))  # one word longer than most limits
    return " ".join(picks)


def random_result(rng: random.Random) -> tuple[Document, Briefing, list[Expert]]:
    """A document with random-length parts, whose experts' evidence lies in its text."""
    parts = [random_text(rng, rng.randint(1, 150)) for _ in range(rng.randint(1, 30))]
    text = "\n\n".join(parts)
    doc = Document(
        text=text,
        url=rng.choice([None, "https://news.example/" + "a" * rng.randint(1, 300)]),
        title=rng.choice([None, random_text(rng, rng.randint(1, 120))]),
        site=rng.choice([None, random_text(rng, rng.randint(1, 80))]),
        author=rng.choice([None, random_text(rng, rng.randint(1, 80))]),
        published=rng.choice([None, "2026-03-03"]),
        warnings=[random_text(rng, rng.randint(1, 60)) for _ in range(rng.randint(0, 5))],
    )
    offsets = []
    start = 0
    for part in parts:
        offsets.append(Span(start, start + len(part)))
        start += len(part) + 2
    sentences = [BriefingSentence(random_text(rng, rng.randint(1, 250)), [], False) for _ in range(rng.randint(1, 10))]
    experts = [
        Expert(
            name=random_text(rng, rng.randint(1, 30)),
            role=rng.choice([None, random_text(rng, rng.randint(1, 120))]),
            evidence=rng.sample(offsets, k=min(len(offsets), rng.randint(0, 3))),
            position=rng.choice([None, random_text(rng, rng.randint(1, 500))]),
        )
        for _ in range(rng.randint(0, 70))
    ]
    return doc, Briefing(sentences, "neutral", len(sentences)), experts


def random_source(rng: random.Random) -> Document:
    return Document(
        text=random_text(rng, rng.randint(1, 50)),
        url=rng.choice([None, "https://news.example/" + "a" * rng.randint(1, 300)]),
        title=rng.choice([None, random_text(rng, rng.randint(1, 120))]),
        site=rng.choice([None, random_text(rng, rng.randint(1, 80))]),
        added="2026-03-03T10:00:00+00:00",
    )


def assert_within_discord_limits(pages: list[Page]) -> None:
    assert pages
    for page in pages:
        assert page.content is None or 0 < len(page.content) <= render.MAX_CONTENT
        assert len(page.embeds) <= render.MAX_EMBEDS
        assert sum(len(embed) for embed in page.embeds) <= render.MAX_MESSAGE_EMBED_CHARS
        for embed in page.embeds:
            assert len(embed.title or "") <= render.MAX_TITLE
            assert len(embed.description or "") <= render.MAX_DESCRIPTION
            assert len(embed.fields) <= render.MAX_FIELDS
            for field in embed.fields:
                assert 0 < len(field.name) <= render.MAX_FIELD_NAME
                assert 0 < len(field.value) <= render.MAX_FIELD_VALUE
            assert len(embed.footer.text or "") <= render.MAX_FOOTER
            assert len(embed.author.name or "") <= render.MAX_AUTHOR
            discord.Embed.from_dict(embed.to_dict())  # a valid embed payload


def visible(text: str) -> str:
    """What a reader sees: markdown escapes and zero-width spaces gone."""
    return re.sub(r"\\(.)", r"\1", text).replace(render.ZERO_WIDTH_SPACE, "")


def all_text(pages: list[Page]) -> list[str]:
    out = []
    for page in pages:
        out.append(page.content or "")
        for embed in page.embeds:
            out += [embed.title or "", embed.description or "", embed.footer.text or "", embed.author.name or ""]
            out += [part for field in embed.fields for part in (field.name, field.value)]
    return out


def test_random_articles_fit_every_discord_limit_and_nothing_is_lost():
    rng = random.Random(1)
    for _ in range(150):
        check_briefing_pages(*random_result(rng))


def check_briefing_pages(doc: Document, briefing: Briefing, experts: list[Expert]) -> None:
    for stage in ("writing positions", None):
        pages = briefing_pages(doc, briefing, experts, stage=stage)
        assert_within_discord_limits(pages)
        fields = [field for page in pages for embed in page.embeds for field in embed.fields]
        assert len(fields) == len(experts)
        continued = [e.description for page in pages for e in page.embeds if not e.fields and not e.title]
        shown = visible(" ".join([pages[0].embeds[0].description, *continued]))
        assert " ".join(shown.split()) == " ".join(briefing.text.split())


def test_random_answers_and_source_lists_fit_every_discord_limit():
    rng = random.Random(2)
    for _ in range(50):
        doc, _, _ = random_result(rng)
        answer = Answer(
            doc.id,
            random_text(rng, rng.randint(1, 200)),
            random_text(rng, rng.randint(1, 1500)),
            [random_text(rng, rng.randint(1, 400)) for _ in range(rng.randint(0, 40))],
            rng.random() < 0.3,
        )
        assert_within_discord_limits(answer_pages(doc, answer))
        docs = [random_source(rng) for _ in range(rng.randint(0, 30))]
        assert_within_discord_limits(sources_pages(docs))


def test_no_mention_in_an_article_or_the_model_s_words_stays_live():
    rng = random.Random(3)
    for _ in range(40):
        doc, briefing, experts = random_result(rng)
        doc.title = " ".join(TRICKY)
        doc.author = doc.site = "@everyone <@&223456789012345678>"
        doc.warnings = ["@here"]
        briefing.sentences.append(BriefingSentence(" ".join(MENTIONS), [], True))
        for expert in experts:
            expert.position = "<@123456789012345678> @here"
        pages = briefing_pages(doc, briefing, experts)
        answer = Answer(doc.id, "@everyone?", "@here <#323456789012345678>", ["@everyone"], False)
        for text in all_text(pages + answer_pages(doc, answer)):
            assert not LIVE_MENTION.search(text), text


def test_neutralising_keeps_the_words_a_reader_sees():
    text = "Write to @everyone or <@123456789012345678> in <#323456789012345678>, said @here."
    assert visible(neutralise(text)) == text
    assert not LIVE_MENTION.search(neutralise(text))
    assert neutralise(neutralise(text)) == neutralise(text)


def test_shortening_cuts_only_at_a_word_boundary_and_keeps_the_words():
    rng = random.Random(4)
    for _ in range(500):
        text = random_text(rng, rng.randint(1, 80)).replace("\n", " ")
        limit = rng.randint(2, 300)
        short = shorten(text, limit)
        assert len(short) <= limit
        if short == text:
            continue
        assert short.endswith("…")
        kept = short[:-1]
        assert text.startswith(kept)
        if " " in text[1 : limit - 1]:  # a word boundary was available
            assert text[len(kept)] == " ", (text, short)


def test_split_text_keeps_every_word_in_order():
    rng = random.Random(7)
    for _ in range(100):
        text = random_text(rng, rng.randint(1, 2000))
        limit = rng.randint(50, 4096)
        pieces = split_text(text, limit)
        assert all(len(piece) <= limit for piece in pieces)
        assert "".join("".join(pieces).split()) == "".join(text.split())  # only a giant word is cut inside


def test_while_writing_the_embed_is_orange_with_a_status_line_and_green_when_done(sample_result):
    doc, briefing, experts = sample_result.document, sample_result.briefing, sample_result.experts
    writing = briefing_pages(doc, briefing, None, stage="finding who is quoted")
    assert writing[0].content == "⏳ Finding who is quoted…"
    assert writing[0].embeds[0].colour == discord.Colour.orange()
    done = briefing_pages(doc, briefing, experts)
    assert done[0].content is None
    assert {embed.colour for page in done for embed in page.embeds} == {discord.Colour.green()}


def test_the_briefing_embed_shows_title_link_byline_and_source_id(sample_result):
    (page,) = briefing_pages(sample_result.document, sample_result.briefing, sample_result.experts)
    article, experts = page.embeds
    doc = sample_result.document
    assert (article.title, article.url) == (doc.title, doc.url)
    assert article.author.name == "Riverton Herald · Sam Reporter · 2026-03-03"
    assert article.footer.text.startswith(f"source {doc.id} · ")
    assert experts.title == "Who says what"
    assert experts.fields[1].name == "Helen Okafor — a transport economist at Northfield University"
    assert experts.fields[1].value == (
        "She warns that maintenance costs were underestimated.\n> the council had underestimated maintenance costs"
    )


def test_a_long_quote_is_cut_at_a_word_with_an_ellipsis_and_its_words_unchanged(sample_doc):
    sample_doc.text = " ".join(
        ["Bridges of this kind typically cost two to three percent of their price every year."] * 4
    )
    expert = Expert("Helen Okafor", None, [Span(0, len(sample_doc.text))], None)
    (page,) = briefing_pages(sample_doc, Briefing([], "neutral", 1), [expert])
    quote = page.embeds[1].fields[0].value
    assert quote.startswith("> ") and quote.endswith("…")
    shown = quote[len("> ") : -len("…")]
    assert len(shown) < render.QUOTE_CHARS
    assert sample_doc.text.startswith(shown)
    assert sample_doc.text[len(shown)] == " "


def seed_pages() -> tuple[list[Page], list[Page]]:
    """The seed article's briefing and one follow-up, rendered from the stored fixture."""
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    passages = [e for expert in seed["experts"] for e in expert["evidence"]]
    text = "\n\n".join(passages)  # the fixture keeps the evidence, not the article: enough for the renderer
    source = seed["source"]
    doc = Document(text=text, id=source["id"], title=source["title"], url=source["url"], warnings=seed["warnings"])
    experts = []
    for expert in seed["experts"]:
        spans = [Span(text.index(e), text.index(e) + len(e)) for e in expert["evidence"]]
        experts.append(Expert(expert["name"], expert["role"], spans, expert["position"]))
    briefing = Briefing([BriefingSentence(seed["briefing"], [], True)], "neutral", 3)
    answer = Answer(**seed["answer"])
    return briefing_pages(doc, briefing, experts), answer_pages(doc, answer)


def test_the_seed_article_renders_as_in_the_docs(capsys):
    briefing, followup = seed_pages()
    assert_within_discord_limits(briefing)
    assert_within_discord_limits(followup)
    text = transcript(briefing) + "\n\n" + transcript(followup)
    print(text)
    docs = DOCS.read_text(encoding="utf-8")
    for pages in (briefing, followup):
        shown = transcript(pages).split("\n", 1)[1]  # without the "--- message 1 ---" line
        assert shown in docs, "docs/discord.md shows an older rendering; paste the printed one"
    assert "Russia Isn’t the Answer to America’s Problems With North Korea" in text
    assert "**Dmitri Trenin — head of the Carnegie Moscow Center**" in text
    assert "source 22002820c8" in text
    assert "⚠ the text seems cut off at the end" in text
    assert "> The head of the Carnegie Moscow Center, Dmitri Trenin, argued" in text


def test_when_a_position_already_quotes_the_evidence_the_next_passage_is_shown(sample_doc):
    first, second = "Bridges cost a lot to maintain.", "The plan does not say where."
    sample_doc.text = f"{first} {second}"
    position = f"Helen Okafor: “{first}”"
    expert = Expert("Helen Okafor", None, [Span(0, len(first)), Span(len(first) + 1, len(sample_doc.text))], position)
    (page,) = briefing_pages(sample_doc, Briefing([], "neutral", 1), [expert])
    assert page.embeds[1].fields[0].value.endswith(f"\n> {second}")


@pytest.mark.parametrize("said", [NOT_COVERED, NOT_ANSWERED])
def test_an_answer_the_article_does_not_give_says_so_once(said):
    doc = Document(text="The council voted on Tuesday.", title="Council votes")
    cited = [] if said == NOT_COVERED else ["The council voted on Tuesday."]
    (page,) = answer_pages(doc, Answer(doc.id, "Who won the match?", said, cited, True))
    description = page.embeds[0].description
    assert description == f"**{said}**"  # said once: no second "The article does not cover this." before it
    assert page.embeds[0].colour == render.NOT_COVERED
