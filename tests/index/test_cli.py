"""``regint index build`` end to end on the hand-made frame (the data layer is replaced by a stub)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from regint.cli.index import index_build_command


@pytest.fixture()
def stub_loader(monkeypatch: pytest.MonkeyPatch, handmade_panel):
    module = types.ModuleType("regint.data.api")
    module.load_panel = lambda indicators=None, regions=None: handmade_panel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "regint.data.api", module)
    return module


def test_index_build_writes_tables_and_charts(stub_loader, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(index_build_command)
    result = CliRunner().invoke(app, ["--uncertainty", "200", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("scores.csv", "ranks.csv", "dimension_scores.csv", "intervals.csv", "sensitivity.csv",
                 "index.xlsx", "index_over_time.png", "index_over_time.svg", "dimension_profile.png",
                 "dimension_profile.svg"):
        assert (tmp_path / name).stat().st_size > 0, name


def test_index_build_reports_bad_framework(stub_loader, tmp_path: Path) -> None:
    bad = tmp_path / "fw.csv"
    bad.write_text("code,parent,weight\nI,,1\nx,Q,1\n", encoding="utf-8")
    app = typer.Typer()
    app.command()(index_build_command)
    result = CliRunner().invoke(app, ["--framework", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "unknown parent 'Q'" in result.output
