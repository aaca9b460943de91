"""Whether a source answers a question, from the passages retrieval found: "not covered", right both ways.

Three signals, each a reason a reader would give:
- the passages are about the question at all (their meaning is close, or they share its words): if not, the
  source is off topic;
- every name the question gives occurs in the source ("What did Robby Mook say?" of an article without him),
  and so does the group around a name it asks about ("Clinton's campaign");
- every name (or ordinal: "the second debate") the question asks about stands in one of the passages found
  (the rest of the article may name it for something else: "What does the IMF forecast for China's growth?"
  of passages giving the U.S. forecast only);
- a question that asks for a kind of thing (a number, a date, a name, a place) finds one it does not already
  give in a passage close to it.
"""

from __future__ import annotations

import enum
import re

from bot.analysis.nlp import name_head, parse_question
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, PassageIndex

# A question is off topic when its best passage is far from it in meaning and shares few of its words: on
# benchmarks/questions.jsonl the off-topic questions' best passages sit at 0.05-0.09, 5% of the answerable ones
# below 0.2 (many of them follow-ups with no content word: "and when did he do that?").
OFF_TOPIC_SEMANTIC = 0.15
OFF_TOPIC_WORD_SHARE = 0.3
# Passages searched for the kind of thing asked for.
TYPED_PASSAGES = 3


class Coverage(enum.Enum):
    COVERED = "covered"
    UNANSWERED = "unanswered"  # on topic, but the source does not give what is asked
    OFF_TOPIC = "off topic"


def coverage(question: Question, hits: list[Hit], index: PassageIndex) -> Coverage:
    """Whether the passages found for `question` answer it."""
    best = max(hits, key=lambda h: h.score, default=None)
    if best is None or not about(best):
        return Coverage.OFF_TOPIC
    if missing_names(question, index.text) or missing_groups(question, index.text):
        return Coverage.UNANSWERED
    if names_not_found(question, hits):
        return Coverage.UNANSWERED
    if question.kind and not _typed_answer_near(question, hits, index):
        return Coverage.UNANSWERED
    return Coverage.COVERED


def about(best: Hit) -> bool:
    """Whether the best passage is about the question at all."""
    return best.semantic >= OFF_TOPIC_SEMANTIC or best.word_share >= OFF_TOPIC_WORD_SHARE


def missing_names(question: Question, text: str) -> list[str]:
    """The names the question gives that the source never writes (full stops and case aside: "US", "U.S.";
    initials as the words they stand for: "UN", "the United Nations")."""
    written = [name for name in question.names if name != "I"]
    return [name for name in written if not writes_name(text, name)]


# A nationality or people's adjective before a noun ("the American economy"): the passage may write it
# otherwise ("U.S. output"), so it is no name a passage must repeat.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|i)$")
# Ordinals before a noun single out one of several ("When is the second debate?" of passages on the first).
# "previous" places a thing before now, which an article writes by tense and date, not by the word ("Davey's
# previous job": "who until January was chief executive"); "next" stays: a passage that lacks it is about an
# event already past ("When is his next court date?" of passages on the hearing held).
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "next", "final"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def names_not_found(question: Question, hits: list[Hit]) -> list[str]:
    """The names that constrain what the question asks ("China" of "the IMF forecast for China's growth";
    not its subject, often a pronoun in the answering passage, nor a demonym before a noun) that none of the
    passages found writes: those passages answer it for something else."""
    text = " ".join(hit.passage.text for hit in hits)
    return [name for name in constraint_names(question) if not writes_name(text, name)]


# Initials a name may be written out as ("EU": "the European Union"), and the small words their words may hold.
_INITIALS = re.compile(r"^[A-Z]{2,5}$")
_INITIALS_SKIP = frozenset({"of", "the", "and", "for"})


def writes_name(text: str, name: str) -> bool:
    """Whether a text writes a name: as the question does (full stops and case aside), or, for initials, as
    capitalised words they are the first letters of ("UN": "United Nations")."""
    plain = _plain(text)
    if re.search(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", plain):
        return True
    if _written_apart(plain, name) or _as_its_people(text, name):
        return True
    if not _INITIALS.match(name):
        return False
    n = len(name)
    for run in re.finditer(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for)\s+)?[A-Z][\w'’-]*)+", text):
        letters = "".join(w[0] for w in run.group().split() if w not in _INITIALS_SKIP)
        if any(letters[i : i + n] == name for i in range(len(letters) - n + 1)):
            return True
    return False


# A name of several words is written when they stand in its order with at most this many words between each
# two: "Judge Kramer" in "Judge Stephen Kramer QC", "Mary Christie" in "Mary Pat Christie".
NAME_GAP_WORDS = 2


def _written_apart(plain: str, name: str) -> bool:
    words = _plain(name).split()
    if len(words) < 2:
        return False
    gap = rf"(?:\s+[\w'.-]+){{0,{NAME_GAP_WORDS}}}\s+"
    return re.search(r"(?<!\w)" + gap.join(re.escape(w) for w in words) + r"(?!\w)", plain) is not None


def _as_its_people(text: str, name: str) -> bool:
    """Whether a one-word place name is written as the adjective of its people ("China": "Chinese citizens",
    "Russia": "Russian", "Britain": "British"): a demonym that starts with the name less its last three letters
    (four at least)."""
    if " " in name or len(name) < 4 or not name[:1].isupper():
        return False
    start = name[: max(4, len(name) - 3)]
    return any(_DEMONYM.match(word) for word in re.findall(rf"\b{re.escape(start)}[a-z]*\b", text))


def constraint_names(question: Question) -> list[str]:
    """The ordinals before a noun of the question, and its names that are neither its subject (nor a subject's
    compound part) nor demonyms used as adjectives ("the American economy": a passage may write "U.S.")."""
    names = [name for name in question.names if name != "I" and not _used_as_adjective(name, question.text)]
    lowered = question.text.lower()
    if not names and not any(word in lowered for word in _ORDINALS):
        return []
    doc = parse_question(question.text)
    kept = [t.text for t in doc if t.lower_ in _ORDINALS and t.dep_ == "amod" and not _idiom(t)]  # "the second debate"
    for name in names:
        at = question.text.find(name)
        span = doc.char_span(at, at + len(name), alignment_mode="expand") if at >= 0 else None
        if span is None or not _subject(span.root):
            kept.append(name)
    return kept


def _idiom(token) -> bool:
    """ "in the first place" ("Why did the cops approach him in the first place?") singles nothing out."""
    return token.head.lower_ == "place" and token.i >= 2 and token.doc[token.i - 2].lower_ == "in"


def _subject(token) -> bool:
    return name_head(token, ("compound", "flat", "appos")).dep_ in _SUBJECTS


def _used_as_adjective(name: str, text: str) -> bool:
    return bool(_DEMONYM.match(name)) and bool(re.search(rf"\b{re.escape(name)} [a-z]", text))


# The people around a named person who speak for them: "How did the Trump campaign respond?" asks for words
# the article must give to "the Trump campaign", not to Trump or to a campaign of someone else's.
_GROUP = re.compile(
    r"\b([A-Z][\w-]+)(?:'s|’s)? (campaign|administration|office|spokes(?:man|woman|person)|lawyers?|attorneys?|"
    r"family|government|aides?|staff|mother|father|parents|wife|husband|son|daughter|brother|sister|widow)\b"
)


def missing_groups(question: Question, text: str) -> list[str]:
    """The "<name>'s campaign" / "the <name> administration" a question asks about that the source never writes
    (the name and the group a word or two apart: "Hillary Clinton's campaign manager" writes Clinton's campaign)."""
    plain = _plain(text)
    found = []
    for name, group in _GROUP.findall(question.text):
        if re.search(rf"(?<!\w){re.escape(_plain(name))}(?:'s)?\s+(?:[\w-]+\s+)?{group}", plain):
            continue
        if group.lower() in _PEOPLE_GROUPS and _PEOPLE_GROUPS[group.lower()].search(plain):
            continue  # "his lawyer", "David Houldcroft, defending": the name is a sentence away, or a pronoun
        found.append(f"{name} {group}")
    return found


_COUNSEL = re.compile(r"\b(?:lawyers?|attorneys?|counsel|solicitors?|barristers?|defending|representing|defen[cs]e "
                      r"team)\b")
# The people who work for a person or are family (their lawyer, spokesman, aides, mother): an article names
# the person, then writes "his lawyer" or "her mother", so any such word of the article counts; a campaign, an
# administration, an office or a government is written with its name ("the Trump campaign"), or it is another.
_SPOKESPEOPLE = re.compile(r"\bspokes(?:man|woman|person)\b")
_AIDES = re.compile(r"\baides?\b")
_PEOPLE_GROUPS = {
    "lawyer": _COUNSEL, "lawyers": _COUNSEL, "attorney": _COUNSEL, "attorneys": _COUNSEL,
    "family": re.compile(r"\bfamil(?:y|ies)\b"), "aide": _AIDES, "aides": _AIDES, "staff": re.compile(r"\bstaff"),
    "spokesman": _SPOKESPEOPLE, "spokeswoman": _SPOKESPEOPLE, "spokesperson": _SPOKESPEOPLE,
    **{relative: re.compile(rf"\b(?:{words})\b") for relative, words in (
        ("mother", "mother|mum|mom"), ("father", "father|dad"), ("parents", "parents?|mother|father"),
        ("wife", "wife|widow|spouse"), ("widow", "widow|wife"), ("husband", "husband|spouse"), ("son", "sons?"),
        ("daughter", "daughters?"), ("brother", "brothers?"), ("sister", "sisters?"),
    )},
}


def _plain(text: str) -> str:
    return text.replace(".", "").replace("’", "'").casefold()


def _typed_answer_near(question: Question, hits: list[Hit], index: PassageIndex) -> bool:
    return any(
        index.answer_type_at(i, question)
        for hit in hits[:TYPED_PASSAGES]
        for i in hit.passage.sentences
    )
