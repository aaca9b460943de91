"""Quotes that speak for the person named just before them."""

from __future__ import annotations

from bot.analysis.nlp import parse, sentences_of
from bot.analysis.retrieval import PassageIndex
from bot.analysis.voices import spoken_by, voiced
from bot.models import Expert

TEXT = (
    "Frank Jordan thanked the captain of the ship. “You're a good man, I swear.” "
    "“He was praying the whole time,” he said. The ship reached port on Friday. "
    "Louis Jordan's doctor, Ann Lee, spoke later. “He is healthy,” she said.\n\n"
    "The weather was calm. “It was a miracle.”"
)


FRANK = Expert("Frank Jordan", "father", [])


def _index(text: str = TEXT) -> PassageIndex:
    return PassageIndex(text, sentences_of(parse(text)))


def _voiced_texts(index: PassageIndex, expert: Expert, experts: list[Expert]) -> list[str]:
    return [index.sentences[i].text for i in sorted(voiced(index, expert, experts))]


def test_a_quote_speaks_for_the_one_person_named_just_before_it():
    index, frank = _index(), FRANK
    lee = Expert("Ann Lee", "doctor", [])
    texts = _voiced_texts(index, frank, [frank, lee])
    assert texts == ["“You're a good man, I swear.”", "“He was praying the whole time,” he said."]
    # "Louis Jordan's doctor, Ann Lee": two people named, so the next quote is nobody's by this reading
    assert voiced(index, lee, [frank, lee]) == set()


def test_a_full_name_says_which_of_two_people_of_one_surname_a_quote_follows():
    index, frank = _index(), FRANK
    louis = Expert("Louis Jordan", "sailor", [])
    texts = _voiced_texts(index, frank, [frank, louis])
    assert texts == ["“You're a good man, I swear.”", "“He was praying the whole time,” he said."]
    assert not voiced(index, louis, [frank, louis]) & voiced(index, frank, [frank, louis])


def test_a_sentence_naming_the_expert_before_a_verb_of_saying_is_in_their_voice():
    text = "The landlord was fined. Boase, who has two previous convictions, said: 'Never again.' The pub shut."
    index = _index(text)
    boase = Expert("James Boase", "landlord", [])
    assert spoken_by(index, boase, [boase]) == {1}
    assert spoken_by(index, None, [boase]) == set()


def test_a_sentence_naming_someone_right_before_their_quote_introduces_it():
    from bot.analysis.voices import introducing

    index, louis = _index(), Expert("Louis Jordan", "sailor", [])
    spoken = spoken_by(index, FRANK, [FRANK, louis])
    assert [index.sentences[i].text for i in introducing(index, FRANK, [FRANK, louis], spoken)] == [
        "Frank Jordan thanked the captain of the ship."
    ]
    assert introducing(index, louis, [FRANK, louis], {1}) == set()  # the sentence names Frank in full, not Louis
    assert introducing(index, None, [], set()) == set()

