"""A question read once: its form, the kind of thing it asks for, whom and what it names, whether it points back."""

from __future__ import annotations

import pytest

from bot.analysis.question import COUNT_LABELS, DATE_LABELS, PLACE_LABELS, Question, expert_named, form_of
from bot.models import Expert


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Who voted against the bridge?", "who"),
        ("Which union came out for Clinton on Thursday?", "who"),
        ("What are their names?", "who"),
        ("What will the bridge carry?", "what"),
        ("When does the final design come out?", "when"),
        ("What year did the line open?", "when"),
        ("When did Stofan make her prediction?", "when"),  # a reporting verb, but it asks for a date
        ("Where was the festival held?", "where"),
        ("At which airport did this happen?", "where"),
        ("How many were hurt in the blast?", "how_many"),
        ("Where did he place at Eurovision?", "how_many"),  # a rank, not a place
        ("How strong was the quake?", "how_many"),  # a measure asked without "how many"
        ("What does a ticket cost?", "how_many"),
        ("What was the US prison population in 1972?", "how_many"),
        ("What growth does the fund predict?", "how_many"),
        ("What did she say about the cost?", "said"),  # the cost is what she spoke of, not the thing asked
        ("What did they do about its cost?", "what"),
        ("Why couldn't the firefighters use a boat?", "why_how"),
        ("How did the agency find out about it?", "why_how"),
        ("Has Dean said sorry?", "yes_no"),  # a yes-no question about what someone said
        ("What did Niki Lauda say about the pressure on him?", "said"),
        ("What exactly did Dean tweet?", "said"),
        ("Where does Mevlut Cavusoglu stand on the genocide label?", "said"),
        ("Does the article give evidence that exercise makes you smarter?", "evidence"),
    ],
)
def test_the_form_of_a_question(text, form):
    assert form_of(text) == form


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How much did the bridge cost?", frozenset({"MONEY"})),
        ("How many lanes will it carry?", frozenset({"CARDINAL", "QUANTITY"})),  # a count: no share or sum
        ("How much is a ticket?", frozenset({"MONEY"})),
        ("What did the kite cost to make?", frozenset({"MONEY"})),
        ("What was the capacity of his water tank?", COUNT_LABELS),
        ("How big was the tank?", COUNT_LABELS),
        ("How long will construction take?", frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL"})),
        ("What grid position does he start from?", frozenset({"ORDINAL"})),
        ("When does the final design come out?", DATE_LABELS),
        ("Where will the bridge be built?", PLACE_LABELS),
        ("What are their names?", frozenset({"PERSON"})),
        ("Why did the council vote for it?", frozenset()),
    ],
)
def test_the_kind_of_thing_a_question_asks_for(text, kind):
    assert Question.read(text).kind == kind


def test_who_asks_for_a_name_and_how_many_for_a_number():
    assert "PERSON" in Question.read("Who voted against the bridge?").kind
    assert Question.read("How many lanes will it carry?").wants_number
    assert not Question.read("Who voted against it?").wants_number


def test_what_fits_a_when_a_where_and_a_how_long_question():
    when = Question.read("When did Peter Kaisen die?")
    assert when.fits("DATE", "last month") and when.fits("DATE", "1981")
    assert not when.fits("DATE", "76")  # an age is no time something happened
    assert not when.fits("DATE", "16 years")  # nor a length...
    assert when.fits("DATE", "20 to 30 years", before="within")  # ...unless it says when: within 20 years
    where = Question.read("Which hospital did they take him to?")
    assert where.fits("ORG", "Sentara Norfolk General Hospital")
    assert not where.fits("ORG", "The TSA")  # an organization is a place only when it names one
    long = Question.read("How long was she stuck in there?")
    assert long.fits("TIME", "36 long hours") and not long.fits("DATE", "40-year-old")
    size = Question.read("How big was the crater?")
    assert size.fits("QUANTITY", "25 gallons") and not size.fits("CARDINAL", "4.5 billion years ago")
    named = Question.read("How long was Rishi Khanal buried?")
    assert not named.fits("PERSON", "Rishi Khanal")  # what the question gives is no answer


def test_who_prefers_a_person_unless_it_asks_for_a_group():
    assert Question.read("Who is co-chairing the campaign?").preferred == ("PERSON",)
    assert Question.read("Which team is Mick driving for?").preferred[0] == "ORG"
    assert Question.read("Which country's rescue team located Khanal?").preferred[0] == "NORP"
    assert Question.read("Which nation's rescuers found Khanal?").preferred[0] == "NORP"  # a nation is a country
    assert Question.read("Which nation hosted the talks?").form == "where"
    assert Question.read("What national team won?").form != "where"


def test_the_names_a_question_gives_and_what_it_asks_about():
    assert Question.read("How long was Rishi Khanal buried?").names == ("Rishi Khanal",)
    assert Question.read("How often had the officer done it?").names == ()  # "How" opens it, names nothing
    okafor = Expert("Helen Okafor", "economist", [])
    question = Question.read("What did Helen Okafor say about maintenance costs?", [okafor])
    assert question.focus == "about maintenance costs"  # no question word, reporting verb or speaker


def test_follow_ups_that_lean_on_the_previous_turn_are_recognised():
    assert Question.read("And what did he say next?").refers_back
    assert Question.read("And what did he say next?").asks_to_continue
    assert Question.read("What else does she argue?").refers_back
    assert Question.read("And when was it?").refers_back
    said = Question.read("What did he say?")
    assert said.refers_back and not said.asks_to_continue
    assert not Question.read("How long is the bridge?").refers_back


def test_next_after_a_future_asks_about_the_future_not_for_the_next_thing_told():
    future = Question.read("What's he going to do next?")
    assert future.refers_back and not future.asks_to_continue  # "he" still points back
    assert not Question.read("What will she do next?").asks_to_continue
    assert Question.read("What did he do next?").asks_to_continue
    assert Question.read("What is he going to say, and what did he do next?").asks_to_continue


def test_a_question_names_an_expert_by_full_name_or_a_surname_only_one_has():
    experts = [Expert("Helen Okafor", "economist", []), Expert("Tom Becker", None, [])]
    assert Question.read("What does okafor think?", experts).expert.name == "Helen Okafor"
    assert Question.read("What about the mayor?", experts).expert is None
    jordans = [Expert("Louis Jordan", "sailor", []), Expert("Frank Jordan", "father", [])]
    assert expert_named("What does Frank Jordan think kept his son alive?", jordans).name == "Frank Jordan"
    assert expert_named("What did Jordan say?", jordans) is None
    suffixed = [Expert("Kenneth Morgan Stancil Iii", None, [])]  # a name's suffix is no surname
    assert expert_named("How did Stancil react?", suffixed) is suffixed[0]


def test_a_what_did_x_say_question_may_name_the_expert_by_role():
    experts = [Expert("Ahmet Davutoglu", "Prime Minister", []), Expert("Kayahan", "singer", [])]
    assert Question.read("How did the prime minister react to his death?", experts).expert.name == "Ahmet Davutoglu"
    assert Question.read("Where was the prime minister born?", experts).expert is None  # no what-did-X-say
    # a question that names someone asks about them, not about whoever else its words describe
    judge = [Expert("Arnold Jones", "Superior Court Judge", [])]
    assert Question.read("How did Stancil react when the judge offered him an attorney?", judge).expert is None
    assert Question.read("How did the judge react to the UN report?", judge).expert is judge[0]  # initials: no one


def test_the_words_of_a_question_are_its_content_stems():
    assert Question.read("Who voted against the bridges?").words == frozenset({"vote", "bridg"})


def test_who_is_asks_who_a_person_is_not_who_did_something():
    assert Question.read("Who is Howard Dean?").asks_who_is
    assert Question.read("Who is he, exactly?").asks_who_is
    assert not Question.read("Who is co-chairing the campaign?").asks_who_is
    assert not Question.read("Who is the city's police commissioner?").asks_who_is


def test_a_question_asking_the_name_of_a_thing_wants_a_name_next_to_that_thing():
    assert Question.read("What's the dog's name?").named_thing == "dog"
    assert Question.read("What was the name of his sailboat?").named_thing == "sailboat"
    assert Question.read("what's the name of their choir").named_thing == "choir"
    assert Question.read("What's the name of the taxi driver they arrested?").named_thing == "driver"  # the last noun
    assert Question.read("What was the name of the man who died?").named_thing == "man"
    assert Question.read("What's the shelter called?").named_thing == "shelter"
    assert Question.read("What are their names?").named_thing == ""  # whose names: the persons before


def test_a_length_of_time_ago_answers_when_whatever_label_the_tagger_gives_it():
    question = Question.read("When would the crash have taken place?")
    assert question.fits("MONEY", "about 4.5 billion years ago")  # spaCy's small model says MONEY here
    assert question.fits("DATE", "four years ago")
    assert not question.fits("MONEY", "$4.5 billion")
    assert not Question.read("How much did it cost?").fits("DATE", "four years ago")


def test_a_size_or_a_weight_is_a_measure_with_its_unit():
    heavy, big = Question.read("How heavy is the kite?"), Question.read("How big was the crater?")
    assert heavy.fits("QUANTITY", "200 kilograms") and not heavy.fits("QUANTITY", "6,000-metre")
    assert not heavy.fits("CARDINAL", "Half") and not big.fits("CARDINAL", "One")
    assert big.fits("QUANTITY", "25 gallons")
    assert Question.read("How many bodies were found?").fits("CARDINAL", "One")


def test_a_reason_answers_why_and_a_means_answers_how():
    why = Question.read("Why were people taken off the rolls?")
    assert why.gives_reason("They were removed because they did not respond.")
    assert not why.gives_reason("They were removed by officials.")
    how = Question.read("How did the tourists find out someone needed help?")
    assert how.gives_reason("They acted after a conductor yelled over the intercom.")
    assert how.gives_reason("He created the illusion by holding his son up.")
    assert not how.gives_reason("The tourists were on their way home.")
    assert not Question.read("Who found the tourists?").gives_reason("They came because they heard.")
    how_come = Question.read("how come the numbers companies give the SEC and the Fed are so different")
    assert how_come.gives_reason("It is because the S.E.C. is vague.")  # "how come" asks why
    assert not how_come.gives_reason("They got there by asking.")


def test_the_kind_a_which_question_asks_for_and_the_thing_it_is_about():
    assert Question.read("Which team is Mick Schumacher driving for?").type_noun == "team"
    assert Question.read("At which airport did this happen?").type_noun == "airport"
    assert Question.read("What did he say?").type_noun == ""
    held = Question.read("Where was the festival held?")
    assert not held.fits("FAC", "Wulong International Kite Festival")  # the festival itself is no place
    assert held.fits("GPE", "Chongqing")
    assert Question.read("At which airport did this happen?").fits("FAC", "Denver International Airport")


def test_a_person_is_not_what_an_institution_is_called():
    shelter = Question.read("What's the shelter called?")
    assert not shelter.fits("PERSON", "Lucyna Kuziel-Zawalich")
    assert shelter.fits("ORG", "Happy Paws")
    assert Question.read("What's the dog's name?").fits("PERSON", "Cooper")


def test_how_old_wants_an_age_not_any_count():
    old = Question.read("How old is the cat now?")
    assert old.fits("DATE", "two-month-old")
    assert old.fits("DATE", "16 years")
    assert old.fits("CARDINAL", "51", before="Christie,")  # "Mary Pat Christie, 51, a managing director"
    assert not old.fits("CARDINAL", "one", before="In")  # "In one of a series of photos"


def test_who_else_asks_for_someone_the_conversation_has_not_named():
    from dataclasses import replace

    question = Question.read("Who else in organised labour is backing her?")
    assert question.fits("PERSON", "Hillary Clinton")
    followed = replace(question, earlier="Which union came out for Clinton? The Association of Flight Attendants.")
    assert not followed.fits("ORG", "the Association of Flight Attendants")
    assert followed.fits("ORG", "the AFL-CIO")
    who_is = replace(Question.read("Who is he, exactly?"), earlier="What did Jon Husted say? Husted: ...")
    assert who_is.fits("PERSON", "Jon Husted")  # "who is he" asks about the one named before


def test_how_old_is_no_time_ago_nor_a_span_without_a_number_and_a_bare_age_may_be_tagged_a_date():
    question = Question.read("How old was he?")
    assert not question.fits("DATE", "two weeks ago", "government")  # when, not how old
    assert not question.fits("DATE", "recent months", "in")  # no number: no age
    assert question.fits("DATE", "72", "Al-Douri,")  # "Al-Douri, 72," tagged a date
    assert not question.fits("DATE", "72", "in")  # a bare number not set off after a name


def test_how_long_someone_was_somewhere_is_a_length_of_time_not_a_distance():
    question = Question.read("And how long had she been at the mission?")
    assert not question.fits("QUANTITY", "85 miles", "town")
    assert question.fits("DATE", "60 years", "for")
    assert Question.read("How long was the kite, in metres?").fits("QUANTITY", "6,000 metres", "measuring")
    assert Question.read("How long is the bridge?").fits("QUANTITY", "two miles", "runs")


def test_what_time_wants_a_time_of_day_before_the_day():
    question = Question.read("What time had the club shut that night?")
    assert question.form == "when" and question.preferred == ("TIME",)
    assert question.fits("TIME", "2am", "at") and question.fits("TIME", "8:30 p.m.", "around")
    assert Question.read("When did the club shut?").preferred == ()


def test_which_day_asks_when():
    assert Question.read("which day did they go head to head").form == "when"
    assert Question.read("Which year did the line open?").form == "when"


def test_the_measure_a_how_much_question_names_is_no_key_word():
    # "toll" says what is counted, as "many" does: "the massacre of an estimated 1.5 million" answers it
    assert Question.read("What is the estimated Armenian death toll?").key_words == ("estimated", "death")
    assert Question.read("What was the capacity of his water tank?").key_words == ("water", "tank")


def test_verbs_of_speaking_are_no_key_words():
    assert Question.read("Where was Bill Clinton speaking?").key_words == ()
    assert Question.read("Is NASA talking about intelligent aliens?").key_words == ("intelligent", "aliens")


def test_asking_for_a_sign_or_proof_asks_for_evidence():
    assert Question.read("is there any sign he was having fun on set").form == "evidence"
    assert Question.read("is there proof Scott was holding a gun").form == "evidence"
    assert Question.read("is there anything suggesting his plans would not pay for themselves?").form == "evidence"
    assert Question.read("Did he sign the bill?").form == "yes_no"


def test_a_when_question_about_proof_asks_for_a_date():
    assert Question.read("When does the minister expect proof that the vaccine works?").form == "when"
    assert Question.read("What evidence is there that the vaccine works?").form == "evidence"


def test_how_much_cash_asks_for_money_and_how_much_over_the_time_a_length_of_time():
    assert Question.read("How much extra cash do typical families pocket annually?").kind == frozenset({"MONEY"})
    over = Question.read("By how much did he go over the time allowed?")
    assert over.kind == frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL"})  # "56 minutes", not "the £85 fine"
    assert over.names == ()  # "By" opens the question: it names nothing


def test_a_name_starts_at_a_capitalised_word_after_a_question_word_or_an_opening_preposition():
    assert Question.read("Which of Jupiter's moons could have salt water?").names == ("Jupiter",)
    assert Question.read("Under which act are officers investigating?").names == ()
    assert Question.read("During the Iraq war, who led the army?").names == ("Iraq",)
    assert Question.read("Which Bank of England official spoke?").names == ("Bank of England",)


def test_how_many_of_a_unit_of_time_asks_a_length_of_time():
    days = Question.read("How many days had Louis Jordan been missing?")
    assert days.wants_duration and days.fits("DATE", "66 days")
    assert not days.fits("CARDINAL", "two") and not days.fits("DATE", "76-year-old")
    assert Question.read("How many boats capsized?").fits("CARDINAL", "two")  # a count of things
