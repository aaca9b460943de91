"""Tones: named tones change wording audibly, never inside quotes; free text goes to the model as is."""

from __future__ import annotations

from bot.llm.tone import load_tone
from bot.resources import named_tones


def test_every_named_tone_loads_with_its_instruction():
    for name in named_tones():
        tone = load_tone(name)
        assert tone.name == name
        assert tone.instruction and not tone.instruction.startswith("Write in this tone:")


def test_casual_uses_contractions_and_an_opener():
    casual = load_tone("casual")
    assert casual.apply("The city should not wait.", first=True) == "So, the city shouldn't wait."
    assert casual.apply("Riverton will not wait.", first=True) == "So, Riverton won't wait."


def test_replacements_keep_case_and_whole_words():
    formal = load_tone("formal")
    assert formal.apply("It's late. Kids can't sleep.") == "It is late. Children cannot sleep."
    assert formal.apply("Skids saidly") == "Skids saidly"


def test_quotes_are_never_restyled():
    skeptical = load_tone("skeptical")
    text = "Ruiz said: “We said it would open in 2028.”"
    assert skeptical.apply(text) == "Ruiz claimed: “We said it would open in 2028.”"


def test_curly_apostrophes_are_matched_too():
    assert load_tone("formal").apply("It’s late.") == "It is late."


def test_a_free_text_tone_is_an_instruction_only():
    tone = load_tone("like a sports commentator")
    assert tone.instruction == "Write in this tone: like a sports commentator."
    assert tone.apply("The city should not wait.", first=True) == "The city should not wait."
