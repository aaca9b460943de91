"""A number attached to a claim its evidence does not attach it to, or a grade the evidence never gives, is
refused (the Okafor case of issue 17); faithful restatements and paraphrases of the number's claim pass."""

from __future__ import annotations

import pytest

from bot.checks.attachments import misattached
from bot.checks.rules import attaches_what_the_evidence_does
from bot.checks.verdict import Candidate

EVIDENCE = [
    "Helen Okafor, a transport economist at Northfield University, said the council had underestimated "
    "maintenance costs by a wide margin.",
    "“Bridges of this kind typically cost two to three percent of their construction price every year to "
    "maintain,” she said.",
]
LEAD = "Helen Okafor"


def verdict(text: str):
    return attaches_what_the_evidence_does(Candidate(text, tuple(EVIDENCE), lead=LEAD))


def test_the_okafor_position_is_refused_for_its_percentage_and_its_grade():
    said = verdict(
        "Helen Okafor says the council underestimated maintenance costs by two to three percent, and that's a "
        "significant cost."
    )
    assert not said.ok and said.check == "attaches_what_the_evidence_does"
    assert said.reason == (
        "it attaches 'two to three percent' to 'underestimated', which no evidence sentence with that number does"
    )


def test_a_grade_the_evidence_never_gives_is_refused():
    said = verdict("Helen Okafor says the council underestimated maintenance costs, a significant cost.")
    assert said.reason == "it grades the claim as 'significant', a word the evidence does not use"


@pytest.mark.parametrize(
    "text",
    [
        "Helen Okafor says bridges like this cost two to three percent of their construction price a year to maintain.",
        "Helen Okafor says upkeep costs two to three percent of the construction price every year.",
        "Helen Okafor says the council underestimated maintenance costs by a wide margin.",
        "Helen Okafor says two to three percent of the price is typical.",
    ],
)
def test_a_number_kept_with_its_claim_passes(text):
    assert verdict(text).ok, verdict(text).reason


def test_a_number_the_evidence_lacks_is_left_to_the_names_and_numbers_check():
    assert misattached("Okafor says costs rose by 40 percent.", EVIDENCE) is None


def test_a_grade_the_evidence_uses_may_be_kept():
    evidence = ["The council faces a significant shortfall, the mayor said."]
    assert misattached("Ana Ruiz says the council faces a significant shortfall.", evidence, skip_before=13) is None
