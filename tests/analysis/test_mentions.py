"""Name mentions: entities, names after a title, names swallowed by an organization, surnames, labels."""

from __future__ import annotations

import pytest

from bot.analysis.mentions import find_mentions, surname_key, word_gender
from bot.analysis.nlp import load_pipeline, parse


@pytest.fixture(scope="module")
def mentions_of():
    load_pipeline()

    def mentions(text: str) -> list[tuple[str, ...]]:
        return [m.words for m in find_mentions(parse(text)).names]

    return mentions


def test_titles_and_possessives_are_left_out_and_an_honorific_gives_a_gender():
    (mention,) = find_mentions(parse("Mrs. Ellen Park's aide left.")).names
    assert mention.words == ("Ellen", "Park") and mention.gender == "f"


def test_a_surname_the_tagger_missed_is_a_mention_of_its_own(mentions_of):
    assert mentions_of("Pat Caddell spoke. The plan failed, said Caddell.") == [("Pat", "Caddell"), ("Caddell",)]


def test_a_capitalised_title_before_two_capitalised_words_marks_a_name(mentions_of):
    assert ("Priya", "Nair") in mentions_of("Councillor Priya Nair voted against the bridge.")


def test_a_title_and_name_tagged_as_one_organization_is_a_name(mentions_of):
    # the tagger reads "Councillor Eva Stone" as an ORG of its own: the name is still hers
    assert mentions_of("The council voted on Monday.\n\nCouncillor Eva Stone said the budget was balanced.") == [
        ("Eva", "Stone")]


def test_an_institution_named_after_a_person_is_no_mention(mentions_of):
    text = "The George W. Bush Presidential Center runs a program. George W. Bush founded it."
    assert mentions_of(text) == [("George", "W.", "Bush")]


def test_transcript_labels_are_mentions_when_there_are_several_or_they_name_someone():
    found = find_mentions(parse("WALLACE: Will she be there?\n\nPENCE: She will not."))
    assert [m.words for m in found.labels] == [("Wallace",), ("Pence",)]
    assert find_mentions(parse("The vote is close.\n\nNOTE: Polls close at eight.")).labels == ()


def test_a_surname_key_leaves_out_suffixes():
    assert surname_key(("Martin", "Luther", "King", "Jr.")) == "king"
    assert surname_key(("Jr.",)) == "jr."


def test_words_that_give_a_gender():
    assert (word_gender("Mr."), word_gender("congresswoman"), word_gender("senator")) == ("m", "f", None)


def test_a_name_never_carries_a_title_a_position_or_a_team():
    for text, name in [
        ("Browns DL Sheldon Richardson said the team played hard.", "Sheldon Richardson"),
        ("Superintendent Jennifer McCormick said lawmakers were asking for the moon.", "Jennifer McCormick"),
        ("Interim BART Police Chief Ed Alvarez said officers boarded the train.", "Ed Alvarez"),
    ]:
        assert [" ".join(m.words) for m in find_mentions(parse(text)).names] == [name]


def test_a_letters_salutation_and_a_phrase_with_the_are_no_names():
    text = "DEAR ABBY: My husband bought tickets.\n\nDEAR CONCERNED SISTER: Talk to her.\n\nGet The Quiz today."
    mentions = find_mentions(parse(text))
    assert mentions.names == () and mentions.labels == ()


def test_common_nouns_after_an_organization_s_possessive_are_no_person(mentions_of):
    text = "The claim is false, according to The Washington Post's Fact Checker, and Mark Stone agreed."
    assert mentions_of(text) == [("Mark", "Stone")]
    assert mentions_of("Taylor Swift said her label is preventing her.") == [("Taylor", "Swift")]


def test_a_full_name_tagged_as_an_organization_is_a_name_when_its_surname_is_a_persons(mentions_of):
    text = ("According to a 2018 survey by Penelope Muse Abernathy of the University of North Carolina, the firm cut "
            "staff. “Newsrooms are often half the size within months,” Abernathy reported.")
    assert ("Penelope", "Muse", "Abernathy") in mentions_of(text)


def test_a_hyphen_the_tagger_took_for_a_noun_stays_in_the_name(mentions_of):
    # spaCy tags the "-" of "al-Jabouri" NNP, not HYPH
    assert ("Raed", "al-Jabouri") in mentions_of("Salahuddin governor Raed al-Jabouri said soldiers killed him.")
