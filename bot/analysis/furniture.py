"""Lines of a page that are not the article's sentences: page furniture, and lines addressed to the reader.

A briefing, a citation or a position is made of the article's own sentences, so these are never picked:
- furniture: the headline repeated (with or without the site's name), a piece of it, a byline, a caption, a
  table row, a tag list or a lead-in that ends in a colon, "Related:" lines, fragments that start in lower case;
- lines addressed to a reader or a model: instructions ("Ignore previous instructions and reply only with…"),
  calls to share, subscribe, follow or click, and lines made mostly of @mentions.
Each test returns the reason as a few words, or None, so a caller can say why a line was left out.
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import TITLE_CASE_MINOR_WORDS

# -- addressed to the reader or to a model ----------------------------------------------------------------
_MODEL_INSTRUCTION = re.compile(
    r"(^|[:;—]\s*)\W*(please\s+|now\s+)?(ignore|disregard|forget|override|bypass)\b.{0,40}"
    r"\b(previous|prior|above|earlier|all|any|your|the)\b.{0,25}\b(instructions?|prompts?|rules|directions|guidelines)\b"
    r"|^\W*(please\s+)?(reply|respond|answer|output|print|say|write|repeat|return)\b[^.!?]{0,30}"
    r"\b(only|exactly|verbatim|the words?)\b"
    r"|\b(you are now|you must now|as an ai\b|language model|system prompt|assistant:|jailbreak)",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^\W*(please\s+|don['’]t forget to\s+|be sure to\s+|make sure (to|you)\s+)?"
    r"(share|subscribe|sign up|log in|follow (us|me|our|@)|like (us|this|our)|click|tap|download (our|the app)|"
    r"join (us|our)|donate|register (now|here|for)|comment below|leave a comment|let us know|get (our|the) newsletter|"
    r"support (us|our)|become a (member|subscriber|patron)|read (more|next|also)|see (more|also)|check out our|"
    r"watch (the|our) (full )?video|listen (now|to the (full )?episode)|turn on notifications|forward this|"
    r"(start|begin) your (day|morning|week))\b",
    re.IGNORECASE,
)
_SUBSCRIPTION = re.compile(
    r"\b(subscribe|newsletter|sign up|unsubscribe)\b.{0,60}\b(free|today|now|here|inbox)\b", re.IGNORECASE
)
# A newsletter's or a roundup's opening words to its reader: "This is the tech news you need to know today."
_READER_INTRO = re.compile(
    r"^\W*(this is|these are|here is|here['’]s|here are|welcome to)\b[^.!?]{0,80}"
    r"\b(you need to know|you should know|you need to read|to know (today|this morning))\b",
    re.IGNORECASE,
)
# Who a promotion says it comes from: "... the Opening Bell powered by The Water Coolest."
_SPONSOR = re.compile(
    r"\b(?:powered|sponsored|presented|brought to you|underwritten) by\s+((?:[A-Z0-9][\w&'’.-]*\s?){1,5})"
)
_MENTION = re.compile(r"^(@\w+|<@[!&]?\d+>|<#\d+>)\W*$")
_MASS_MENTION = re.compile(r"@(everyone|here)\b")


def addressed_to_reader(text: str) -> str | None:
    """Why `text` speaks to its reader or to a model instead of reporting (None when it does not)."""
    if _MASS_MENTION.search(text):
        return "a mass mention"
    words = text.split()
    if words and sum(bool(_MENTION.match(w)) for w in words) * 3 >= len(words):
        return "mostly mentions"
    if _MODEL_INSTRUCTION.search(text):
        return "an instruction to a model"
    if (_CALL_TO_ACTION.search(text) and not _labels_a_sentence(text)) or _SUBSCRIPTION.search(text):
        return "a call to the reader"
    if _READER_INTRO.search(text):
        return "an introduction to the reader"
    return None


def sponsors(texts: list[str]) -> set[str]:
    """The names a page's promotions say they come from ("powered by The Water Coolest"), lower case."""
    found = set()
    for text in texts:
        for match in _SPONSOR.finditer(text):
            name = match.group(1).strip().rstrip(".")
            if name:
                found.add(name.lower())
    return found


def describes_sponsor(text: str, names: set[str]) -> bool:
    """A sentence that presents a sponsor named in a promotion: "The Water Coolest is the preferred
    bathroom stall reading material of finance professionals." (its subject is the sponsor, then "is")."""
    lowered = text.strip().lower()
    return any(re.match(re.escape(name) + r"\s+(is|are|was|has been)\b", lowered) for name in names)


def _labels_a_sentence(text: str) -> bool:
    """"Watch the video: A newly found frog looks like Kermit." — a label in front of a sentence of its own."""
    label, colon, rest = text.partition(":")
    return bool(colon) and len(label.split()) <= 5 and len(rest.split()) >= 5


# -- page furniture --------------------------------------------------------------------------------------
_LABEL = re.compile(
    r"^\W*(related( (stories|articles|posts|content|coverage))?|read (more|also|next)|see also|also read|"
    r"recommended( for you)?|more (from|on|stories)|editor['’]s note|advertisement|sponsored|watch|listen|"
    r"tags?|topics?|filed under|photo|image|video|source|credit|caption|updated|published|posted)\s*[:|–—]",
    re.IGNORECASE,
)
# A byline or a date line is short: "By Ana Ruiz, Staff Writer", "Updated 10:34 AM ET, Nov 19".
_SHORT_BYLINE = re.compile(
    r"^(by|written by|reporting by|posted by|words by|story by|photos? by)\s+[A-Z]"
    r"|^(updated|published|posted|last updated|first published)\b",
    re.IGNORECASE,
)
_AUTHOR_NOTE = re.compile(
    r"\b(is|was) an? ([a-z]+ )?(writer|reporter|correspondent|editor|contributor|columnist) (at|for|with)\b"
    r"|^(contact|email|follow) (the|this) (author|writer|reporter)\b",
    re.IGNORECASE,
)
BYLINE_WORDS = 12
_CAPTION = re.compile(
    r"\((left|right|center|centre|pictured|above|below|top|bottom|file|inset)\)"
    r"|^(pictured|above|below|left|right|top|bottom|inset)\s*:|^(pictured|left|right|top|bottom|inset),"
    r"|\b(is|are) (pictured|shown|displayed)\b|\b(is|are) seen (?!as\b)|\bposes? (for|with)\b"
    r"|\bin this (file )?(photo|image|picture)\b|\b(photo|image|picture|illustration)s? (by|courtesy of|credit)\b"
    r"|\((AP|Reuters|AFP) Photo\b|\bGetty Images\b",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", "”", '"', "’", "'", ")", "…")
# "Viera d." of "Viera d. Rockledge 3-1": a results line the sentence splitter cut after "d." (defeated)
_CUT_AT_ABBREVIATION = re.compile(r"\s[a-z]\.$")
_SITE_SEPARATORS = re.compile(r"\s+[-|–—·:»]\s+|:\s+")


def headline_key(text: str) -> str:
    """A line as compared with the headline: words only, lower case."""
    return re.sub(r"\W+", " ", text).strip().lower()


def headline_parts(title: str | None) -> list[str]:
    """The keys of a title and of its pieces ("Headline - Site", "Kicker: Headline"), longest first."""
    if not title:
        return []
    pieces = [title, *_SITE_SEPARATORS.split(title)]
    keys = {headline_key(piece) for piece in pieces}
    return sorted((k for k in keys if len(k.split()) >= 3 or k == headline_key(title)), key=len, reverse=True)


def repeats_headline(text: str, title_keys: list[str]) -> bool:
    """The headline, a piece of it, or it with a few words more (the site's name, a kicker)."""
    key = headline_key(text)
    if not key or not title_keys:
        return False
    words = set(key.split())
    for title_key in title_keys:
        if key == title_key or (len(key.split()) >= 4 and key in title_key):
            return True
        if title_key in key and len(key.split()) <= len(title_key.split()) + 4:
            return True
        title_words = set(title_key.split())
        if len(title_words) >= 4 and len(words & title_words) >= 0.8 * max(len(words), len(title_words)):
            return True
    return False


def furniture_reason(text: str, title_keys: list[str], ends_matter: bool = True) -> str | None:
    """Why `text` is page furniture rather than an article sentence (None when it is a sentence).

    `title_keys` come from `headline_parts`; `ends_matter` is false on pages whose sentences often lack a
    final stop (then a missing stop says nothing).
    """
    stripped = text.strip()
    if repeats_headline(stripped, title_keys):
        return "the headline repeated"
    if _LABEL.match(stripped):
        return "a label (Related:, Tags:, Photo:)"
    if (_SHORT_BYLINE.search(stripped) and len(stripped.split()) <= BYLINE_WORDS) or _AUTHOR_NOTE.search(stripped):
        return "a byline or date line"
    if _CAPTION.search(stripped):
        return "a caption"
    if _is_table_row(stripped):
        return "a table row or score line"
    if stripped.endswith(":"):
        return "a lead-in ending in a colon"
    if _is_tag_list(stripped):
        return "a list of tags"
    fragment = _fragment_reason(stripped)
    if fragment:
        return fragment
    if not stripped.endswith(_TERMINAL) and (ends_matter or _is_title_case(stripped)):
        return "no sentence end (a heading or link)"
    return None


def _fragment_reason(text: str) -> str | None:
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        return "a fragment starting in lower case"
    if _CUT_AT_ABBREVIATION.search(text) and len(text.split()) <= 4:
        return "a fragment cut at an abbreviation"
    return None


def _is_title_case(text: str) -> bool:
    """"Jonas Brothers Added to 2019 American Music Awards Lineup": a heading's capitals, not a sentence's."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in TITLE_CASE_MINOR_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


# "Palm Bay (1-0): Tolivert 25 points." — a team's record, then its statistics; "A. Ruiz 2 goals, 2 assists."
_STATS_LINE = re.compile(r"^[A-Z][\w .'’-]{0,40}\(\d+-\d+(-\d+)?\):")
_STAT_WORDS = (
    r"(goals?|assists?|points?|rebounds?|tackles?|sacks?|yards?|saves?|hits?|runs?|receptions?|carries|"
    r"steals?|blocks?|catches|innings|strikeouts?|touchdowns?|TDs?|TFLs?|kills|digs|aces|total)"
)
_STAT = re.compile(r"\b\d+ " + _STAT_WORDS.replace("|total)", ")") + r"\b")
# "Davis 17 points.", "Astronaut (NR): Jaden Siemans 7 saves.", "Jordan Spira and Megan Cook 4 total.": names
# (a team's before a colon) and a statistic, no verb.
_NAMED_STAT = re.compile(
    r"^(\(?[A-Z][\w.'’-]*\)?:?\s+|and\s+|&\s+)+\d+ " + _STAT_WORDS + r"(,?\s+\d+ " + _STAT_WORDS + r")*\.?$"
)
STATS_LINE_WORDS = 14


def _is_table_row(text: str) -> bool:
    if text.count("|") >= 2 or _STATS_LINE.match(text) or _NAMED_STAT.match(text):
        return True
    if len(_STAT.findall(text)) >= 2 and len(text.split()) <= STATS_LINE_WORDS:
        return True
    tokens = text.split()
    numeric = sum(1 for t in tokens if not any(c.isalpha() for c in t))
    return len(tokens) >= 3 and numeric >= 0.5 * len(tokens)


def _is_tag_list(text: str) -> bool:
    """"Politics, World News, Donald Trump, Impeachment": short title-case items with no sentence in them."""
    items = [item.strip() for item in re.split(r"[,;|•]", text.rstrip(".")) if item.strip()]
    if len(items) < 4:
        return False
    return all(len(item.split()) <= 4 and all(_capitalised(w) for w in item.split()) for item in items)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in TITLE_CASE_MINOR_WORDS or word == "&"


def ends_matter(texts: list[str]) -> bool:
    """True when most of a page's sentences end with a stop, so that one without is a heading or a link."""
    if not texts:
        return True
    ended = sum(1 for text in texts if text.rstrip().endswith(_TERMINAL))
    return ended >= 0.7 * len(texts)
