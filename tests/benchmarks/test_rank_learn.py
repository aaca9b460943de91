"""The learned-ranker experiment's scoring and fit (benchmarks/rank_learn.py), on candidates written here."""

from __future__ import annotations

import numpy as np

from benchmarks.rank_learn import first_hit, fit, folds, matrix


def _candidate(i: int, paragraph: int, label: bool, semantic: float) -> dict:
    return {"i": i, "paragraph": paragraph, "label": label, "semantic": semantic, "score": semantic}


def _question(article: str, candidates: list[dict]) -> dict:
    return {"article": article, "set": 0, "kind": "who", "has_kind": True, "candidates": candidates}


def test_first_hit_merges_neighbours_of_one_paragraph_as_the_search_does():
    # the answer is sentence 4, ranked second; sentence 3 (first) is its neighbour in the same paragraph
    q = _question("a", [_candidate(3, 1, False, 0.9), _candidate(4, 1, True, 0.5), _candidate(9, 2, False, 0.7)])
    assert first_hit(q, np.array([0.9, 0.5, 0.7]))
    apart = _question("a", [_candidate(3, 1, False, 0.9), _candidate(4, 2, True, 0.5), _candidate(9, 2, False, 0.7)])
    assert not first_hit(apart, np.array([0.9, 0.5, 0.7]))
    assert first_hit(apart, np.array([0.9, 0.5, 0.7]), within=3)


def test_fit_learns_the_signal_that_marks_the_answer():
    rng = np.random.default_rng(0)
    qs = []
    for n in range(40):
        answer = int(rng.integers(5))
        qs.append(_question(str(n), [_candidate(10 * j, j, j == answer, float(j == answer) + rng.normal(0, 0.3))
                                     for j in range(5)]))  # fmt: skip
    w, mean, scale = fit(qs, ["semantic"], 0.01)
    assert w[0] > 0
    assert all(first_hit(q, ((matrix(q, ["semantic"]) - mean) / scale) @ w) for q in qs[:5])


def test_folds_never_split_an_article():
    qs = [_question(a, []) for a in "aabbccddee"]
    split = folds(qs, 5, seed=0)
    assert sorted(a for fold in split for a in fold) == list("abcde")
