"""Speech-verb cues: what counts as one, and for each refusal the one change that makes it count."""

from __future__ import annotations

import pytest

from bot.analysis.attribution.cues import find_cues
from bot.analysis.speakers import Focus


@pytest.fixture(scope="module")
def cues_of(context_of):
    def cues(text: str, sentence: int = 0) -> list[str]:
        ctx = context_of(text)
        return [c.span.text(text) for c in find_cues(ctx, ctx.sentences[sentence], Focus())]

    return cues


def test_a_speech_verb_is_a_cue_with_its_particle(cues_of):
    assert cues_of("Anna Weiss said the bill would pass.") == ["said"]
    assert cues_of("Anna Weiss pointed out that the bill would pass.") == ["pointed out"]


def test_a_cue_knows_its_speakers_and_what_it_needs(context_of):
    ctx = context_of("Anna Weiss wrote that the strike would end.")
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    assert [s.who.name for s in cue.speakers] == ["Anna Weiss"]
    assert cue.needs == "words" and not cue.stance and cue.colon is None


def test_a_cue_inside_a_quote_is_no_cue(cues_of):
    assert cues_of("“Viktor Lang said he knows the fate of his predecessors,” Tomas Berg wrote.") == ["wrote"]
    assert cues_of("Viktor Lang said he knows the fate of his predecessors, Tomas Berg wrote.") == ["said", "wrote"]


def test_a_negated_verb_is_no_cue(cues_of):
    assert cues_of("Eric Stone did not say whether the bill would pass.") == []
    assert cues_of("Eric Stone did say whether the bill would pass.") == ["say"]


def test_a_passive_verb_is_no_cue(cues_of):
    assert cues_of("The plan was announced by the council.") == []
    assert cues_of("The council announced the plan.") == ["announced"]


def test_a_question_about_speech_is_no_cue(cues_of):
    assert cues_of("Has Eric Stone called for changing them?") == []
    assert cues_of("Eric Stone has called for changing them.") == ["called for"]


def test_speech_that_is_refused_or_made_someone_elses_is_no_cue(cues_of):
    assert cues_of("Anna Weiss declined to say whether the strike would end.") == []
    assert cues_of("Anna Weiss rose to say that the strike would end.") == ["say"]
    assert cues_of("Mark Tan urged Anna Weiss to say that the strike would end.") == ["urged"]


def test_a_speech_verb_as_a_modifier_is_no_cue(cues_of):
    assert cues_of("The so-called plan failed.") == []
    assert cues_of("The plan, which critics called a failure, ended.") == ["called"]


def test_taking_a_similar_position_is_a_stance_cue(context_of, cues_of):
    ctx = context_of("Former Polish Defence Minister Jan Nowak took a similar position in a separate essay.")
    (cue,) = find_cues(ctx, ctx.sentences[0], Focus())
    assert cue.stance and cue.needs == "nothing"
    assert cues_of("Jan Nowak took a similar car to work.") == []  # a car is no stance noun


def test_a_verb_the_parser_joined_to_declined_is_declined_too(cues_of):
    text = "This week, the president declined to threaten Moscow or even directly declare it responsible."
    assert cues_of(text) == []
    assert cues_of("Anna Weiss declined to comment, but said the strike would end.") == ["said"]


def test_a_past_verb_the_parser_hung_on_the_name_before_it_is_that_persons_cue():
    from spacy.tokens import Doc

    from bot.analysis.attribution import analyse
    from bot.analysis.nlp import load_pipeline

    words = ["Given", "the", "efforts", "--", "which", "Apple", "'s", "chief", "executive", ",", "Mark", "Lowe", ",",
             "called", "''", "total", "political", "crap", "''", "."]
    doc = Doc(  # the parse spaCy gave this clause inside an article: "called" an acl of the name, no subject
        load_pipeline().vocab, words=words,
        spaces=[True, True, True, True, True, False, True, True, False, True, True, False, True, True, False, True,
                True, False, False, False],
        heads=[0, 2, 0, 2, 8, 8, 5, 8, 2, 11, 11, 0, 11, 11, 13, 17, 17, 13, 11, 0],
        deps=["ROOT", "det", "dobj", "punct", "det", "poss", "case", "amod", "acl", "punct", "compound", "pobj",
              "punct", "acl", "punct", "amod", "amod", "oprd", "punct", "punct"],
        tags=["VBN", "DT", "NNS", ":", "WDT", "NNP", "POS", "JJ", "NN", ",", "NNP", "NNP", ",", "VBD", "``", "JJ",
              "JJ", "NN", "''", "."],
        pos=["VERB", "DET", "NOUN", "PUNCT", "DET", "PROPN", "PART", "ADJ", "NOUN", "PUNCT", "PROPN", "PROPN",
             "PUNCT", "VERB", "PUNCT", "ADJ", "ADJ", "NOUN", "PUNCT", "PUNCT"],
        lemmas=[w.lower() if w != "called" else "call" for w in words],
        ents=["O"] * 5 + ["B-ORG"] + ["O"] * 4 + ["B-PERSON", "I-PERSON"] + ["O"] * 8,
        sent_starts=[True] + [False] * 19,
    )
    found = [(a.speaker, a.kind, a.content.text(doc.text)) for a in analyse(doc).attributions]
    assert found == [("Mark Lowe", "direct", "total political crap")]


def test_a_verb_of_naming_with_by_after_a_name_in_apposition_is_passive(cues_of):
    assert cues_of("A local man, John Smith, called a hero by many, died on Monday.") == []
    assert cues_of("Ann Lowe called the plan a disgrace by any measure.") == ["called"]
    assert cues_of("The mayor, Ann Lowe, called the plan a disgrace.") == ["called"]


def test_a_cue_in_the_perfect_progressive_or_with_a_modal_is_background(context_of):
    def background(text: str) -> list[bool]:
        ctx = context_of(text)
        return [c.background for c in find_cues(ctx, ctx.sentences[0], Focus())]

    assert background("Ana Ruiz has called for a repeal of the tax.") == [True]
    assert background("Ana Ruiz had previously denounced the plan.") == [True]
    assert background("Ana Ruiz is promising to help the miners.") == [True]
    assert background("Ana Ruiz will insist on a vote.") == [True]
    assert background("Ana Ruiz said the tax would go.") == [False]
    assert background("Ana Ruiz called for a repeal of the tax.") == [False]
    # the quote's "will" is the quote's, though the parser may hang it on the "said" after it
    assert background("“It will come at some point, probably sooner,” said Ana Ruiz, a physicist.") == [False]
