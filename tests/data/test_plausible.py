"""Implausible values warn (period after the current year, out of the plausible range, a unit that is not the
catalog's), land with the warning in the import log, and ``--strict`` refuses them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from regint.cli import app
from regint.data.plausible import implausible, plausible_ranges, unit_matches
from regint.data.schema import make_observations
from regint.data.store import Store
from regint.errors import DataError

HEADER = "region;indicator;period;value;unit;currency;source;status\n"


def _frame(rows: list[tuple[str, str, str, float, str, str]]) -> pd.DataFrame:
    return make_observations([{"region": r, "indicator": i, "period": p, "value": v, "unit": u, "currency": c,
                               "source": "user", "status": "official"} for r, i, p, v, u, c in rows])


def test_the_issue_examples_warn() -> None:
    obs = _frame([("RU-SMO", "population", "2020", 910.0, "persons", ""),
                  ("RU-SMO", "wage_nominal", "2020", 5.0, "RUB per month", "RUB"),
                  ("RU-SMO", "wage_nominal", "2030", 90000.0, "RUB per month", "RUB"),
                  ("RU-SMO", "wage_nominal", "2021", 40000.0, "RUB per month", "RUB")])
    warnings = implausible(obs, today=date(2026, 12, 2))
    text = "\n".join(warnings)
    assert "row 1: RU-SMO population 2020 = 910 persons is outside the plausible range 1000–1e+10" in text
    assert "row 2: RU-SMO wage_nominal 2020 = 5 RUB per month is outside the plausible range 300–2e+06" in text
    assert "row 3: RU-SMO wage_nominal period 2030 is after the current year 2026" in text
    assert len(warnings) == 3  # the 2021 wage of 40 000 roubles is plausible


def test_unit_not_the_catalogs() -> None:
    obs = _frame([("RU-SMO", "population", "2020", 949.3, "thous. persons", "")])
    assert implausible(obs) == ["population: unit 'thous. persons' in 1 row(s) is not the catalog's 'persons' "
                                "(convert it, or check that the column holds this indicator)"]
    assert unit_matches("mln RUB", "RUB", "mln national currency")
    assert unit_matches("BYN per month", "", "national currency per month")
    assert not unit_matches("thous. RUB", "RUB", "mln national currency")


def test_ranges_catalog_is_consistent() -> None:
    from regint.data.catalogs import indicators

    ranges = plausible_ranges()
    assert (ranges["low"] < ranges["high"]).all() and ranges["basis"].str.len().gt(10).all()
    assert set(ranges["indicator"]) <= set(indicators()["code"])
    assert not ranges.duplicated(["indicator", "unit", "currency"]).any()
    # every range admits the shipped official figures of its indicator, unit and currency
    shipped = pd.read_parquet(Path(__file__).parents[2] / "src/regint/data/shipped/observations.parquet")
    merged = shipped.merge(ranges, on=["indicator", "unit"])
    merged = merged[(merged["currency_y"] == "") | (merged["currency_x"] == merged["currency_y"])]
    assert not any("outside the plausible range" in w for w in implausible(merged.rename(
        columns={"currency_x": "currency"})[shipped.columns].reset_index(drop=True)))


def test_warnings_land_in_the_import_log_and_strict_refuses(tmp_path: Path) -> None:
    obs = _frame([("RU-SMO", "wage_nominal", "2031", 5.0, "RUB per month", "RUB")])
    with Store(tmp_path / "p.duckdb", fill_default=False) as st:
        with pytest.raises(DataError, match=r"(?s)refused by --strict, 2 warning\(s\).*Nothing was imported"):
            st.import_frame(obs, file_name="w.csv", checksum="w", format="tidy", strict=True)
        assert st.n_imports() == 0
        report = st.import_frame(obs, file_name="w.csv", checksum="w", format="tidy")
        assert report.status == "imported" and len(report.warnings) == 2
        log = st.imports().iloc[0]
        assert log["n_warnings"] == 2 and "after the current year" in log["warnings"]


def test_cli_import_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "cli.duckdb"
    Store(store, fill_default=False).close()
    csv = tmp_path / "wage2030.csv"
    csv.write_text(HEADER + "RU-SMO;wage_nominal;2030;95000;RUB per month;RUB;user;official\n", encoding="utf-8")
    res = runner.invoke(app, ["--store", str(store), "data", "import", "--strict", str(csv)])
    assert res.exit_code == 2 and "refused by --strict" in res.output
    res = runner.invoke(app, ["--store", str(store), "data", "import", str(csv)])
    assert res.exit_code == 0 and "after the current year" in res.output
    res = runner.invoke(app, ["--store", str(store), "data", "list", "--imports"])
    assert res.exit_code == 0 and "wage2030.csv" in res.output
