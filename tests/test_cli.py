"""The command line: JSON Lines, readable text, and one-line errors with a non-zero exit."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "harbour-bridge.txt"


@pytest.fixture
def config(tmp_path, tiny_model_dir) -> str:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"model": {"name": str(tiny_model_dir), "threads": 1}}))
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_read_prints_one_json_object_per_source(capsys, config):
    code, out, _err = run(capsys, "read", str(SAMPLE), "--json", "--config", config)
    assert code == 0
    (line,) = out.splitlines()
    obj = json.loads(line)
    assert obj["input"] == str(SAMPLE)
    assert obj["source"]["title"] == "Riverton Council Approves $48 Million Harbour Bridge"
    assert set(obj["source"]) == {"id", "url", "title", "site", "author", "published", "words"}
    assert "voted 7 to 2" in obj["text"]


def test_a_missing_file_is_one_line_naming_it_and_the_others_go_on(capsys, config):
    code, out, err = run(capsys, "read", "nope.txt", str(SAMPLE), "--json", "--config", config)
    assert code == 1
    assert err.strip().splitlines() == ["briefbot: nope.txt: no such file"]
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {"input": "nope.txt", "error": "nope.txt: no such file"}
    assert lines[1]["input"] == str(SAMPLE)


def test_an_unsupported_file_type_is_refused(capsys, config, tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    code, _out, err = run(capsys, "read", str(path), "--config", config)
    assert code == 1
    assert "unsupported file type" in err
    assert "Traceback" not in err


def test_a_bad_config_is_one_line_and_exit_2(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("briefing:\n  length: 99\n")
    code, _out, err = run(capsys, "read", str(SAMPLE), "--config", str(path))
    assert code == 2
    assert err.count("\n") == 1 and "'briefing.length' must be from 1 to 10" in err


def test_standard_input_is_a_source(capsys, config, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.read_bytes())))
    code, out, _err = run(capsys, "read", "-", "--json", "--config", config)
    assert code == 0
    assert json.loads(out)["input"] == "-"


def test_sources_lists_what_was_read(capsys, config):
    run(capsys, "read", str(SAMPLE), "--config", config)
    code, out, _err = run(capsys, "sources", "--json", "--config", config)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 1
    assert rows[0]["title"].startswith("Riverton Council")


def test_brief_with_a_model_gives_the_contract_keys(capsys, config):
    code, out, err = run(capsys, "brief", str(SAMPLE), "--json", "--no-experts", "--length", "2", "--config", config)
    assert code == 0, err
    obj = json.loads(out)
    assert set(obj) == {"input", "source", "briefing", "warnings"}
    assert obj["briefing"]
    assert obj["warnings"] == []


def test_readable_output_shows_title_and_briefing(capsys, config):
    code, out, _err = run(capsys, "brief", str(SAMPLE), "--no-experts", "--config", config)
    assert code == 0
    assert out.startswith("Riverton Council Approves $48 Million Harbour Bridge\n")
    assert "\nBriefing\n" in out


def test_python_dash_m_bot_runs_without_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "read", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"briefbot: {tmp_path / 'missing.txt'}: no such file"


def test_bench_reports_the_contract_figures_on_the_model(capsys, config):
    code, out, _err = run(capsys, "bench", str(SAMPLE), "--json", "--runs", "1", "--config", config)
    assert code == 0
    result = json.loads(out)
    assert {"load_s", "prefill_tok_s", "decode_tok_s", "full_job_s", "peak_rss_mb", "model", "words"} <= set(result)
    assert result["words"] == 287
    assert result["prefill_tok_s"] > 0 and result["decode_tok_s"] > 0 and result["full_job_s"] > 0
    assert result["peak_rss_mb"] > 0
    assert set(result["phases"]) == {"parse_s", "attribution_s", "briefing_s", "positions_s", "embeddings_s"}
    assert all(seconds >= 0 for seconds in result["phases"].values())
    assert {"import_torch_s", "weights_s", "spacy_s", "embedding_model_s"} <= set(result["load_parts"])
    assert result["cpu"]["model_name"] and isinstance(result["cpu"]["avx2"], bool)
    assert result["generation"]["new_tokens_per_job"] > 0


def test_bench_refuses_zero_runs_in_one_line(capsys, config):
    code, _out, err = run(capsys, "bench", "--runs", "0", "--config", config)
    assert code == 1
    assert err.strip().splitlines() == ["briefbot: --runs must be at least 1"]


def test_every_subcommand_has_a_handler():
    from bot.cli import COMMANDS, build_parser

    (subparsers,) = [a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction"]
    assert set(subparsers.choices) == set(COMMANDS)


def test_readable_output_carries_no_control_characters_but_json_keeps_the_text(capsys, config, tmp_path):
    path = tmp_path / "escapes.txt"
    path.write_text("Council \x1b]0;owned\x07votes \x1b[2Jon the bridge.\n\nThe mayor said it opens in 2027.\n")
    code, out, _err = run(capsys, "read", str(path), "--config", config)
    assert code == 0
    assert "Council ]0;ownedvotes [2Jon the bridge.\n\nThe mayor said it opens in 2027." in out
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    code, out, _err = run(capsys, "read", str(path), "--json", "--config", config)
    assert json.loads(out)["text"].startswith("Council \x1b]0;owned\x07votes \x1b[2J")


def test_a_source_with_a_newline_is_named_once_in_one_line(capsys, config):
    code, out, err = run(capsys, "read", "gone\nmissing.txt", "--json", "--config", config)
    assert code == 1
    assert err == "briefbot: gone missing.txt: no such file\n"
    assert json.loads(out) == {"input": "gone\nmissing.txt", "error": "gone missing.txt: no such file"}


def test_an_internal_error_is_one_line_without_the_exception_class(capsys, config, monkeypatch):
    from bot.service import Briefer

    async def broken(self, source):
        raise ValueError("line one\nline two")

    monkeypatch.setattr(Briefer, "read", broken)
    code, _out, err = run(capsys, "read", str(SAMPLE), "--config", config)
    assert code == 1
    assert err == f"briefbot: {SAMPLE}: internal error: line one line two (rerun with --debug)\n"


def test_a_text_without_sentence_ends_is_briefed_in_pieces_the_window_takes(capsys, tiny_model_dir, tmp_path):
    config = tmp_path / "long.yaml"
    settings = {"model": {"name": str(tiny_model_dir), "threads": 1}, "limits": {"max_source_chars": 30000}}
    config.write_text(yaml.safe_dump(settings))
    path = tmp_path / "no-stops.txt"
    path.write_text(" ".join(["word"] * 20_000))  # 100,000 characters and not one full stop
    code, out, err = run(capsys, "brief", str(path), "--json", "--no-experts", "--config", str(config))
    assert code == 0, err
    result = json.loads(out)
    assert result["briefing"]
    assert result["warnings"][0].startswith("the text is 99,999 characters long: only its first ")
