"""The whole attribution pass: attributions in text order, as offsets into the text, with the people."""

from __future__ import annotations

import dataclasses

import pytest

from bot.analysis.attribution import Attributions, analyse
from bot.analysis.nlp import load_pipeline, parse


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    load_pipeline()


def test_contents_are_offsets_into_the_parsed_text():
    text = "“We will not back down,” said Anna Weiss. Weiss added that the vote was rigged."
    for attribution in analyse(parse(text)).attributions:
        assert attribution.content.text(text).strip() == attribution.content.text(text)
        assert attribution.cue is not None and attribution.cue.text(text) in ("said", "added")
        assert attribution.sentence_span.start <= attribution.content.start


def test_attributions_come_in_text_order_with_the_people_of_the_text():
    text = (
        "Paul Dean spoke first. According to Jane Smith, the plan will fail.\n\n"
        "“It will pass,” Paul Dean said.\n\n“A paragraph more.”"
    )
    result = analyse(parse(text))
    assert isinstance(result, Attributions)
    starts = [a.content.start for a in result.attributions]
    assert starts == sorted(starts)
    assert [a.speaker for a in result.attributions] == ["Jane Smith", "Paul Dean", "Paul Dean"]
    assert [p.name for p in result.people.persons] == ["Paul Dean", "Jane Smith"]


def test_the_result_does_not_change_once_made():
    result = analyse(parse("Paul Dean said the plan would fail."))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.attributions = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.attributions[0].speaker = "Someone Else"  # type: ignore[misc]


def _spoken(text: str) -> list[tuple[str | None, str, bool]]:
    """(speaker, words, nested) of each attribution."""
    return [(a.speaker, a.content.text(text), a.nested) for a in analyse(parse(text)).attributions]


def test_a_cue_that_interrupts_its_own_words_is_not_nested_in_them():
    text = "To understand the real Dred Scott, Chief Justice Roberts said, one should visit this museum."
    assert [(who, nested) for who, _, nested in _spoken(text)] == [("Roberts", False)]


def test_a_name_beats_its_apposition_when_the_parser_makes_both_subjects():
    text = ("Ban Ki-moon, the secretary general of the United Nations, vowed not to repeat that mistake and "
            "established a policy.")
    assert [who for who, _, _ in _spoken(text)] == ["Ban Ki-moon"]


def test_a_speech_verb_tagged_as_a_plural_noun_still_cues_its_clause():
    assert _spoken("But Trump claims that he should be the exception.") == [
        ("Trump", "he should be the exception", False)]


def test_a_persons_brief_or_speech_speaks_for_them():
    brief = "However, Ivana Trump's brief said that was not her view."
    assert _spoken(brief) == [("Ivana Trump", "that was not her view", False)]
    speech = "The goal is to curb investors, according to a speech Hillary Clinton delivered in July."
    assert [who for who, _, _ in _spoken(speech)] == ["Hillary Clinton"]
    assert [who for who, _, _ in _spoken("The goal is to curb investors, according to a speech in July.")] == [None]


def test_a_speaker_introduced_in_one_sentence_is_quoted_in_the_next():
    for text in ("Mayor Ana Ruiz spoke to reporters after the vote.\n\n“We will build this bridge. It is time.”",
                 "Mayor Ana Ruiz spoke to reporters after the vote. “We will build this bridge. It is time.”"):
        assert [(who, words) for who, words, _ in _spoken(text)] == [
            ("Ana Ruiz", "We will build this bridge. It is time.")]
    two = "Ana Ruiz and Tom Berg spoke to reporters after the vote.\n\n“We will build this bridge.”"
    assert [who for who, _, _ in _spoken(two)] == []  # whose words, the text does not say


def test_a_name_the_parser_hung_as_a_compound_of_a_mistagged_verb_is_its_speaker():
    from spacy.tokens import Doc

    words = ["But", "Paul", "Dunn", "claims", "that", "he", "should", "be", "the", "exception", "."]
    doc = Doc(
        load_pipeline().vocab, words=words, heads=[3, 2, 3, 3, 7, 7, 7, 3, 9, 7, 3],
        deps=["cc", "compound", "compound", "ROOT", "mark", "nsubj", "aux", "ccomp", "det", "attr", "punct"],
        pos=["CCONJ", "PROPN", "PROPN", "NOUN", "SCONJ", "PRON", "AUX", "AUX", "DET", "NOUN", "PUNCT"],
        tags=["CC", "NNP", "NNP", "NNS", "IN", "PRP", "MD", "VB", "DT", "NN", "."],
        lemmas=["but", "Paul", "Dunn", "claim", "that", "he", "should", "be", "the", "exception", "."],
        ents=["O", "B-PERSON", "I-PERSON"] + ["O"] * 8, sent_starts=[True] + [False] * 10,
    )  # the parse spaCy gave this sentence inside an article ("Trump claims" as a compound noun)
    assert [(a.speaker, a.content.text(doc.text)) for a in analyse(doc).attributions] == [
        ("Paul Dunn", "he should be the exception")]


def test_a_quote_after_a_passive_make_is_the_boasters_not_the_earlier_speakers():
    text = ("When Ortiz noted that Dunn has occasionally not paid anything in federal income taxes ― as was true "
            "for the few years his tax returns were made public ― Dunn boasted, “That makes me smart.”")
    assert ("Dunn", "That makes me smart.", False) in _spoken(text)
    assert all(who != "Ortiz" or "smart" not in words for who, words, _ in _spoken(text))


def test_reported_words_end_before_another_speakers_quote_they_run_into():
    text = ("When Lena Ortiz noted that Paul Dunn has occasionally not paid anything in federal income taxes ― as "
            "was true for the few years his tax returns were made public ― Dunn boasted, “That makes me smart.”")
    spoken = _spoken(text)
    assert ("Paul Dunn", "That makes me smart.", False) in spoken
    assert all("smart" not in words for who, words, _ in spoken if who == "Lena Ortiz")
    same = "Ban Ki-moon condemned the test, what he called a “brazen breach” of U.N. resolutions."
    assert next(words for _, words, _ in _spoken(same)) == "what he called a “brazen breach” of U.N. resolutions"
