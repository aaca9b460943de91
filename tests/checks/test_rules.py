"""The named checks, each reached through the list of the job that uses it: the verdict names the check."""

from __future__ import annotations

import pytest

from bot.analysis.question import Question
from bot.checks.rules import check, keeps_who_does_what, states_a_view
from bot.checks.verdict import PASSED, Candidate, Verdict, run_checks
from bot.jobs.answers import ANSWER_CHECKS
from bot.jobs.briefing import BRIEFING_CHECKS
from bot.jobs.positions import POSITION_CHECKS

ARTICLE = (
    "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River. "
    "Mayor Ana Ruiz said the bridge would not raise taxes."
)
VOTE = "The city council voted 7 to 2 on Tuesday to build a $20 million bridge over the Elm River."
RUIZ = "Mayor Ana Ruiz said the bridge would not raise taxes."


def rewrite(text: str, original: str = VOTE, max_novel: float = 0.25) -> Verdict:
    return run_checks(Candidate(text, (original,), article=ARTICLE, max_novel=max_novel), BRIEFING_CHECKS, "test")


# -- briefings ------------------------------------------------------------------------------------------
def test_a_faithful_shorter_rewrite_passes():
    assert rewrite("On Tuesday the council voted 7 to 2 for a $20 million Elm River bridge.") == PASSED
    assert rewrite("Mayor Ana Ruiz said the bridge will not raise taxes.", RUIZ) == PASSED


def test_an_empty_rewrite_fails():
    assert rewrite("  ") == Verdict(False, "not_empty", "empty")


def test_an_invented_name_fails():
    verdict = rewrite("Mayor John Smith said the bridge would not raise taxes.", RUIZ)
    assert (verdict.check, verdict.reason) == (
        "names_and_numbers_in_source",
        "names or numbers not in the source: John, Smith",
    )


def test_a_rewrite_that_drops_the_names_fails():
    verdict = rewrite("The council voted to build a bridge.")
    assert verdict.check == "keeps_names" and verdict.reason.startswith("dropped names or numbers: 2, 20, 7")


def test_an_added_negation_fails():
    verdict = rewrite("The city council did not vote 7 to 2 on Tuesday for a $20 million Elm River bridge.")
    assert (verdict.check, verdict.reason) == ("adds_no_negation", "adds a negation")


def test_a_dropped_negation_fails():
    verdict = rewrite("Mayor Ana Ruiz said the bridge would raise taxes.", RUIZ)
    assert (verdict.check, verdict.reason) == ("keeps_negation", "drops a negation")


def test_a_rewrite_that_misquotes_fails():
    verdict = rewrite("Mayor Ana Ruiz said the bridge “will not raise any taxes”.", RUIZ)
    assert (verdict.check, verdict.reason) == ("quotes_are_verbatim", "quotes words the source does not have")


def test_a_quote_that_loses_its_speaker_fails():
    original = "“The bridge will not raise taxes,” said Mayor Ana Ruiz."
    verdict = rewrite("Mayor Ana Ruiz: the bridge will not raise taxes.", original)
    assert (verdict.check, verdict.reason) == ("keeps_speaker", "lost who said it")  # neither quoted nor reported
    assert rewrite("The bridge will not raise taxes.", original).check == "keeps_names"
    assert rewrite("Mayor Ana Ruiz said the bridge will not raise taxes.", original) == PASSED


def test_a_rewrite_that_talks_about_the_article_fails():
    verdict = rewrite("The article says the city council voted 7 to 2 on Tuesday for a $20 million Elm River bridge.")
    assert (verdict.check, verdict.reason) == ("no_meta_talk", "talks about the article")


def test_an_added_claim_fails():
    added = "The city council voted 7 to 2 on Tuesday for a $20 million Elm River bridge critics call a costly mistake."
    verdict = rewrite(added)
    assert verdict.check == "little_new_content"
    assert verdict.reason == "33% of its content words are not in the source"
    assert rewrite(added, max_novel=0.4) == PASSED  # a casual tone may bring more words of its own


def test_a_rewrite_longer_than_its_source_fails():
    original = "Mayor Ana Ruiz said the bridge would not raise taxes."
    longer = "Mayor Ana Ruiz said that the bridge would not raise taxes, the taxes, the bridge taxes, the bridge."
    verdict = rewrite(longer, original, max_novel=1.0)
    assert (verdict.check, verdict.reason) == ("not_longer", "longer than the source sentence")


# -- positions ------------------------------------------------------------------------------------------
EVIDENCE = ("Europe “can ease the dispute by offering new trade terms.”",)


def position(text: str, evidence: tuple[str, ...] = EVIDENCE) -> Verdict:
    name, known = "Marta Kowalski", "Marta Kowalski\ndirector"
    windows = tuple(f"{e}\n{known}" for e in evidence)
    candidate = Candidate(text, evidence, known=known, lead=name, max_novel=0.3, windows=windows)
    return run_checks(candidate, POSITION_CHECKS, "test")


def test_a_position_true_to_the_evidence_passes():
    assert position("Marta Kowalski says Europe can ease the dispute.") == PASSED
    assert position("Marta Kowalski says new trade terms could ease the dispute.") == PASSED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marta Kowalski says no.", ("says_enough", "says too little")),
        ("Marta Kowalski says in one short sentence that Europe can help.", ("not_the_prompt", "repeats the prompt")),
        ("Marta Kowalski says:", ("says_enough", "says too little")),
        (
            "Marta Kowalski says Europe “can end the dispute today”.",
            ("quotes_are_verbatim", "quotes words the source does not have"),
        ),
        (
            "Marta Kowalski says Europe and China can ease it.",
            ("names_and_numbers_in_source", "names or numbers not in the source: China"),
        ),
        (
            "Marta Kowalski says Europe wants three new trade terms.",
            ("names_and_numbers_in_source", "names or numbers not in the source: three"),
        ),
        (
            "Marta Kowalski says Europe wants 3 new trade terms.",
            ("names_and_numbers_in_source", "names or numbers not in the source: 3"),
        ),
        ("Marta Kowalski says Europe cannot ease the dispute.", ("adds_no_negation", "adds a negation")),
        (
            "Marta Kowalski says Europe can ease the dispute by unoffering new trade terms.",
            ("adds_no_opposite", "turns 'offering' into 'unoffering'"),
        ),
        (
            "Marta Kowalski says Europe must punish both sides harshly.",
            ("little_new_content", "75% of its content words are not in the source"),
        ),
    ],
)
def test_a_position_the_evidence_does_not_hold_fails(text, expected):
    verdict = position(text)
    assert (verdict.check, verdict.reason) == expected


def test_a_position_joins_no_names_and_numbers_its_evidence_keeps_apart():
    evidence = ("It was a place Obama and Xi found some common ground", "coal has a role in a 21st-century economy")
    blended = "Marta Kowalski says it is a place Obama and Xi found, and a role in a 21st-century economy."
    verdict = position(blended, evidence)
    assert verdict.check == "names_stand_together"


def test_a_position_keeps_the_negation_all_the_evidence_carries():
    negated = ("The talks will not resume.",)
    verdict = position("Marta Kowalski says the talks will resume soon.", negated)
    assert (verdict.check, verdict.reason) == ("keeps_negation", "drops a negation")
    assert position("Marta Kowalski says the talks won't resume.", negated) == PASSED


# -- answers --------------------------------------------------------------------------------------------
OPENING = "Mayor Ana Ruiz said the bridge would open in 2028."
FERRY = "The ferry will close when it opens."


def answer(text: str, question: str = "When does it open?", sources=(OPENING, FERRY), windows=None) -> Verdict:
    candidate = Candidate(
        text, tuple(sources), known=question, question=Question.read(question), windows=tuple(windows or sources)
    )
    return run_checks(candidate, ANSWER_CHECKS, "test")


def test_an_answer_resting_on_one_sentence_passes():
    assert answer("Ana Ruiz said it opens in 2028.") == PASSED


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("", "When does it open?", ("not_empty", "empty")),
        (
            "The source does not say when it opens.",
            "When does it open?",
            ("no_refusal", "says the passages do not say"),
        ),
        (
            "Governor Lee said it opens in 2028.",
            "When does it open?",
            ("names_and_numbers_in_source", "names or numbers not in the source: Governor, Lee"),
        ),
        (
            "It opens in 2030.",
            "When does it open?",
            ("names_and_numbers_in_source", "names or numbers not in the source: 2030"),
        ),
        (
            "Ruiz said it “opens next week”.",
            "What did Ruiz say?",
            ("quotes_are_verbatim", "quotes words the source does not have"),
        ),
        ("The mayor said the ferry never closes.", "What about the ferry?", ("adds_no_negation", "adds a negation")),
        ("The mayor said it opens soon.", "When does it open?", ("gives_kind_asked", "no DATE, TIME in it")),
        ("It opens in 2028.", "When does it open?", ("says_something_new", "says nothing the question did not")),
        (
            "The mayor promised a ferry closure.",
            "What about the bridge?",
            ("about_the_question", "about something else than the question"),
        ),
    ],
)
def test_an_answer_the_passages_do_not_hold_fails(text, question, expected):
    verdict = answer(text, question)
    assert (verdict.check, verdict.reason) == expected


def test_an_answer_that_blends_two_sentences_fails():
    verdict = answer("Mayor Ana Ruiz said the ferry would close in 2028.", "What did the mayor say?")
    assert verdict.check == "each_sentence_in_one_source"
    assert verdict.reason == "no one source sentence holds 'Mayor Ana Ruiz said the ferry would close in 2028.'"


def test_an_answer_must_join_names_and_numbers_the_article_joins():
    khanal = "Rishi Khanal was pulled from the rubble on Tuesday."
    mother = "Elsewhere in the city, a mother endured 36 hours trapped in a room before rescuers freed her."
    joined = "Rishi Khanal was trapped for 36 hours before rescuers freed him."
    verdict = answer(joined, "How long was Rishi Khanal trapped?", (khanal, mother))
    assert verdict.check == "names_stand_together"


@pytest.mark.parametrize(
    ("text", "question", "ok"),
    [
        ("Priya Nair voted against it.", "Who voted against the bridge?", True),
        ("The bridge will carry two lanes of traffic.", "Who designed the bridge?", False),
        ("She opposed it.", "What did Nair say?", True),  # no kind asked: anything goes
        ("It will take three years.", "How long will construction take?", True),
        ("It will take a while.", "How long will construction take?", False),
        ("It opens in March.", "When will it open?", True),
    ],
)
def test_an_answer_gives_the_kind_of_thing_asked_for(text, question, ok):
    from bot.checks.rules import gives_kind_asked

    candidate = Candidate(text, (), question=Question.read(question))
    assert gives_kind_asked(candidate).ok is ok


# -- running checks -------------------------------------------------------------------------------------
def test_run_checks_stops_at_the_first_failure_and_a_new_check_is_one_function():
    @check
    def mentions_the_bridge(c: Candidate) -> str | None:
        return None if "bridge" in c.text else "no bridge"

    calls = []

    @check
    def never_reached(c: Candidate) -> str | None:
        calls.append(c)
        return None

    candidate = Candidate("The ferry closes.", ("The ferry closes.",))
    assert run_checks(candidate, [mentions_the_bridge, never_reached], "test") == Verdict(
        False, "mentions_the_bridge", "no bridge"
    )
    assert calls == []
    assert run_checks(candidate, [never_reached], "test") == PASSED


def test_a_position_that_swaps_who_does_what_to_whom_is_refused():
    evidence = ("The NFL will fine Rudolph for his role in the fight.",)
    lead = "Jason La Canfora"

    def verdict(text: str) -> Verdict:
        return keeps_who_does_what(Candidate(text, evidence, lead=lead))

    assert verdict("Jason La Canfora says the NFL will fine Rudolph.").ok
    assert verdict("Jason La Canfora says Rudolph will be fined by the NFL.").ok
    assert verdict("Jason La Canfora says Rudolph will fine Rudolph for his role.") == Verdict(
        False, "keeps_who_does_what", "Rudolph both does and undergoes 'fine'")
    assert verdict("Jason La Canfora says Rudolph will fine the NFL.") == Verdict(
        False, "keeps_who_does_what", "Rudolph is not who does 'fine' in the evidence")


def test_a_position_that_opens_with_a_subordinate_clause_is_no_view():
    verdict = states_a_view(Candidate("Ana Ruiz says when the bridge opened last week.", ("x",), lead="Ana Ruiz"))
    assert verdict == Verdict(False, "states_a_view", "a fragment opening with 'when', not a view")
    assert states_a_view(Candidate("Ana Ruiz says the bridge opened last week.", ("x",), lead="Ana Ruiz")).ok


def test_the_models_she_after_the_lead_is_the_lead_and_may_not_take_anothers_role():
    evidence = ("her former label Big Machine is preventing her from performing her past hits",)
    swapped = Candidate("Taylor Swift says she is preventing her past hits from being performed.", evidence,
                        lead="Taylor Swift")
    assert keeps_who_does_what(swapped) == Verdict(
        False, "keeps_who_does_what", "Swift is not who does 'prevent' in the evidence")
    faithful = Candidate("Taylor Swift says Big Machine is preventing her from performing her past hits.", evidence,
                         lead="Taylor Swift")
    assert keeps_who_does_what(faithful).ok
