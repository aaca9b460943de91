"""The one way outside text (articles, titles, site names, links, model output, error messages) reaches Discord.

`inert` makes a string say exactly its characters and nothing more, for the place it is shown:

- "markdown" (message content, embed titles, descriptions and fields, where Discord renders markdown): every
  character markdown can use (``\\ * _ ~ ` | [ ] ( ) > #``) is escaped with a backslash, which Discord shows as
  the bare character; a line starting with a list or heading marker (``-``, ``+``, ``1.``) has the marker
  escaped too. So no bold, italics, underline, strike-through, spoilers, code, quotes, headings, lists, subtext
  or (masked) links.
- "plain" (embed authors and footers, which render no markdown): nothing to escape but the next rule.
- "link" (a URL shown in text): the characters that could start markdown are percent-encoded, so the link
  still works, and whitespace is encoded too, so it cannot end the link early; anything that does not start
  as an http(s) link is treated as "markdown".

Everywhere, a zero-width space follows every ``<`` and ``@``: no mention (@everyone, @here, <@id>, <@&id>,
<#id>), slash-command link (</name:id>), timestamp (<t:…:R>), custom emoji (<:name:id>) or <link> can form.
"""

from __future__ import annotations

import re
from typing import Literal

Where = Literal["markdown", "plain", "link"]

ZERO_WIDTH_SPACE = "\u200b"
MARKDOWN_CHARACTERS = frozenset("\\*_~`|[]()>#")
LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
# After a line break and any spaces: a list or heading marker that the escapes above do not cover.
_LINE_MARKER = re.compile(rf"(^|[{LINE_BREAKS}])([ \t]*)([-+]|\d+(?=[.)]))", re.MULTILINE)
_BREAK_AFTER = re.compile(r"[<@](?!\u200b)")
_WEB_LINK = re.compile(r"https?://", re.IGNORECASE)
# What a link keeps as it is; everything else is percent-encoded (so nothing markdown or Discord reads is left).
_LINK_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:/?#&=%+,;!$'")


def inert(text: str, where: Where = "markdown") -> str:
    """`text` as Discord will show it literally in that place: no markdown, no mention, no format code."""
    if where == "link" and _WEB_LINK.match(text):
        return _encode_link(text)
    if where != "plain":
        text = "".join("\\" + char if char in MARKDOWN_CHARACTERS else char for char in text)
        text = _LINE_MARKER.sub(_escape_marker, text)
    return _BREAK_AFTER.sub(lambda match: match.group() + ZERO_WIDTH_SPACE, text)


def _escape_marker(match: re.Match) -> str:
    start, spaces, marker = match.groups()
    if marker[0].isdigit():  # "1." / "1)": the digits stay, the dot or bracket after them is escaped below
        return f"{start}{spaces}{marker}\\"
    return f"{start}{spaces}\\{marker}"


def _encode_link(url: str) -> str:
    return "".join(char if char in _LINK_SAFE else _percent(char) for char in url)


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def visible(text: str) -> str:
    """What a reader sees of `inert(text)` in a markdown place: the escapes and zero-width spaces taken out."""
    return re.sub(r"\\([^0-9A-Za-z\s])", r"\1", text).replace(ZERO_WIDTH_SPACE, "")
