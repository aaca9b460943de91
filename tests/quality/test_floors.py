"""Quality floors: the figures in benchmarks/floors.json, measured through the real code paths, must hold.

Each test runs one benchmark as a user would (the `briefbot` command line, or benchmarks/ask_benchmark.py) in a
temporary folder with a temporary store, scores it with the shared scorers, and fails naming every figure that
fell more than its tolerance below its floor (or rose above its ceiling). They run the embedded model: about
7 minutes together on 2 cores. They need the shared data and scorers in ../shared next to the repository
(data/polnear-dev, data/cnndm-dev, eval/), or wherever $BRIEFBOT_SHARED points, and skip when they are missing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text(encoding="utf-8"))
SHARED_ENV = "BRIEFBOT_SHARED"
SHARED_FILES = (
    "data/polnear-dev/gold.json",
    "data/cnndm-dev/articles.jsonl",
    "eval/score_experts.py",
    "eval/score_briefings.py",
)
TIMEOUT_S = 1800

pytestmark = [pytest.mark.quality, pytest.mark.slow]


@pytest.fixture(scope="module")
def shared() -> Path:
    folder = Path(os.environ.get(SHARED_ENV) or ROOT.parent / "shared")
    missing = [folder / name for name in SHARED_FILES if not (folder / name).is_file()]
    if missing:
        pytest.skip(f"quality floors not measured: {missing[0]} is missing (set {SHARED_ENV} to the shared folder)")
    return folder


@pytest.fixture
def config(tmp_path) -> Path:
    """The default settings, with the store in the test's folder and the checkout's converted model."""
    path = tmp_path / "config.yaml"
    settings = {
        "storage": {"path": str(tmp_path / "store.sqlite3")},
        "model": {"cache_dir": str(ROOT / ".cache" / "models")},
    }
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return path


def run(*args: str | Path, cwd: Path) -> str:
    """Standard output of `python ARGS` with this checkout's package first on the path, run in `cwd`."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HF_HUB_OFFLINE": "1",
    }
    command = [sys.executable, *map(str, args)]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    assert done.returncode == 0, f"{' '.join(command[1:4])} … failed ({done.returncode}): {done.stderr[-2000:]}"
    return done.stdout


def scored(text: str) -> dict[str, float]:
    """The `name=value` figures a shared scorer prints."""
    return {name: float(value) for name, value in re.findall(r"(\w+)=(\d+(?:\.\d+)?)\b", text)}


def check_floors(measurement: str, figures: dict[str, float], seconds: float) -> None:
    failures = []
    for name, rule in FLOORS[measurement]["figures"].items():
        value = figures[name]
        if "floor" in rule and value < rule["floor"] - rule["tolerance"] - 1e-9:
            failures.append(f"{measurement} {name} {value} is below its floor {rule['floor']} - {rule['tolerance']}")
        if "ceiling" in rule and value > rule["ceiling"] + rule["tolerance"] + 1e-9:
            failures.append(
                f"{measurement} {name} {value} is above its ceiling {rule['ceiling']} + {rule['tolerance']}"
            )
        bound = f"floor {rule['floor']}" if "floor" in rule else f"ceiling {rule['ceiling']}"
        print(f"quality {measurement}: {name} = {value} ({bound} ± {rule['tolerance']})")
    print(f"quality {measurement}: measured in {seconds:.0f} s")
    assert not failures, "; ".join(failures)


def test_who_says_what_keeps_its_floors(shared, config, tmp_path):
    data = shared / "data" / "polnear-dev"
    started = time.perf_counter()
    articles = sorted((data / "text").glob("*.txt"))
    found = run("-m", "bot", "experts", *articles, "--json", "--no-positions", "--config", config, cwd=tmp_path)
    (tmp_path / "experts.jsonl").write_text(found, encoding="utf-8")
    report = run(shared / "eval" / "score_experts.py", data / "gold.json", tmp_path / "experts.jsonl", cwd=tmp_path)
    check_floors("experts", scored(report), time.perf_counter() - started)


def test_briefings_keep_their_floors(shared, config, tmp_path):
    articles = shared / "data" / "cnndm-dev" / "articles.jsonl"
    scorer = shared / "eval" / "score_briefings.py"
    started = time.perf_counter()
    run(scorer, "split", articles, tmp_path / "cnndm", cwd=tmp_path)
    sources = sorted((tmp_path / "cnndm").glob("*.txt"))
    briefed = run("-m", "bot", "brief", *sources, "--json", "--no-experts", "--config", config, cwd=tmp_path)
    (tmp_path / "briefings.jsonl").write_text(briefed, encoding="utf-8")
    report = run(scorer, "score", articles, tmp_path / "briefings.jsonl", cwd=tmp_path)
    check_floors("briefings", scored(report), time.perf_counter() - started)


def test_follow_up_answers_keep_their_floors(shared, config, tmp_path):
    questions = ROOT / "benchmarks" / "questions.jsonl"
    asked = sum(1 for line in questions.read_text(encoding="utf-8").splitlines() if line.strip())
    measured_on = FLOORS["answers"]["questions"]
    assert asked == measured_on, (
        f"benchmarks/questions.jsonl has {asked} questions, the answers floors were measured on {measured_on}: "
        "measure them again and record them in benchmarks/floors.json"
    )
    started = time.perf_counter()
    articles = shared / "data" / "cnndm-dev" / "articles.jsonl"
    polnear = shared / "data" / "polnear-dev" / "text"
    output = run(
        ROOT / "benchmarks" / "ask_benchmark.py",
        *("--json", "--articles", articles, "--polnear", polnear, "--config", config),
        cwd=tmp_path,
    )
    overall = json.loads(output)["overall"]
    figures = {name: overall[name] for name in FLOORS["answers"]["figures"]}
    check_floors("answers", figures, time.perf_counter() - started)
