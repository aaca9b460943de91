"""Whether a source answers a question, from the passages retrieval found: "not covered", right both ways.

Three signals, each a reason a reader would give:
- the passages are about the question at all (their meaning is close, or they share its words): if not, the
  source is off topic;
- every name the question gives occurs in the source ("What did Robby Mook say?" of an article without him),
  and so does the group around a name it asks about ("Clinton's campaign");
- a question that asks for a kind of thing (a number, a date, a name, a place) finds one it does not already
  give in a passage close to it.
"""

from __future__ import annotations

import enum
import re

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
    if question.kind and not _typed_answer_near(question, hits, index):
        return Coverage.UNANSWERED
    return Coverage.COVERED


def about(best: Hit) -> bool:
    """Whether the best passage is about the question at all."""
    return best.semantic >= OFF_TOPIC_SEMANTIC or best.word_share >= OFF_TOPIC_WORD_SHARE


def missing_names(question: Question, text: str) -> list[str]:
    """The names the question gives that the source never writes (full stops and case aside: "US", "U.S.")."""
    plain = _plain(text)
    written = [name for name in question.names if name != "I"]
    return [name for name in written if not re.search(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", plain)]


# The people around a named person who speak for them: "How did the Trump campaign respond?" asks for words
# the article must give to "the Trump campaign", not to Trump or to a campaign of someone else's.
_GROUP = re.compile(
    r"\b([A-Z][\w-]+)(?:'s|’s)? (campaign|administration|office|spokes(?:man|woman|person)|lawyers?|attorneys?|"
    r"family|government|aides?|staff)\b"
)


def missing_groups(question: Question, text: str) -> list[str]:
    """The "<name>'s campaign" / "the <name> administration" a question asks about that the source never writes
    (the name and the group a word or two apart: "Hillary Clinton's campaign manager" writes Clinton's campaign)."""
    plain = _plain(text)
    found = []
    for name, group in _GROUP.findall(question.text):
        if not re.search(rf"(?<!\w){re.escape(_plain(name))}(?:'s)?\s+(?:[\w-]+\s+)?{group}", plain):
            found.append(f"{name} {group}")
    return found


def _plain(text: str) -> str:
    return text.replace(".", "").replace("’", "'").casefold()


def _typed_answer_near(question: Question, hits: list[Hit], index: PassageIndex) -> bool:
    return any(
        index.answer_type_at(i, question)
        for hit in hits[:TYPED_PASSAGES]
        for i in hit.passage.sentences
    )
