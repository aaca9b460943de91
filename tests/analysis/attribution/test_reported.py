"""Reported speech: that-clauses, interrupted clauses, nested reports, and a cue's stance when it has no words."""

from __future__ import annotations

from bot.analysis.attribution import analyse
from bot.analysis.attribution.cues import find_cues
from bot.analysis.attribution.reported import cue_pieces, reported_content
from bot.analysis.nlp import parse
from bot.analysis.speakers import Focus


def test_reported_speech_is_the_that_clause(attributions_of, context_of):
    text = "Marta Kowalski argued in the Guardian last week that the talks would fail."
    assert attributions_of(text) == [("Marta Kowalski", "reported", "the talks would fail")]
    ctx = context_of(text)
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    assert reported_content(ctx, cue, ctx.sentences[0]).text(text) == "the talks would fail"


def test_an_inverted_cue_reports_the_clause_before_it(attributions_of):
    text = "Marta Kowalski spoke first. Europe could be a mediator, she argued."
    assert attributions_of(text) == [("Marta Kowalski", "reported", "Europe could be a mediator")]


def test_a_speaker_after_the_quote_is_no_clause_of_words(attributions_of):
    text = "The judge spoke. “No, I don't need one,” said Kenneth Stancil, who stood with his legs shackled."
    assert attributions_of(text) == [("Kenneth Stancil", "direct", "No, I don't need one,")]
    adding = "Ted Cruz spoke. “This became personal,” he said, adding he would never vote for Clinton."
    assert ("Ted Cruz", "reported", "he would never vote for Clinton") in attributions_of(adding)


def test_words_reported_inside_another_speakers_words_are_nested(context_of):
    text = "Josh Ernst said that Barack Obama has long called for tax fairness."
    found = {a.speaker: a.nested for a in analyse(parse(text)).attributions}
    assert found == {"Josh Ernst": False, "Barack Obama": True}


def test_a_verb_that_needs_words_attributes_nothing_with_a_bare_object(attributions_of, context_of):
    ctx = context_of("Anna Weiss wrote a book about the strike.")
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    assert cue.needs == "words" and cue_pieces(ctx, cue, (), None) == []  # a book is no words of hers
    assert attributions_of("Anna Weiss wrote that the strike would end.") == [
        ("Anna Weiss", "reported", "the strike would end")
    ]


def test_a_cue_without_words_that_needs_none_states_a_stance(context_of):
    text = "Lindsey Graham agreed."
    ctx = context_of(text)
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    assert [(kind, span.text(text)) for kind, span in cue_pieces(ctx, cue, (), None)] == [("stance", text)]


def test_a_stance_without_a_clause_keeps_only_its_own_clause(attributions_of):
    text = "Donald Drum has vowed to reopen the mines, while Eva Moll wants new jobs for miners."
    assert attributions_of(text) == [("Donald Drum", "stance", "Donald Drum has vowed to reopen the mines")]


def test_a_clause_after_the_cue_beats_an_opening_phrase_the_parser_hung_on_it(attributions_of):
    text = ("Writing for a Chicago Tribune panel that all agreed Moss won the debate, Paul Dunn noted that the way "
            "Moss carried himself was critical.")
    assert ("Paul Dunn", "reported", "the way Moss carried himself was critical") in attributions_of(text)
    assert all(who != "Paul Dunn" or not words.startswith("Writing") for who, _, words in attributions_of(text))
    inverted = "The talks will fail, Anna Weiss said."
    assert attributions_of(inverted) == [("Anna Weiss", "reported", "The talks will fail")]


def test_a_verb_with_no_subject_of_its_own_is_not_what_was_said(attributions_of):
    assert attributions_of("Everything Dunn says is a lie unless proven otherwise.") == []  # no words reported
    said = attributions_of("Anna Weiss echoed statements by Paul Dunn that those who doubt it are wrong.")
    assert ("Anna Weiss", "reported", "those who doubt it are wrong.") in said or any(
        who == "Anna Weiss" and "those who doubt" in words for who, _, words in said)


def test_a_stance_states_its_own_clause_from_its_subject_not_what_opens_it(attributions_of):
    assert attributions_of("Although Dunn has admitted using the loophole, he does not defend it.") == [
        ("Dunn", "stance", "Dunn has admitted using the loophole")]
    found = attributions_of("In July, Dunn cynically dismissed Estonia as being in the suburbs.")
    assert [words for _, _, words in found] == ["Dunn cynically dismissed Estonia as being in the suburbs."]


def test_what_someone_says_in_a_free_relative_reports_no_words(attributions_of):
    text = ("That sort of sharp difference between what Dunn says his tax plan would do and how experts say it "
            "would shape tax law has endured throughout the campaign.")
    assert all(who != "Dunn" for who, _, _ in attributions_of(text))


def test_a_reported_condition_keeps_its_if(attributions_of):
    text = "If that holds up, that would work out to a $75 billion hit on growth, said Ross Burkhart, a scientist."
    assert attributions_of(text) == [
        ("Ross Burkhart", "reported", "If that holds up, that would work out to a $75 billion hit on growth")]
    text = "Marta Kowalski argued that if the talks fail, the strike will go on."
    assert attributions_of(text) == [("Marta Kowalski", "reported", "if the talks fail, the strike will go on")]


def test_characterizing_someone_as_words_quoted_attributes_them(attributions_of):
    text = ("Chris Matthews spoke first. He characterized Tim Kaine as, “a little desperate there, jumping in all "
            "the time, and he didn't wait his turn.”")
    assert [a[:2] for a in attributions_of(text)] == [("Chris Matthews", "direct")]


def test_a_that_clause_the_parser_hung_on_the_statement_is_the_cues_words(attributions_of):
    text = ("Ian Guffick was forced to quit. However, he insisted in a statement that he did not ask the pupils to "
            "change their answers, but to make them more legible.")
    assert ("Ian Guffick", "reported", "he did not ask the pupils to change their answers, but to make them more "
            "legible") in attributions_of(text)
