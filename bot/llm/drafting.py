"""Copy-aware drafting (prompt lookup): guess a row's next tokens from where its recent output occurs earlier.

Shortening a sentence or summing up evidence mostly copies spans of the prompt. When the last few tokens of a
row (prompt and output so far) occurred before, the tokens that followed them there are a likely
continuation. The decoder feeds them in the same forward pass as the row's next token and keeps only those
the model itself would have chosen, so greedy output is unchanged; only fewer passes are made.
"""

from __future__ import annotations

MAX_NGRAM = 3


class CopyDrafter:
    """One row's token history, indexed by its n-grams (1..MAX_NGRAM) for the latest continuation of each."""

    def __init__(self, prompt: list[int], min_ngram: int = 1) -> None:
        self.tokens: list[int] = []
        self.min_ngram = min_ngram
        # n-gram -> index of the token that followed its latest occurrence
        self._after: dict[tuple[int, ...], int] = {}
        self.extend(prompt)

    def extend(self, tokens: list[int]) -> None:
        """Append tokens; every n-gram that now has a following token is indexed."""
        for token in tokens:
            end = len(self.tokens)  # the index `token` takes: it follows the n-grams ending at end - 1
            for n in range(1, MAX_NGRAM + 1):
                if end - n >= 0:
                    self._after[tuple(self.tokens[end - n : end])] = end
            self.tokens.append(token)

    def draft(self, limit: int) -> list[int]:
        """Up to `limit` tokens that followed the longest recent n-gram's latest earlier occurrence."""
        if limit <= 0:
            return []
        for n in range(min(MAX_NGRAM, len(self.tokens)), self.min_ngram - 1, -1):
            start = self._after.get(tuple(self.tokens[-n:]))
            if start is not None:
                return self.tokens[start : start + limit]
        return []
