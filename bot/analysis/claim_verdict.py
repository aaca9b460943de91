"""Whether a claim is true: the article's own verdict on it, which is seldom the sentence that makes the claim.

"Does the article give evidence that Trump's claim about Clinton starting the birther movement is false?" is
closest in words to the claim itself ("Hillary Clinton and her campaign of 2008 started the birther
controversy. I finished it," Trump said.); the answer is the sentence after it that judges it ("That comment is
a lie."). A news article that rules on a claim does so next to it, in a sentence that points back to it (a
demonstrative, or the claim named as a comment or a statement) and says true or false. When an evidence question
asks whether something is true or false, such a sentence in or right after one of the best passages is read
first, with the claim before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex

# An evidence question that asks whether a claim is true or false ("... is false?", "... was accurate?").
_ASKS_TRUTH = re.compile(r"\b(?:false|true|untrue|accurate|inaccurate|correct|incorrect|wrong|a lie|lying|lied|"
                         r"misleading|exaggerat\w*)\b", re.I)
# A sentence that says a claim is true or false.
_JUDGES = re.compile(r"\b(?:a lie|lies|lying|false|falsely|untrue|not true|inaccurate|incorrect|misleading|"
                     r"baseless|unfounded|debunked|wrong|true|accurate|correct)\b", re.I)
# A sentence that points back to a claim just made: "That comment ...", "This is ...", "The claim ...",
# "Trump's statement ..." (anyone's, by a possessive).
_POINTS_BACK = re.compile(
    r"^(?:but |and |yet )?(?:(?:that|this|the|his|her|their|such an?|(?:the )?\w+['’]s)\s+(?:\w+\s+)?"
    r"(?:claims?|comments?|statements?|assertions?|remarks?|lines?|figures?|numbers?|charges?|allegations?|"
    r"theory|story|accusations?)\b|(?:that|this|it)\s+(?:is|was|isn't|wasn't|is not|was not)\b)", re.I)
# The passages looked through (as for evidence: bot.analysis.anchors.EVIDENCE_PASSAGES).
PASSAGES = 3


def asks_truth(question: Question) -> bool:
    """Whether an evidence question asks whether a claim is true or false."""
    return question.form == "evidence" and bool(_ASKS_TRUTH.search(question.text))


def judges_a_claim(text: str) -> bool:
    """Whether a sentence points back to a claim and says it is true or false ("That comment is a lie.")."""
    return bool(_POINTS_BACK.search(text.strip())) and bool(_JUDGES.search(text))


def verdict_first(index: PassageIndex, hits: list[Hit], question: Question) -> list[Hit] | None:
    """The hits with the passage that holds the article's verdict on the claim first, its anchor on the verdict
    (a verdict right after a passage joins it: the claim, then what the article says of it); None when the
    question asks no truth or no best passage has a verdict in or after it."""
    if not asks_truth(question):
        return None
    for n, hit in enumerate(hits[:PASSAGES]):
        sentences = list(hit.passage.sentences)
        following = sentences[-1] + 1
        if following < len(index.sentences):
            sentences.append(following)
        for i in sentences:
            if judges_a_claim(index.sentences[i].text):
                return [_reaching(index, hit, i), *hits[:n], *hits[n + 1 :]]
    return None


def _reaching(index: PassageIndex, hit: Hit, i: int) -> Hit:
    """The hit anchored on sentence `i`, its passage carried on to it when `i` follows it."""
    sentences = sorted({*hit.passage.sentences, i})
    first, last = index.sentences[sentences[0]], index.sentences[sentences[-1]]
    passage = Passage(first.start, last.end, index.text[first.start : last.end], tuple(sentences))
    return replace(hit, passage=passage, anchor=i)
