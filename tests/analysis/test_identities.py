"""One identity per person across a place's sources: the merges, the refusals, and resolving a typed name."""

from __future__ import annotations

from bot.analysis.identities import Sighting, identities, resolve

NORTHFIELD = "transport economist at Northfield University"
CHAMBER = "spokesman for the Riverton Chamber of Commerce"
HOSPITAL = "nurse at Riverton General Hospital"


def people_of(*sightings: tuple[str, str | None]) -> dict[str, tuple[int, ...]]:
    return {p.label: p.members for p in identities([Sighting(name, role) for name, role in sightings])}


def test_the_same_name_with_consistent_roles_is_one_person():
    assert people_of(("Helen Okafor", NORTHFIELD), ("Helen Okafor", "economist"), ("helen okafor", None)) == {
        "Helen Okafor": (0, 1, 2)
    }


def test_a_name_with_and_without_a_middle_initial_joins_when_unambiguous():
    # a tie in how often each is used goes to the fuller name
    assert people_of(("Helen Okafor", NORTHFIELD), ("Helen M. Okafor", NORTHFIELD)) == {"Helen M. Okafor": (0, 1)}


def test_a_name_without_the_middle_initial_stays_apart_when_two_middles_are_seen():
    people = people_of(("Donald J. Trump", None), ("Donald K. Trump", None), ("Donald Trump", None))
    assert people == {"Donald J. Trump": (0,), "Donald K. Trump": (1,), "Donald Trump": (2,)}


def test_a_surname_alone_joins_the_one_person_it_fits():
    assert people_of(("Daniel Smith", CHAMBER), ("Smith", None), ("Smith", CHAMBER)) == {"Daniel Smith": (0, 1, 2)}


def test_a_surname_alone_stays_apart_when_two_different_smiths_are_seen():
    people = people_of(("Daniel Smith", CHAMBER), ("Maria Smith", HOSPITAL), ("Smith", None))
    assert people == {"Daniel Smith": (0,), "Maria Smith": (1,), "Smith": (2,)}


def test_a_surname_with_a_role_joins_the_smith_of_that_organisation():
    people = people_of(("Daniel Smith", CHAMBER), ("Maria Smith", HOSPITAL), ("Smith", "Chamber of Commerce chief"))
    assert people == {"Daniel Smith": (0,), "Maria Smith": (1,), "Smith": (2,)}  # "Chamber of Commerce" tells none
    people = people_of(("Daniel Smith", CHAMBER), ("Maria Smith", HOSPITAL), ("Smith", "Riverton Chamber chief"))
    assert people == {"Daniel Smith": (0, 2), "Maria Smith": (1,)}


def test_a_role_change_to_another_organisation_is_another_person_and_labels_tell_them_apart():
    people = people_of(
        ("Tom Becker", "chair of the Riverside Residents' Association"),
        ("Tom Becker", "driver for Harbour Freight Lines"),
        ("Tom Becker", "chair of the Riverside Residents' Association"),
    )
    assert people == {
        "Tom Becker (chair of the Riverside Residents' Association)": (0, 2),
        "Tom Becker (driver for Harbour Freight Lines)": (1,),
    }


def test_a_sighting_without_organisation_cannot_say_which_of_two_namesakes_it_is():
    people = people_of(("Tom Becker", "chair of the Riverside Residents' Association"),
                       ("Tom Becker", "driver for Harbour Freight Lines"), ("Tom Becker", None))
    assert people["Tom Becker (no role given)"] == (2,)
    assert len(people) == 3


def test_different_parties_are_different_people():
    assert len(people_of(("John Smith", "Senator (R-Ohio)"), ("John Smith", "Representative (D-Ohio)"))) == 2


def test_the_result_does_not_depend_on_the_order_of_sources():
    sightings = [("Helen M. Okafor", NORTHFIELD), ("Okafor", None), ("Helen Okafor", None), ("Ana Ruiz", "Mayor")]
    forward = {frozenset(sightings[i][0] for i in members) for members in people_of(*sightings).values()}
    backward = {frozenset(sightings[::-1][i][0] for i in m) for m in people_of(*sightings[::-1]).values()}
    assert forward == backward == {frozenset({"Helen M. Okafor", "Okafor", "Helen Okafor"}), frozenset({"Ana Ruiz"})}


def test_resolve_finds_a_person_by_any_name_that_fits_and_refuses_when_several_fit():
    people = identities(
        [Sighting("Daniel Smith", CHAMBER), Sighting("Maria Smith", HOSPITAL), Sighting("Helen M. Okafor", None)]
    )
    assert resolve("okafor", people).person.name == "Helen M. Okafor"
    assert resolve("Helen Okafor", people).person.name == "Helen M. Okafor"
    ambiguous = resolve("Smith", people)
    assert ambiguous.person is None
    assert [c.label for c in ambiguous.candidates] == ["Daniel Smith", "Maria Smith"]
    nobody = resolve("Ana Ruiz", people)
    assert (nobody.person, nobody.candidates) == (None, ())


def test_resolve_takes_a_label_as_shown_and_names_the_others_that_fit():
    people = identities([Sighting("Daniel Smith", CHAMBER), Sighting("Maria Smith", HOSPITAL), Sighting("Smith", None)])
    found = resolve("Smith", people)
    assert found.person.label == "Smith"
    assert [c.label for c in found.candidates] == ["Daniel Smith", "Maria Smith"]
