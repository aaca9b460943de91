"""The layout rules CI keeps (scripts/check_layout.py): no module in bot/ over 400 lines, no import cycle."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("check_layout", ROOT / "scripts" / "check_layout.py")
check_layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_layout)


def test_bot_keeps_the_layout_rules():
    assert check_layout.problems(ROOT) == []


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "bot" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_through_any_import_is_found_and_named(tmp_path):
    root = write_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from bot.b import thing\n",
            "b.py": "def thing():\n    from bot import c\n",
            "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import X\n",
            "d.py": "import bot.a\n",
        },
    )
    assert check_layout.problems(root) == ["import cycle: bot.a <-> bot.b <-> bot.c"]


def test_a_long_module_is_named_with_its_length(tmp_path):
    root = write_package(tmp_path, {"__init__.py": "", "long.py": "x = 1\n" * 401, "ok.py": "x = 1\n" * 400})
    assert check_layout.problems(root) == ["bot/long.py: 401 lines (at most 400)"]


def test_importing_a_sibling_through_the_package_is_no_cycle_with_the_package(tmp_path):
    root = write_package(
        tmp_path,
        {
            "__init__.py": "",
            "llm/__init__.py": "from bot.llm.engine import Engine\n",
            "llm/engine.py": "from bot.llm import tone\n",
            "llm/tone.py": "",
        },
    )
    assert check_layout.problems(root) == []
