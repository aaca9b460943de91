"""The section a web page says it belongs to ("Opinion", "Sports"), from its metadata or its address.

News pages name their section in a meta tag (`<meta property="article:section" content="Opinion">`, also
`section`, `parsely-section`, `og:section`); where none does, an address whose path has an opinion segment
(`/opinion/`, `/columnists/`, `/commentary/`, `/op-ed/`, `/editorials/`) gives "Opinion". The briefing reads it
to recognise an opinion piece whose text alone does not argue enough to show it (bot.analysis.selection).
"""

from __future__ import annotations

import html as html_entities
import re
from urllib.parse import urlsplit

_SECTION_NAMES = ("article:section", "section", "parsely-section", "og:section")
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_OPINION_SEGMENTS = frozenset({
    "opinion", "opinions", "columnists", "columnist", "columns", "commentary", "op-ed", "op-eds", "oped",
    "editorial", "editorials",
})
_HEAD_CHARS = 200_000  # meta tags live in the head; a long body is not searched


def page_section(html: str, *urls: str | None) -> str | None:
    """The section a page's meta tags name, else "Opinion" when one of `urls` has an opinion segment."""
    for tag in _META.findall(html[:_HEAD_CHARS]):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in
                      _ATTRIBUTE.finditer(tag)}
        name = (attributes.get("property") or attributes.get("name") or "").lower()
        content = " ".join(html_entities.unescape(attributes.get("content", "")).split())
        if name in _SECTION_NAMES and content and len(content) <= 60:
            return content
    if any(url and opinion_address(url) for url in urls):
        return "Opinion"
    return None


def opinion_address(url: str) -> bool:
    """Whether an address's path has an opinion segment: ".../columnists/2019-royal-arrogance/"."""
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return False
    return any(segment in _OPINION_SEGMENTS for segment in path.split("/"))
