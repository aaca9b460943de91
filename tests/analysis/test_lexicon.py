"""The shared word lists: stems, content words, speech-verb lemmas, quote marks and reporting verbs."""

from __future__ import annotations

from bot.analysis.lexicon import (
    QUOTE_MARK,
    QUOTED_SPAN,
    REPORTING,
    content_stems,
    content_words,
    speech_verb_lemma,
    stem,
)


def test_one_stem_for_every_form_of_a_word():
    assert {stem(w) for w in ("votes", "voted", "voting", "Vote")} == {"vote"}
    assert stem("council’s") == stem("council")
    assert content_stems("The council voted; councils vote.") == {"council", "vote"}


def test_content_words_leave_out_function_words_and_bare_digits():
    assert content_words("He said the 2 bridges would not open") == ["bridges", "open"]
    assert content_words("Who voted against it?", keep=frozenset({"against"})) == ["voted", "against"]


def test_an_inflected_speech_verb_leads_to_its_lemma():
    assert speech_verb_lemma("argued") == "argue"
    assert speech_verb_lemma("warns") == "warn"
    assert speech_verb_lemma("bridges") is None
    assert speech_verb_lemma("spoke") == "speak"  # irregular pasts, which no stemmer takes back
    assert speech_verb_lemma("Told") == "tell"
    assert speech_verb_lemma("said") == "say"
    assert speech_verb_lemma("took") is None


def test_quote_marks_and_quoted_spans():
    assert QUOTE_MARK.search("She called it ‘immoral’.")
    assert not QUOTE_MARK.search("It doesn't matter.")
    spans = [m.group(0) for m in QUOTED_SPAN.finditer("He said “no” and 'never', then “maybe")]
    assert spans == ["“no”", "'never'", "“maybe"]  # a quote left open runs to the end


def test_reporting_verbs():
    assert REPORTING.search("according to the mayor")
    assert REPORTING.search("Mata admitted his side must improve")
    assert not REPORTING.search("The bridge opened.")


def test_a_question_word_with_s_on_it_is_no_content_word():
    assert content_words("What's Barry Beavis's job? Who's he?") == ["barry", "beavis's", "job"]
