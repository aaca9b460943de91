"""Speaker resolution: one canonical name per person, surnames, titles, pronouns, descriptions, organizations."""

from __future__ import annotations

import dataclasses

import pytest

from bot.analysis.attribution import analyse
from bot.analysis.nlp import load_pipeline, parse
from bot.analysis.speakers import Focus, Note, People, speaker_of


@pytest.fixture(scope="session")
def speakers_of():
    load_pipeline()

    def speakers(text: str) -> list[str | None]:
        return [a.speaker for a in analyse(parse(text)).attributions]

    return speakers


def test_a_surname_resolves_to_the_full_name(speakers_of):
    text = "Fyodor Lukyanov edits a journal. “The crisis has no easy solution,” Lukyanov continued."
    assert speakers_of(text) == ["Fyodor Lukyanov"]


def test_titles_and_possessives_are_not_part_of_the_name():
    doc = parse("Mrs. Ellen Park spoke. Mr. Dan Park's aide left. Mrs. Park said the vote was fair.")
    assert [p.name for p in People.of(doc).persons] == ["Ellen Park", "Dan Park"]
    attribution = analyse(doc).attributions[0]
    assert attribution.speaker == "Ellen Park"


def test_a_bare_surname_goes_to_the_person_just_named_with_it(speakers_of):
    text = "Bill Carter spoke first. Hillary Carter spoke later. Carter said the vote was rigged."
    assert speakers_of(text) == ["Hillary Carter"]


def test_a_bare_surname_far_from_any_full_name_goes_to_the_most_named_person(speakers_of):
    text = (
        "Hillary Carter toured Ohio. Hillary Carter met voters. The rally ended late. "
        "Her daughter, Chelsea Carter, stayed home. The crowd left. Carter said the trip went well."
    )
    assert speakers_of(text)[-1] == "Hillary Carter"


def test_a_pronoun_goes_to_the_last_speaker_not_to_a_person_in_their_words(speakers_of):
    text = "Ann Lowe said that Viktor Lang had lied. She added that the vote was rigged."
    assert speakers_of(text) == ["Ann Lowe", "Ann Lowe"]


def test_a_pronoun_skips_a_person_of_the_other_gender(speakers_of):
    text = "Sheila Brooks criticized the plan. Mark Tan said it would work. She added that the costs were hidden."
    assert speakers_of(text) == ["Sheila Brooks", "Mark Tan", "Sheila Brooks"]


def test_a_pronoun_with_no_person_in_reach_stays_unresolved(speakers_of):
    assert speakers_of("He said the plan would fail.") == [None]


def test_a_definite_description_goes_to_the_one_person_whose_role_fits(speakers_of):
    text = (
        "Former Russian Foreign Minister Igor Ivanov spoke. Editor Fyodor Lukyanov listened. "
        "The former minister said the talks would fail."
    )
    assert speakers_of(text)[-1] == "Igor Ivanov"


def test_a_description_that_fits_nobody_stays_unresolved(speakers_of):
    text = "Editor Fyodor Lukyanov listened. The former minister said the talks would fail."
    assert speakers_of(text) == [None]


def test_a_description_fits_the_head_of_a_role_not_any_word_in_it(speakers_of):
    text = ("The state's campaign chairman, Carl Moss, said he had not seen the letter. "
            "The campaign says the candidate will announce plans Friday. The chairman said the letter was late.")
    found = [(a.speaker, a.content.text(text)) for a in analyse(parse(text)).attributions]
    assert [who for who, _ in found if who] == ["Carl Moss", "Carl Moss"]
    assert all(who is None for who, words in found if "announce" in words)


def test_a_verb_in_ing_opening_a_sentence_is_no_part_of_the_name_after_it():
    from bot.analysis.mentions import _opening_gerund

    doc = parse("Injecting Lena Ortiz's troubles into the race is his latest effort. Irving Stone spoke.")
    assert _opening_gerund(doc[0]) and not _opening_gerund(doc[1])
    assert not any(_opening_gerund(t) for t in doc if t.text == "Irving")  # no verb "irv": a given name


def test_hyphenated_and_capitalised_names_keep_their_form():
    doc = parse("Douglas Holtz-Eakin spoke to PENCE and Park Geun-hye.")
    assert [p.name for p in People.of(doc).persons] == ["Douglas Holtz-Eakin", "Park Geun-hye"]


def test_a_name_that_ends_a_longer_name_is_the_same_person():
    doc = parse("Miss Universe Alicia Machado spoke. Alicia Machado left. Alicia Machado returned.")
    assert [p.name for p in People.of(doc).persons] == ["Alicia Machado"]


def test_a_pronoun_can_refer_to_a_subject_earlier_in_its_own_sentence(speakers_of):
    text = (
        "Stevie Lamb joked with the crowd.\n\n"
        "Ms. Patti Rowe got a roar when, at the end of her song, she added the words “Hillary Clinton.”"
    )
    assert speakers_of(text)[-1] == "Patti Rowe"


def test_institutions_named_after_people_are_not_people():
    doc = parse("The George W. Bush Presidential Center runs a program. George W. Bush founded it.")
    assert [p.name for p in People.of(doc).persons] == ["George W. Bush"]


def test_a_capitalised_title_marks_a_name_the_tagger_missed(speakers_of):
    text = (
        "“This bridge connects people to jobs,” said Mayor Ana Ruiz, who has championed the project.\n\n"
        "Councillor Priya Nair, one of the two members who voted against, said the money should go to the ferry. "
        "“A better ferry would cost a fraction of this,” Nair said."
    )
    assert speakers_of(text) == ["Ana Ruiz", "Priya Nair", "Priya Nair"]


def test_a_title_before_a_place_or_an_organization_is_no_name():
    doc = parse("The Mayor Of London Office said it would respond. Inspector General Reports are due in June.")
    assert [p.name for p in People.of(doc).persons] == []


def test_she_is_not_a_man_named_before_when_the_tagger_swallowed_her_name(speakers_of):
    text = (
        "“We cannot define what happened as a genocide,” Turkish Foreign Minister Mevlut Cavusoglu told CNN. "
        "In her book, Obama's current Ambassador to the United Nations Samantha Power hammered policy makers. "
        "“No president has ever made genocide prevention a priority,” she wrote."
    )
    assert "Mevlut Cavusoglu" not in speakers_of(text)[1:]
    doc = parse(text)
    assert "Samantha Power" in [p.name for p in People.of(doc).persons]


def test_the_people_index_does_not_change_once_built():
    people = People.of(parse("Ann Lowe said the vote was rigged. Lowe left."))
    (person,) = people.persons
    assert person.name == "Ann Lowe" and person.mentions == ((0, 2), (8, 9))
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.role = "mayor"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        people.persons = ()  # type: ignore[misc]


def test_a_focus_with_notes_is_a_new_focus():
    doc = parse("Ann Lowe spoke. She left.")
    (ann,) = People.of(doc).persons
    empty = Focus()
    noted = empty.with_notes([Note(0, 0, True, ann)])
    she = doc[4]
    assert (empty.resolve(she, 1), noted.resolve(she, 1)) == (None, ann)


def test_a_pronoun_reaches_only_recent_main_clause_subjects_and_speakers():
    doc = parse("Ann Lowe spoke. She left.")
    (ann,) = People.of(doc).persons
    she = doc[4]
    focus = Focus().with_notes([Note(0, 0, True, ann)])
    assert focus.resolve(she, 4) is ann
    assert focus.resolve(she, 5) is None  # five sentences on: out of reach
    assert Focus().with_notes([Note(0, 0, False, ann)]).resolve(she, 1) is None  # not a main-clause subject
    assert Focus().with_notes([Note(0, 1, False, ann)]).resolve(she, 1) is ann  # but one of her own sentence


def test_a_subject_headed_by_an_organization_noun_is_that_organization_if_the_text_says_whose():
    doc = parse("The Trump campaign said it would respond. The group said nothing.")
    campaign, group = (next(t for t in doc if t.text == word) for word in ("campaign", "group"))
    people = People.of(doc)
    assert speaker_of(campaign, people, Focus(), 0).who == "Trump campaign"
    assert speaker_of(group, people, Focus(), 1) is None  # "the group" names nobody


def test_a_firm_named_by_its_trade_is_no_person_even_where_its_name_stands_alone():
    text = ("A few months earlier, this problem would have belonged to Harlan Coal, one of the nation's largest coal "
            "companies. But this was not Harlan's problem anymore. When Harlan filed for bankruptcy, it sold the "
            "mine. In the end, Harlan agreed to lend Tom Clarke $5 million, Mr. Barrett said.")
    assert [p.name for p in People.of(parse(text)).persons] == ["Tom Clarke", "Barrett"]
    kept = "Dana Ford said the Ford Foundation would help. Ford spoke again."
    assert [p.name for p in People.of(parse(kept)).persons] == ["Dana Ford"]
