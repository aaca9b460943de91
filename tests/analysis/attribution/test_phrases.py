"""Positions stated by a phrase: 'according to X', 'In X's view', 'X's claim that', 'X took a similar position'."""

from __future__ import annotations

from bot.analysis.attribution.phrases import phrase_attributions, takes_a_stance
from bot.analysis.speakers import Focus


def test_according_to_attributes_the_rest_of_the_sentence(attributions_of):
    text = "According to Jane Smith, a professor at Yale University, the plan will fail."
    assert attributions_of(text) == [("Jane Smith", "reported", "the plan will fail.")]


def test_according_to_an_unnamed_source_attributes_to_nobody(attributions_of):
    assert attributions_of("According to the report, the plan will fail.") == [
        (None, "reported", "the plan will fail.")
    ]


def test_in_someones_view_attributes_the_rest_of_the_sentence(attributions_of):
    text = "Jane Smith teaches law. In Smith's view, the plan is doomed."
    assert attributions_of(text) == [("Jane Smith", "reported", "the plan is doomed.")]


def test_in_someones_anything_else_is_no_view(attributions_of):
    assert attributions_of("Jane Smith teaches law. In Smith's garden, the plan is doomed.") == []
    # a garden is no stance noun; "view" is


def test_a_claim_noun_attributes_its_that_clause_to_its_owner(attributions_of):
    text = "Reporters checked Donald Drum's claim that crime had doubled in Chicago."
    assert attributions_of(text) == [("Donald Drum", "reported", "crime had doubled in Chicago")]
    assert attributions_of("Reporters checked the claim that crime had doubled in Chicago.") == []  # no owner


def test_a_stance_without_words_is_attributed_with_its_sentence(attributions_of):
    text = "Former Polish Defence Minister Jan Nowak took a similar position in a separate essay."
    assert attributions_of(text) == [("Jan Nowak", "stance", text)]


def test_a_stance_verb_states_a_stance_only_with_a_stance_noun(context_of, token_of):
    ctx = context_of("Jan Nowak took a similar position. Eva Moll took a similar car.")
    assert takes_a_stance(token_of(ctx, "took", 0))
    assert not takes_a_stance(token_of(ctx, "took", 1))


def test_quotes_inside_a_phrases_words_are_claimed(context_of):
    text = "According to Jane Smith, the plan is “doomed from the very start” and will fail."
    ctx = context_of(text)
    found = phrase_attributions(ctx, ctx.sentences[0], Focus())
    assert [(a.speaker, a.content.text(text)) for a in found.attributions] == [
        ("Jane Smith", "the plan is “doomed from the very start” and will fail.")
    ]
    assert found.claimed == {0}


def test_an_as_clause_that_cites_someone_gives_them_the_rest_of_the_sentence(attributions_of):
    assert attributions_of("As Anna Weiss noted, the plan failed in June.") == [
        ("Anna Weiss", "reported", "the plan failed in June.")]
    assert attributions_of("The plan failed, as Anna Weiss pointed out.") == [
        ("Anna Weiss", "reported", "The plan failed")]
    cited = "As stated in Davis' commentary, there are conflicting stories about the visa."
    assert [(who, words) for who, _, words in attributions_of(cited)] == [
        ("Davis", "there are conflicting stories about the visa.")]


def test_an_as_clause_that_tells_a_time_gives_nobody_the_sentence(attributions_of):
    assert attributions_of("As Anna Weiss spoke, the crowd cheered.") == []
    assert all("booed" not in words for _, _, words in attributions_of(
        "As Anna Weiss explained the plan, the crowd booed."))
