"""The follow-up benchmark's question file: loading it, finding its articles, and checking it (`--check`).

Articles come from two sources: "cnndm" (an id in the CNN/DailyMail articles JSONL) and "polnear" (the stem of a
.txt file in the polnear text folder, read the way `briefbot ask` reads a .txt file).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.ask_scoring import (
    answer_correct,
    answering_sentence,
    has_content_words,
    is_paraphrased,
    occurrences,
    share,
)
from bot.config import Settings
from bot.models import Document
from bot.sources.extract import decode_text
from bot.sources.reader import document_from_text

DEFAULT_ARTICLES = Path("/work/shared/data/cnndm-dev/articles.jsonl")
DEFAULT_POLNEAR = Path("/work/shared/data/polnear-dev/text")
DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"
KINDS = ("who", "what", "when", "where", "how_many", "why_how", "yes_no", "said", "evidence")
SOURCES = ("cnndm", "polnear")
MIN_PHRASE_WORDS, MAX_PHRASE_WORDS = 3, 8
MIN_PARAPHRASED = 1 / 3  # of the answerable questions
MIN_ON_TOPIC_UNANSWERABLE = 1 / 5  # of all questions
REQUIRED = ("article_id", "source", "question", "kind", "answerable", "follows", "answer_contains", "gold_answer")


@dataclass(frozen=True)
class Question:
    index: int
    article_id: str
    source: str
    question: str
    kind: str
    answerable: bool
    follows: int | None
    answer_contains: str | None
    gold_answer: str | None
    answer_key: str | None
    answer_key_any: tuple[str, ...] | None
    paraphrased: bool | None
    on_topic: bool


def question_from_row(index: int, row: dict) -> Question:
    missing = [key for key in REQUIRED if key not in row]
    if missing:
        raise ValueError(f"line {index + 1}: missing {', '.join(missing)}")
    key_any = row.get("answer_key_any")
    return Question(
        index=index,
        article_id=row["article_id"],
        source=row["source"],
        question=row["question"],
        kind=row["kind"],
        answerable=bool(row["answerable"]),
        follows=row["follows"],
        answer_contains=row["answer_contains"],
        gold_answer=row["gold_answer"],
        answer_key=row.get("answer_key"),
        answer_key_any=tuple(key_any) if key_any is not None else None,
        paraphrased=row.get("paraphrased"),
        on_topic=bool(row.get("on_topic", True)),
    )


def load_questions(path: Path) -> list[Question]:
    """Every question of a JSONL file; `index` is the 0-based line, which `follows` refers to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [question_from_row(i, json.loads(line)) for i, line in enumerate(lines) if line.strip()]


def load_articles(questions: list[Question], cnndm: Path, polnear: Path) -> dict[str, str]:
    """The raw text of each article the questions need, by article id (missing ones left out)."""
    wanted = {q.article_id for q in questions}
    articles = {}
    if cnndm.exists() and any(q.source == "cnndm" for q in questions):
        with cnndm.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if row["id"] in wanted:
                    articles[row["id"]] = row["article"]
    for q in questions:
        path = polnear / f"{q.article_id}.txt"
        if q.source == "polnear" and q.article_id not in articles and path.is_file():
            articles[q.article_id] = decode_text(path.read_bytes())
    return articles


def stored_document(article_id: str, raw: str, settings: Settings) -> Document:
    """The document the service stores for an article: cleaned as pasted text, as a .txt file is."""
    return document_from_text(raw, settings, input=article_id)


# -- --check ---------------------------------------------------------------------------------------
def _form_problems(q: Question, questions: list[Question]) -> list[str]:
    problems = []
    if q.kind not in KINDS:
        problems.append(f"unknown kind '{q.kind}' (want one of {', '.join(KINDS)})")
    if q.source not in SOURCES:
        problems.append(f"unknown source '{q.source}'")
    if q.follows is not None:
        earlier = questions[q.follows] if 0 <= q.follows < q.index else None
        if earlier is None or earlier.article_id != q.article_id:
            problems.append(f"follows {q.follows}, which is not an earlier question on the same article")
    return problems


def _unanswerable_problems(q: Question) -> list[str]:
    given = [q.answer_contains, q.gold_answer, q.answer_key, q.answer_key_any, q.paraphrased]
    if any(value is not None for value in given):
        return ["unanswerable questions need answer_contains, gold_answer, answer_key(_any), paraphrased null"]
    return []


def _answerable_problems(q: Question, raw: str, cleaned: str) -> list[str]:
    problems = [] if q.on_topic else ["an answerable question is on topic"]
    phrase = q.answer_contains or ""
    words = len(phrase.split())
    if not MIN_PHRASE_WORDS <= words <= MAX_PHRASE_WORDS:
        problems.append(f"answer_contains has {words} words (want {MIN_PHRASE_WORDS}-{MAX_PHRASE_WORDS})")
    if occurrences(raw, phrase) != 1:
        problems.append(f"answer_contains occurs {occurrences(raw, phrase)} times in the article (want exactly 1)")
    if occurrences(cleaned, phrase) != 1:
        problems.append("answer_contains does not occur exactly once in the text the service stores")
    if not q.gold_answer:
        problems.append("gold_answer is empty")
    if not q.answer_key and not q.answer_key_any:
        problems.append("give answer_key or answer_key_any")
    elif not answer_correct(q.gold_answer or "", q.answer_key, q.answer_key_any):
        problems.append("gold_answer does not hold answer_key (or any of answer_key_any)")
    sentence = answering_sentence(cleaned, phrase)
    if sentence is not None and q.paraphrased != is_paraphrased(q.question, sentence):
        problems.append(f"paraphrased should be {is_paraphrased(q.question, sentence)}")
    return problems


def question_problems(
    q: Question, questions: list[Question], articles: dict[str, str], settings: Settings
) -> list[str]:
    """What is wrong with one question, given its article and the cleaning the service applies."""
    problems = _form_problems(q, questions)
    if q.article_id not in articles:
        return [*problems, f"{q.source} article {q.article_id} not found"]
    if not q.answerable:
        return problems + _unanswerable_problems(q)
    cleaned = stored_document(q.article_id, articles[q.article_id], settings).text
    return problems + _answerable_problems(q, articles[q.article_id], cleaned)


def mix(questions: list[Question]) -> dict[str, float | int | None]:
    """The shares the benchmark promises: paraphrased, unanswerable on topic, off topic, follow-ups."""
    answerable = [q for q in questions if q.answerable]
    paraphrased = sum(bool(q.paraphrased) for q in answerable)
    on_topic = sum(not q.answerable and q.on_topic for q in questions)
    return {
        "questions": len(questions),
        "answerable": len(answerable),
        "paraphrased": paraphrased,
        "paraphrased_of_answerable": share(paraphrased, len(answerable)),
        "paraphrased_of_all": share(paraphrased, len(questions)),
        "paraphrased_without_content_words": sum(
            bool(q.paraphrased) and not has_content_words(q.question) for q in answerable
        ),
        "unanswerable_on_topic": on_topic,
        "unanswerable_on_topic_of_all": share(on_topic, len(questions)),
        "off_topic": sum(not q.on_topic for q in questions),
        "follow_ups": sum(q.follows is not None for q in questions),
    }


def share_problems(counts: dict[str, float | int | None]) -> list[str]:
    problems = []
    if (counts["paraphrased_of_answerable"] or 0) < MIN_PARAPHRASED:
        problems.append(f"fewer than {MIN_PARAPHRASED:.0%} of the answerable questions are paraphrased")
    if (counts["unanswerable_on_topic_of_all"] or 0) < MIN_ON_TOPIC_UNANSWERABLE:
        problems.append(f"fewer than {MIN_ON_TOPIC_UNANSWERABLE:.0%} of the questions are unanswerable on topic")
    return problems


def print_mix(questions: list[Question]) -> dict[str, float | int | None]:
    counts = mix(questions)
    print(
        f"{counts['questions']} questions: {counts['answerable']} answerable, "
        f"{counts['unanswerable_on_topic']} unanswerable on topic, {counts['off_topic']} off topic, "
        f"{counts['follow_ups']} follow-ups"
    )
    print(
        f"paraphrased: {counts['paraphrased']} ({counts['paraphrased_of_answerable']:.0%} of answerable, "
        f"{counts['paraphrased_of_all']:.0%} of all; {counts['paraphrased_without_content_words']} of them have no "
        f"content word but names); unanswerable on topic: "
        f"{counts['unanswerable_on_topic_of_all']:.0%} of all"
    )
    kinds = Counter(q.kind for q in questions)
    unanswerable = Counter(q.kind for q in questions if not q.answerable)
    print("by kind (unanswerable): " + ", ".join(f"{k} {kinds[k]} ({unanswerable[k]})" for k in KINDS if kinds[k]))
    for source in SOURCES:
        mine = [q for q in questions if q.source == source]
        print(f"{source}: {len({q.article_id for q in mine})} articles, {len(mine)} questions")
    return counts


def check(questions: list[Question], articles: dict[str, str], settings: Settings) -> int:
    """Print every problem and the mix; the number of problems (questions with one, and shares missed)."""
    bad = 0
    for q in questions:
        problems = question_problems(q, questions, articles, settings)
        for problem in problems:
            print(f"line {q.index + 1}: {problem}: {q.question}")
        bad += bool(problems)
    shares = share_problems(print_mix(questions))
    for problem in shares:
        print(f"mix: {problem}")
    bad += len(shares)
    print("problems: none" if not bad else f"problems: {bad}")
    return bad
