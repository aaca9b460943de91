"""Ranking features of the follow-up benchmark: each answerable question's best candidate sentences, their signals
and whether they hold the answer, dumped to JSON for training a learned ranker (benchmarks/rank_learn.py).

    flock /tmp/model.lock .venv/bin/python benchmarks/rank_features.py --out /tmp/feat321.json
    flock /tmp/model.lock .venv/bin/python benchmarks/rank_features.py \
        --questions benchmarks/questions-paraphrase-probe.jsonl --out /tmp/featprobe.json

The benchmark itself runs (benchmarks/ask_benchmark.py, `--no-generate`: the generative model never loads), so the
documents, the question resolution and the boosts are exactly the bot's; `PassageIndex.search` is wrapped to
record, for the CANDIDATES best sentences by the current score, every signal the score is made of and a few
more, and the label: the sentence's passage (with the quote that follows it, as a citation reads) holds the
question's `answer_contains`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import benchmarks.ask_benchmark as bench  # noqa: E402
import bot.jobs.answers as answers  # noqa: E402
from benchmarks.ask_questions import (  # noqa: E402
    DEFAULT_ARTICLES,
    DEFAULT_POLNEAR,
    DEFAULT_QUESTIONS,
    load_articles,
    load_questions,
)
from benchmarks.ask_scoring import contains  # noqa: E402
from bot.analysis import retrieval as r  # noqa: E402
from bot.config import load_settings  # noqa: E402

CANDIDATES = 15
_QUOTE = re.compile(r"[\"“”]")
_NUMBER = re.compile(r"\d")

_current: dict = {}
_records: dict[int, dict] = {}


def signals(index: r.PassageIndex, query: str, qvec, boost: dict | None, question) -> dict[str, np.ndarray]:
    """The signals `PassageIndex.search` adds up, one array each (the same code, taken apart)."""
    n = len(index.sentences)
    tokens = r.topic_tokens(query)
    lexical = r.lexical_signal(index._bm25, tokens, n, r.nameless_tokens(tokens, question))
    semantic = index.embeddings @ qvec if index.embeddings is not None and qvec is not None else np.zeros(n)
    z = np.zeros(n)
    atype = z.copy()
    if question is not None and question.kind:
        atype = np.array([bool(index.answer_type_at(i, question)) for i in range(n)], dtype=float)
    reason, strong = z.copy(), z.copy()
    if question is not None and question.form == "why_how":
        reason = np.array([question.gives_reason(s.text) for s in index.sentences], dtype=float)
        why = bool(r._WHY.match(question.text.lower()))
        strong = np.array([why and bool(r._STRONG_REASON.search(s.text)) for s in index.sentences], dtype=float)
    headline = z.copy()
    if index._headline is not None:
        headline[index._headline] = 1.0
    phrase = index._phrase_match(r._without_speaker(tokens, question)).astype(float)
    extra = z.copy()
    for i, value in (boost or {}).items():
        if 0 <= i < n:
            extra[i] += value
    score = (r.SEMANTIC_WEIGHT * semantic + r.LEXICAL_WEIGHT * lexical + r.ANSWER_TYPE_BOOST * atype
             + r.REASON_BOOST * reason + r.STRONG_REASON_BOOST * strong - r.HEADLINE_PENALTY * headline
             + r.PHRASE_BOOST * phrase + extra)  # fmt: skip
    wanted = set(tokens)
    share = np.array([len(wanted & t) / len(wanted) if wanted else 0.0 for t in index._tokens])
    return {"semantic": np.asarray(semantic, dtype=float), "lexical": lexical.astype(float), "atype": atype,
            "reason": reason, "strong": strong, "headline": headline, "phrase": phrase, "extra": extra,
            "share": share, "score": score}  # fmt: skip


def _parts(question) -> dict[str, dict[int, float]]:
    """The boosts `AnswerWriter.plan` gave, by where they came from (recorded by the wrapped helpers)."""
    return {"near": dict(_current.get("near", {})), "naming": dict.fromkeys(_current.get("naming", []), 1.0)}


def _context(s: dict[str, np.ndarray], i: int, n: int) -> dict[str, float]:
    """The signals of the sentences just before and after: "What did X think ...?" is often answered by the quote
    after the sentence that repeats the question's words."""
    before = [j for j in (i - 1, i - 2) if j >= 0]
    after = [j for j in (i + 1,) if j < n]
    out = {}
    for name in ("semantic", "lexical", "phrase", "share"):
        out[f"prev_{name[:3]}"] = max((float(s[name][j]) for j in before), default=0.0)
        out[f"next_{name[:3]}"] = max((float(s[name][j]) for j in after), default=0.0)
    return out


def record(index, query, qvec, boost, question) -> None:
    """The candidates of the question being asked and their features."""
    q = _current.get("q")
    if q is None or not q.answerable:
        return
    s = signals(index, query, qvec, boost, question)
    parts = _parts(question)
    n = len(index.sentences)
    order = [int(i) for i in np.argsort(-np.where(index._to_reader, -np.inf, s["score"]), kind="stable")]
    order = [i for i in order if not index._to_reader[i]][:CANDIDATES]
    sem_order = {int(i): rank for rank, i in enumerate(np.argsort(-s["semantic"], kind="stable"))}
    top_sem, top_lex = float(s["semantic"].max()), float(s["lexical"].max())
    rows = []
    for rank, i in enumerate(order):
        sentence = index.sentences[i]
        passage = index.hit_at(i).passage
        near = parts["near"].get(i, 0.0)
        naming = parts["naming"].get(i, 0.0)
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < n and index.sentences[j].paragraph == sentence.paragraph]
        rows.append({
            "i": i, "paragraph": sentence.paragraph, "rank": rank, "sem_rank": sem_order[i],
            **{k: float(v[i]) for k, v in s.items()},
            "sem_rel": float(s["semantic"][i]) - top_sem, "lex_rel": float(s["lexical"][i]) - top_lex,
            "near": near, "naming": naming, "expert": float(s["extra"][i] - near - naming * r.ANSWER_TYPE_BOOST),
            "position": i / max(1, n - 1), "words": len(sentence.text.split()),
            "passage_words": len(passage.text.split()), "grown": float(len(passage.sentences) > 1),
            "quote": float(bool(_QUOTE.search(sentence.text))), "number": float(bool(_NUMBER.search(sentence.text))),
            "asks": float(sentence.text.rstrip().endswith("?")),
            "para_first": float(i == 0 or index.sentences[i - 1].paragraph != sentence.paragraph),
            "nb_sem": max((float(s["semantic"][j]) for j in neighbours), default=0.0),
            **_context(s, i, n),
            "text": sentence.text[:160],
            "label": contains(passage.text, q.answer_contains),
            "label_sentence": contains(sentence.text, q.answer_contains),
        })  # fmt: skip
    _records[q.index] = {
        "index": q.index, "article": q.article_id, "kind": q.kind, "form": question.form,
        "has_kind": bool(question.kind), "has_expert": question.expert is not None, "follows": q.follows,
        "refers_back": bool(question.refers_back), "n_sentences": n, "candidates": rows,
        "any_label_anywhere": any(contains(index.hit_at(i).passage.text, q.answer_contains) for i in range(n)),
    }  # fmt: skip


def install() -> None:
    """Wrap the search, the boosts' helpers and the benchmark's ask so each question's candidates are recorded."""
    search = r.PassageIndex.search

    def wrapped_search(self, query, query_embedding=None, *, k=3, boost=None, question=None):
        record(self, query, query_embedding, boost, question)
        hits = search(self, query, query_embedding, k=k, boost=boost, question=question)
        q = _current.get("q")
        if q is not None and q.index in _records and hits:
            _records[q.index]["search_first_hit"] = contains(hits[0].passage.text, q.answer_contains)
            _records[q.index]["search_top_score"] = hits[0].score
        return hits

    r.PassageIndex.search = wrapped_search
    near, naming, describing = answers._near, answers.naming_sentences, answers.describing_sentences

    def wrapped_near(boost, index, previous, question):
        own: dict[int, float] = {}
        near(own, index, previous, question)
        _current["near"] = own
        for i, v in own.items():
            boost[i] = boost.get(i, 0.0) + v

    def wrapped_naming(index, question):
        found = naming(index, question)
        _current.setdefault("naming", []).extend(found)
        return found

    def wrapped_describing(index, question):
        found = describing(index, question)
        _current.setdefault("naming", []).extend(found)
        return found

    answers._near = wrapped_near
    answers.naming_sentences, answers.describing_sentences = wrapped_naming, wrapped_describing
    ask_one = bench.ask_one

    async def wrapped_ask_one(briefer, source_id, q, conversation):
        _current.clear()
        _current["q"] = q
        outcome = await ask_one(briefer, source_id, q, conversation)
        if q.index in _records:
            _records[q.index]["final_first_hit"] = outcome.first_hit
            _records[q.index]["final_hit"] = outcome.hit
            _records[q.index]["not_covered"] = outcome.not_covered
        _current.clear()
        return outcome

    bench.ask_one = wrapped_ask_one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--first", type=int)
    args = parser.parse_args()
    questions = load_questions(args.questions)
    if args.first is not None:
        questions = [q for q in questions if q.index < args.first]
    settings = load_settings(None)
    articles = load_articles(questions, DEFAULT_ARTICLES, DEFAULT_POLNEAR)
    install()
    with tempfile.TemporaryDirectory(prefix="briefbot-rank-") as tmp:
        settings = settings.replace("storage", path=Path(tmp) / "bench.sqlite3")
        asyncio.run(bench.run(questions, articles, settings, generate=False))
    args.out.write_text(json.dumps(list(_records.values())), encoding="utf-8")
    print(f"{len(_records)} answerable questions recorded in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
