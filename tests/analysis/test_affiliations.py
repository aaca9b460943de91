"""What a role ties a person to, and when two roles say a name is two people."""

from __future__ import annotations

import pytest

from bot.analysis.affiliations import affiliation, role_conflict


@pytest.mark.parametrize(
    ("role", "organisations"),
    [
        ("spokesman for the Riverton Chamber of Commerce", ["Riverton Chamber of Commerce"]),
        ("Clinton campaign spokesman", ["Clinton"]),
        ("Interim DNC Chairwoman", ["DNC"]),
        ("White House Press Secretary", ["White House"]),
        ("Senate Majority Leader", []),  # "Senate" alone tells no senate from another
        ("Republican", []),  # one word names nobody's organisation
        ("Mayor", []),
        ("transport economist", []),
        (None, []),
    ],
)
def test_the_organisations_a_role_names(role, organisations):
    assert [o.name for o in affiliation(role).organisations] == organisations


def test_a_party_marker_is_read_apart_from_organisations():
    found = affiliation("Representative, head of the Congressional Black Caucus (D-N.C.)")
    assert found.party == "d-nc"
    assert [o.name for o in found.organisations] == ["Congressional Black Caucus"]


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (
            "chair of the Riverside Residents' Association",
            "driver for Harbour Freight Lines",
            "different organisations: Riverside Residents' Association and Harbour Freight Lines",
        ),
        (
            "spokesman for the Riverton Chamber of Commerce",
            "nurse at Riverton General Hospital",
            "different organisations: Riverton Chamber of Commerce and Riverton General Hospital",
        ),
        ("Clinton campaign spokesman", "Trump campaign spokesman", "different organisations: Clinton and Trump"),
        ("Senator (R-Ohio)", "Senator (D-Ohio)", "different parties: r-ohio and d-ohio"),
    ],
)
def test_roles_that_say_two_people_conflict_with_the_reason(first, second, reason):
    assert role_conflict(first, second) == reason
    assert role_conflict(second, first) is not None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("transport economist at Northfield University", "economist at Northfield University"),
        ("head of the Carnegie Moscow Center", "fellow at the Carnegie Center"),
        ("Interim DNC Chairwoman", "DNC chair"),
        ("Korea scholar at the Center for Strategic and International Studies", "CSIS fellow"),
        ("White House spokesman", "White House Press Secretary"),
        ("transport economist at Northfield University", "economist"),
        ("Mayor", None),
        ("Oversight Chairman (R-Utah)", "panel Chairman Representative (R-Utah)"),
    ],
)
def test_consistent_roles_do_not_conflict(first, second):
    assert role_conflict(first, second) is None
