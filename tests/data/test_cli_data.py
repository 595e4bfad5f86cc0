"""The ``regint data`` commands on a small store built from hand-made observations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from regint.cli import app
from regint.data.schema import make_observations
from regint.data.store import Store

runner = CliRunner()


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    rows = [
        {"region": r, "indicator": "grp_per_capita", "period": "2023", "value": v, "unit": "RUB", "currency": "RUB",
         "source": "user", "status": "official", "file": "VRP_s_1998.xlsx", "location": f"4!Z{i}"}
        for i, (r, v) in enumerate([("RU-SMO", 640810.6), ("RU-PSK", 494039.9), ("RU-BRY", 546442.6)], start=20)
    ]
    rows.append({"region": "BY-VI", "indicator": "wage_nominal", "period": "2015", "value": 5_805_300.0,
                 "unit": "BYR", "currency": "BYR", "source": "user", "status": "official"})
    rows.append({"region": "BY", "indicator": "fx_usd", "period": "2015", "value": 15_000.0,
                 "unit": "BYR per USD", "currency": "BYR", "source": "user", "status": "official"})
    with Store(path, fill_default=False) as st:
        st.import_frame(make_observations(rows), file_name="hand-made", checksum="x", format="tidy")
    return path


def test_show_prints_source_values(store_path: Path) -> None:
    res = runner.invoke(app, ["--store", str(store_path), "data", "show", "grp_per_capita",
                              "--regions", "RU-SMO,RU-PSK,RU-BRY", "--years", "2023"])
    assert res.exit_code == 0, res.output
    for v in ("640810.6", "494039.9", "546442.6"):
        assert v in res.output


def test_show_provenance_and_exports(store_path: Path, tmp_path: Path) -> None:
    csv, xlsx = tmp_path / "o.csv", tmp_path / "o.xlsx"
    res = runner.invoke(app, ["--store", str(store_path), "data", "show", "grp_per_capita", "--provenance",
                              "--regions", "RU-SMO", "--years", "2023", "--all-sources", "--csv", str(csv),
                              "--xlsx", str(xlsx)])
    assert res.exit_code == 0, res.output
    assert "VRP_s_1998.xlsx" in res.output and "4!Z20" in res.output
    # the hand-made value and the shipped Rosstat one (same figure, its real cell)
    assert pd.read_csv(csv)["value"].tolist() == [640810.6, 640810.6]
    assert pd.read_excel(xlsx)["value"].tolist() == [640810.6, 640810.6]
    assert set(pd.read_csv(csv)["source"]) == {"user", "rosstat_vrp"}


def test_show_usd_converts_old_roubles(store_path: Path) -> None:
    res = runner.invoke(app, ["--store", str(store_path), "data", "show", "wage_nominal", "--regions", "BY-VI",
                              "--usd", "--provenance"])
    assert res.exit_code == 0, res.output
    assert "387.02" in res.output  # 5,805,300 BYR / 15,000 BYR per USD
    assert "redenomination" in res.output.replace("\n", " ")


def test_unknown_region_is_a_clear_error(store_path: Path) -> None:
    res = runner.invoke(app, ["--store", str(store_path), "data", "show", "grp", "--regions", "RU-XXX"])
    assert res.exit_code != 0
    assert "unknown region code" in res.output


def test_gaps_writes_heatmap(store_path: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["--store", str(store_path), "data", "gaps", "--years", "2015-2023",
                              "--heatmap", str(tmp_path / "gaps")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "gaps.png").stat().st_size > 1000
    assert (tmp_path / "gaps.svg").exists()
    assert "grp_per_capita" in res.output


def test_russian_messages(store_path: Path) -> None:
    res = runner.invoke(app, ["--store", str(store_path), "--lang", "ru", "data", "show", "unemployment_rate",
                              "--regions", "BY-VI"])  # no Belarusian oblast unemployment in the data
    assert "Нет данных" in res.output


def test_help_for_every_command() -> None:
    for cmd in (["--help"], ["data", "--help"], ["data", "show", "--help"], ["data", "import", "--help"],
                ["data", "gaps", "--help"], ["data", "sources", "--help"], ["data", "list", "--help"]):
        res = runner.invoke(app, cmd)
        assert res.exit_code == 0, (cmd, res.output)
        assert "Usage" in res.output
