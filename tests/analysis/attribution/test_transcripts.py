"""Transcript labels attribute their paragraph."""

from __future__ import annotations

from bot.analysis.attribution.transcripts import transcript_attributions


def test_transcript_labels_attribute_their_paragraph(attributions_of):
    text = "WALLACE: Will she be there?\n\nPENCE: She will not attend the debate."
    assert attributions_of(text) == [
        ("Wallace", "direct", "Will she be there?"),
        ("Pence", "direct", "She will not attend the debate."),
    ]


def test_the_label_and_colon_are_the_cue(context_of):
    text = "WALLACE: Will she be there?\n\nPENCE: She will not."
    found = transcript_attributions(context_of(text))
    assert [(a.cue.text(text), a.named) for a in found] == [("WALLACE:", True), ("PENCE:", True)]


def test_a_lone_label_counts_only_as_the_surname_of_someone_named(context_of):
    assert transcript_attributions(context_of("The vote is close.\n\nNOTE: Polls close at eight.")) == []
    text = "Mike Pence spoke on Monday.\n\nPENCE: We will win."
    assert [(a.speaker, a.content.text(text)) for a in transcript_attributions(context_of(text))] == [
        ("Mike Pence", "We will win.")
    ]
