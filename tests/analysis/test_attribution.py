"""Attribution finding: each pattern of direct and reported speech, pinned on a passage of its own."""

from __future__ import annotations

import pytest

from bot.analysis.attribution import analyse
from bot.analysis.nlp import load_pipeline, parse


@pytest.fixture(scope="session")
def attributions_of():
    load_pipeline()

    def attributions(text: str) -> list[tuple[str | None, str, str]]:
        return [(a.speaker, a.kind, a.content.text(text)) for a in analyse(parse(text)).attributions]

    return attributions


def test_a_quote_split_around_its_cue_belongs_to_the_speaker(attributions_of):
    text = "“The plan is sound,” said Anna Weiss, a professor at Leipzig University. “It will pass.”"
    assert attributions_of(text) == [
        ("Anna Weiss", "direct", "The plan is sound,"),
        ("Anna Weiss", "direct", "It will pass."),
    ]


def test_a_quote_in_the_next_paragraph_continues_the_same_speaker(attributions_of):
    text = "“The first part,” Paul Dean said. “The second part.”\n\n“A paragraph more.”"
    assert [a[2] for a in attributions_of(text) if a[0] == "Paul Dean"] == [
        "The first part,",
        "The second part.",
        "A paragraph more.",
    ]


def test_a_colon_introduces_quoted_and_unquoted_words(attributions_of):
    assert attributions_of("Paul Dean said: “We are ready.”") == [("Paul Dean", "direct", "We are ready.")]
    assert attributions_of("Paul Dean told reporters: the vote will fail.") == [
        ("Paul Dean", "reported", "the vote will fail.")
    ]


def test_a_colon_at_a_paragraph_end_introduces_the_quote_below(attributions_of):
    text = "Paul Dean spoke at length. He continued:\n\n“The union will strike on Monday.”"
    assert ("Paul Dean", "direct", "The union will strike on Monday.") in attributions_of(text)


def test_reported_speech_is_the_that_clause(attributions_of):
    text = "Marta Kowalski argued in the Guardian last week that the talks would fail."
    assert attributions_of(text) == [("Marta Kowalski", "reported", "the talks would fail")]


def test_an_inverted_cue_reports_the_clause_before_it(attributions_of):
    text = "Marta Kowalski spoke first. Europe could be a mediator, she argued."
    assert attributions_of(text) == [("Marta Kowalski", "reported", "Europe could be a mediator")]


def test_according_to_attributes_the_rest_of_the_sentence(attributions_of):
    text = "According to Jane Smith, a professor at Yale University, the plan will fail."
    assert attributions_of(text) == [("Jane Smith", "reported", "the plan will fail.")]


def test_in_someones_view_attributes_the_rest_of_the_sentence(attributions_of):
    text = "Jane Smith teaches law. In Smith's view, the plan is doomed."
    assert attributions_of(text) == [("Jane Smith", "reported", "the plan is doomed.")]


def test_a_relative_clause_does_not_hide_the_speaker(attributions_of):
    text = "Mike Olsen, who chairs the committee, wrote that the budget was fine."
    assert attributions_of(text) == [("Mike Olsen", "reported", "the budget was fine")]


def test_a_stance_without_words_is_attributed_with_its_sentence(attributions_of):
    text = "Former Polish Defence Minister Jan Nowak took a similar position in a separate essay."
    assert attributions_of(text) == [("Jan Nowak", "stance", text)]


def test_cues_inside_a_quote_make_no_speaker(attributions_of):
    text = "“Viktor Lang said he knows the fate of his predecessors,” Tomas Berg wrote."
    assert [a[0] for a in attributions_of(text)] == ["Tomas Berg"]


def test_a_negated_cue_attributes_nothing(attributions_of):
    assert attributions_of("Eric Stone did not say whether the bill would pass.") == []


def test_the_speaker_is_none_when_the_text_does_not_name_one(attributions_of):
    assert attributions_of("Officials said the road would reopen.") == [(None, "reported", "the road would reopen")]


def test_each_of_several_speakers_gets_the_words(attributions_of):
    text = "Jeff Moss, Sherry Brown and Rob Diaz all suggested that the claims were false."
    assert [a[0] for a in attributions_of(text)] == ["Jeff Moss", "Sherry Brown", "Rob Diaz"]


def test_words_reported_inside_another_speakers_words_are_nested():
    text = "Josh Ernst said that Barack Obama has long called for tax fairness."
    found = {a.speaker: a.nested for a in analyse(parse(text)).attributions}
    assert found == {"Josh Ernst": False, "Barack Obama": True}


def test_transcript_labels_attribute_their_paragraph(attributions_of):
    text = "WALLACE: Will she be there?\n\nPENCE: She will not attend the debate."
    assert attributions_of(text) == [
        ("Wallace", "direct", "Will she be there?"),
        ("Pence", "direct", "She will not attend the debate."),
    ]


def test_contents_are_offsets_into_the_parsed_text():
    text = "“We will not back down,” said Anna Weiss. Weiss added that the vote was rigged."
    for attribution in analyse(parse(text)).attributions:
        assert attribution.content.text(text).strip() == attribution.content.text(text)
        assert attribution.cue is not None and attribution.cue.text(text) in ("said", "added")
        assert attribution.sentence_span.start <= attribution.content.start


def test_a_claim_noun_attributes_its_that_clause_to_its_owner(attributions_of):
    text = "Reporters checked Donald Drum's claim that crime had doubled in Chicago."
    assert attributions_of(text) == [("Donald Drum", "reported", "crime had doubled in Chicago")]


def test_a_quoted_title_is_not_a_statement(attributions_of):
    text = "“The polls are rigged,” Mike Pence said on CNN's “State of the Union.”"
    assert attributions_of(text) == [("Mike Pence", "direct", "The polls are rigged,")]


def test_a_reduced_relative_clause_keeps_its_speaker(attributions_of):
    text = (
        "Given the union's efforts -- which the company's chief executive, Tim Cook, called ''total political "
        "crap'' -- the talks stalled."
    )
    assert attributions_of(text) == [("Tim Cook", "direct", "total political crap")]


def test_a_verb_that_needs_words_is_no_cue_with_a_bare_object(attributions_of):
    assert attributions_of("Anna Weiss wrote a book about the strike.") == []
    assert attributions_of("Anna Weiss wrote that the strike would end.") == [
        ("Anna Weiss", "reported", "the strike would end")
    ]


def test_speech_that_is_refused_or_asked_for_is_not_attributed(attributions_of):
    assert attributions_of("Anna Weiss declined to say whether the strike would end.") == []
    text = "Mark Tan urged Anna Weiss to say that the strike would end."
    assert [a[0] for a in attributions_of(text)] == ["Mark Tan"]


def test_a_stance_without_a_clause_keeps_only_its_own_clause(attributions_of):
    text = "Donald Drum has vowed to reopen the mines, while Eva Moll wants new jobs for miners."
    assert attributions_of(text) == [("Donald Drum", "stance", "Donald Drum has vowed to reopen the mines")]


def test_a_name_in_apposition_to_a_name_is_the_speaker(attributions_of):
    text = "To understand the real Dred Scott, Chief Justice John Roberts said, one should visit this museum."
    assert [a[0] for a in attributions_of(text)] == ["John Roberts"]
