"""Briefings, answers and lists as Discord messages: embeds within every Discord limit, split cleanly.

Whatever comes from an article, a server, a user or the model is made inert before it is shown, by the one
escaping function (bot/discord_bot/escape.py): no markdown, mention, format code or custom emoji survives, so
no source can ping anyone or reformat the message. Quotes keep their words: they are cut only at a word
boundary, with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot.discord_bot.escape import ZERO_WIDTH_SPACE, inert
from bot.models import Answer, Briefing, Document, Expert

# Discord's limits, in characters (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_AUTHOR = 256
MAX_MESSAGE_EMBED_CHARS = 6000  # all embeds of one message together (so also one embed)
MAX_EMBEDS = 10

QUOTE_CHARS = 200  # a "short verbatim quote" under each expert
FOOTER_CHARS = 1000  # keeps title + description + author + footer of one embed under 6000
WRITING = discord.Colour.orange()
DONE = discord.Colour.green()
NOT_COVERED = discord.Colour.light_grey()
__all__ = ["ZERO_WIDTH_SPACE", "inert"]


@dataclass
class Page:
    """One Discord message: an optional status line and the embeds under it."""

    content: str | None
    embeds: list[discord.Embed] = field(default_factory=list)


# -- making text safe and short ------------------------------------------------------------------------
def neutralise(text: str) -> str:
    """Outside text for a place that renders no markdown (an embed's author or footer): no mention or code."""
    return inert(text, "plain")


def one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters: cut at a word boundary, with an ellipsis marking the cut.

    Only a single word longer than the limit is cut inside itself; words are never changed.
    """
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: back up to the space before it
        boundary = max(head.rfind(" "), head.rfind("\n"))
        if boundary > 0:
            head = head[:boundary]
    return head.rstrip() + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, broken at a paragraph, line, sentence or word boundary."""
    pieces = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = -1
        for separator in ("\n\n", "\n", ". ", " "):
            found = window.rfind(separator)
            if found >= limit // 2:
                cut = found + (1 if separator == ". " else 0)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def status_line(stage: str) -> str:
    """'writing the briefing' -> '⏳ Writing the briefing…'"""
    return f"⏳ {stage[:1].upper()}{stage[1:]}…"


def waiting_for(ahead: int) -> str:
    """The stage of a job waiting in the queue: 'waiting for 3 earlier requests'."""
    return f"waiting for {ahead} earlier request{'' if ahead == 1 else 's'}"


def notice(text: str) -> str:
    """A short message to a user (an error, a refusal), as one safe line."""
    return shorten(inert(one_line(text)), MAX_CONTENT)


# -- briefings -----------------------------------------------------------------------------------------
def briefing_pages(
    doc: Document,
    briefing: Briefing | None = None,
    experts: list[Expert] | None = None,
    *,
    stage: str | None = None,
) -> list[Page]:
    """A briefing as messages; with a `stage` it is still being written (orange, status line on top)."""
    writing = stage is not None
    colour = WRITING if writing else DONE
    embeds = [*_article_embeds(doc, briefing, colour, writing), *_expert_embeds(doc, experts, colour, writing)]
    return paginate(status_line(stage) if writing else None, embeds)


def title_of(doc: Document) -> str:
    """The article's title, or its first words when it has none."""
    return one_line(doc.title or "") or shorten(one_line(doc.text), 100) or "Untitled"


def _article_embeds(
    doc: Document, briefing: Briefing | None, colour: discord.Colour, writing: bool
) -> list[discord.Embed]:
    text = inert(briefing.text) if briefing is not None else "*The briefing is being written…*"
    chunks = split_text(text, MAX_DESCRIPTION)
    first = discord.Embed(
        title=shorten(inert(title_of(doc)), MAX_TITLE), url=_web_link(doc.url), description=chunks[0], colour=colour
    )
    byline = " · ".join(neutralise(one_line(part)) for part in (doc.site, doc.author, doc.published) if part)
    if byline:
        first.set_author(name=shorten(byline, MAX_AUTHOR))
    footer = [f"source {doc.id}"] if writing else [f"source {doc.id}", "reply to this message or use /ask to follow up"]
    footer += [f"⚠ {neutralise(one_line(warning))}" for warning in doc.warnings]
    first.set_footer(text=shorten(" · ".join(footer), FOOTER_CHARS))
    return [first, *(discord.Embed(description=chunk, colour=colour) for chunk in chunks[1:])]


def _web_link(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) and len(url) <= 2000 else None


def _expert_embeds(
    doc: Document, experts: list[Expert] | None, colour: discord.Colour, writing: bool
) -> list[discord.Embed]:
    if experts is None:
        return []
    if not experts:
        return [discord.Embed(title="Who says what", description="Nobody is quoted or paraphrased.", colour=colour)]
    return field_embeds("Who says what", [_expert_field(doc, e, writing) for e in experts], colour)


def _expert_field(doc: Document, expert: Expert, writing: bool) -> tuple[str, str]:
    """('Name — role', 'position\n> a short verbatim quote…')"""
    name = shorten(inert(one_line(expert.name + (f" — {expert.role}" if expert.role else ""))), MAX_FIELD_NAME) or "—"
    shown = _quote_beside(expert.position, expert.evidence_texts(doc.text))
    quote = f"> {shorten(inert(one_line(shown)), QUOTE_CHARS)}" if shown else ""
    if expert.position:
        position = inert(one_line(expert.position))
    else:
        position = "*Position being written…*" if writing else ""
    room = MAX_FIELD_VALUE - len(quote) - 1
    value = "\n".join(part for part in (shorten(position, room), quote) if part)
    return name, value or "—"


def _quote_beside(position: str | None, evidence: list[str]) -> str | None:
    """The first evidence passage the position does not already quote (a position may be a quote itself)."""
    said = one_line(position or "")
    return next((text for text in evidence if one_line(text)[:60] not in said), None)


# -- answers -------------------------------------------------------------------------------------------
def answer_pages(doc: Document, answer: Answer) -> list[Page]:
    """An answer to a follow-up question, with its cited passages as quotes."""
    said = inert(answer.answer.strip())
    if answer.not_covered:  # the answer itself says so ("The source does not cover that."): once, in bold
        said = f"**{said}**" if said else "**The article does not cover this.**"
    chunks = split_text(said, MAX_DESCRIPTION)
    colour = NOT_COVERED if answer.not_covered else DONE
    first = discord.Embed(
        title=shorten(inert(one_line(answer.question)), MAX_TITLE), description=chunks[0], colour=colour
    )
    first.set_author(name=shorten(neutralise(one_line(title_of(doc))), MAX_AUTHOR), url=_web_link(doc.url))
    first.set_footer(text=f"source {doc.id} · reply to this message to ask more")
    embeds = [first, *(discord.Embed(description=chunk, colour=colour) for chunk in chunks[1:])]
    citations = [
        ("From the article", f"> {shorten(inert(one_line(c)), MAX_FIELD_VALUE - 2)}") for c in answer.citations
    ]
    if citations:
        embeds += field_embeds("Cited passages", citations, colour)
    return paginate(None, embeds)


# -- lists ---------------------------------------------------------------------------------------------
def sources_pages(docs: list[Document]) -> list[Page]:
    """The sources of one channel, newest first, with the ids /ask takes."""
    if not docs:
        return [Page("Nothing has been briefed in this channel yet: use /brief with a link, text or a file.")]
    lines = []
    for doc in docs:
        line = f"`{doc.id}` **{shorten(inert(one_line(title_of(doc))), 200)}**"
        details = [inert(one_line(doc.site))] if doc.site else []
        details += [(doc.added or "")[:10]] if doc.added else []
        details += [inert(doc.url, "link")] if doc.url else []
        lines.append(line + "\n" + " · ".join(details))
    chunks = split_text("\n".join(lines), MAX_DESCRIPTION)
    embeds = [discord.Embed(description=chunk, colour=DONE) for chunk in chunks]
    embeds[0].title = "Articles briefed in this channel"
    return paginate(None, embeds)


# -- layout --------------------------------------------------------------------------------------------
def field_embeds(title: str, fields: list[tuple[str, str]], colour: discord.Colour) -> list[discord.Embed]:
    """Fields spread over as many embeds as Discord's per-embed limits need."""
    embeds: list[discord.Embed] = []
    current: discord.Embed | None = None
    for name, value in fields:
        if (
            current is None
            or len(current.fields) == MAX_FIELDS
            or len(current) + len(name) + len(value) > MAX_MESSAGE_EMBED_CHARS
        ):
            current = discord.Embed(title=title if not embeds else f"{title} (continued)", colour=colour)
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
    return embeds


def paginate(content: str | None, embeds: list[discord.Embed]) -> list[Page]:
    """Embeds grouped into messages: at most 10 and 6000 characters of embeds per message."""
    pages = [Page(shorten(content, MAX_CONTENT) if content else None)]
    total = 0
    for embed in embeds:
        page = pages[-1]
        if page.embeds and (len(page.embeds) == MAX_EMBEDS or total + len(embed) > MAX_MESSAGE_EMBED_CHARS):
            pages.append(Page(None))
            total = 0
        pages[-1].embeds.append(embed)
        total += len(embed)
    return pages
