#!/usr/bin/env python3
"""Checks two rules of the code layout that a linter does not: no module in bot/ over 400 lines, no import cycle.

    python scripts/check_layout.py          # prints each problem on one line; exit status 1 if there is one

An import is any `import` statement in a module, at the top, inside a function or under TYPE_CHECKING: each is
a dependency a reader has to follow, so a cycle through any of them is a cycle. Only modules of bot/ count.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_LINES = 400
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "bot"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def find_modules(root: Path) -> dict[str, Path]:
    """Every module of the package under `root`, by dotted name."""
    return {module_name(path, root): path for path in sorted((root / PACKAGE).rglob("*.py"))}


def imported_names(tree: ast.AST, name: str, is_package: bool) -> set[str]:
    """The dotted names a module's import statements name (for `from a import b`: both `a.b` and `a`)."""
    here = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, here)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _absolute(node: ast.ImportFrom, here: str) -> str:
    if not node.level:
        return node.module or ""
    parts = here.split(".")
    parent = ".".join(parts[: len(parts) - node.level + 1])
    return f"{parent}.{node.module}" if node.module else parent


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of bot/ it imports (a `from package import module` counts as the module)."""
    graph = {}
    for name, path in modules.items():
        names = imported_names(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
        submodules = {n for n in names if n in modules and n.rpartition(".")[0] in names}
        graph[name] = {n for n in names if n in modules and n != name} - {n.rpartition(".")[0] for n in submodules}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per group of modules that import each other (strongly connected components, Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def problems(root: Path = ROOT) -> list[str]:
    modules = find_modules(root)
    found = []
    for path in modules.values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(root)}: {lines} lines (at most {MAX_LINES})")
    for cycle in find_cycles(import_graph(modules)):
        found.append(f"import cycle: {' <-> '.join(cycle)}")
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(problem)
    if not found:
        print(f"layout ok: no module in {PACKAGE}/ over {MAX_LINES} lines, no import cycle")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
