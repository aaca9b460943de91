"""Follow-up questions benchmark: ask `Briefer.ask` questions about stored articles and score its citations.

    python benchmarks/ask_benchmark.py                  # run every question, print a report
    python benchmarks/ask_benchmark.py --json           # the same figures and every answer as one JSON object
    python benchmarks/ask_benchmark.py --check          # only check the question file (no model is loaded)

Each article a question needs is stored once with the real service (in-process, in a temporary SQLite file);
one unscored warm-up question loads the model; then every question is asked in file order. A question with
"follows": N is asked in the conversation of question N, so the service sees the earlier turn; every other
question gets a conversation of its own.

Scoring, after normalising whitespace and quote marks (“”‘’ become "'):
  * answerable questions: a hit when some citation contains the question's "answer_contains" phrase;
    also counted: the first citation holds it, and the answer was wrongly marked not_covered;
  * unanswerable questions: correct when the answer is marked not_covered.
Every miss is printed on one line (question, expected phrase, first citation). The exit status is 0 whatever
the scores; 1 when an article is missing, or with --check when some question has a problem.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import Settings, load_settings  # noqa: E402
from bot.service import Briefer  # noqa: E402
from bot.sources.reader import document_from_text  # noqa: E402

DEFAULT_ARTICLES = Path("/work/shared/data/cnndm-dev/articles.jsonl")
DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"
KINDS = ("fact", "quote", "number", "name", "why", "expert", "unanswerable", "followup")
MIN_PHRASE_WORDS, MAX_PHRASE_WORDS = 3, 8
WARM_UP = "What is this article about?"
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


@dataclass(frozen=True)
class Question:
    index: int
    article_id: str
    question: str
    answer_contains: str | None
    answerable: bool
    follows: int | None
    kind: str


@dataclass
class Outcome:
    index: int
    kind: str
    question: str
    expected: str | None
    answerable: bool
    answer: str = ""
    citations: list[str] = field(default_factory=list)
    not_covered: bool = False
    seconds: float = 0.0
    error: str | None = None

    @property
    def hit(self) -> bool:
        """Some citation holds the expected phrase (answerable questions only)."""
        return self.expected is not None and any(contains(c, self.expected) for c in self.citations)

    @property
    def first_hit(self) -> bool:
        return self.expected is not None and bool(self.citations) and contains(self.citations[0], self.expected)

    @property
    def correct(self) -> bool:
        """What the benchmark counts as right: a hit if answerable, not_covered if not."""
        return self.hit if self.answerable else (self.not_covered and self.error is None)


# -- text ------------------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Curly quotes to straight ones, any run of whitespace to one space."""
    return " ".join(text.translate(QUOTES).split())


def contains(text: str, phrase: str) -> bool:
    return normalise(phrase) in normalise(text)


def occurrences(text: str, phrase: str) -> int:
    """How many times the phrase occurs in the text (overlapping counted), both normalised."""
    needle = re.escape(normalise(phrase))
    return len(re.findall(f"(?={needle})", normalise(text)))


# -- input -----------------------------------------------------------------------------------------
def load_questions(path: Path) -> list[Question]:
    questions = []
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            row = json.loads(line)
            questions.append(
                Question(
                    index=index,
                    article_id=row["article_id"],
                    question=row["question"],
                    answer_contains=row.get("answer_contains"),
                    answerable=bool(row["answerable"]),
                    follows=row.get("follows"),
                    kind=row["kind"],
                )
            )
    return questions


def load_articles(path: Path, wanted: set[str]) -> dict[str, str]:
    """The text of each wanted article, by id."""
    articles = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in wanted:
                articles[row["id"]] = row["article"]
    return articles


# -- --check ---------------------------------------------------------------------------------------
def question_problems(
    q: Question, questions: list[Question], articles: dict[str, str], settings: Settings
) -> list[str]:
    """What is wrong with one question, given the article file and the cleaning the service applies."""
    problems = []
    if q.kind not in KINDS:
        problems.append(f"unknown kind '{q.kind}'")
    if q.article_id not in articles:
        return [*problems, f"article {q.article_id} is not in the articles file"]
    if q.follows is not None:
        earlier = questions[q.follows] if 0 <= q.follows < q.index else None
        if earlier is None or earlier.article_id != q.article_id:
            problems.append(f"follows {q.follows}, which is not an earlier question on the same article")
    if not q.answerable:
        if q.answer_contains is not None or q.kind != "unanswerable":
            problems.append("unanswerable questions need answer_contains null and kind 'unanswerable'")
        return problems
    phrase = q.answer_contains or ""
    words = len(phrase.split())
    if not MIN_PHRASE_WORDS <= words <= MAX_PHRASE_WORDS:
        problems.append(f"answer_contains has {words} words (want {MIN_PHRASE_WORDS}-{MAX_PHRASE_WORDS})")
    text = articles[q.article_id]
    found = occurrences(text, phrase)
    if found != 1:
        problems.append(f"answer_contains occurs {found} times in the article (want exactly 1)")
    cleaned = document_from_text(text, settings, input=q.article_id).text
    if occurrences(cleaned, phrase) != 1:
        problems.append("answer_contains does not occur exactly once in the text the service stores")
    return problems


def check(questions: list[Question], articles: dict[str, str], settings: Settings) -> int:
    """Print every problem and the counts; the number of questions with a problem."""
    bad = 0
    for q in questions:
        problems = question_problems(q, questions, articles, settings)
        for problem in problems:
            print(f"line {q.index + 1}: {problem}: {q.question}")
        bad += bool(problems)
    kinds = Counter(q.kind for q in questions)
    per_article = Counter(q.article_id[:12] for q in questions)
    answerable = sum(q.answerable for q in questions)
    print(
        f"{len(questions)} questions over {len(per_article)} articles: {answerable} answerable, "
        f"{len(questions) - answerable} unanswerable, {sum(q.follows is not None for q in questions)} follow-ups"
    )
    order = [*KINDS, *sorted(kinds.keys() - set(KINDS))]
    print("by kind:    " + ", ".join(f"{k} {kinds[k]}" for k in order if kinds[k]))
    print("by article: " + ", ".join(f"{a} {n}" for a, n in per_article.most_common()))
    print("problems: none" if not bad else f"problems: {bad} questions")
    return bad


# -- running ---------------------------------------------------------------------------------------
async def ask_one(briefer: Briefer, source_id: str, q: Question, conversation: str) -> Outcome:
    outcome = Outcome(q.index, q.kind, q.question, q.answer_contains, q.answerable)
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
    try:
        await briefer.ask(source_id, WARM_UP, conversation="bench-warm-up")
    except Exception as exc:  # the scored questions will show the same failure, one by one
        print(f"warm-up question failed: {type(exc).__name__}: {exc}", file=sys.stderr)


async def run(questions: list[Question], articles: dict[str, str], settings: Settings) -> tuple[list[Outcome], float]:
    """Store the articles, warm up, ask every question in order; the outcomes and the seconds before them."""
    briefer = Briefer(settings, progress=False)
    try:
        started = time.perf_counter()
        source_ids = {}
        for article_id in dict.fromkeys(q.article_id for q in questions):
            doc = await briefer.remember(document_from_text(articles[article_id], settings, input=article_id))
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


# -- report ----------------------------------------------------------------------------------------
def share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def figures(outcomes: list[Outcome]) -> dict[str, Any]:
    """The scores of a group of outcomes."""
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    return {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "citation_hit": share(sum(o.hit for o in answerable), len(answerable)),
        "first_citation_hit": share(sum(o.first_hit for o in answerable), len(answerable)),
        "wrongly_not_covered": share(sum(o.not_covered for o in answerable), len(answerable)),
        "unanswerable": len(unanswerable),
        "not_covered_accuracy": share(sum(o.correct for o in unanswerable), len(unanswerable)),
        "errors": sum(o.error is not None for o in outcomes),
        "mean_seconds": round(sum(o.seconds for o in outcomes) / len(outcomes), 2) if outcomes else None,
        "max_seconds": round(max(o.seconds for o in outcomes), 2) if outcomes else None,
    }


def summary(outcomes: list[Outcome], setup_seconds: float) -> dict[str, Any]:
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_kind[o.kind].append(o)
    return {
        "overall": figures(outcomes),
        "by_kind": {kind: figures(by_kind[kind]) for kind in KINDS if by_kind[kind]},
        "setup_seconds": round(setup_seconds, 1),
    }


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def miss_line(o: Outcome) -> str:
    first = o.error or (o.citations[0] if o.citations else "(no citation)")
    first = normalise(first)
    first = first if len(first) <= 160 else first[:157] + "..."
    if o.answerable:
        flag = " [not_covered]" if o.not_covered else ""
        return f"MISS #{o.index} {o.kind}: {o.question!r} expected {o.expected!r}{flag}; first citation: {first!r}"
    answer = normalise(o.answer)[:120]
    return f"MISS #{o.index} unanswerable: {o.question!r} was answered: {answer!r}; first citation: {first!r}"


def print_report(report: dict[str, Any], outcomes: list[Outcome]) -> None:
    rows = [("overall", report["overall"]), *report["by_kind"].items()]
    print(f"{'':14}{'n':>4}{'hit':>7}{'first':>7}{'wrong nc':>10}{'nc acc':>8}{'err':>5}{'s/q':>7}")
    for name, f in rows:
        print(
            f"{name:14}{f['questions']:>4}{fmt(f['citation_hit']):>7}{fmt(f['first_citation_hit']):>7}"
            f"{fmt(f['wrongly_not_covered']):>10}{fmt(f['not_covered_accuracy']):>8}{f['errors']:>5}"
            f"{f['mean_seconds']:>7.2f}"
        )
    print(
        "hit: a citation holds the expected phrase (answerable); first: the first citation does; "
        "wrong nc: answerable but marked not_covered; nc acc: unanswerable and marked not_covered."
    )
    print(f"storing the articles and one unscored warm-up question (model load) took {report['setup_seconds']} s")
    for o in outcomes:
        if not o.correct:
            print(miss_line(o))


# -- main ------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Score Briefer.ask on benchmarks/questions.jsonl.")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="articles JSONL (id, article)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="questions JSONL")
    parser.add_argument("--config", help="briefbot config file (its storage path is replaced by a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the figures and every answer as JSON")
    parser.add_argument("--check", action="store_true", help="only check the question file against the articles")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    questions = load_questions(args.questions)
    articles = load_articles(args.articles, {q.article_id for q in questions})
    settings = load_settings(args.config)
    if args.check or not hasattr(Briefer, "ask"):
        if not args.check:
            print("Briefer.ask does not exist yet: checking the question file only.", file=sys.stderr)
        return 1 if check(questions, articles, settings) and args.check else 0
    missing = {q.article_id for q in questions} - articles.keys()
    if missing:
        print(f"articles not found in {args.articles}: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        settings = settings.replace("storage", path=Path(tmp) / "bench.sqlite3")
        outcomes, setup_seconds = asyncio.run(run(questions, articles, settings))
    report = summary(outcomes, setup_seconds)
    if args.json:
        report["results"] = [{**asdict(o), "hit": o.hit, "correct": o.correct} for o in outcomes]
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report, outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
