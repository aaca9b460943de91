"""End to end with the embedded SmolLM2 model: the real conversion, loading, generation and verification."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "harbour-bridge.txt"


@pytest.mark.slow
def test_brief_on_the_embedded_model(tmp_path):
    config = tmp_path / "config.yaml"
    # The converted model is cached in the checkout's own cache folder, shared with the quick start.
    config.write_text(yaml.safe_dump({"model": {"cache_dir": str(ROOT / ".cache" / "models")}}))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "brief", str(SAMPLE), "--json", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    article = SAMPLE.read_text()
    sentences = re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", result["briefing"])
    assert 1 <= len(sentences) <= 3
    for number in re.findall(r"\d[\d,.]*\d|\d", result["briefing"]):
        assert number in article
    names = {expert["name"] for expert in result["experts"]}
    assert {"Ana Ruiz", "Helen Okafor", "Tom Becker", "Priya Nair"} <= names
    assert "Mark Ellis" not in names
    for expert in result["experts"]:
        assert expert["position"]
        for evidence in expert["evidence"]:
            assert evidence in article
