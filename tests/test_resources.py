"""The files shipped in the package (prompts, tones, the sample) load through importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import yaml

from bot.bench import DEFAULT_SAMPLE
from bot.llm.prompts import load_template
from bot.resources import named_tones, prompt_text, sample_article

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_folders_are_the_top_level_folders_people_edit():
    assert Path(str(files("bot.prompts") / "tones.yaml")).resolve() == ROOT / "prompts" / "tones.yaml"
    assert sample_article().resolve() == ROOT / "samples" / "harbour-bridge.txt"


def test_every_prompt_template_loads_with_a_user_part():
    names = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt"))
    assert names == ["answer", "briefing", "comparison", "position"]
    for name in names:
        assert load_template(name).user
        assert prompt_text(name) == (ROOT / "prompts" / f"{name}.txt").read_text(encoding="utf-8")


def test_named_tones_are_the_keys_of_tones_yaml_in_their_order():
    table = yaml.safe_load((ROOT / "prompts" / "tones.yaml").read_text(encoding="utf-8"))
    assert named_tones() == list(table)
    assert {"neutral", "formal", "casual", "skeptical", "plain-english"} <= set(named_tones())


def test_the_sample_article_is_benchs_default():
    assert sample_article() == DEFAULT_SAMPLE
    assert sample_article().read_text(encoding="utf-8").startswith("Riverton Council Approves")
