"""A date or place answers only when it hangs on the asked predicate, not on another verb of the thing asked."""

from __future__ import annotations

import numpy as np

from bot.analysis.answer_spans import AnswerSpan, answer_span
from bot.analysis.asked_slot import (
    acts_as_a_party,
    acts_instead,
    another_kind_of_place,
    asked_predicate,
    dates_the_saying,
    describes_a_thing,
    hangs_elsewhere,
    names_elsewhere,
    not_the_doer,
)
from bot.analysis.key_terms import TermMatcher
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex, sentence_entities

TEXT = "The law, signed by the governor on Tuesday, bans the procedure. The law takes effect on July 1."


def index() -> PassageIndex:
    parsed = parse(TEXT)
    sentences = sentences_of(parsed)
    return PassageIndex(TEXT, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def test_the_asked_predicate_is_the_main_verb_with_its_object_unless_the_verb_is_empty():
    assert asked_predicate(Question.read("When does the law take effect?")) == ["take", "effect"]
    assert asked_predicate(Question.read("When will Christie announce whether he is running?")) == ["announce"]
    assert asked_predicate(Question.read("When is the second debate?")) == []
    assert asked_predicate(Question.read("When did it happen?")) == []


def test_a_date_of_another_verb_describing_the_thing_asked_does_not_answer():
    found = index()
    question = Question.read("When does the law take effect?")
    signed = answer_span(found, 0, question)
    assert signed is not None and "Tuesday" in found.text[signed.start : signed.end]
    assert hangs_elsewhere(found, signed, question, TermMatcher({}))
    effect = answer_span(found, 1, question)
    assert effect is not None and not hangs_elsewhere(found, effect, question, TermMatcher({}))
    signing = Question.read("When was the law signed?")  # the same date answers the question of its own verb
    assert not hangs_elsewhere(found, answer_span(found, 0, signing), signing, TermMatcher({}))


def index_of(text: str) -> PassageIndex:
    parsed = parse(text)
    sentences = sentences_of(parsed)
    return PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def spans(text: str, question: Question) -> list:
    found = index_of(text)
    return [(found, span) for i in range(len(found.sentences)) if (span := answer_span(found, i, question))]


def test_a_passive_question_the_parser_hangs_on_its_subject_keeps_its_participle():
    assert asked_predicate(Question.read("Where was the debate held?")) == ["held"]
    assert asked_predicate(Question.read("Where was the festival held?")) == ["held"]


def test_a_place_of_a_person_or_a_thing_is_not_where_the_event_was():
    question = Question.read("Where was the debate held?")
    ((found, span),) = spans("Gov. Mike Pence of Indiana was the winner of the debate.", question)
    assert found.text[span.start : span.end].endswith("Indiana") and describes_a_thing(found, span, question,
                                                                                       TermMatcher({}))
    ((found, span),) = spans("The debate was held at a university in Virginia.", question)
    assert not describes_a_thing(found, span, question, TermMatcher({}))  # the university is where it was


def test_a_date_of_a_thing_is_not_the_date_of_the_asked_event():
    question = Question.read("When was the film actually shot?")
    ((found, span),) = spans("O'Toole, the star of the 1962 film Lawrence of Arabia, laughed.", question)
    assert describes_a_thing(found, span, question, TermMatcher({}))
    ((found, span),) = spans("The film was shot in 2013.", question)
    assert not describes_a_thing(found, span, question, TermMatcher({}))
    empty = Question.read("When is the film?")  # an empty verb asks of the noun itself
    ((found, span),) = spans("O'Toole, the star of the 1962 film Lawrence of Arabia, laughed.", empty)
    assert not describes_a_thing(found, span, empty, TermMatcher({}))


def test_a_person_acted_upon_or_beside_another_action_did_not_do_it():
    question = Question.read("Who fired the shot that hit the sergeant?")
    ((found, span),) = spans("Later that night David Gaver was hit in the abdomen.", question)
    assert not_the_doer(found, span, question, TermMatcher({}))
    designed = Question.read("Who designed the building?")
    ((found, span),) = spans("His wife, Laura Bush, spoke of the building.", designed)
    assert not_the_doer(found, span, designed, TermMatcher({}))
    ((found, span),) = spans("The building was designed by David Adjaye.", designed)
    assert not not_the_doer(found, span, designed, TermMatcher({}))
    led = Question.read("Who led the study?")
    found = index_of("Exercise helps, said the study's lead author, Dr Helen Okafor, a professor at Northfield.")
    person = next(e for entities in found.entities for e in entities if e.label == "PERSON")
    # the study's author is who led it
    assert not not_the_doer(found, AnswerSpan(person.start, person.end, person), led, TermMatcher({}))


def test_a_role_or_verb_of_leading_says_who_led():
    led = Question.read("Who led the DNC in the mid-1990s?")
    ((found, span),) = spans('"Now is the time," said Don Fowler, who helmed the DNC from 1995 to 1997.', led)
    assert not not_the_doer(found, span, led, TermMatcher({}))
    ((found, span),) = spans("Don Fowler attended a DNC meeting in 1995.", led)
    assert not_the_doer(found, span, led, TermMatcher({}))


def test_a_person_undergoing_a_verb_close_in_meaning_to_the_asked_action_did_not_do_it():
    import numpy as np

    question = Question.read("Who shot the sergeant?")
    ((found, span),) = spans("The sergeant was shot in the leg, while David Gaver was hit in the abdomen.", question)
    close = TermMatcher({"shot": np.array([1.0, 0.0]), "hit": np.array([0.8, 0.6])})
    assert not_the_doer(found, span, question, close)  # "was hit" is "was shot": he was shot, did not shoot
    assert not not_the_doer(found, span, question, TermMatcher({}))  # without the vectors nothing tells
    far = TermMatcher({"shot": np.array([1.0, 0.0]), "hit": np.array([0.0, 1.0])})
    assert not not_the_doer(found, span, question, far)


def test_who_undergoes_a_verb_of_undergoing_is_who_it_asks_for():
    import numpy as np

    died = Question.read("Who died in the fight?")
    vectors = {"died": np.array([1.0, 0.0]), "killed": np.array([0.9, 0.3]), "shot": np.array([0.1, 1.0])}
    sentence = "Enoch Gaver was killed in the fight and David Gaver was shot in the stomach."
    found = index_of(sentence)
    people = {e.text: e for entities in found.entities for e in entities if e.label == "PERSON"}
    enoch, david = people["Enoch Gaver"], people["David Gaver"]
    close = TermMatcher(vectors)
    assert not not_the_doer(found, AnswerSpan(enoch.start, enoch.end, enoch), died, close)  # killed: died
    assert not_the_doer(found, AnswerSpan(david.start, david.end, david), died, close)  # shot while Enoch died
    ((found, span),) = spans("Police said David Gaver was arrested after the fight.", died)
    assert not_the_doer(found, span, died, close)  # nothing in the sentence died


def test_a_place_of_an_event_noun_on_the_verb_is_where_the_event_was():
    question = Question.read("Where was Bill Clinton campaigning?")
    ((found, span),) = spans("Bill Clinton criticized the law during a campaign stop in Flint on Tuesday.", question)
    assert not describes_a_thing(found, span, question, TermMatcher({}))


def test_the_place_a_person_is_moved_off_or_from_is_where_it_happened():
    question = Question.read("Where was the reporter thrown out of?")
    for text in ("The reporter was escorted off the grounds of Lakeview College on Friday.",
                 "The reporter was removed from the lobby of the Grand Hotel."):
        ((found, span), *_) = spans(text, question)
        assert not describes_a_thing(found, span, question, TermMatcher({})), text


def test_a_phrasal_verb_is_not_matched_word_by_word():
    question = Question.read("Who pushed back on the plan?")
    ((found, span),) = spans("Helen Okafor, a transport economist, opposed the plan on Tuesday.", question)
    assert not not_the_doer(found, span, question, TermMatcher({}))


def test_a_number_in_a_sentence_without_the_name_that_constrains_it_is_another_things():
    question = Question.read("How many people listen to Classic FM?")
    ((found, span),) = spans("With just two million listeners, Radio 3 is the least listened-to station.", question)
    assert names_elsewhere(found, span, question)
    ((found, span),) = spans("Some six million listeners tune in to Classic FM every week.", question)
    assert not names_elsewhere(found, span, question)
    cited = Question.read("How fast will the economy grow, according to the IMF?")  # a source, not a constraint
    ((found, span),) = spans("The economy will grow 1.6 percent this year.", cited)
    assert not names_elsewhere(found, span, cited)


TRENIN = (
    "That is why calls to look to Moscow for help with North Korea should be viewed very skeptically. The head of "
    "the Carnegie Moscow Center, Dmitri Trenin, argued last week that Russia can help nudge Pyongyang toward "
    "restraint by offering it new economic prospects."
)


def test_who_proposed_something_is_who_argued_it():
    question = Question.read("Who proposed offering North Korea economic prospects?")
    found = index_of(TRENIN)
    person = next(e for entities in found.entities for e in entities if e.text == "Dmitri Trenin")
    assert not not_the_doer(found, AnswerSpan(person.start, person.end, person), question, TermMatcher({}))
    designed = Question.read("Who designed the building?")  # not a way of saying: the rule does not apply
    ((found, span),) = spans("His wife, Laura Bush, said the building was lovely.", designed)
    assert not_the_doer(found, span, designed, TermMatcher({}))


def test_a_person_may_speak_of_the_name_the_sentence_before_gives():
    question = Question.read("Who proposed offering North Korea economic prospects?")
    found = index_of(TRENIN)
    person = next(e for entities in found.entities for e in entities if e.text == "Dmitri Trenin")
    assert not names_elsewhere(found, AnswerSpan(person.start, person.end, person), question)
    counted = Question.read("How many people listen to Classic FM?")  # a number stands with what it counts
    found = index_of("Classic FM is a rival. With just two million listeners, Radio 3 is the least listened-to.")
    (span,) = [s for i in range(2) if (s := answer_span(found, i, counted))]
    assert names_elsewhere(found, span, counted)


def test_the_date_of_a_saying_answers_only_a_question_about_a_saying():
    found = index_of("The minister will say today that the allowance is to rise to £12,500.")
    rise = Question.read("When will the allowance go up?")
    (span,) = [answer_span(found, 0, rise)]
    assert span is not None and found.text[span.entity.start : span.entity.end] == "today"
    assert dates_the_saying(found, span, rise)
    assert not dates_the_saying(found, span, Question.read("When will the minister announce the rise?"))
    assert not dates_the_saying(found, span, Question.read("When will the minister make the statement?"))


def test_the_role_of_the_asked_thing_may_name_it_by_meaning():
    headed = Question.read("Who headed the research?")
    found = index_of("Exercise helps, said the study's lead author, Dr Helen Okafor, a professor at Northfield.")
    person = next(e for entities in found.entities for e in entities if e.label == "PERSON")
    span = AnswerSpan(person.start, person.end, person)
    same = np.ones(4) / 2  # "study" and "research" close in meaning, as the sentence model has them (0.66)
    assert not not_the_doer(found, span, headed, TermMatcher({"study": same, "research": same}))
    assert not_the_doer(found, span, headed, TermMatcher({}))  # without the vectors, no role of the research


def test_a_passive_question_is_not_answered_by_the_date_its_subject_did_the_same_to_someone_else():
    question = Question.read("When did Downton get sacked?")
    text = "Stewart praised Pietersen following the sacking of Downton, who had sacked Pietersen a year ago."
    ((found, span),) = spans(text, question)
    assert "a year ago" in found.text[span.start : span.end] and acts_instead(found, span, question)
    ((found, span),) = spans("Downton was sacked on Wednesday.", question)
    assert not acts_instead(found, span, question)
    signed = Question.read("When was the bill signed?")  # its object is the one asked about: the same event
    ((found, span),) = spans("Gov. Lee signed the bill on Tuesday.", signed)
    assert not acts_instead(found, span, signed)
    ((found, span),) = spans("The bill's sponsor, Sen. Ray Ortiz, signed a pledge on Tuesday.", signed)
    assert not acts_instead(found, span, signed)  # its subject is another: nothing said of the bill's doing


def test_a_who_answer_may_open_the_paragraph_after_the_one_that_names_the_constraint():
    question = Question.read("Which union endorsed Clinton on Thursday?")
    found = index_of(
        "A union representing flight attendants endorsed Hillary Clinton for president on Thursday.\n\n"
        "In a statement announcing the pick, the Association of Flight Attendants called Clinton a champion."
    )
    union = next(e for entities in found.entities for e in entities if "Flight Attendants" in e.text)
    assert not names_elsewhere(found, AnswerSpan(union.start, union.end, union), question)
    counted = Question.read("How many workers did the union lose on Thursday?")  # a number stands with its date
    found = index_of("The union met on Thursday.\n\nIt lost 500 workers.")
    (span,) = [s for i in range(len(found.sentences)) if (s := answer_span(found, i, counted))]
    assert names_elsewhere(found, span, counted)


def test_a_place_that_acts_is_a_party_not_where_it_happened():
    question = Question.read("Where was the nuclear test carried out?")
    ((found, span),) = spans("State media claimed the test now allows Pyongyang to produce warheads.", question)
    assert acts_as_a_party(found, span, question)
    ((found, span),) = spans("The test was carried out near Punggye-ri in North Hamgyong province.", question)
    assert not acts_as_a_party(found, span, question)
    which = Question.read("Which state is still getting the Monday off?")  # a kind of place asked: it may act
    ((found, span),) = spans("Massachusetts is still getting the Monday off.", which)
    assert not acts_as_a_party(found, span, which)


def test_a_place_named_as_another_kind_than_the_one_asked_does_not_answer():
    question = Question.read("Which city is Bill Clinton visiting?")
    found = index_of("Bill Clinton is visiting Broward County on Monday. He will also stop in the city of Tampa.")
    places = [e for entities in found.entities for e in entities if e.label == "GPE"]
    county = next(e for e in places if "Broward" in e.text)
    tampa = next(e for e in places if "Tampa" in e.text)
    assert another_kind_of_place(found, AnswerSpan(county.start, county.end, county), question)
    assert not another_kind_of_place(found, AnswerSpan(tampa.start, tampa.end, tampa), question)
    town = Question.read("Which town is the shelter in?")  # a city is a town
    assert not another_kind_of_place(found, AnswerSpan(tampa.start, tampa.end, tampa), town)
    either = Question.read("Which county or city is Bill Clinton visiting?")  # every kind asked counts
    assert not another_kind_of_place(found, AnswerSpan(county.start, county.end, county), either)
    assert not another_kind_of_place(found, AnswerSpan(tampa.start, tampa.end, tampa), either)
