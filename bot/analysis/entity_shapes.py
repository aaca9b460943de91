"""What an entity's own words say it is, for `Question.fits`: a time something happened, a length of time, an
age, a weight, an organization that is a place.

The named-entity tagger's labels are coarse ("76" and "16 years" are DATEs, like "March 29"); the words decide:
a calendar word, a year or a clock time makes a date a time something happened, a unit of time makes it a
length of time, "-old" an age, a unit of weight a weight, and a noun of a building or a site ("hospital",
"airport") makes an organization a place.
"""

from __future__ import annotations

import re

# A size is no length of time: "how big was the crater?" is not answered by "4.5 billion years ago".
SIZE = re.compile(r"\bhow (big|far|tall|heavy|large|high|deep|wide|fast)\b")
MEASURE = re.compile(r"\bhow (big|tall|heavy|large|high|deep|wide)\b")
# The size of a group is how many it has ("How big is the flight attendants' union?": "almost 50,000 workers").
GROUP_SIZE = re.compile(
    r"\bhow (?:big|large) (?:is|was|are|were) (?:the |its |his |her |their |this |that )?(?:[\w'’-]+ ){0,3}?"
    r"(?:union|group|crowd|army|force|staff|workforce|membership|audience|congregation|community|population|"
    r"following|fan ?base|electorate|delegation|caucus|party|club|network|team)s?\b"
)
WEIGHT = re.compile(r"\b(\w*grams?|kg|kilos?|pounds?|lbs?|tons?|tonnes?|ounces?|oz|stone)\b", re.I)
# "How long is the kite?" asks a length in space, not a length of time.
_LENGTH_ASKED = re.compile(
    r"\bhow long (?:is|was|are|were) (?:the|its|his|her|their|this|that) [\w-]+(?: [\w-]+)?\?*$"
    r"|\b(metres|meters|miles|feet|foot|km|kilometres|kilometers|yards|inches|centimetres|centimeters)\b"
)
# What makes a date entity a time something happened, not an age or a length ("76", "16 years", "four-day"):
# a calendar word, a year, a clock time or "ago"; a length counts after "within" or "in" ("within 20 years").
_CALENDAR = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"tomorrow|tonight|morning|afternoon|evening|night|ago|last|this|next|spring|summer|autumn|"
    r"fall|winter|century|decade|weekend)\b|\b(1[0-9]|20)\d\d\b|\d:\d\d|[ap]\.m\.|\d\s?[ap]m\b",
    re.I,
)
AGO = re.compile(r"\b(second|minute|hour|day|night|week|month|year|decade|century)s? ago\b", re.I)
TIME_UNIT = re.compile(r"\b(second|minute|hour|day|night|week|month|year|decade|century)s?\b", re.I)
_AGE = re.compile(r"\bold\b|-old\b", re.I)
_A_NUMBER = re.compile(r"(?i)\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|a)\b")
_LENGTH_BEFORE = frozenset({"within", "in", "after", "by"})
# Organizations that are places ("Denver International Airport", "the University of Jyvaskyla").
_PLACE_NOUNS = re.compile(
    r"\b(university|college|school|hospital|airport|station|stadium|arena|centre|center|"
    r"museum|prison|court|church|park|hotel|house|hall|base|port|zoo|clinic)\b",
    re.I,
)


def a_time(text: str, before: str) -> bool:
    """Whether a date entity is a time something happened ("March 29", "last week", "1981", "2am"), or a length
    that says when after "within" / "in" ("within 20 years"); not an age or a bare length ("76", "16 years")."""
    return bool(_CALENDAR.search(text)) or before.lower() in _LENGTH_BEFORE


def a_place(text: str) -> bool:
    """Whether an organization's name is that of a place ("Sentara Norfolk General Hospital", not "The TSA")."""
    return bool(_PLACE_NOUNS.search(text))


def a_length_of_time(label: str, text: str, asked: str) -> bool:
    """For "how long" / "how often" (`asked`, the question lower-cased): a date with a unit of time and no age
    ("16 years", not "76-year-old"), a quantity with a unit of time (not "85 miles") unless a length in space
    is asked ("How long is the kite?")."""
    if label == "QUANTITY":
        return bool(_LENGTH_ASKED.search(asked) or TIME_UNIT.search(text))
    return bool(TIME_UNIT.search(text)) and not _AGE.search(text)


def an_age(label: str, text: str, before: str) -> bool:
    """For "how old": an age ("a two-month-old kitten", "16 years"), or a bare number set off after a name
    ("Christie, 51,", which the tagger may call a date), not any count ("in one of a series"), a time ago
    ("two weeks ago") or a span without a number ("in recent months")."""
    if AGO.search(text) or not _A_NUMBER.search(text):
        return False
    if _AGE.search(text) or TIME_UNIT.search(text):
        return True
    bare = label == "CARDINAL" or (label == "DATE" and text.strip().isdigit())
    return bare and (before.endswith(",") or before.lower() in ("aged", "age"))
