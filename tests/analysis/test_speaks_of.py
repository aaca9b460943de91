"""Whether a span's sentence speaks of what the question asks: a role of leading says who leads."""

from __future__ import annotations

from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex
from bot.analysis.speaks_of import _about_what_is_asked

TEXT = (
    '"Sanctions are not working," said Daryl Kimball, executive director of the Arms Control Association. '
    "Kimball met members of the Arms Control Association in Geneva. "
    '"Now is the time," said Don Fowler, who helmed the DNC from 1995 to 1997.'
)


def index() -> PassageIndex:
    return PassageIndex(TEXT, sentences_of(parse(TEXT)))


def far_hit(found: PassageIndex, i: int) -> Hit:
    s = found.sentences[i]
    return Hit(Passage(s.start, s.end, s.text, (i,)), 0.3, 0.3, 0.0, i)  # not close in meaning


def test_a_role_of_leading_says_who_heads_or_leads_it():
    found = index()
    heads = Question.read("Who heads the Arms Control Association?")
    assert _about_what_is_asked(found, far_hit(found, 0), heads)  # "executive director of"
    assert not _about_what_is_asked(found, far_hit(found, 1), heads)  # a member meets, no one is said to lead
    assert _about_what_is_asked(found, far_hit(found, 2), Question.read("Who led the DNC in the mid-1990s?"))


def test_who_is_in_charge_of_it_is_who_a_sentence_says_leads_it():
    text = (
        "Suu Kyi presided over a summit and established a commission, overseen by Kofi Annan. "
        "Kofi Annan heads the commission."
    )
    found = PassageIndex(text, sentences_of(parse(text)))
    in_charge = Question.read("Who is in charge of her commission on the violence?")
    assert _about_what_is_asked(found, far_hit(found, 0), in_charge)  # "presided", "overseen by": who leads
    # being charged is no leading: a sentence of who heads the commission does not speak of who was charged
    charged = Question.read("Who was charged over the violence at the commission?")
    assert not _about_what_is_asked(found, far_hit(found, 1), charged)


def test_a_sentence_that_says_the_asked_verb_without_a_name_in_its_part_is_quoted_before_a_later_name():
    from bot.analysis.answer_spans import answer_spans
    from bot.analysis.speaks_of import unfilled_first
    from tests.analysis.test_answer_spans import index_of

    text = (
        "Scott is one of at least 707 people shot and killed by police, according to a Washington Post database. "
        "Putney later told CNN that the video was not from the right angle."
    )
    found = index_of(text)
    question = Question.read("who shot Scott?")
    spans = [(0, i, span) for i in (0, 1) for span in answer_spans(found, i, question)]
    assert [found.text[s.start : s.end] for _, _, s in spans] == ["a Washington Post database", "CNN"]
    assert unfilled_first(found, spans, spans[1], question) == (0, 0)  # the database shot no one: quoted
    assert unfilled_first(found, spans[1:], spans[1], question) is None


def test_a_person_of_a_sentence_that_says_the_verb_without_them_in_its_part_is_quoted_before_a_later_thing():
    from bot.analysis.answer_spans import answer_spans
    from bot.analysis.speaks_of import unfilled_first
    from tests.analysis.test_answer_spans import index_of

    text = (
        "The system works fine if you are eligible for Medicaid. "
        "He showed support for Hillary Clinton's option, which would allow people ages 55 to 65 to buy into Medicare."
    )
    found = index_of(text)
    question = Question.read("Who could buy in under it?")
    spans = [(n, i, span) for n, i in ((0, 0), (1, 1)) for span in answer_spans(found, i, question)]
    labels = [(found.text[s.start : s.end], s.entity.label) for _, _, s in spans]
    assert ("Medicaid", "ORG") in labels and spans[-1][2].entity.label == "PERSON"
    medicaid = next(f for f in spans if found.text[f[2].start : f[2].end] == "Medicaid")
    assert unfilled_first(found, spans, medicaid, question) == (1, 1)  # the person outranks a thing: quoted


def test_a_sentence_that_only_says_what_the_question_gives_is_not_quoted_before_a_later_name():
    from bot.analysis.answer_spans import answer_spans
    from bot.analysis.speaks_of import unfilled_first
    from tests.analysis.test_answer_spans import index_of

    text = (
        "A fugitive Iraqi militant leader and the former right-hand man of Saddam Hussein has been killed. "
        "Izzat Ibrahim al-Douri was the leader of the banned Ba'ath Party."
    )
    found = index_of(text)
    question = Question.read("Who is the militant leader they say was killed?")
    spans = [(i, i, span) for i in (0, 1) for span in answer_spans(found, i, question)]
    assert found.text[spans[0][2].start : spans[0][2].end] == "Saddam Hussein"
    assert unfilled_first(found, spans, spans[-1], question) is None  # the next name is stated


def test_a_name_a_noun_tells_is_the_doer_is_not_outranked_by_a_person_of_another_sentence():
    from bot.analysis.answer_spans import answer_spans
    from bot.analysis.speaks_of import unfilled_first
    from tests.analysis.test_answer_spans import index_of

    text = (
        "Trump has complimented the moderator of Monday night's first debate, Lester Holt of NBC News, but with an "
        "edge. Cooper and Martha Raddatz of ABC News are scheduled to co-moderate the second debate, Oct. 9."
    )
    found = index_of(text)
    question = Question.read("Who is moderating the first debate?")
    spans = [(i, i, span) for i in (0, 1) for span in answer_spans(found, i, question)]
    holt = next(f for f in spans if found.text[f[2].start : f[2].end] == "Lester Holt")
    assert holt[2].entity.label != "PERSON"  # the tagger's label: an organisation
    assert unfilled_first(found, spans, holt, question) is None  # Holt is stated
