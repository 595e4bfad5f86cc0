"""The architecture of DESIGN.md holds: the import-linter contracts of pyproject.toml, and no import cycle.

``lint-imports`` runs the contracts in CI too (scripts/test.sh); this test also rejects cycles between modules,
which the layer contracts allow inside one layer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

grimp = pytest.importorskip("grimp", reason="import-linter (grimp) is not installed")


def test_import_contracts_are_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.skip("lint-imports is not installed beside this Python")
    run = subprocess.run([str(exe), "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=ROOT / "src",
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-4000:]


def _source_lines(module: str) -> list[str]:
    base = ROOT / "src" / Path(*module.split("."))
    path = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
    return path.read_text(encoding="utf-8").splitlines()


def _top_level_only(graph, module: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Modules that ``module`` imports when it is imported (not inside a function; TYPE_CHECKING excluded by
    the graph)."""
    lines = _source_lines(module)
    out = set()
    for imported in graph.find_modules_directly_imported_by(module):
        details = graph.get_import_details(importer=module, imported=imported)
        if any(not lines[d["line_number"] - 1].startswith((" ", "\t")) for d in details):
            out.add(imported)
    return out


def test_no_import_cycle_between_modules() -> None:
    graph = grimp.build_graph("regint", exclude_type_checking_imports=True)
    modules = sorted(graph.modules)
    edges = {m: _top_level_only(graph, m) for m in modules}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m: str, path: list[str]) -> bool:
        state[m] = 1
        for n in sorted(edges.get(m, ())):
            if n.startswith(m + ".") or m.startswith(n + "."):
                continue  # a package and its own modules
            if state.get(n) == 1:
                cycle.extend(path[path.index(n):] + [n] if n in path else [m, n])
                return True
            if state.get(n) is None and visit(n, [*path, n]):
                return True
        state[m] = 2
        return False

    for m in modules:
        if state.get(m) is None and visit(m, [m]):
            break
    assert not cycle, " → ".join(cycle)
