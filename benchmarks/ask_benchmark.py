"""Follow-up questions benchmark: ask `Briefer.ask` questions about stored articles and score the answers.

    python benchmarks/ask_benchmark.py                  # run every question, print a report
    python benchmarks/ask_benchmark.py --json           # the same figures and every answer as one JSON object
    python benchmarks/ask_benchmark.py --show 40        # the report, then 40 answers picked at random to read
    python benchmarks/ask_benchmark.py --check          # only check the question file (no model is loaded)
    python benchmarks/ask_benchmark.py --rescore R.json # score a saved --json run again (no model is loaded)

Each article a question needs is stored once with the real service (in-process, in a temporary SQLite file);
one unscored warm-up question loads the model; then every question is asked in file order. A question with
"follows": N is asked in the conversation of question N, so the service sees the earlier turn; every other
question gets a conversation of its own.

Scoring (benchmarks/ask_scoring.py), after normalising whitespace and quote marks:
  * answerable questions: a citation hit when some citation contains "answer_contains", a first-citation hit
    when the first one does; the answer is correct when its text holds "answer_key" (or one of
    "answer_key_any"), compared word by word with case, punctuation and simple number words normalised;
  * not_covered against the truth: precision, recall (= not-covered accuracy on the unanswerable questions),
    answerable questions wrongly marked not covered, unanswerable questions answered.
Every miss is printed on one line. The exit status is 0 whatever the scores; 1 when an article is missing,
or with --check when the file has a problem.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.ask_questions import (  # noqa: E402
    DEFAULT_ARTICLES,
    DEFAULT_POLNEAR,
    DEFAULT_QUESTIONS,
    KINDS,
    SOURCES,
    Question,
    check,
    load_articles,
    load_questions,
    stored_document,
)
from benchmarks.ask_scoring import answer_correct, contains, median, normalise, not_covered_rates, share  # noqa: E402
from bot.config import Settings, load_settings  # noqa: E402
from bot.llm.backends import make_model  # noqa: E402
from bot.service import Briefer  # noqa: E402

WARM_UP = "What is this article about?"
GROUPS: dict[str, Callable[[Question], bool]] = {
    "follow_up": lambda q: q.follows is not None,
    "paraphrased": lambda q: q.paraphrased is True,
    "literal": lambda q: q.paraphrased is False,
    "unanswerable_on_topic": lambda q: not q.answerable and q.on_topic,
    "off_topic": lambda q: not q.on_topic,
}


@dataclass
class Outcome:
    q: Question
    answer: str = ""
    citations: list[str] = field(default_factory=list)
    not_covered: bool = False
    seconds: float = 0.0
    error: str | None = None

    @property
    def hit(self) -> bool:
        """Some citation holds the expected phrase (answerable questions only)."""
        phrase = self.q.answer_contains
        return phrase is not None and any(contains(c, phrase) for c in self.citations)

    @property
    def first_hit(self) -> bool:
        phrase = self.q.answer_contains
        return phrase is not None and bool(self.citations) and contains(self.citations[0], phrase)

    @property
    def answer_correct(self) -> bool:
        """An answerable question answered (not marked not covered) with the gold answer's key in the text."""
        if not self.q.answerable or self.not_covered or self.error:
            return False
        return answer_correct(self.answer, self.q.answer_key, self.q.answer_key_any)

    @property
    def correct(self) -> bool:
        """The citation measure as before: a hit if answerable, not_covered if not."""
        return self.hit if self.q.answerable else (self.not_covered and self.error is None)

    def row(self) -> dict[str, Any]:
        q = self.q
        return {
            "index": q.index, "kind": q.kind, "source": q.source, "question": q.question,
            "expected": q.answer_contains, "gold_answer": q.gold_answer, "answerable": q.answerable,
            "answer": self.answer, "citations": self.citations, "not_covered": self.not_covered,
            "seconds": round(self.seconds, 2), "error": self.error, "hit": self.hit, "first_hit": self.first_hit,
            "answer_correct": self.answer_correct, "correct": self.correct,
        }  # fmt: skip


# -- running ---------------------------------------------------------------------------------------
async def ask_one(briefer: Briefer, source_id: str, q: Question, conversation: str) -> Outcome:
    outcome = Outcome(q)
    started = time.perf_counter()
    try:
        answer = await briefer.ask(source_id, q.question, conversation=conversation)
    except Exception as exc:  # one failing question must not end the benchmark
        outcome.error = f"{type(exc).__name__}: {exc}"
    else:
        outcome.answer, outcome.citations, outcome.not_covered = answer.answer, answer.citations, answer.not_covered
    outcome.seconds = time.perf_counter() - started
    return outcome


async def warm_up(briefer: Briefer, source_id: str) -> None:
    """Load the model and ask one unscored question, so no scored question pays for the load (the warm-up
    question alone may be answered without the model, which then loaded at the first one that needed it)."""
    try:
        await asyncio.to_thread(briefer.engine.load)
        await briefer.ask(source_id, WARM_UP, conversation="bench-warm-up")
    except Exception as exc:  # the scored questions will show the same failure, one by one
        print(f"warm-up question failed: {type(exc).__name__}: {exc}", file=sys.stderr)


class QuoteFallback:
    """The configured model for embeddings, but every generation comes back empty, so an answer the model
    would write falls back to its quote: the deterministic answering path alone, in seconds."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def load(self) -> None:
        """Nothing to load: the generative model is never used."""

    async def generate_async(self, requests: list[Any], on_text: Any = None) -> list[str]:
        return ["" for _ in requests]


async def run(
    questions: list[Question], articles: dict[str, str], settings: Settings, *, generate: bool = True
) -> tuple[list[Outcome], float]:
    """Store the articles, warm up, ask every question in order; the outcomes and the seconds before them."""
    engine = None if generate else QuoteFallback(make_model(settings.model, progress=False))
    briefer = Briefer(settings, engine=engine, progress=False)
    try:
        started = time.perf_counter()
        source_ids = {}
        for article_id in dict.fromkeys(q.article_id for q in questions):
            doc = await briefer.remember(stored_document(article_id, articles[article_id], settings))
            source_ids[article_id] = doc.id
        if questions:  # load the model before the clock runs for the first scored question
            await warm_up(briefer, source_ids[questions[0].article_id])
        setup = time.perf_counter() - started
        conversations: dict[int, str] = {}
        outcomes = []
        for q in questions:
            conversations[q.index] = conversations[q.follows] if q.follows is not None else f"bench-{q.index}"
            outcome = await ask_one(briefer, source_ids[q.article_id], q, conversations[q.index])
            outcomes.append(outcome)
            mark = "ok" if outcome.correct else "MISS"
            print(f"[{len(outcomes)}/{len(questions)}] {outcome.seconds:.1f} s {mark}", file=sys.stderr, flush=True)
        return outcomes, setup
    finally:
        briefer.close()


def outcomes_from_report(path: Path, questions: list[Question]) -> tuple[list[Outcome], float]:
    """The outcomes of a saved --json run, joined to the current question file by line."""
    report = json.loads(path.read_text(encoding="utf-8"))
    by_index = {q.index: q for q in questions}
    outcomes = []
    for row in report["results"]:
        q = by_index.get(row["index"])
        if q is None or q.question != row["question"]:
            raise SystemExit(f"{path}: result #{row['index']} does not match the question file")
        outcomes.append(Outcome(q, row["answer"], row["citations"], row["not_covered"], row["seconds"], row["error"]))
    return outcomes, report.get("setup_seconds", 0.0)


# -- figures ---------------------------------------------------------------------------------------
def figures(outcomes: list[Outcome]) -> dict[str, Any]:
    """The scores of a group of outcomes (None where the group has no question of the kind needed)."""
    answerable = [o for o in outcomes if o.q.answerable]
    unanswerable = [o for o in outcomes if not o.q.answerable]
    seconds = [o.seconds for o in outcomes]
    rates = not_covered_rates([o.not_covered for o in outcomes], [not o.q.answerable for o in outcomes])
    return {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "citation_hit": share(sum(o.hit for o in answerable), len(answerable)),
        "first_citation_hit": share(sum(o.first_hit for o in answerable), len(answerable)),
        "answer_correct": share(sum(o.answer_correct for o in answerable), len(answerable)),
        "wrongly_not_covered": rates["wrongly_not_covered"],
        "unanswerable": len(unanswerable),
        "not_covered_accuracy": share(sum(o.correct for o in unanswerable), len(unanswerable)),
        "unanswerable_answered": rates["unanswerable_answered"],
        "not_covered_precision": rates["not_covered_precision"],
        "not_covered_recall": rates["not_covered_recall"],
        "errors": sum(o.error is not None for o in outcomes),
        "mean_seconds": round(sum(seconds) / len(seconds), 2) if seconds else None,
        "median_seconds": median(seconds),
        "max_seconds": round(max(seconds), 2) if seconds else None,
    }


def summary(outcomes: list[Outcome], setup_seconds: float) -> dict[str, Any]:
    def group(test: Callable[[Question], bool]) -> dict[str, Any]:
        return figures([o for o in outcomes if test(o.q)])

    by_kind = {kind: group(lambda q, k=kind: q.kind == k) for kind in KINDS}
    by_group = {name: group(test) for name, test in GROUPS.items()}
    by_source = {source: group(lambda q, s=source: q.source == s) for source in SOURCES}
    return {
        "overall": figures(outcomes),
        "by_kind": {name: f for name, f in by_kind.items() if f["questions"]},
        "by_group": {name: f for name, f in by_group.items() if f["questions"]},
        "by_source": {name: f for name, f in by_source.items() if f["questions"]},
        "setup_seconds": round(setup_seconds, 1),
    }


# -- report ----------------------------------------------------------------------------------------
COLUMNS = (
    ("n", "questions", "d"), ("hit", "citation_hit", "%"), ("first", "first_citation_hit", "%"),
    ("correct", "answer_correct", "%"), ("wrong nc", "wrongly_not_covered", "%"),
    ("nc acc", "not_covered_accuracy", "%"), ("nc prec", "not_covered_precision", "%"), ("err", "errors", "d"),
    ("med s", "median_seconds", "f"), ("max s", "max_seconds", "f"),
)  # fmt: skip


def cell(value: float | int | None, style: str) -> str:
    if value is None:
        return "-"
    return {"d": f"{value}", "%": f"{value:.0%}", "f": f"{value:.2f}"}[style]


def print_table(report: dict[str, Any]) -> None:
    print(f"{'':22}" + "".join(f"{title:>9}" for title, _, _ in COLUMNS))
    sections = [("", {"overall": report["overall"]}), *((k, report[k]) for k in ("by_kind", "by_group", "by_source"))]
    for heading, rows in sections:
        if heading:
            print(heading.replace("by_", "by "))
        for name, f in rows.items():
            print(f"  {name:20}" + "".join(f"{cell(f[key], style):>9}" for _, key, style in COLUMNS))
    print(
        "hit: a citation holds the expected phrase; first: the first citation does; correct: the answer text holds "
        "the gold key (all three over answerable questions); wrong nc: answerable but marked not_covered; "
        "nc acc: unanswerable and marked not_covered (= recall); nc prec: marked not_covered and truly unanswerable."
    )


def clip(text: str, limit: int = 160) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def miss_line(o: Outcome) -> str:
    first = clip(o.error or (o.citations[0] if o.citations else "(no citation)"))
    if o.q.answerable:
        flag = " [not_covered]" if o.not_covered else ""
        expected = o.q.answer_contains
        return f"MISS #{o.q.index} {o.q.kind}: {o.q.question!r} expected {expected!r}{flag}; first: {first!r}"
    return f"MISS #{o.q.index} unanswerable: {o.q.question!r} was answered: {clip(o.answer, 120)!r}; first: {first!r}"


def wrong_answer_line(o: Outcome) -> str:
    key = o.q.answer_key or " | ".join(o.q.answer_key_any or ())
    return f"WRONG #{o.q.index} {o.q.kind}: {o.q.question!r} key {key!r}; answer: {clip(o.answer, 140)!r}"


def print_report(report: dict[str, Any], outcomes: list[Outcome]) -> None:
    print_table(report)
    print(f"storing the articles and one unscored warm-up question (model load) took {report['setup_seconds']} s")
    for o in outcomes:
        if not o.correct:
            print(miss_line(o))
    for o in outcomes:
        if o.q.answerable and not o.not_covered and not o.answer_correct:
            print(wrong_answer_line(o))


def print_sample(outcomes: list[Outcome], count: int, seed: int, out: TextIO) -> None:
    """A seeded random sample of answers, in file order, laid out for a person to read and judge."""
    picked = sorted(random.Random(seed).sample(outcomes, min(count, len(outcomes))), key=lambda o: o.q.index)
    print(f"\n--- {len(picked)} answers (seed {seed}) ---", file=out)
    for o in picked:
        gold = o.q.gold_answer if o.q.answerable else "(not covered)"
        marks = f"hit={o.hit} first={o.first_hit} correct={o.answer_correct} not_covered={o.not_covered}"
        print(f"\n#{o.q.index} {o.q.kind} [{o.q.source}] {o.q.question}", file=out)
        print(f"  gold:   {gold}", file=out)
        print(f"  answer: {normalise(o.error or o.answer)}", file=out)
        print(f"  first:  {clip(o.citations[0]) if o.citations else '(no citation)'}", file=out)
        print(f"  {marks}  {o.seconds:.1f} s", file=out)


# -- main ------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Score Briefer.ask on benchmarks/questions.jsonl.")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="cnndm articles JSONL (id, article)")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, help="folder of polnear .txt articles")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="questions JSONL")
    parser.add_argument("--config", help="briefbot config file (its storage path is replaced by a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the figures and every answer as JSON")
    parser.add_argument("--check", action="store_true", help="only check the question file against the articles")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="also print N answers picked at random")
    parser.add_argument("--seed", type=int, default=13, help="the seed of the --show sample")
    parser.add_argument("--first", type=int, metavar="N", help="only the first N lines of the question file")
    parser.add_argument("--rescore", type=Path, metavar="REPORT", help="score a saved --json report again")
    parser.add_argument(
        "--no-generate", action="store_true",
        help="never load the generative model: the answers it would write fall back to a quote (embeddings run)",
    )  # fmt: skip
    return parser.parse_args(argv)


def collect(args: argparse.Namespace, questions: list[Question], settings: Settings) -> tuple[list[Outcome], float]:
    if args.rescore:
        return outcomes_from_report(args.rescore, questions)
    articles = load_articles(questions, args.articles, args.polnear)
    missing = {q.article_id for q in questions} - articles.keys()
    if missing:
        raise SystemExit(f"articles not found: {', '.join(sorted(missing))}")
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        settings = settings.replace("storage", path=Path(tmp) / "bench.sqlite3")
        return asyncio.run(run(questions, articles, settings, generate=not args.no_generate))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    questions = load_questions(args.questions)
    if args.first is not None:
        questions = [q for q in questions if q.index < args.first]
    settings = load_settings(args.config)
    if args.check:
        return 1 if check(questions, load_articles(questions, args.articles, args.polnear), settings) else 0
    outcomes, setup_seconds = collect(args, questions, settings)
    report = summary(outcomes, setup_seconds)
    if args.json:
        report["results"] = [o.row() for o in outcomes]
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report, outcomes)
    if args.show:  # after the JSON, on standard error, so that standard output stays one JSON object
        print_sample(outcomes, args.show, args.seed, sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
