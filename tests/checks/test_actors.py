"""Who does what to whom: verbs' named actors and undergoers, and the conflicts with the evidence."""

from __future__ import annotations

from bot.checks.actors import role_conflict, verb_roles

EVIDENCE = ["Garrett responded by hitting Rudolph in the head with his own helmet."]


def test_verbs_know_their_named_actors_and_undergoers_in_both_voices():
    (active,) = [r for r in verb_roles("The NFL will fine Rudolph.") if r.lemma == "fine"]
    assert (active.actors, active.undergoers) == ({"nfl"}, {"rudolph"})
    (passive,) = [r for r in verb_roles("Rudolph was fined by the NFL.") if "fine" in r.keys]
    assert (passive.actors, passive.undergoers) == ({"nfl"}, {"rudolph"})


def test_a_swapped_actor_is_a_conflict_and_a_paraphrase_is_not():
    assert role_conflict("Garrett hit Rudolph with a helmet.", EVIDENCE) is None
    swapped = role_conflict("Rudolph hit Garrett with a helmet.", EVIDENCE)
    assert swapped == "Rudolph is not who does 'hit' in the evidence"
    assert role_conflict("Garrett attacked Rudolph.", EVIDENCE) is None  # a verb the evidence lacks
    assert role_conflict("He hit Rudolph.", EVIDENCE) is None  # a pronoun: the text resolves it


def test_the_lead_verb_is_the_codes_not_the_models():
    text = "Rudolph says Garrett hit Rudolph."
    assert role_conflict(text, EVIDENCE, skip_before=len("Rudolph says")) is None


def test_the_one_spoken_to_is_not_the_speaker():
    evidence = ["We get that you’re frustrated", "We get that you are concerned about issues."]
    text = "Brian Bosma says he's frustrated about the exam, and he's concerned about the schools."
    assert role_conflict(text, evidence, skip_before=len("Brian Bosma says"), lead="Brian Bosma") == (
        "Bosma is not who undergoes 'frustrated' in the evidence")
    # the speaker's own "I" is theirs, and a paraphrase of it is faithful
    mine = ["I am frustrated with the exam."]
    assert role_conflict(text, mine, skip_before=len("Brian Bosma says"), lead="Brian Bosma") is None
    kind = "Brian Bosma says teachers are frustrated about the exam."
    assert role_conflict(kind, evidence, skip_before=len("Brian Bosma says"), lead="Brian Bosma") is None


def test_the_evidence_says_who_its_pronouns_and_nouns_are():
    def conflict(text: str, evidence: str, lead: str) -> str | None:
        return role_conflict(text, [evidence], skip_before=len(f"{lead} says"), lead=lead)

    # a he bound by the verb that reports it is that verb's subject, not the speaker
    evidence = "The President received a plan, but the President admits he has not followed it religiously"
    assert conflict("Hogan Gidley says he has not followed his plan.", evidence, "Hogan Gidley") == (
        "Gidley is not who does 'follow' in the evidence")
    # "it" is a thing, and a noun is what it names
    assert conflict("Brent Sherwood says he has a lot of payload capacity.", "It has a lot of payload capacity",
                    "Brent Sherwood") == "Sherwood is not who does 'have' in the evidence"
    assert conflict("Ann Lowe says she will cut jobs.", "the company will cut jobs", "Ann Lowe") == (
        "Lowe is not who does 'cut' in the evidence")
    # a he before the speaker's name is someone else's
    evidence = "He had, according to Alex Horton of the Washington Post, killed and eaten a wild rabbit."
    assert conflict("Alex Horton says he killed a wild rabbit.", evidence, "Alex Horton") == (
        "Horton is not who does 'kill' in the evidence")
    # the object of "described him as" does what follows, and him is not the speaker the model calls she
    assert conflict("Emily Maitlis says she was sweating.", "she described him as sweating", "Emily Maitlis") == (
        "Maitlis is not who does 'sweat' in the evidence")
    # the speaker's own he, in a reported clause, stays theirs
    assert conflict("Donald Trump says he will raise tariffs.", "he would raise tariffs if no deal is reached",
                    "Donald Trump") is None


def test_a_verb_without_its_own_subject_is_done_by_its_controller():
    evidence = ["he wants the company to turn a profit", "as SoftBank attempts to rescue the company"]
    lead = "Masayoshi Son"
    text = "Masayoshi Son says he is also looking to rescue the company."
    assert role_conflict(text, evidence, skip_before=len(f"{lead} says"), lead=lead) == (
        "Son is not who does 'rescue' in the evidence")
    faithful = "Masayoshi Son says SoftBank attempts to rescue the company."
    assert role_conflict(faithful, evidence, skip_before=len(f"{lead} says"), lead=lead) is None
