"""`/who` and `/compare` as Discord messages: embeds within every limit, all text from sources or the model made
inert by render's own escaping (bot.discord_bot.render.inert), quotes cut only at a word boundary."""

from __future__ import annotations

import discord

from bot.discord_bot.render import (
    DONE,
    MAX_DESCRIPTION,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_TITLE,
    QUOTE_CHARS,
    Page,
    field_embeds,
    inert,
    one_line,
    paginate,
    shorten,
    title_of,
)
from bot.people import Appearance, PersonReport, SideBySide, SourceSide

THESIS_CHARS = 1000


def person_pages(report: PersonReport) -> list[Page]:
    """One person across the place's articles, newest first, with the checked comparison line when there is one."""
    person = report.person
    count = len(report.appearances)
    lines = [f"Quoted in {count} article{'s' if count != 1 else ''} here, newest first."]
    also = [name for name in person.names if name != person.name]
    if also:
        lines.append(f"Also written as: {inert(', '.join(also))}")
    if report.comparison:
        lines.append(f"**Across these articles:** {inert(one_line(report.comparison))}")
    if report.see_also:
        lines.append(f"Others this name fits here: {inert('; '.join(report.see_also))}")
    head = discord.Embed(
        title=shorten(inert(one_line(person.label)), MAX_TITLE),
        description=shorten("\n".join(lines), MAX_DESCRIPTION),
        colour=DONE,
    )
    fields = [(_article_name(a), _appearance_value(a, with_role=True)) for a in report.appearances]
    return paginate(None, [head, *field_embeds("Where they are quoted", fields, DONE)])


def side_by_side_pages(compared: SideBySide) -> list[Page]:
    """Two articles: their theses, the people in both with each one's position and evidence, those in one only."""
    head = discord.Embed(title="Two articles side by side", colour=DONE)
    for number, side in enumerate((compared.first, compared.second), start=1):
        head.add_field(name=_side_name(number, side), value=_thesis(side), inline=False)
    both = []
    for pair in compared.in_both:
        for number, appearance in ((1, pair.first), (2, pair.second)):
            name = _person_name(pair.name, appearance, where=f" in [{number}]")
            both.append((name, _appearance_value(appearance, with_role=False)))
    embeds = [head, *field_embeds("Quoted in both", both or [("Nobody", "No one is quoted in both.")], DONE)]
    for number, only in ((1, compared.only_first), (2, compared.only_second)):
        listed = [(_person_name(a.name, a), _appearance_value(a, with_role=False)) for a in only]
        embeds += field_embeds(f"Only in [{number}]", listed or [("Nobody", "—")], DONE)
    return paginate(None, embeds)


def _side_name(number: int, side: SourceSide) -> str:
    date = f" · {side.source.published}" if side.source.published else ""
    title = shorten(inert(one_line(f"{title_of(side.source)}{date}")), MAX_FIELD_NAME - 25)
    return f"[{number}] {title} · {side.source.id}"


def _thesis(side: SourceSide) -> str:
    return shorten(inert(one_line(side.thesis)), THESIS_CHARS) if side.thesis else "*No briefing.*"


def _person_name(name: str, appearance: Appearance, where: str = "") -> str:
    """'Helen Okafor in [1] — transport economist at Northfield University', as a field's name."""
    role = f" — {inert(one_line(appearance.role))}" if appearance.role else ""
    return shorten(inert(one_line(name)) + where + role, MAX_FIELD_NAME)


def _article_name(appearance: Appearance) -> str:
    return shorten(inert(one_line(f"{appearance.date} · {title_of(appearance.source)}")), MAX_FIELD_NAME)


def _appearance_value(appearance: Appearance, with_role: bool) -> str:
    """Role (when asked), position and one short verbatim quote, then where the article is."""
    source = appearance.source
    where = f"source {source.id}" + (f" · {inert(source.url, 'link')}" if source.url else "")
    quote = f"> {shorten(inert(one_line(appearance.quote)), QUOTE_CHARS)}" if appearance.quote else ""
    parts = [f"*{inert(one_line(appearance.role))}*" if with_role and appearance.role else ""]
    parts += [inert(one_line(appearance.position)) if appearance.position else "", quote]
    body = "\n".join(part for part in parts if part)
    room = MAX_FIELD_VALUE - len(where) - 1
    return "\n".join(part for part in (shorten(body, room), shorten(where, 300)) if part) or "—"
