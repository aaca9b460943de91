"""The span that answers a who / when / where / how-many question: an entity of the kind asked, widened by the parse."""

from __future__ import annotations

import pytest

from bot.analysis.answer_spans import answer_span, answer_spans, asks_the_future, in_the_past, stated_answer
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex, sentence_entities
from bot.models import Expert, Span

TEXT = (
    "Caring cat Rademenes is the resident nurse at an animal shelter in Bydgoszcz, northern Poland. "
    "Louis Jordan, 37, had not been heard from in 66 days when he was spotted on Thursday. "
    "Witnesses say some 40 cruisers finally boxed the shooter's car in. "
    "The law was signed by Kansas Gov. Sam Brownback on Tuesday."
)


@pytest.fixture(scope="module")
def index() -> PassageIndex:
    return index_of(TEXT)


def index_of(text: str) -> PassageIndex:
    """The passages of `text`, as the service indexes a stored source."""
    parsed = parse(text)
    sentences = sentences_of(parsed)
    return PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def answer(index: PassageIndex, i: int, text: str, experts=()) -> str | None:
    question = Question.read(text, list(experts))
    span = answer_span(index, i, question)
    return None if span is None else stated_answer(index, span, question, list(experts))


def test_a_place_comes_with_its_preposition_and_its_wider_place(index):
    assert answer(index, 0, "In which town is the shelter?") == "In Bydgoszcz, northern Poland."


def test_a_length_of_time_is_the_duration_not_an_age_nor_a_date(index):
    assert answer(index, 1, "How long had nobody heard from Louis Jordan?") == "66 days."


def test_a_count_comes_with_what_it_counts(index):
    assert answer(index, 2, "How many police cars ended the chase?") == "Some 40 cruisers."


def test_a_date_comes_with_its_preposition(index):
    assert answer(index, 3, "When did the governor sign it?") == "On Tuesday."


def test_a_person_comes_with_the_role_the_article_gives_them(index):
    start = TEXT.index("Sam Brownback")
    brownback = Expert("Sam Brownback", "Governor of Kansas", [Span(start, start + 13)])
    stated = answer(index, 3, "Who signed the law?", [brownback])
    assert stated is not None and "Sam Brownback" in stated
    assert stated.endswith("Governor of Kansas.") or "Gov." in stated  # the role, or the title before the name


def test_nothing_of_the_kind_asked_is_no_span(index):
    assert answer(index, 0, "How much did the shelter cost?") is None  # no amount of money in the sentence
    assert answer(index, 2, "Why did the cruisers stop the car?") is None  # no kind asked: no span


def test_a_role_that_repeats_the_title_before_the_name_is_not_given_twice():
    from bot.analysis.retrieval import people_entities

    text = "Councillor Priya Nair, one of the two members who voted against, said no."
    parsed = parse(text)
    sentences = sentences_of(parsed)
    entities = people_entities(text, sentences, sentence_entities(parsed, sentences), ["Priya Nair"])
    index = PassageIndex(text, sentences, entities=entities, parsed=parsed)
    nair = Expert("Priya Nair", "Councillor, one of the two members who voted against", [])
    stated = answer(index, 0, "Who voted against it?", [nair])
    assert stated is not None and stated.count("Councillor") <= 1


def test_places_listed_together_are_answered_together_and_an_amount_is_the_one_of_the_counted_thing():
    text = (
        "Hackers hit state election offices in Arizona and Illinois last summer. "
        "India delivered 187 tons of supplies, including 50 tons of water, 22 tons of food and 2 tons of medicine."
    )
    small = index_of(text)
    assert answer(small, 0, "Which states' election offices were hit?") == "In Arizona and Illinois."
    assert answer(small, 1, "And how much of that was food?") == "22 tons."  # not the "2 tons" after "food and"


def test_a_question_about_the_future_is_not_answered_by_the_date_of_a_past_event():
    text = "In July, the Justice Department joined the court fight. The court will hear the case again in March."
    small = index_of(text)
    question = Question.read("When will the court hear the case again?")
    assert asks_the_future(question) and not asks_the_future(Question.read("When did the court hear it?"))
    assert asks_the_future(Question.read("How old is the cat now?"))  # now: a past clause does not answer it
    past, ahead = answer_span(small, 0, question), answer_span(small, 1, question)
    assert past is not None and in_the_past(small, past)
    assert ahead is not None and not in_the_past(small, ahead)


def test_when_an_expert_spoke_is_the_date_of_the_verb_that_reports_their_words():
    text = '"We will find life within a decade," NASA chief scientist Ellen Stofan said Tuesday during a panel.'
    small = index_of(text)
    start = text.index("We")
    stofan = Expert("Ellen Stofan", "NASA chief scientist", [Span(start, start + 32)])
    assert answer(small, 0, "When did Stofan make her prediction?", [stofan]) == "Tuesday."


def test_who_carried_out_a_study_is_the_agent_of_it_an_institution_before_a_person_elsewhere():
    from bot.analysis.answer_spans import is_agent, preferred_spans

    text = (
        "The study, by two scientists from the University of Oxford, was published in the journal Nature. "
        "Dr Richard Carlson of the Carnegie Institution said the theory could open up new avenues."
    )
    small = index_of(text)
    question = Question.read("Who carried out the study?")
    assert answer(small, 0, "Who carried out the study?") == "The University of Oxford."
    oxford, carlson = answer_span(small, 0, question), answer_span(small, 1, question)
    assert oxford is not None and carlson is not None and carlson.entity.text == "Richard Carlson"
    assert is_agent(small, oxford.entity, question) and not is_agent(small, carlson.entity, question)
    # the person named in the next passage is no longer preferred over the agent of the study
    assert [f[-1] for f in preferred_spans(small, [(0, 0, oxford), (1, 1, carlson)], [], question)] == [oxford, carlson]
    # a "by" that follows no word of the question is no agent of what it asks
    assert not is_agent(small, oxford.entity, Question.read("Who wrote the theory?"))


def test_a_place_someone_comes_from_is_not_where_a_thing_happened():
    text = (
        "Teams from over 13 countries took part in the festival, including representatives from China, "
        "New Zealand and Italy. The kite flew at the festival last Saturday in Chongqing, south-western China."
    )
    small = index_of(text)
    assert answer(small, 0, "Where was the festival held?") is None  # only where the teams came from
    assert answer(small, 1, "Where was the festival held?") == "In Chongqing."
    assert answer(small, 0, "Where were the teams from?") is not None  # asked where from: an origin answers


def test_a_how_many_answer_counts_the_thing_asked_not_another():
    from bot.analysis.answer_spans import by_counted_noun, counted_noun

    assert counted_noun("How many police cars ended the chase?") == "cars"
    assert counted_noun("How much food did they send?") == "food"
    assert counted_noun("How long was she stuck?") == ""
    text = (
        "The shooter led some three dozen police officers on a chase. "
        "Witnesses say some 40 cruisers finally boxed the shooter in."
    )
    small = index_of(text)
    question = Question.read("How many police cars ended the chase?")
    officers, cruisers = (0, 0, answer_span(small, 0, question)), (1, 1, answer_span(small, 1, question))
    closeness = {"cruisers": 0.47, "officers": 0.30}

    def similarity(a: str, b: str) -> float:
        return 1.0 if a == b else closeness.get(b, 0.0)

    # the cruisers' sentence does not repeat the question's words, but its counted noun says it counts cars
    assert by_counted_noun(small, [officers], [officers, cruisers], question, similarity) == [cruisers, officers]
    closeness["cruisers"] = 0.35  # not clearly closer: the order stays
    assert by_counted_noun(small, [officers], [officers, cruisers], question, similarity) == [officers]


def test_which_governor_is_looked_for_past_the_first_passages():
    from bot.analysis.answer_spans import named_further

    text = (
        "Carol Tobias of National Right to Life praised the law. Julie Burkhart said it was a sad day. "
        "Planned Parenthood criticised the move. Sam Stringer contributed to this report. "
        "The law was signed by Kansas Gov. Sam Brownback on Tuesday."
    )
    small = index_of(text)
    hits = [small.hit_at(i) for i in range(len(small.sentences))]
    question = Question.read("Which governor put his name to it?")
    ((n, i, span),) = named_further(small, hits, question, 3)
    assert (n, i) == (4, 4) and small.text[span.start : span.end] == "Kansas Gov. Sam Brownback"
    assert named_further(small, hits, Question.read("Which states' election offices were hit?"), 3) == []


def test_where_someone_is_from_is_the_place_after_from():
    from bot.analysis.answer_spans import preferred_spans

    text = (
        "Her body was found at the Sacred Heart Missionary in Ixopo. "
        "Sister Gertrud had lived at the missionary for 60 years after moving to South Africa from her native Austria."
    )
    small = index_of(text)
    question = Question.read("Where was the nun originally from?")
    assert answer(small, 1, question.text) == "From her native Austria."
    found = [(n, n, span) for n in (0, 1) if (span := answer_span(small, n, question)) is not None]
    # the origin comes first even when its sentence does not repeat the question's words
    assert preferred_spans(small, found[:1], found, question)[0][1] == 1


def test_where_someone_comes_from_is_where_they_were_born_when_no_from_says_it():
    from bot.analysis.answer_spans import preferred_spans

    text = (
        "The singer died of cancer Friday. He had performed most recently in Istanbul. "
        "The singer was born in Izmir province on March 29, 1949."
    )
    small = index_of(text)
    question = Question.read("Where does he come from originally?")
    found = [(n, n, span) for n in (1, 2) if (span := answer_span(small, n, question)) is not None]
    assert [small.text[f[2].start : f[2].end] for f in found] == ["in Istanbul", "in Izmir province"]
    # the birthplace comes first, though only the other sentence was taken to speak of the question
    assert preferred_spans(small, found[:1], found, question)[0][1] == 2
    # a question that does not ask where someone is from keeps the birthplace a place like any other
    assert preferred_spans(small, found[:1], found, Question.read("Where did he perform?")) == []


def test_which_airport_is_answered_by_the_airport_s_name_before_a_place_beside_the_noun():
    from bot.analysis.answer_spans import own_names_first

    text = (
        "The TSA said no passengers have come forward so far at the Denver airport. "
        "Two screeners have been fired after groping men at Denver International Airport, police said."
    )
    small = index_of(text)
    question = Question.read("At which airport did this happen?")
    found = [(n, n, span) for n in (0, 1) if (span := answer_span(small, n, question)) is not None]
    assert [f[2].entity.text for f in found] == ["Denver", "Denver International Airport"]
    assert [f[1] for f in own_names_first(found, question.type_noun)] == [1, 0]
    assert [f[1] for f in own_names_first(found[:1], question.type_noun)] == [0]  # no name of its own: as it was


def test_which_hospital_takes_the_hospital_of_the_sentence_that_says_the_asked_verb():
    from bot.analysis.answer_spans import own_names_first

    text = (
        "The baby was taken to a unit in Liverpool Women's Hospital where it died. "
        "She worked at the scandal-hit Furness General Hospital for years."
    )
    small = index_of(text)
    question = Question.read("which hospital was she working at?")
    found = [(n, n, span) for n in (0, 1) if (span := answer_span(small, n, question)) is not None]
    assert [f[2].entity.text for f in found] == ["Liverpool Women's Hospital", "Furness General Hospital"]
    assert [f[1] for f in own_names_first(found, question.type_noun, small, ["working"])] == [1, 0]
    assert [f[1] for f in own_names_first(found, question.type_noun, small, [])] == [0, 1]  # no verb: in order


def test_who_holds_a_role_is_found_by_the_role_s_meaning_in_any_passage():
    from bot.analysis.answer_spans import named_further

    text = (
        "Chairman Jason Chaffetz said Pagliano failed to show up. "
        "An attorney for Pagliano, Mark MacDougall, said his client would not testify."
    )
    small = index_of(text)
    hits = [small.hit_at(i) for i in range(len(small.sentences))]
    question = Question.read("Who is Pagliano's lawyer?")

    def similarity(a: str, b: str) -> float:
        return 1.0 if a == b else {("lawyer", "attorney"): 0.89, ("lawyer", "chairman"): 0.4}.get((a, b), 0.0)

    ((n, i, span),) = named_further(small, hits, question, 3, similarity)
    assert (n, i) == (1, 1) and span.entity.text == "Mark MacDougall"
    assert named_further(small, hits, question, 3) == []  # no word meanings: a role is matched by meaning only
    assert named_further(small, hits, Question.read("Who is Pagliano's spokesman?"), 3, similarity) == []


def test_the_verb_above_a_span_is_none_when_the_parse_has_no_verb_above_it():
    from bot.analysis.answer_spans import governing_verb
    from bot.analysis.retrieval import Entity

    text = "Eight hours in the wind, and 12 people."
    verbless = index_of(text)
    assert not any(t.pos_ in ("VERB", "AUX") for t in verbless.parsed)
    start = text.index("Eight hours")
    assert governing_verb(verbless, Entity("TIME", start, start + len("Eight hours"), "Eight hours")) is None
    signed = index_of("The law, signed on Tuesday, bans it.")
    start = signed.text.index("Tuesday")
    assert governing_verb(signed, Entity("DATE", start, start + 7, "Tuesday")).lemma_ == "sign"


def test_every_place_of_a_sentence_is_a_span_the_nearest_to_the_question_first():
    found = index_of("The senator, who grew up in Ohio, spoke at a rally in Denver.")
    spans = answer_spans(found, 0, Question.read("Where was the rally?"))
    assert [span.entity.text for span in spans] == ["Denver", "Ohio"]


def test_a_later_place_must_be_set_by_a_preposition_not_be_a_verbs_object():
    found = index_of("Trump told the forum in Iowa that the war destabilized the Middle East.")
    spans = answer_spans(found, 0, Question.read("Where did Trump tell the forum that?"))
    assert [span.entity.text for span in spans] == ["Iowa"]


def test_a_how_many_question_that_gives_a_year_is_answered_by_the_number_told_of_that_year():
    small = index_of("The harbour held 300 boats in 1990 and has since grown to hold some 1,200 boats as of 2015.")
    assert answer(small, 0, "How many boats did the harbour hold by 2015?") == "Some 1,200 boats."
    assert answer(small, 0, "How many boats did the harbour hold in 1990?") == "300 boats."


def test_an_amount_keeps_its_currency_sign_when_the_tagger_leaves_it_out():
    text = "As 14million working households are given an average boost of £200 a year, the Prime Minister will speak."
    small = index_of(text)
    stated = answer(small, 0, "How much extra cash do typical families pocket annually?")
    assert stated is not None and "£200" in stated


def test_a_place_inside_a_wider_place_of_the_sentence_is_left_for_the_wider_one():
    small = index_of(
        "Chris Roberts was yanked off the plane after it landed in Syracuse, New York, on Wednesday by FBI agents."
    )
    assert answer(small, 0, "Where did agents take Roberts off the flight?") == "In Syracuse, New York."


def test_the_dateline_place_comes_after_the_places_of_the_sentence_itself():
    small = index_of(
        "HEMPSTEAD, N.Y., Sept. 26 (UPI) — Jill Stein was escorted off the premises of Hofstra University on Monday."
    )
    stated = answer(small, 0, "Where was Stein thrown out of?")  # no word of it in the sentence: by order
    assert stated is not None and "Hofstra" in stated


def test_a_place_after_the_comma_that_qualifies_the_next_noun_is_no_wider_place():
    text = "Two screeners were fired after groping men at Denver International Airport, Denver police said."
    small = index_of(text)
    spans = answer_spans(small, 0, Question.read("At which airport did this happen?"))
    assert "at Denver International Airport" in [text[s.start : s.end] for s in spans]  # not "..., Denver"
    assert answer(index_of(TEXT), 0, "In which town is the shelter?") == "In Bydgoszcz, northern Poland."


def test_a_how_many_span_that_gives_a_number_comes_before_a_vague_one():
    from bot.analysis.answer_spans import numbers_first

    index = index_of("He was reported missing a few days after he set out. He had not been heard from in 66 days.")
    question = Question.read("How many days had he been missing?")
    found = [(0, i, span) for i in (0, 1) for span in answer_spans(index, i, question)]
    texts = [index.text[f[2].start : f[2].end] for f in found]
    assert texts[0] == "a few days" and "66 days" in texts
    first = numbers_first(index, found, question)[0][2]
    assert index.text[first.start : first.end] == "66 days"
    # not a how-many question: the order stands
    assert numbers_first(index, found, Question.read("When did he go missing?")) == found


def test_a_name_the_tagger_ran_across_a_dash_into_the_asked_one_is_the_other_one():
    text = "The officer who shot Scott - Brentley Vinson, who was placed on leave - was not wearing a camera."
    index = index_of(text)
    assert answer(index, 0, "who shot Scott?") == "Brentley Vinson."



def test_whom_a_work_comes_from_is_looked_for_in_every_passage_unless_a_first_one_names_the_doer():
    from bot.analysis.answer_spans import named_further

    text = (
        "President Barack Obama is trying to use executive powers to expand the program. "
        "One in seven U.S. residents will be an immigrant by 2023, the report from the Center for Immigration "
        "Studies said. "
        "Janet Smith put the report out on Monday."
    )
    small = index_of(text)
    hits = [small.hit_at(i) for i in range(len(small.sentences))]
    question = Question.read("Who put the report out?")
    ((n, i, span),) = named_further(small, hits[:2], question, 1)
    assert (n, i, small.text[span.start : span.end]) == (1, 1, "the Center for Immigration Studies")
    first = [hits[2], hits[1]]
    assert named_further(small, first, question, 1) == []  # the first passage names who put it out


def test_a_quote_that_closes_past_the_phrase_leaves_no_opening_mark():
    small = index_of("The paper found there had been “3,210 shooting victims” between January and September.")
    assert answer(small, 0, "How many shooting victims did the paper count?") == "3,210 shooting victims."


def test_the_size_of_a_group_is_how_many_it_has_not_that_of_a_thing():
    small = index_of("The Association of Flight Attendants represents almost 50,000 workers.")
    assert answer(small, 0, "How big is the flight attendants' union?") == "Almost 50,000 workers."
    assert answer(small, 0, "How big is the crater?") is None  # a size in space has a unit
