from bot.analysis import entity_shapes as shapes


def test_a_time_needs_a_calendar_word_or_a_preposition_of_time():
    assert shapes.a_time("March 29, 1949", "") and shapes.a_time("2am", "at")
    assert not shapes.a_time("16 years", "") and shapes.a_time("20 years", "within")


def test_an_age_and_a_length_of_time():
    assert shapes.an_age("DATE", "two-month-old", "") and shapes.an_age("CARDINAL", "51", "Christie,")
    assert not shapes.an_age("DATE", "two weeks ago", "") and not shapes.an_age("CARDINAL", "one", "in")
    assert shapes.a_length_of_time("DATE", "16 years", "how long") and not shapes.a_length_of_time(
        "DATE", "76-year-old", ""
    )
    assert shapes.a_length_of_time("QUANTITY", "35-foot", "how long is the kite?")
    assert not shapes.a_length_of_time("QUANTITY", "85 miles", "how long did it take?")


def test_an_organization_is_a_place_when_its_name_says_so():
    assert shapes.a_place("Sentara Norfolk General Hospital") and not shapes.a_place("The TSA")
