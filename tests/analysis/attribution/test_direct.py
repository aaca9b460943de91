"""Direct quotes with a cue in their sentence: the cue each quote belongs to, and quotes that are nobody's."""

from __future__ import annotations

from bot.analysis.attribution.cues import find_cues
from bot.analysis.attribution.direct import assign_quotes
from bot.analysis.attribution.reported import reported_content
from bot.analysis.speakers import Focus


def assignment(ctx, sentence: int = 0, claimed: frozenset[int] = frozenset()):
    row = ctx.sentences[sentence]
    cues = find_cues(ctx, row, Focus())
    reported = [reported_content(ctx, cue, row) for cue in cues]
    return cues, assign_quotes(ctx, row, cues, reported, claimed)


def test_a_quote_split_around_its_cue_belongs_to_the_speaker(attributions_of):
    text = "“The plan is sound,” said Anna Weiss, a professor at Leipzig University. “It will pass.”"
    assert attributions_of(text) == [
        ("Anna Weiss", "direct", "The plan is sound,"),
        ("Anna Weiss", "direct", "It will pass."),
    ]


def test_a_quote_goes_to_the_cue_it_is_the_object_of(context_of):
    text = "Tim Cook called the plan ''total political crap'' and Eva Moll said nothing."
    ctx = context_of(text)
    cues, found = assignment(ctx)
    owned = zip(cues, found.owned, strict=True)
    owners = {cue.span.text(text): [q.inner.text(text) for q in quotes] for cue, quotes in owned}
    assert owners == {"called": ["total political crap"], "said": []}
    assert found.claimed == {0}


def test_a_reduced_relative_clause_keeps_its_speaker(attributions_of):
    text = (
        "Given the union's efforts -- which the company's chief executive, Tim Cook, called ''total political "
        "crap'' -- the talks stalled."
    )
    assert attributions_of(text) == [("Tim Cook", "direct", "total political crap")]


def test_a_quoted_title_is_nobodys_words(attributions_of):
    text = "“The polls are rigged,” Mike Pence said on CNN's “State of the Union.”"
    assert attributions_of(text) == [("Mike Pence", "direct", "The polls are rigged,")]


def test_a_scare_quote_is_nobodys_words_but_a_quoted_statement_is(context_of):
    scare = context_of("Tim Cook dismissed the plan as a “con” in an interview.")
    assert assignment(scare)[1].claimed == frozenset()  # a word or three, no statement: a scare quote
    statement = context_of("Tim Cook dismissed the plan in an interview: “A con.”")
    assert assignment(statement)[1].claimed == {0}


def test_a_quote_already_claimed_is_left_alone(context_of):
    ctx = context_of("“The plan is sound,” said Anna Weiss.")
    _, found = assignment(ctx, claimed=frozenset({0}))
    assert found.owned == ((),) and found.claimed == frozenset()


def test_a_quote_inside_reported_words_is_claimed_but_no_direct_speech(attributions_of, context_of):
    text = "Anna Weiss said that the plan was “a disaster for everyone involved in it” and left."
    _, found = assignment(context_of(text))
    assert found.owned == ((),) and found.claimed == {0}
    assert [a[1] for a in attributions_of(text)] == ["reported"]


def test_a_quote_that_is_a_sentence_of_its_own_is_not_the_next_sentences(attributions_of):
    text = ('Louis Jordan was rescued. "I was grateful," Jordan told CNN. "He\'s got very strong constitution," Frank '
            'Jordan told CNN. "And he told me on the phone that he was praying the whole time, so I believe that '
            'sustained him a great deal." The younger Jordan said he took his sailboat out to the Gulf Stream to find '
            'some better fishing, when it capsized.')
    found = attributions_of(text)
    assert not any(a[2].startswith("And he told") and a[0] != "Frank Jordan" for a in found)


def test_a_quote_closing_before_a_cue_with_no_words_of_its_own_is_the_cues(attributions_of):
    text = ("Donald Trump began his speech.\n\n“Who would have believed that when we started this journey on June 16th "
            "of last year we — and I say we, because we are a team — would have received almost 14 million votes?” "
            "Trump said, looking out on the cheering crowd.")
    assert [a[0] for a in attributions_of(text) if a[1] == "direct"] == ["Donald Trump"]
