"""`briefbot who` and `briefbot compare` on three articles of our own: text, --json, one-line refusals."""

from __future__ import annotations

import json

import pytest
import yaml

from bot.cli import main
from tests.people_articles import ARTICLES, PROPOSED, SHOPS


@pytest.fixture
def config(tmp_path, tiny_model_dir) -> str:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"model": {"name": str(tiny_model_dir), "threads": 1}}))
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(capsys, config) -> dict[str, str]:
    """The three articles' ids by file name, their experts found (no model) and stored."""
    code, out, _ = run(capsys, "experts", *map(str, ARTICLES), "--json", "--no-positions", "--config", config)
    assert code == 0
    return {json.loads(line)["input"]: json.loads(line)["source"]["id"] for line in out.splitlines()}


def test_who_as_text_and_json(capsys, config, stored):
    code, out, _ = run(capsys, "who", "okafor", "--no-positions", "--config", config)
    assert code == 0
    assert out.splitlines()[:2] == ["Helen Okafor (also: Helen M. Okafor)", "  quoted in 3 sources, newest first"]
    assert "2026-03-16  Council Approves Congestion Charge After Heated Debate" in out
    code, out, _ = run(capsys, "who", "Daniel Smith", "--json", "--no-positions", "--config", config)
    (line,) = out.splitlines()
    report = json.loads(line)
    assert set(report) == {"name", "label", "also_named", "sources", "comparison", "see_also"}
    assert [s["source"]["id"] for s in report["sources"]] == [stored[str(SHOPS)], stored[str(PROPOSED)]]
    assert report["sources"][0]["quote"] == "A charge at the door tells customers to stay away"


def test_who_with_positions_writes_them_with_the_model(capsys, config, stored):
    code, out, _ = run(capsys, "who", "Priya Nair", "--json", "--config", config)
    assert code == 0
    report = json.loads(out)
    assert all(source["position"] for source in report["sources"])


def test_an_ambiguous_or_unknown_name_is_one_line_and_a_non_zero_exit(capsys, config, stored):
    code, out, err = run(capsys, "who", "Tom Becker", "--config", config)
    assert (code, out) == (1, "")
    assert err.startswith("briefbot: 'Tom Becker' could be several people in the store: Tom Becker (chair")
    assert len(err.splitlines()) == 1
    code, _, err = run(capsys, "who", "Nobody Here", "--json", "--config", config)
    assert (code, err) == (1, "briefbot: nobody called 'Nobody Here' is quoted in the store\n")


def test_compare_as_text_and_json(capsys, config, stored):
    first, second = stored[str(PROPOSED)], stored[str(SHOPS)]
    code, out, _ = run(capsys, "compare", first, second, "--json", "--config", config)
    assert code == 0
    compared = json.loads(out)
    assert [side["source"]["id"] for side in compared["sources"]] == [first, second]
    assert [person["name"] for person in compared["in_both"]] == ["Helen Okafor", "Daniel Smith"]
    code, out, _ = run(capsys, "compare", first[:5], second[:5], "--config", config)
    assert code == 0
    assert "Quoted in both\n  • Helen Okafor\n    [1]\n      transport economist at Northfield University" in out
    code, _, err = run(capsys, "compare", first, "ffffffffff", "--config", config)
    assert (code, err) == (1, "briefbot: no stored source with id 'ffffffffff' (see `briefbot sources`)\n")
