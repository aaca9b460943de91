"""What a user hands the bot to brief (a link, pasted text, an attached file) and how it becomes a Document.

A message may hold all three; an attachment wins, then a link unless the text around it is an article of its
own (someone pasting a story that ends with "read more at https://…"). Size limits are checked before
anything is downloaded or parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import discord

from bot.config import Settings
from bot.discord_bot.limits import Refusal
from bot.models import Document
from bot.service import Briefer
from bot.sources.reader import FILE_KINDS, document_from_text

# Pasted text shorter than this is a remark ("@briefbot hi"), not an article.
MIN_ARTICLE_WORDS = 40
HOW_TO = "Give me a link, paste an article's text, or attach a .txt, .html or .pdf file, and I'll brief it."

_LINK = re.compile(r"<?(https?://[^\s<>\"]+)>?", re.IGNORECASE)
_TRAILING = ".,;:!?'\"”’"


@dataclass(frozen=True)
class ArticleInput:
    """Exactly one of a link, a pasted text or an attachment."""

    link: str | None = None
    text: str | None = None
    attachment: discord.Attachment | None = None

    def describe(self) -> str:
        """A short name for logs."""
        if self.attachment is not None:
            return f"attachment {self.attachment.filename}"
        return self.link or f"pasted text ({len(self.text or '')} characters)"


def find_links(text: str) -> list[str]:
    """The http(s) links in a text, without <> wrappers or the punctuation that ends a sentence."""
    links = []
    for match in _LINK.finditer(text):
        link = match.group(1).rstrip(_TRAILING)
        if link.endswith(")") and link.count("(") < link.count(")"):
            link = link[:-1]
        links.append(link)
    return links


def choose_input(text: str, attachments: list[discord.Attachment] = ()) -> ArticleInput:
    """What to brief from a message's text and attachments; a Refusal with how-to when there is nothing."""
    if attachments:
        return ArticleInput(attachment=attachments[0])
    text = text.strip()
    links = find_links(text)
    words_around_links = len(_LINK.sub(" ", text).split())
    if links and words_around_links < MIN_ARTICLE_WORDS:
        return ArticleInput(link=links[0])
    if words_around_links >= MIN_ARTICLE_WORDS:
        return ArticleInput(text=text)
    raise Refusal(HOW_TO)


def check_size(article: ArticleInput, settings: Settings) -> None:
    """Refuse, before any download or parsing, what is too big or of a type the reader cannot read."""
    limits = settings.discord
    if article.text is not None and len(article.text) > limits.max_text_chars:
        raise Refusal(
            f"That text is too long to brief here ({len(article.text)} characters; the limit is "
            f"{limits.max_text_chars}). Attach it as a .txt file or give a link instead."
        )
    if article.attachment is not None:
        name = article.attachment.filename
        if Path(name).suffix.lower() not in FILE_KINDS:
            raise Refusal(f"I can't read {name}: attach a .txt, .html or .pdf file.")
        _check_file_size(name, article.attachment.size, settings)


def _check_file_size(name: str, size: int, settings: Settings) -> None:
    largest = min(settings.discord.max_attachment_bytes, settings.limits.max_download_bytes)
    if size > largest:
        raise Refusal(f"{name} is too large ({_in_words(size)}; the limit is {_in_words(largest)}).")


def _in_words(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1000:.0f} KB" if size >= 1000 else f"{size} bytes"


async def read_input(article: ArticleInput, briefer: Briefer) -> Document:
    """Have the service fetch, open or clean what the user gave (after `check_size`), and store it.

    Read failures are BriefbotErrors naming the source.
    """
    if article.link is not None:
        return await briefer.read(article.link)
    if article.attachment is not None:
        data = await article.attachment.read()
        _check_file_size(article.attachment.filename, len(data), briefer.settings)  # the announced size may be wrong
        return await briefer.read_upload(article.attachment.filename, data)
    return await briefer.remember(document_from_text(article.text or "", briefer.settings, input="pasted text"))
