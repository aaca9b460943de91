"""Who speaks: a cue's subject through relative clauses, lists and appositions; pronouns through the focus."""

from __future__ import annotations

from bot.analysis.attribution.subjects import cue_speakers, subject_notes
from bot.analysis.speakers import Focus


def names(speakers) -> list[str]:
    return [s.who if isinstance(s.who, str) else s.who.name for s in speakers]


def test_a_relative_clause_does_not_hide_the_speaker(attributions_of):
    text = "Mike Olsen, who chairs the committee, wrote that the budget was fine."
    assert attributions_of(text) == [("Mike Olsen", "reported", "the budget was fine")]


def test_each_of_several_speakers_gets_the_words(attributions_of):
    text = "Jeff Moss, Sherry Brown and Rob Diaz all suggested that the claims were false."
    assert [a[0] for a in attributions_of(text)] == ["Jeff Moss", "Sherry Brown", "Rob Diaz"]


def test_the_speaker_is_none_when_the_text_does_not_name_one(attributions_of):
    assert attributions_of("Officials said the road would reopen.") == [(None, "reported", "the road would reopen")]


def test_a_name_in_apposition_to_a_name_is_the_speaker(attributions_of):
    text = "To understand the real Dred Scott, Chief Justice John Roberts said, one should visit this museum."
    assert [a[0] for a in attributions_of(text)] == ["John Roberts"]


def test_the_subject_of_the_verb_a_cue_extends_is_its_speaker(context_of, token_of):
    ctx = context_of("Anna Weiss smiled and said that the strike would end.")
    assert names(cue_speakers(ctx, token_of(ctx, "said"), ctx.sentences[0], Focus())) == ["Anna Weiss"]


def test_a_pronoun_subject_means_whom_the_focus_it_is_given_holds(context_of, token_of):
    ctx = context_of("Ann Lowe met the voters. She said the vote was rigged.")
    said = token_of(ctx, "said")
    assert names(cue_speakers(ctx, said, ctx.sentences[1], Focus())) == []  # nobody in focus: nobody
    focus = Focus().with_notes(subject_notes(ctx, ctx.sentences[0]))
    assert names(cue_speakers(ctx, said, ctx.sentences[1], focus)) == ["Ann Lowe"]


def test_named_subjects_of_a_main_clause_are_noted_for_later_pronouns(context_of):
    ctx = context_of("Ann Lowe met the voters after Mark Tan had left.")
    notes = subject_notes(ctx, ctx.sentences[0])
    assert [(n.person.name, n.main) for n in notes] == [("Ann Lowe", True), ("Mark Tan", False)]


def test_a_saying_after_people_named_as_examples_is_not_the_subjects(attributions_of):
    text = ("Weiss and Moss remain confident despite a few early critics of the bill, such as Senator Rob Diaz "
            "and Lena Ortiz, now saying they think it should be changed.")
    assert [who for who, _, _ in attributions_of(text)] == [None]
    assert [who for who, _, _ in attributions_of("Dunn attacked Ortiz on Monday, saying she was unfit.")] == ["Dunn"]


def test_a_pronoun_after_a_main_clause_about_someones_thing_means_its_owner(attributions_of):
    text = ("President Ray Hale spoke on Monday. “We will act,” said Tom Berg, one of the president's aides.\n\n"
            "The president's island roots also came into play. Last week, he told a meeting of leaders that "
            "few people understood the stakes.")
    found = attributions_of(text)
    assert [who for who, _, words in found if "stakes" in words] == ["Ray Hale"]


def test_a_who_clause_after_a_list_under_one_plural_title_is_all_of_theirs(attributions_of):
    text = "The plan drew fire from economists Ann Lowe and Tom Hale, who said it would fail."
    assert [a[0] for a in attributions_of(text)] == ["Ann Lowe", "Tom Hale"]
    # a list of examples: the clause is the last one's
    text = "The gala drew celebrities like Will Smith, Robert DeNiro and Stevie Wonder, who joked that he was late."
    assert [a[0] for a in attributions_of(text)] == ["Stevie Wonder"]


def test_a_passive_main_subject_is_noted_for_later_pronouns(attributions_of):
    text = ("Ian Guffick taught at the school. Guffick was later forced to give up his job. "
            "The board met in March. He said that he had not changed any answers.")
    assert ("Ian Guffick", "reported", "he had not changed any answers") in attributions_of(text)


def test_a_verb_joined_to_a_passive_one_shares_its_subject(attributions_of):
    text = "Ian Guffick was later forced to give up his job and had since admitted the allegations."
    assert attributions_of(text) == [("Ian Guffick", "stance", "had since admitted the allegations.")]


def test_a_name_right_before_a_main_verb_without_a_subject_is_what_he_means(attributions_of):
    # the caption run into the sentence makes the parser take Redwood for the object of "pay homage to"
    text = ("Fall of an Empire: The Story of Katherine of Alexandria attempts to pay homage to Saint Katherine "
            "Director Michael Redwood paid tribute to O’Toole. "
            "He said: ‘Peter was certainly not the type to let illness decide over his career.’")
    assert ("Michael Redwood", "direct", "Peter was certainly not the type to let illness decide over his career.") in (
        attributions_of(text))
