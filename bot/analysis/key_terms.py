"""Whether a sentence speaks of what a question asks: the question's key words, matched by stem or by meaning.

A question's key words are its content words less its question words, reporting verbs, names and the words
that only say what kind of thing is asked ("date", "name", "many"). A sentence speaks of the question when it
holds half of them, each by its stem or by a word close in meaning: single words embedded with the sentence
model ("hurt" is "injured" at 0.66, "heavy" is "weighs" at 0.78; "divorce" is nothing in "lawyers filed legal
papers", 0.40). Then a number, a date or a name in it answers the question; one in a sentence that speaks of
something else ("When does the law take effect?" against "The law, signed on Tuesday, bans ...") does not.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from bot.analysis.lexicon import content_words, stems
from bot.analysis.question import Question

# Two words whose embeddings are at least this close count as one (measured on benchmarks/questions.jsonl:
# "hurt"/"injured" 0.66, "pictures"/"photos" 0.89, "investigator"/"identify" 0.46, "divorce"/"lawyers" 0.40).
SAME_MEANING = 0.5
# The share of a question's key words a sentence must hold to speak of what it asks.
KEY_SHARE = 0.5


def words_to_embed(question: Question, sentences: Iterable[str]) -> list[str]:
    """The distinct words a TermMatcher needs: the question's key words and the sentences' content words."""
    words = list(question.key_words)
    for sentence in sentences:
        words.extend(content_words(sentence))
    return list(dict.fromkeys(words))


class TermMatcher:
    """Key-word matching against sentences, with the word vectors it was given (unit length)."""

    def __init__(self, vectors: dict[str, np.ndarray], closeness=None) -> None:
        self.vectors = vectors
        self.closeness = closeness  # how close the sentences are to the question (bot.analysis.paraphrase)

    def share(self, question: Question, sentence: str) -> float | None:
        """The share of the question's key words the sentence holds (by stem or meaning); None without any."""
        asked = list(question.key_words)
        if not asked:
            return None
        words = list(dict.fromkeys(content_words(sentence)))
        if not words:
            return 0.0
        held = set(stems(words))
        matched = 0
        for word, word_stem in zip(asked, stems(asked), strict=True):
            if word_stem in held or self._closest(word, words) >= SAME_MEANING:
                matched += 1
        return matched / len(asked)

    def similarity(self, word: str, other: str) -> float:
        """How close two words are in meaning: 1.0 for one stem, else their vectors' cosine (0.0 unknown)."""
        if stems([word]) == stems([other]):
            return 1.0
        if word not in self.vectors or other not in self.vectors:
            return 0.0
        return float(self.vectors[word] @ self.vectors[other])

    def held(self, question: Question, words: list[str]) -> int:
        """How many of the question's key words `words` hold, by stem or by meaning."""
        held = set(stems(words))
        return sum(
            word_stem in held or self._closest(word, words) >= SAME_MEANING
            for word, word_stem in zip(question.key_words, stems(list(question.key_words)), strict=True)
        )

    def speaks_of(self, question: Question, sentence: str) -> bool:
        share = self.share(question, sentence)
        return share is None or share >= KEY_SHARE

    def closest(self, word: str, words: list[str]) -> float:
        """How close in meaning `word` is to the closest of `words` (0 when either has no vector)."""
        return self._closest(word, [w.lower() for w in words])

    def _closest(self, word: str, words: list[str]) -> float:
        if word not in self.vectors:
            return 0.0
        known = [self.vectors[w] for w in words if w in self.vectors]
        if not known:
            return 0.0
        return float(np.max(np.stack(known) @ self.vectors[word]))
