"""The `io` command on the shipped Rosstat 2021 table (no ../shared needed): outputs written, assumptions printed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from regint.cli.io import io_command, read_structure
from regint.errors import DataError, LoaderError


@pytest.fixture(autouse=True)
def _no_shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The command runs on what the package ships: REGINT_SHARED names a folder that does not exist."""
    monkeypatch.setenv("REGINT_SHARED", str(tmp_path / "absent"))


def test_io_command_writes_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_io_command_registers_with_typer(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("io")(io_command)
    app.command("noop")(lambda: None)
    res = CliRunner().invoke(app, ["io", "--out", str(tmp_path / "o"), "--region-share", "0.0036", "--delta", "0.2"])
    assert res.exit_code == 0, res.output
    assert "λ* =" in res.output


def test_old_tables_need_a_concordance_of_their_own(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"The 2016 table uses ОКПД \(2007\) codes.*The 2011 and 2016 tables ship for "
                                        r"users with a concordance of their own"):
        io_command(out=tmp_path / "o", year=2016)
    with pytest.raises(DataError, match=r"no shipped input-output table for 2020 \(domestic\); available: 2011 total"):
        io_command(out=tmp_path / "o", year=2020)


def test_structure_file_errors(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("section,value\nA,1\n", encoding="utf-8")
    with pytest.raises(LoaderError, match="s.csv, row 1: the header must be 'activity,share'"):
        read_structure(p)


def _obs(region: str, indicator: str, value: float, unit: str = "mln RUB", period: str = "2021") -> dict:
    return {"region": region, "indicator": indicator, "period": period, "value": value, "unit": unit,
            "location": f"{indicator}!{region}"}


def test_proxy_structure_by_hand() -> None:
    from regint.cli.io import proxy_structure
    from regint.models.inputoutput import IOTable

    lab = ["A", "G", "H"]
    Z = pd.DataFrame([[10.0, 5, 5], [10, 20, 10], [5, 10, 20]], index=lab, columns=lab)
    table = IOTable(Z, pd.Series([100.0, 200, 100], index=lab), value_added=pd.Series([80.0, 160, 65], index=lab))
    panel = pd.DataFrame([
        _obs("RU-SMO", "agri_output", 6.0), _obs("RU", "agri_output", 200.0),
        _obs("RU-SMO", "retail_turnover", 3.0), _obs("RU", "retail_turnover", 0.2, unit="bln RUB"),
        _obs("RU-SMO", "wholesale_turnover", 1.0), _obs("RU", "wholesale_turnover", 300.0),
        _obs("RU-SMO", "grp", 40.0, period="2020"), _obs("RU", "grp", 10000.0, period="2020"),
    ])
    frame, text = proxy_structure(panel, "RU-SMO", 2021, table)
    # A: 6/200 = 3 %; G: (3 + 1) / (200 + 300) = 0.8 % (the Russian retail row in bln RUB); H: GRP 40/10000 = 0.4 %
    assert frame["region_share"].tolist() == pytest.approx([0.03, 0.008, 0.004])
    assert frame["measured"].tolist() == [True, True, False]
    assert frame["structure"].sum() == pytest.approx(1.0)
    joined = " ".join(text)
    assert "sections WITHOUT a regional proxy — H — are ASSUMED to have the region's share of Russian GRP, 0.400%" in joined
    assert "(grp 2020" in joined and "A 3.000% (agri_output 2021" in joined
    assert "retail_turnover+wholesale_turnover 2021" in joined
    assert proxy_structure(panel[panel.indicator != "grp"], "RU-SMO", 2021, table) is None


def test_io_command_uses_the_proxies_of_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REGINT_STORE", str(tmp_path / "store.duckdb"))  # filled from the shipped dataset
    io_command(out=tmp_path / "io", region="RU-SMO")
    text = (tmp_path / "io" / "assumptions.txt").read_text(encoding="utf-8")
    assert "sections measured by a regional proxy: A, B, C, D, E, F, G (2021)" in text
    assert "— H, I, J, K, L, M, N, O, P, Q, R, S, T — are ASSUMED to have the region's share of Russian GRP" in text
    assert "C 0.468% (shipments_C 2021" in text  # 294762 / 62978104 (12.2.4.!F22 / F8)
    assert "national structure is assumed" not in text.split("BY-VI")[0]
