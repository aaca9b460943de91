"""The follow-up benchmark's scoring rules and its --check, on fixtures written here (no model, no shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import ask_benchmark
from benchmarks.ask_scoring import (
    answer_correct,
    answer_tokens,
    answering_sentence,
    has_content_words,
    is_paraphrased,
    key_in_answer,
    not_covered_rates,
    shared_content_words,
)


# -- key spans -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ("Twenty-nine people were hurt.", "29"),
        ("29 people were hurt.", "twenty-nine"),
        ("It weighs two hundred kilograms? No: it takes 8 hours.", "eight hours"),
        ("She earned $475,000 a year.", "475,000"),
        ("She earned $475000 a year.", "475,000"),
        ("Growth of 1.6 per cent.", "1.6 percent"),
        ("Growth of 1.6%.", "1.6 percent"),
        ("According to NYPD Commissioner James O’Neill.", "James O'Neill"),
        ("By a vote of 2 to 1.", "2-to-1"),
        ("THE HOUSTON EXPRESS picked him up", "Houston Express"),
        ('He said: "Yes, sir."', "yes, sir"),
    ],
)
def test_a_key_span_is_found_after_normalising_case_quotes_and_numbers(answer: str, key: str) -> None:
    assert key_in_answer(answer, key)


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ("There is nothing to say.", "no"),  # words, not letters: "no" is not in "nothing"
        ("It happened on 19 March.", "1912"),
        ("The second device was found.", "second devices"),
        ("Arizona and then Illinois.", "Arizona and Illinois"),  # the key's words in a row
        ("Anything at all.", ""),
    ],
)
def test_a_key_span_must_occur_as_whole_words_in_a_row(answer: str, key: str) -> None:
    assert not key_in_answer(answer, key)


def test_number_words_become_digits_only_where_simple() -> None:
    assert answer_tokens("twenty-five, twenty five, Seventeen and 1,500,000") == ["25", "25", "17", "and", "1500000"]
    assert answer_tokens("a hundred and one") == ["a", "hundred", "and", "1"]


def test_an_answer_is_correct_with_the_key_or_any_alternative() -> None:
    assert answer_correct("He recused himself.", None, ["recused", "nominee"])
    assert answer_correct("Some 6,000 m long.", "6,000 metres", ["6,000 m"])
    assert not answer_correct("It was long.", "6,000 metres", ["6,000 m"])
    assert not answer_correct("Anything.", None, None)


# -- not covered arithmetic ------------------------------------------------------------------------
def test_not_covered_precision_recall_and_error_rates() -> None:
    # 4 answerable (1 wrongly marked not covered), 3 unanswerable (2 marked not covered)
    predicted = [True, False, False, False, True, True, False]
    unanswerable = [False, False, False, False, True, True, True]
    rates = not_covered_rates(predicted, unanswerable)
    assert rates == {
        "not_covered_precision": 0.667,  # 2 of the 3 marked not covered
        "not_covered_recall": 0.667,  # 2 of the 3 unanswerable
        "wrongly_not_covered": 0.25,  # 1 of the 4 answerable
        "unanswerable_answered": 0.333,  # 1 of the 3 unanswerable
    }


def test_rates_without_a_denominator_are_none() -> None:
    rates = not_covered_rates([False, False], [False, False])
    assert rates["not_covered_precision"] is None
    assert rates["not_covered_recall"] is None
    assert rates["wrongly_not_covered"] == 0.0


# -- paraphrase ------------------------------------------------------------------------------------
ARTICLE = (
    "The law, signed by Kansas Gov. Sam Brownback on Tuesday, bans the procedure. Twenty-nine people were "
    "injured tonight by an explosion. Do I think it was cocaine? Probably not.\nThe U.S. Court ruled on Friday."
)


def test_the_answering_sentence_spans_abbreviations_and_sentence_breaks() -> None:
    assert answering_sentence(ARTICLE, "Sam Brownback on Tuesday") == (
        "The law, signed by Kansas Gov. Sam Brownback on Tuesday, bans the procedure."
    )
    assert answering_sentence(ARTICLE, "cocaine? Probably not") == "Do I think it was cocaine? Probably not."
    assert answering_sentence(ARTICLE, "Court ruled") == "The U.S. Court ruled on Friday."
    assert answering_sentence(ARTICLE, "not in the text") is None


def test_a_question_is_paraphrased_when_it_shares_no_content_stem_beyond_names() -> None:
    sentence = answering_sentence(ARTICLE, "Twenty-nine people were injured")
    assert is_paraphrased("How many were hurt in the blast?", sentence)
    assert shared_content_words("How many people were injured?", sentence) == {"peopl", "injur"}
    # "signed" is shared; "governor" is not ("Gov." is capitalised in the sentence: a name)
    assert is_paraphrased("Which governor signed it?", answering_sentence(ARTICLE, "Sam Brownback")) is False
    assert is_paraphrased("Which governor put his name to it?", answering_sentence(ARTICLE, "Sam Brownback"))


def test_a_question_of_names_and_function_words_has_no_content_word() -> None:
    assert not has_content_words("Who is he, exactly?")
    assert not has_content_words("What did Jon Husted say?")
    assert has_content_words("Who is the police commissioner?")


# -- --check ---------------------------------------------------------------------------------------
CNN_TEXT = (
    "A Chinese team took a kite measuring 6,000 metres to a festival. The kite weighs 200 kilograms. "
    "It takes eight hours to get the kite airborne."
)
POLNEAR_TEXT = (
    "Flight attendants' union endorses Clinton.\n\n"
    "The Association of Flight Attendants represents almost 50,000 workers.\n\n"
    '"We were there under legitimate pretenses," Figueroa told USA Today.\n'
)


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "article_id": "kite", "source": "cnndm", "question": "", "kind": "how_many", "answerable": True,
        "on_topic": True, "follows": None, "answer_contains": None, "gold_answer": None, "answer_key": None,
        "answer_key_any": None, "paraphrased": None,
    }  # fmt: skip
    return {**base, **fields}


GOOD = [
    record(question="How heavy is the thing?", answer_contains="The kite weighs 200", gold_answer="200 kilograms",
           answer_key="200 kilograms", paraphrased=True),
    record(question="How long does it take to get the kite up?", answer_contains="takes eight hours to get",
           gold_answer="eight hours", answer_key="8 hours", paraphrased=False),
    record(article_id="union", source="polnear", question="How many members does the flight attendants' union have?",
           answer_contains="represents almost 50,000 workers", gold_answer="almost 50,000", answer_key="50,000",
           paraphrased=True),
    record(article_id="union", source="polnear", question="And what did they tell the paper?", kind="said",
           follows=2, answer_contains="under legitimate pretenses", gold_answer="they were there legitimately",
           answer_key_any=["legitimate pretenses", "legitimately"], paraphrased=True),
    record(question="How much did the kite cost?", answerable=False),
]  # fmt: skip


def write_fixture(folder: Path, questions: list[dict[str, object]]) -> list[str]:
    (folder / "polnear").mkdir()
    (folder / "polnear" / "union.txt").write_text(POLNEAR_TEXT, encoding="utf-8")
    (folder / "articles.jsonl").write_text(json.dumps({"id": "kite", "article": CNN_TEXT}) + "\n", encoding="utf-8")
    lines = "".join(json.dumps(q) + "\n" for q in questions)
    (folder / "questions.jsonl").write_text(lines, encoding="utf-8")
    return ["--check", "--articles", str(folder / "articles.jsonl"), "--polnear", str(folder / "polnear"),
            "--questions", str(folder / "questions.jsonl")]  # fmt: skip


def test_check_passes_a_good_file_and_prints_the_mix(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # no config.yaml: built-in settings
    assert ask_benchmark.main(write_fixture(tmp_path, GOOD)) == 0
    out = capsys.readouterr().out
    assert "5 questions: 4 answerable, 1 unanswerable on topic, 0 off topic, 1 follow-ups" in out
    assert "paraphrased: 3 (75% of answerable" in out
    assert "cnndm: 1 articles, 3 questions" in out
    assert "polnear: 1 articles, 2 questions" in out
    assert "problems: none" in out


def test_check_names_each_problem(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    bad = [
        {**GOOD[0], "answer_contains": "kite"},  # one word, and three times in the article
        {**GOOD[1], "paraphrased": True},  # shares "kite" and "take" with its sentence
        {**GOOD[2], "answer_key": "60,000"},  # the gold answer does not hold the key
        {**GOOD[3], "follows": 0},  # a question on another article
        {**GOOD[4], "kind": "fact", "gold_answer": "none"},
        record(article_id="missing", source="polnear", question="Who?", answerable=False),
    ]
    assert ask_benchmark.main(write_fixture(tmp_path, bad)) == 1
    out = capsys.readouterr().out
    assert "line 1: answer_contains has 1 words (want 3-8)" in out
    assert "line 1: answer_contains occurs 3 times in the article (want exactly 1)" in out
    assert "line 2: paraphrased should be False" in out
    assert "line 3: gold_answer does not hold answer_key (or any of answer_key_any)" in out
    assert "line 4: follows 0, which is not an earlier question on the same article" in out
    assert "line 5: unknown kind 'fact'" in out
    assert "line 5: unanswerable questions need answer_contains, gold_answer" in out
    assert "line 6: polnear article missing not found" in out


def test_check_fails_a_file_short_of_paraphrased_or_unanswerable_questions(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert ask_benchmark.main(write_fixture(tmp_path, [GOOD[1]])) == 1
    out = capsys.readouterr().out
    assert "mix: fewer than 33% of the answerable questions are paraphrased" in out
    assert "mix: fewer than 20% of the questions are unanswerable on topic" in out
    assert "problems: 2" in out


# -- --rescore: the figures of a saved run, without the model ---------------------------------------
def saved_result(index: int, question: str, answer: str, citations: list[str], not_covered: bool) -> dict:
    return {"index": index, "question": question, "answer": answer, "citations": citations,
            "not_covered": not_covered, "seconds": float(index + 1), "error": None}  # fmt: skip


def test_rescore_computes_every_figure_from_a_saved_run(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    args = write_fixture(tmp_path, GOOD)[1:]  # the paths, without --check
    results = [
        saved_result(0, GOOD[0]["question"], "It weighs 200 kilograms.", ["The kite weighs 200 kilograms."], False),
        saved_result(1, GOOD[1]["question"], "The source says: it is big.", ["The kite weighs 200 kilograms."], False),
        saved_result(2, GOOD[2]["question"], "Not covered.", [], True),
        saved_result(3, GOOD[3]["question"], "Legitimately.", ["Other.", "under legitimate pretenses"], False),
        saved_result(4, GOOD[4]["question"], "The article does not say.", [], True),
    ]
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps({"results": results, "setup_seconds": 1.0}), encoding="utf-8")
    assert ask_benchmark.main([*args, "--rescore", str(saved), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["overall"]
    assert overall["citation_hit"] == 0.5  # questions 0 and 3 of the 4 answerable
    assert overall["first_citation_hit"] == 0.25  # question 0 only
    assert overall["answer_correct"] == 0.5  # 0 ("200 kilograms") and 3 ("legitimately")
    assert overall["wrongly_not_covered"] == 0.25
    assert overall["not_covered_accuracy"] == overall["not_covered_recall"] == 1.0
    assert overall["not_covered_precision"] == 0.5
    assert overall["median_seconds"] == 3.0
    assert overall["max_seconds"] == 5.0
    assert report["by_kind"]["said"]["answer_correct"] == 1.0
    assert report["by_group"]["follow_up"]["questions"] == 1
    assert report["by_source"]["polnear"]["citation_hit"] == 0.5


def test_rescore_refuses_a_run_of_another_question_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = write_fixture(tmp_path, GOOD)[1:]
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps({"results": [saved_result(0, "Another question?", "", [], True)]}), encoding="utf-8")
    with pytest.raises(SystemExit, match="result #0 does not match the question file"):
        ask_benchmark.main([*args, "--rescore", str(saved)])
