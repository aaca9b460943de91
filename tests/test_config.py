"""config.yaml: every key documented, defaults equal to the code's, and clear one-line errors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from bot.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_repository_config_holds_the_defaults(tmp_path):
    from_file = load_settings(ROOT / "config.yaml")
    defaults = load_settings(_empty_file(tmp_path))
    for section in ("briefing", "experts", "limits", "fetch"):
        assert getattr(from_file, section) == getattr(defaults, section)
    assert from_file.model.name == "embedded"


def _empty_file(folder: Path) -> Path:
    path = folder / "empty-config.yaml"
    path.write_text("{}\n")
    return path


def test_every_setting_appears_in_config_yaml_with_a_comment_above_it():
    lines = (ROOT / "config.yaml").read_text().splitlines()
    raw = yaml.safe_load("\n".join(lines))
    for section in dataclasses.fields(Settings):
        if section.name == "source":
            continue
        assert section.name in raw, f"section {section.name} missing from config.yaml"
        for f in dataclasses.fields(section.type if isinstance(section.type, type) else section.default_factory):
            assert f.name in raw[section.name], f"{section.name}.{f.name} missing from config.yaml"
    for i, line in enumerate(lines):
        if re.match(r"^\s+\w+:", line):
            assert lines[i - 1].strip().startswith("#"), f"config.yaml line {i + 1} has no comment: {line}"


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"briefing": {"lenght": 3}}, "unknown key 'briefing.lenght'"),
        ({"colour": "blue"}, "unknown key 'colour'"),
        ({"briefing": {"length": 0}}, "'briefing.length' must be from 1 to 10"),
        ({"briefing": {"length": "three"}}, "'briefing.length' must be a whole number"),
        ({"briefing": {"tone": ""}}, "'briefing.tone' must be a non-empty text"),
        ({"model": {"quantize": "int4"}}, "'model.quantize' must be one of none, int8"),
        ({"experts": {"include_organizations": "yes"}}, "'experts.include_organizations' must be true or false"),
        ({"fetch": {"allowed_ports": 443}}, "'fetch.allowed_ports' must be a list"),
        ({"briefing": 3}, "'briefing' must be a section of keys (allowed: length, tone)"),
        ({"model": {"nmae": "x"}}, "unknown key 'model.nmae' (allowed here: name, threads, cache_dir, quantize, "),
        ({"briefing": {1: 2}}, "unknown key 'briefing.1' (allowed here: length, tone)"),
        ({"briefing": {"length": "x"}}, "'briefing.length' must be a whole number from 1 to 10, not 'x'"),
        ({"briefing": {"length": True}}, "'briefing.length' must be a whole number from 1 to 10, not True"),
        ({"briefing": {"tone": "x" * 201}}, "'briefing.tone' is too long (at most 200 characters)"),
        ({"discord": {"max_queue": 0}}, "'discord.max_queue' must be at least 1, not 0"),
        ({"limits": {"connect_timeout_s": "soon"}}, "'limits.connect_timeout_s' must be a number from 0.1 to 120"),
        ({"fetch": {"allowed_ports": [80, "x"]}}, "'fetch.allowed_ports[1]' must be a whole number from 1 to 65535"),
        ({"fetch": {"allowed_ports": [0]}}, "'fetch.allowed_ports[0]' must be from 1 to 65535, not 0"),
        ({"storage": {"path": ""}}, "'storage.path' must be a path (the SQLite file holding"),
        ({"model": {"threads": "many"}}, "'model.threads' must be auto or a whole number from 0 to 256, not 'many'"),
        ({"model": {"threads": 2.5}}, "'model.threads' must be auto or a whole number from 0 to 256, not 2.5"),
        ({"model": {"threads": -1}}, "'model.threads' must be auto or a whole number from 0 to 256, not -1"),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed(write_config, sections, message):
    with pytest.raises(ConfigError) as error:
        write_config(sections)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_free_text_tone_and_named_tones_are_accepted(write_config):
    assert write_config({"briefing": {"tone": "like a sports commentator"}}).briefing.tone == (
        "like a sports commentator"
    )
    assert write_config({"briefing": {"tone": "casual", "length": 2}}).briefing.length == 2


def test_relative_paths_are_relative_to_the_config_file(write_config, tmp_path):
    settings = write_config({"storage": {"path": "store/b.sqlite3"}, "model": {"cache_dir": "cache"}})
    assert settings.storage.path == tmp_path / "store" / "b.sqlite3"
    assert settings.model.cache_dir == tmp_path / "cache"


def test_default_paths_and_empty_sections_are_relative_to_the_config_file_too(write_config, tmp_path):
    settings = write_config({"storage": None, "briefing": {"length": 2}})
    assert settings.storage.path == tmp_path / "data" / "briefbot.sqlite3"
    assert settings.model.cache_dir == tmp_path / ".cache" / "models"


def test_settings_are_frozen_and_text_is_stripped(write_config):
    settings = write_config({"briefing": {"tone": "  casual  "}})
    assert settings.briefing.tone == "casual"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.briefing.length = 5  # type: ignore[misc]


def test_environment_variable_chooses_the_file(tmp_path, monkeypatch):
    path = tmp_path / "other.yaml"
    path.write_text("briefing:\n  length: 5\n")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(path))
    assert load_settings().briefing.length == 5
    assert load_settings(_empty_file(tmp_path)).briefing.length == 3  # --config wins over the environment


def test_missing_and_malformed_files_are_one_line_errors(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("briefing: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(broken)


def test_overrides_are_validated_like_the_file(write_config):
    settings = write_config({})
    assert settings.replace("briefing", length=4).briefing.length == 4
    with pytest.raises(ConfigError, match=r"'briefing\.length' must be from 1 to 10"):
        settings.replace("briefing", length=40)


def test_a_storage_url_that_is_not_postgresql_is_one_line_that_does_not_echo_it(write_config):
    with pytest.raises(ConfigError) as error:
        write_config({"storage": {"url": "mysql://bot:s3cret@db/briefbot"}})
    assert str(error.value).endswith(
        "'storage.url' must be a PostgreSQL URL: postgresql://USER@HOST:PORT/DATABASE"
    )
    assert "s3cret" not in str(error.value)


def test_an_empty_storage_url_keeps_the_sqlite_file(write_config, tmp_path):
    settings = write_config({"storage": {"url": None, "path": "b.sqlite3"}})
    assert (settings.storage.url, settings.storage.path) == (None, tmp_path / "b.sqlite3")
