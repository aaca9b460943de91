"""The section a web page says it belongs to ("Opinion", "Sports"), from its metadata or its address.

News pages name their section in a meta tag (`<meta property="article:section" content="Opinion">`, also
`section`, `parsely-section`, `og:section`), and a byline meta tag may file it as argued ("Analysis by …",
"Opinion by …", "Perspective by …": an opinion piece whatever its section); where no tag does, an address
whose path has an opinion segment (`/opinion/`, `/columnists/`, `/commentary/`, `/op-ed/`, `/editorials/`)
gives "Opinion". The briefing reads it to recognise an opinion piece whose text alone does not argue enough
to show it (bot.analysis.selection).
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
_AUTHOR_NAMES = ("author", "article:author", "byl", "parsely-author")
# A byline that files the piece as argued rather than reported: "Analysis by Chris Cillizza, CNN Editor-at-large".
_OPINION_BYLINE = re.compile(r"(?:opinion|analysis|commentary|perspective|column)\s+by\b", re.IGNORECASE)
_HEAD_CHARS = 200_000  # meta tags live in the head; a long body is not searched


def page_section(html: str, *urls: str | None) -> str | None:
    """"Opinion" when the page's byline says so ("Analysis by Chris Cillizza", "Opinion by …"), else the section
    its meta tags name, else "Opinion" when one of `urls` has an opinion segment."""
    section = None
    for tag in _META.findall(html[:_HEAD_CHARS]):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in
                      _ATTRIBUTE.finditer(tag)}
        name = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        content = " ".join(html_entities.unescape(attributes.get("content", "")).split())
        if name in _AUTHOR_NAMES and _OPINION_BYLINE.match(content):
            return "Opinion"
        if name in _SECTION_NAMES and content and len(content) <= 60 and section is None:
            section = content
    if section is None and any(url and opinion_address(url) for url in urls):
        return "Opinion"
    return section


def opinion_address(url: str) -> bool:
    """Whether an address's path has an opinion segment: ".../columnists/2019-royal-arrogance/"."""
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return False
    return any(segment in _OPINION_SEGMENTS for segment in path.split("/"))
