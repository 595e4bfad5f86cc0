"""The `io` command on the real Rosstat 2021 table: outputs written, assumptions printed next to the tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from regint.cli.io import io_command, read_structure
from regint.errors import LoaderError


def test_io_command_writes_everything(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "io"
    structure = tmp_path / "smo.csv"
    # An illustrative structure (not official figures): agriculture and manufacturing over-represented.
    rows = {s: 4.0 for s in "ABCDEFGHIJKLMNOPQRST"}
    rows.update({"A": 9.0, "C": 25.0, "B": 0.5})
    pd.Series(rows, name="share").rename_axis("activity").to_csv(structure)
    io_command(out=out, structure=structure, region_share=0.0036, delta=0.3)
    text = capsys.readouterr().out
    assert "RU-SMO: multipliers and linkages" in text
    assert "BY-VI: no Belarusian input-output table given" in text
    for name in ("multipliers.csv", "impact.csv", "delta_sensitivity.csv", "io_results.xlsx",
                 "linkages_RU-SMO.png", "linkages_RU-SMO.svg", "assumptions.txt"):
        assert (out / name).stat().st_size > 0
    mult = pd.read_csv(out / "multipliers.csv")
    assert set(mult["model"]) == {"national_RU", "RU-SMO", "BY-VI"}
    assert "Flegg's δ = 0.3" in (out / "assumptions.txt").read_text(encoding="utf-8")


def test_io_command_registers_with_typer(shared: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("io")(io_command)
    app.command("noop")(lambda: None)
    res = CliRunner().invoke(app, ["io", "--out", str(tmp_path / "o"), "--region-share", "0.0036", "--delta", "0.2"])
    assert res.exit_code == 0, res.output
    assert "λ* =" in res.output


def test_structure_file_errors(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("section,value\nA,1\n", encoding="utf-8")
    with pytest.raises(LoaderError, match="s.csv, row 1: the header must be 'activity,share'"):
        read_structure(p)
