"""What a message hands the bot to brief, and the size limits checked before anything is read."""

from __future__ import annotations

import pytest

from bot.discord_bot.inputs import HOW_TO, ArticleInput, check_size, choose_input, find_links, read_input
from bot.discord_bot.limits import Refusal
from tests.helpers import MockAttachment

pytestmark = pytest.mark.discord

ARTICLE = " ".join(["The council voted to build a bridge across the harbour on Tuesday."] * 6)


def test_links_lose_angle_brackets_and_sentence_punctuation_but_keep_their_own_parentheses():
    text = "See <https://a.example/x>, https://b.example/y. and (https://c.example/z_(film)) too!"
    assert find_links(text) == ["https://a.example/x", "https://b.example/y", "https://c.example/z_(film)"]


def test_a_link_with_a_remark_is_briefed_as_the_link():
    assert choose_input("have a look at this one https://news.example/a please") == ArticleInput(
        link="https://news.example/a"
    )


def test_a_pasted_article_that_ends_with_a_link_is_briefed_as_text():
    text = ARTICLE + " Read more at https://news.example/a"
    assert choose_input(text) == ArticleInput(text=text)


def test_an_attachment_wins_over_the_text():
    file = MockAttachment(b"text", filename="story.txt")
    assert choose_input("https://news.example/a", [file]) == ArticleInput(attachment=file)


@pytest.mark.parametrize("text", ["", "hello there", "can you summarise things?"])
def test_a_short_remark_gets_the_how_to(text):
    with pytest.raises(Refusal) as refusal:
        choose_input(text)
    assert str(refusal.value) == HOW_TO


def test_pasted_text_beyond_the_limit_is_refused_before_reading(write_config):
    settings = write_config({"discord": {"max_text_chars": 100}})
    with pytest.raises(Refusal, match=r"too long to brief here \(390 characters; the limit is 100\)"):
        check_size(ArticleInput(text="x" * 390), settings)


def test_a_large_or_unreadable_attachment_is_refused_before_download(write_config):
    settings = write_config({"discord": {"max_attachment_bytes": 1000}})
    big = MockAttachment(filename="story.pdf", size=5_000_000)
    with pytest.raises(Refusal, match=r"story.pdf is too large \(5.0 MB; the limit is 1 KB\)"):
        check_size(ArticleInput(attachment=big), settings)
    with pytest.raises(Refusal, match=r"I can't read slides.pptx"):
        check_size(ArticleInput(attachment=MockAttachment(filename="slides.pptx")), settings)
    big.read.assert_not_awaited()


async def test_an_attachment_that_is_bigger_than_it_said_is_refused_after_download(briefer, write_config):
    briefer.settings = write_config({"discord": {"max_attachment_bytes": 1000}})
    liar = MockAttachment(b"x" * 5000, filename="story.txt", size=10)
    with pytest.raises(Refusal) as refusal:
        await read_input(ArticleInput(attachment=liar), briefer)
    assert str(refusal.value) == "story.txt is too large (5 KB; the limit is 1 KB)."
    briefer.read_upload.assert_not_awaited()


async def test_an_attached_text_file_is_read_by_the_service_cleaned_and_remembered(briefer):
    doc = await read_input(ArticleInput(attachment=MockAttachment(ARTICLE.encode(), filename="s.txt")), briefer)
    assert doc.text.startswith("The council voted")
    briefer.read_upload.assert_awaited_once_with("s.txt", ARTICLE.encode())
    assert briefer.store.get_source(doc.id) is not None


async def test_a_link_is_read_by_the_service(briefer):
    await read_input(ArticleInput(link="https://news.example/a"), briefer)
    briefer.read.assert_awaited_once_with("https://news.example/a")
