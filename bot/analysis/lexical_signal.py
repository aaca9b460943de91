"""The lexical signal of retrieval: how well each sentence matches a query's words by BM25, saturating.

For "what did X say about Y" the speaker's name counts half: the sentence that introduces them names them, their
words seldom do ("Ian Guffick asked pupils at ... to make the changes" / "However, he insisted ... not to change
their answers, but to make them more legible"); the topic's words decide among what they said.
"""

from __future__ import annotations

import numpy as np

# The BM25 score at which the lexical signal counts half.
BM25_HALF = 3.0
# The share of a said question's lexical signal that leaves the speaker's name out: benchmarks/questions.jsonl
# first citation 0.783 -> 0.787 (#199) with 0.5, the probe unchanged; the name left out entirely (1.0) lost 4
# questions whose answer is the sentence that names the speaker ("What did Jon Husted say he would do?"), 0.75
# lost one of them (#106).
NAMELESS_SHARE = 0.5


def lexical_signal(bm25, tokens: list[str], count: int, nameless: list[str] | None = None) -> np.ndarray:
    """The saturating BM25 signal of `tokens` in each of `count` sentences (so one weak match never counts as a
    full one), blended with that of the `nameless` tokens (the query without the speaker's name) when given."""
    signal = _saturated(bm25, tokens, count)
    if nameless is None:
        return signal
    return (1 - NAMELESS_SHARE) * signal + NAMELESS_SHARE * _saturated(bm25, nameless, count)


def _saturated(bm25, tokens: list[str], count: int) -> np.ndarray:
    """BM25 of the tokens over each sentence, x / (x + BM25_HALF); zeros for no tokens."""
    if not tokens:
        return np.zeros(count, dtype=np.float32)
    scores = np.asarray(bm25.get_scores(tokens), dtype=np.float32)
    return scores / (scores + BM25_HALF)
