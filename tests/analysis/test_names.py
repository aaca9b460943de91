"""Names as the identity rules compare them: parts, folding, and which name fits which."""

from __future__ import annotations

import pytest

from bot.analysis.names import PersonName, person_name


def test_a_name_is_folded_into_given_middles_and_surname():
    assert person_name("Dr. Hélène M. Okafor Jr.") == PersonName("helene", ("m",), "okafor")
    assert person_name("G.K. Butterfield") == PersonName("g", ("k",), "butterfield")
    assert person_name("Ursula von der Leyen") == PersonName("ursula", (), "von der leyen")
    assert person_name("Okafor") == PersonName(None, (), "okafor")
    assert person_name("Mr.") is None


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Okafor", "Helen Okafor"),
        ("Helen Okafor", "Helen M. Okafor"),
        ("Helen M. Okafor", "Helen Mary Okafor"),
        ("H. Okafor", "Helen Okafor"),
        ("George W. Bush", "George H. W. Bush"),
        ("helen okafor", "Helen Okafor"),
    ],
)
def test_a_name_that_says_less_fits_a_fuller_one(short, full):
    assert person_name(short).fits(person_name(full))


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Helen Okafor", "Mark Okafor"),
        ("Helen M. Okafor", "Helen K. Okafor"),
        ("Helen M. Okafor", "Helen Okafor"),
        ("Helen Okafor", "Helen Okafur"),
        ("Helen Okafor", "Okafor"),
    ],
)
def test_a_name_that_contradicts_or_says_more_does_not_fit(short, full):
    assert not person_name(short).fits(person_name(full))
