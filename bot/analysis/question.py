"""A follow-up question, read once: its form, the kind of thing it asks for, whom and what it names, whether it
points back to the conversation.

Retrieval boosts the sentences that hold the kind asked for and the words of the person it asks about, the
answer job picks the span that answers it and resolves a question that points back to the earlier turns, and
the checks refuse an answer without the kind asked for: all from this one value.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis import entity_shapes as shapes
from bot.analysis.given_names import gives_a_name
from bot.analysis.lexicon import NAME_SUFFIXES, PERSON_LIKE, QUESTION_WORDS, content_stems, content_words, stem, stems
from bot.models import Expert

# The forms of question (issue 13): who, what, when, where, how many/much, why/how, yes-no, what did X say,
# does the article give evidence.
FORMS = ("who", "what", "when", "where", "how_many", "why_how", "yes_no", "said", "evidence")
# The named-entity labels of numbers, amounts and dates.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "TIME", "ORDINAL"})
COUNT_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
DATE_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "GPE", "EVENT", "LAW"})
_LEAD = r"^(?:and|so|but|ok|okay|also|then)?,?\s*"
# A measure asked with "what" ("What does a ticket cost?", "What was the US prison population in 1972?") asks
# for a number as "how much" does (a pattern's text, joined into the how-many form's).
_MEASURE_ASKED = (
    r"\bwhat (?:did|does|do|will|would|could) (?:(?!say |said |think )[\w'’-]+ ){1,4}"
    r"(?<!the )(?<!its )(?:cost|weigh)\b"  # "What does a ticket cost?", not "What did she say about the cost?"
    r"|\bwhat(?: is|'s|’s| was| are| were) (?:the |its |his |her |their )?(?:[\w-]+ ){0,3}?(?:cost|price|capacity|"
    r"weight|population|death toll|toll|salary|budget|magnitude|speed|temperature|height|length|size)\b"
)
# The form of a question, the first pattern that matches deciding; those before "said" win over a reporting
# verb ("When did Stofan make her prediction?" asks for a date), those after it lose to one.
_FORMS = [
    ("evidence", re.compile(r"^(?!" + _LEAD + r"(when|where|who|whom|whose)\b).*\b(evidence|back(s|ed)? up|proof|"
                            r"any (signs?|indications?)|anything suggest\w*)\b")),  # "When ... proof?": a date
    ("said", re.compile(r"^where (does|do|did) .+ stand\b")),
    (
        "how_many",
        re.compile(
            r"\bhow (many|much|long|old|far|big|tall|fast|heavy|often|large|high|deep|wide|strong|powerful|"
            r"expensive|hot|cold|loud)\b"
            r"|\bwhat (percentage|percent|share|magnitude|age|proportion|grid position|position|rank|growth)\b"
            r"|^(?:and |so )?where did \w+ (place|finish|rank|come)\b"
            + r"|" + _MEASURE_ASKED
        ),
    ),
    ("when", re.compile(_LEAD + r"when\b|\b(?:what|which) (year|time|date|day|month)\b|\bsince when\b")),
    (
        "where",
        re.compile(
            _LEAD + r"where\b|\b(which|what) (\w+ )?(town|city|country(?!['’]s)|countries|nation(?!['’]s|al|wide)|"
            r"nations|state|states|place|hospital|airport|university|province|region|venue|county|street|building)\b"
            r"|\bat which\b"
        ),
    ),
    (
        "who",
        re.compile(
            _LEAD + r"(who|whom|whose)\b|\bwhat (is|was|are|were) (the|their|his|her) \w*\s*names?\b"
            r"|\bwhat are their names\b|\bwhich (union|team|governor|politician|universities|company|companies|"
            r"group|person|man|woman|official|officials|senator|lawmaker|firm|agency|party|country's|nation's)\b"
        ),
    ),
    (
        "said",
        re.compile(
            r"\b(say|said|says|tell|told|think|thinks|thought|write|wrote|tweet|tweeted|describe|describes|described|react|"
            r"respond|claim|claims|argue|argues|stand|expect|expects|believe|believes|warn|warned|mean)\b"
            r"|^according to\b"
        ),
    ),
    ("why_how", re.compile(_LEAD + r"(why|how)\b")),
    ("yes_no", re.compile(_LEAD + r"(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b")),
]
# A yes-no question that asks what someone said is still a yes-no question ("Did he say sorry?").
_YES_NO = re.compile(_LEAD + r"(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b")
_MONEY = re.compile(r"\b(cost|costs|price|pay|paid|spend|spent|worth|money|cash|fund\w*|raise\w*|salary|earn\w*|fee|"
                    r"budget|pledge\w*|fine|charge|ticket|tickets|fare|rent)\b")
# "How many days had he been missing?" counts a unit of time: a length of time answers ("66 days"), not a count.
_TIME_COUNTED = re.compile(r"\bhow many (seconds|minutes|hours|days|nights|weeks|months|years|decades)\b")
_DURATION = re.compile(r"\bhow (long|often)\b|\bhow much\b.*\btime\b|" + _TIME_COUNTED.pattern)  # "over the time?"
_PERCENT = re.compile(r"\bhow fast\b|\bwhat (percentage|percent|share|proportion|growth)\b")
# What a sentence that gives a reason ("why ...?") or a means ("how did they ...?") says it with.
_WHY = re.compile(_LEAD + r"(?:why|how come)\b")  # "how come the numbers differ?" asks why
_REASON = re.compile(r"\b(because|since|due to|as a result|so that|in order to|reasons?|after|amid|given that)\b", re.I)
_MEANS = re.compile(r"\b(by \w+ing|after|through|thanks to|using|with the help)\b", re.I)
_RANK = re.compile(r"\b(position|rank|place|finish)\b")
# "Which union", "which team": the answer is an organization before a person.
_COUNTRY = re.compile(r"\b(?:country|countries|nation|nations)\b|\b(?:country|nation)['’]s\b")
_ORGANIZATION_ASKED = re.compile(r"\b(union|team|universit\w*|compan\w*|group|firm|agency|party|organi[sz]ation|"
                                 r"newspaper|network|journal|club|band|school)\b", re.I)
# "What's the dog's name?", "What was the name of his sailboat?", "What's the shelter called?", and the measure
# a "what magnitude" question asks for, which stands next to its number ("a magnitude-7.8 quake").
_NAME_OF = [
    re.compile(r"\bwhat (magnitude|age|percentage|temperature|speed|height|depth|score)\b"),
    re.compile(r"\bwhat(?:'s|’s| is| was) (?:the |his |her |their |its )?(\w+)(?:'s|’s) names?\b"),
    # "the taxi driver": its last noun; "Florian Huber's book": the noun after the owner
    re.compile(r"\b(?:what|which)(?: is| was| are| were|'s|’s) the names? of "
               r"(?:the |his |her |their |its |this |that )?(?:(?:[\w.-]+ ){0,2}[\w.-]+['’]s )?(\w+)(?: (\w+))?"),
    re.compile(r"\bwhat(?:'s|’s| is| was) (?:the |his |her |their |its |this |that )?(\w+) (?:called|named)\b"),
]
_WHO_IS = re.compile(
    r"^(?i:(?:and|so|but)?,?\s*who(?:'s|’s| is| was)) ([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*|[Hh]e|[Ss]he)"
    r"(?:,? exactly)?\??$"
)
_WHO_DID = re.compile(_LEAD + r"who (\w+)")
# "Which team ...?", "At which airport ...?": the kind of thing the answer is ("team"), which its name often holds.
_TYPE_NOUN = re.compile(r"\b(?:which|what) (\w+)")
_OTHER_TYPE_NOUN = re.compile(r"\b(?:which|what) \w+ or (\w+)")
# Things that are no person, so a person's name is not what they are called ("What's the shelter called?").
_INSTITUTIONS = frozenset(stems(["shelter", "charity", "company", "firm", "group", "organisation", "organization",
                                 "hospital", "school", "university", "college", "team", "club", "band", "campaign",
                                 "party", "union", "agency", "program", "programme", "law", "bill", "mission",
                                 "project", "operation", "festival", "event", "newspaper", "network", "journal"]))
_NOT_ACTIONS = frozenset({"is", "was", "are", "were", "else", "has", "have", "had", "did", "does", "do", "will",
                          "would", "could", "can", "should", "may", "might", "else's", "exactly", "the", "also"})
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their|it|its|that|this|those|these)\b", re.I)
_CONTINUATION = re.compile(r"\b(next|then|after that|afterwards|else|more|continue[sd]?|go on|went on)\b", re.I)
_FUTURE_NEXT = re.compile(r"\b(?:going to|gonna|will|plans? to|intends? to)\s+(?:\w+\s+){0,2}next\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w.-]*(?:\s+(?:[A-Z][\w.-]*|of|de|van|von|al)\b)*")
# Words that only say what kind of thing a question asks for.
_KIND_WORDS = frozenset({"date", "time", "year", "day", "month", "name", "names", "number", "many", "much", "long",
                         "old", "big", "place", "called", "else", "exactly", "ever", "also", "still",
                         # the measure a how-much question names ("the death toll", "the tank's capacity")
                         "toll", "capacity", "size", "amount", "total",
                         # and light verbs and words for anyone or anything, which frame a question
                         "make", "made", "see", "saw", "seen", "get", "got", "take", "took", "taken", "go", "went",
                         "come", "came", "put", "find", "found", "know", "knew", "thing", "things", "nobody",
                         "anyone", "someone", "anybody", "somebody", "people"})
# Words that shape a "what did X say" question and say nothing of its topic.
_ASKING_WORDS = frozenset({"say", "said", "says", "tell", "told", "think", "thinks", "thought", "write", "wrote",
                           "tweet", "tweeted", "speak", "speaks", "speaking", "spoke", "talk", "talking", "talked",
                           "describe", "describes", "described", "react", "respond", "claim", "argue", "stand",
                           "expect", "expects", "believe", "believes", "according", "article", "piece",
                           "give", "evidence", "actually", "exactly", "really"})


@dataclass(frozen=True)
class Question:
    text: str
    form: str  # one of FORMS
    kind: frozenset[str]  # the entity labels an answer would hold ("how many" -> numbers); empty: anything goes
    words: frozenset[str]  # the stems of its content words
    expert: Expert | None  # the expert it names, by name or by role ("the doctor who treated him")
    refers_back: bool  # it leans on the previous turn: a pronoun, or "next", "what else"
    asks_to_continue: bool  # "next", "what else", "go on"
    names: tuple[str, ...] = ()  # the names it gives ("Rishi Khanal", "NASA"), as written
    focus: str = ""  # what it asks about, without its question words, reporting verbs and speaker
    wants_duration: bool = False  # "how long", "how often": a number with a unit of time or a count
    named_thing: str = ""  # the stem of the thing whose name it asks for ("What's the dog's name?": "dog")
    earlier: str = ""  # the turn before, when it points back to it: "who else is backing her?" is not "her"

    @classmethod
    def read(cls, text: str, experts: Sequence[Expert] = ()) -> Question:
        continues = bool(_CONTINUATION.search(_FUTURE_NEXT.sub(" ", text)))  # "going to do next?": the future
        form = form_of(text)
        expert = expert_named(text, experts) or expert_described(text, experts, form)
        return cls(
            text,
            form,
            _kind_asked(text, form),
            frozenset(content_stems(text)),
            expert,
            continues or bool(_PRONOUN.search(text)),
            continues,
            names_in(text),
            _focus(text, expert),
            bool(_DURATION.search(text.lower())),
            _named_thing(text),
        )

    def fits(self, label: str, text: str, before: str = "") -> bool:
        """Whether an entity (its label, its words, the word before it) is the kind of thing asked for: a
        date for "when" (a calendar word, not an age or a length), a place for "where" (an organization only
        when it is one: "Sentara Norfolk General Hospital"), a person or a group for "who"."""
        asked = self.text.lower()
        if self._ruled_out(label, text) or ("how old" in asked and not shapes.an_age(label, text, before)):
            return False
        if self.form == "when" and label in NUMBER_LABELS and shapes.AGO.search(text):
            return True  # the tagger calls "about 4.5 billion years ago" money at times: it is a time
        if label not in self.kind:
            return False
        if self.form == "when":
            return shapes.a_time(text, before)
        if self.form == "where" and label == "ORG":
            return shapes.a_place(text)
        if self.wants_duration and label in DATE_LABELS | {"QUANTITY"}:
            return shapes.a_length_of_time(label, text, asked)
        if shapes.SIZE.search(asked) and shapes.TIME_UNIT.search(text):
            return False
        if label == "CARDINAL" and shapes.MEASURE.search(asked) and not shapes.GROUP_SIZE.search(asked):
            return False  # a size or a weight is a measure with its unit ("200 kilograms"), not "one body"
        if label == "QUANTITY" and "how heavy" in asked:
            return bool(shapes.WEIGHT.search(text))  # a weight, not the kite's length
        # a bare count is no length of time
        return not (label == "CARDINAL" and (re.search(r"\bhow long\b", asked) or _TIME_COUNTED.search(asked)))

    def _ruled_out(self, label: str, text: str) -> bool:
        """An entity the question gives already, the thing it is about, or a person for an institution's name."""
        if text.lower() in self.text.lower() or self._is_the_thing_asked_about(text):
            return True
        if label not in NUMBER_LABELS and gives_a_name(self.names, self.text, label, text):
            return True  # "Hillary Clinton" for "Which union endorsed Clinton?"; "the IMF" written out
        if self.form == "who" and self.earlier and not self.asks_who_is and (
            text.lower() in self.earlier.lower() or gives_a_name(names_in(self.earlier), self.earlier, label, text)
        ):
            return True  # "Who else is backing her?" asks for someone the conversation has not named
        return label == "PERSON" and self.named_thing in _INSTITUTIONS

    def _is_the_thing_asked_about(self, text: str) -> bool:
        """ "Where was the festival held?" is not answered by "the Wulong International Kite Festival": a who or
        where answer whose last word is a word of the question (not the kind asked: "which airport") is the
        thing the question is about."""
        words = text.split()
        if self.form not in ("who", "where") or not words:
            return False
        head = stem(words[-1].strip(".,;:'’\"“”()").lower())
        alternative = _OTHER_TYPE_NOUN.search(self.text.lower())  # "Which city or province ...?": both asked
        return head in self.words and head not in {self.type_noun, stem(alternative.group(1)) if alternative else ""}

    @property
    def type_noun(self) -> str:
        """The stem of the kind of thing a "which X" / "what X" question asks for ("Which team ...?" -> "team")."""
        match = _TYPE_NOUN.search(self.text.lower())
        return stem(match.group(1)) if match and match.group(1) not in _NOT_ACTIONS | QUESTION_WORDS else ""

    @property
    def preferred(self) -> tuple[str, ...]:
        """The labels an answer's entity is taken from first: "who co-chairs" a person before the group."""
        if self.form == "when" and re.search(r"\bwhat time\b", self.text.lower()):
            return ("TIME",)  # a time of day ("at 2am"), before the day it was
        if self.form == "who":
            if _COUNTRY.search(self.text.lower()):
                return ("NORP", "GPE")
            if _ORGANIZATION_ASKED.search(self.text):
                return ("ORG", "NORP")
            return ("PERSON",)
        return ()

    @property
    def asks_who_is(self) -> bool:
        """ "Who is Howard Dean?", "Who is he, exactly?": who a person is, not who did something."""
        return self.form == "who" and bool(_WHO_IS.search(self.text))

    @property
    def action(self) -> str:
        """The stem of the verb a who-question asks about ("Who designed the bridge?" -> "design"), if any."""
        match = _WHO_DID.search(self.text.lower()) if self.form == "who" else None
        return stem(match.group(1)) if match and match.group(1) not in _NOT_ACTIONS else ""

    @property
    def key_words(self) -> tuple[str, ...]:
        """Its content words that say what it is about: no question words, reporting verbs, names, or words
        that only name the kind of thing asked ("date", "name", "many")."""
        named = {w.lower() for name in self.names for w in name.split()}
        if self.expert is not None:
            named |= {w.lower() for w in self.expert.name.split()}
        return tuple(
            w for w in dict.fromkeys(content_words(self.text))
            if w not in QUESTION_WORDS and w not in _ASKING_WORDS and w not in named and w not in _KIND_WORDS
        )

    def gives_reason(self, sentence: str) -> bool:
        """Whether a sentence says why or how in the words that give a reason or a means: "because they did not
        respond", "after a frantic conductor yelled", "by holding his son up" (why / how questions only)."""
        if self.form != "why_how":
            return False
        pattern = _REASON if _WHY.search(self.text.lower()) else _MEANS
        return bool(pattern.search(sentence))

    @property
    def wants_number(self) -> bool:
        """It asks for a number or a date ("how many", "when")."""
        return bool(self.kind) and self.kind <= NUMBER_LABELS


def form_of(text: str) -> str:
    """The form of a question (FORMS): the first of its patterns that matches, else "what"."""
    lowered = " ".join(text.lower().split())
    for form, pattern in _FORMS:
        if pattern.search(lowered):
            if form == "said" and _YES_NO.search(lowered):
                return "yes_no"
            return form
    return "what"


def _named_thing(text: str) -> str:
    """The stem of the thing whose name (or measure) a question asks for ("What's the shelter called?": "shelter")."""
    match = next((m for pattern in _NAME_OF if (m := pattern.search(text.lower()))), None)
    nouns = [w for w in (match.groups() if match else ()) if w and content_words(w) and not w.endswith(("ing", "ed"))]
    return stem(nouns[-1]) if nouns and nouns[-1] not in QUESTION_WORDS else ""


def _kind_asked(text: str, form: str) -> frozenset[str]:
    """The named-entity labels an answer to a question of this form would hold, or none."""
    lowered = text.lower()
    if _named_thing(text) and form != "how_many":
        return NAMED_LABELS
    if form == "how_many":
        return _amount_asked(lowered)
    if form == "when":
        return DATE_LABELS
    if form == "where":
        return PLACE_LABELS
    if form == "who":
        if re.search(r"\bnames?\b", lowered):
            return frozenset({"PERSON"})
        return NAME_LABELS | ({"GPE"} if _COUNTRY.search(lowered) else set())
    return frozenset()


def _amount_asked(lowered: str) -> frozenset[str]:
    """The labels of the amount a how-many question asks for: a rank, a share, money, a length, a count."""
    if _RANK.search(lowered) and not re.search(r"\bhow (many|much)\b", lowered):
        return frozenset({"ORDINAL"})
    if _PERCENT.search(lowered):
        return frozenset({"PERCENT", "QUANTITY", "CARDINAL"})
    if re.search(r"\bhow (much|expensive)\b|^(?:and |so )?what\b", lowered) and _MONEY.search(lowered):
        return frozenset({"MONEY"})
    if _DURATION.search(lowered) or "how old" in lowered:
        return frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL"})
    if re.search(r"\bhow many\b", lowered):
        return frozenset({"CARDINAL", "QUANTITY"})  # a count: no share, no sum of money
    return COUNT_LABELS


def names_in(text: str) -> tuple[str, ...]:
    """The names a question gives: runs of capitalised words, its first word only when it is no question word."""
    names = []
    for match in _NAME.finditer(text):
        words = match.group().rstrip(".").removesuffix("'s").removesuffix("’s").split()
        while words and match.start() == 0 and words[0].lower() in QUESTION_WORDS | _OPENERS:
            words = words[1:]
        if words := list(itertools.dropwhile(str.islower, words)):  # "Which of Jupiter's moons": Jupiter
            names.append(" ".join(words))
    return tuple(dict.fromkeys(names))


_OPENERS = frozenset("""and so but has have had can could will would should in at on for to by the a an ok okay also
    then if according under from with after before during since over into of as about against among between""".split())


def _focus(text: str, expert: Expert | None) -> str:
    """The words of a question that say what it is about: no question words, reporting verbs or speaker name."""
    speaker = {w.lower() for w in expert.name.split()} if expert else set()
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower().removesuffix("'s").removesuffix("’s") not in speaker]
    kept = [w for w in words if w.lower() not in QUESTION_WORDS and w.lower() not in _ASKING_WORDS]
    return " ".join(kept)


def expert_named(text: str, experts: Sequence[Expert]) -> Expert | None:
    """The expert a text names (the first one named wins): by full name, else by a surname (no "Jr.", "III") only
    one expert has, so "Jordan" is nobody when the article quotes both Frank and Louis Jordan."""
    named = [e for e in experts if e.name.split()]
    surnames = [([w for w in e.name.split() if w.lower() not in NAME_SUFFIXES] or e.name.split())[-1] for e in named]
    full_names = [(e.name, e) for e in named]
    unique_surnames = [(key, e) for key, e in zip(surnames, named, strict=True) if surnames.count(key) == 1]
    for keys in (full_names, unique_surnames):
        found = [(m.start(), e) for key, e in keys if (m := re.search(rf"\b{re.escape(key)}\b", text, re.I))]
        if found:
            return min(found, key=lambda f: f[0])[1]
    return None


def expert_described(text: str, experts: Sequence[Expert], form: str) -> Expert | None:
    """The one expert whose role a "what did X say" question describes ("the vet"), if it names nobody else."""
    if form not in ("said", "why_how", "yes_no") or any(PERSON_LIKE.match(name) for name in names_in(text)):
        return None
    asked = set(stems([w for w in content_words(text) if w not in _ASKING_WORDS and w not in QUESTION_WORDS]))
    matching = [e for e in experts if e.role and asked & set(content_stems(e.role))]
    return matching[0] if len(matching) == 1 else None
