"""The shipped dataset: it is exactly what the sources give, its cross-checks hold, and a new store fills from it.

The build re-runs from ``../shared/data/sources`` (skipped where absent) and must reproduce the shipped Parquet
file value for value.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from regint.data.build import build_default
from regint.data.schema import KEY
from regint.data.store import Store, shipped_dataset_path
from regint.models.inputoutput.shipped import build_io


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return pd.read_parquet(shipped_dataset_path())


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    out = tmp_path_factory.mktemp("build")
    build_default(shared, out, io_builder=build_io)
    return out


def _value(frame: pd.DataFrame, region: str, indicator: str, period: str, source: str | None = None) -> float:
    sel = (frame.region == region) & (frame.indicator == indicator) & (frame.period == period)
    if source:
        sel &= frame.source == source
    vals = frame.loc[sel, "value"]
    assert len(vals) >= 1, (region, indicator, period, source)
    return float(vals.iloc[0])


def test_shipped_file_is_exactly_what_the_sources_give(shipped: pd.DataFrame, rebuilt: Path) -> None:
    again = pd.read_parquet(rebuilt / "observations.parquet")
    pd.testing.assert_frame_equal(shipped.reset_index(drop=True), again.reset_index(drop=True))
    for name in ("world_distances", "world_trade2009"):
        pd.testing.assert_frame_equal(pd.read_parquet(shipped_dataset_path().with_name(f"{name}.parquet")),
                                      pd.read_parquet(rebuilt / f"{name}.parquet"))


def test_shipped_io_tables_are_exactly_what_the_workbooks_give(rebuilt: Path) -> None:
    # the Rosstat symmetric tables 2011, 2016, 2021 (total and domestic) in the generic CSV format, and the
    # manifest: byte-identical after a rebuild from ../shared/data/sources/rosstat_io
    shipped_io = shipped_dataset_path().with_name("io")
    names = sorted(p.name for p in shipped_io.glob("*.csv"))
    assert names == sorted(p.name for p in (rebuilt / "io").glob("*.csv"))
    assert names == ["rosstat_2011_domestic.csv", "rosstat_2011_total.csv", "rosstat_2016_domestic.csv",
                     "rosstat_2016_total.csv", "rosstat_2021_domestic.csv", "rosstat_2021_total.csv", "tables.csv"]
    for name in names:
        assert (shipped_io / name).read_bytes() == (rebuilt / "io" / name).read_bytes(), name
    assert sum((shipped_io / n).stat().st_size for n in names) < 1_000_000  # ~0.4 MB in all


def test_issue_figures(shipped: pd.DataFrame) -> None:
    # Rosstat VRP_s_1998.xlsx sheet 4 (GRP per capita 2023) and Belstat via stranoved data.json (exports 2005)
    assert _value(shipped, "RU-SMO", "grp_per_capita", "2023", "rosstat_vrp") == 640810.6
    assert _value(shipped, "RU-PSK", "grp_per_capita", "2023", "rosstat_vrp") == 494039.9
    assert _value(shipped, "RU-BRY", "grp_per_capita", "2023", "rosstat_vrp") == 546442.6
    assert _value(shipped, "BY-VI", "exports_usd", "2005", "belstat_stranoved") == 2008.3


def test_required_indicators_present(shipped: pd.DataFrame) -> None:
    required = {"population", "grp", "grp_per_capita", "grp_volume_index", "cpi", "wage_nominal",
                "unemployment_rate", "investment_fixed", "retail_turnover", "exports_usd", "imports_usd",
                "exports_cis_usd", "imports_cis_usd", "enterprises", "freight", "industrial_production_index",
                "fx_usd", "ppp"}
    assert required <= set(shipped["indicator"])
    assert {"RU-SMO", "RU-PSK", "RU-BRY", "BY-VI", "BY-MA", "BY-HO", "BY-MI", "BY-HM", "RU", "BY"} <= set(
        shipped["region"])
    press = shipped.loc[shipped.source.str.startswith("press"), "status"]
    assert set(press) == {"secondary", "rejected"} and (press == "rejected").sum() == 1  # P24, see below


def test_cross_check_cpi_806_against_regional_file(shipped: pd.DataFrame) -> None:
    # Rosstat 806 monitoring (Dec/Dec, one decimal) 114.2 vs the regional CPI file 114.15 for Smolensk 2014
    a = _value(shipped, "RU-SMO", "cpi", "2014", "rosstat806")
    b = _value(shipped, "RU-SMO", "cpi", "2014", "rosstat_cpi")
    assert (a, b) == (114.2, 114.15)
    assert abs(a - b) <= 0.051


def test_cross_check_exports_equal_cis_plus_far(shipped: pd.DataFrame) -> None:
    for year in range(2009, 2015):  # the January-2016 issue has 2015 only to September
        total = _value(shipped, "RU-SMO", "exports_usd", str(year), "rosstat806")
        cis = _value(shipped, "RU-SMO", "exports_cis_usd", str(year), "rosstat806")
        far = _value(shipped, "RU-SMO", "exports_far_usd", str(year), "rosstat806")
        assert total == pytest.approx(cis + far, abs=0.15), year


def test_cross_check_population_implied_by_grp(shipped: pd.DataFrame) -> None:
    for year in range(2012, 2023):
        grp = _value(shipped, "RU-SMO", "grp", str(year), "rosstat_vrp")
        pc = _value(shipped, "RU-SMO", "grp_per_capita", str(year), "rosstat_vrp")
        p0 = _value(shipped, "RU-SMO", "population_jan1", str(year), "rosstat_population")
        p1 = _value(shipped, "RU-SMO", "population_jan1", str(year + 1), "rosstat_population")
        assert grp * 1e3 / pc == pytest.approx((p0 + p1) / 2, rel=0.02), year


def test_cross_check_fx_against_world_bank(shipped: pd.DataFrame) -> None:
    # Bank of Russia daily rates (calendar-day mean) vs World Bank PA.NUS.FCRF (mean of monthly means)
    diffs = {}
    for year in range(1999, 2013):
        cbr = _value(shipped, "RU", "fx_usd", str(year), "cbr_fx")
        wdi = _value(shipped, "RU", "fx_usd", str(year), "wdi_2013")
        diffs[year] = cbr / wdi - 1
    assert all(abs(d) <= 0.005 for y, d in diffs.items() if y != 2012), diffs
    # 2012: the Dec-2013 WDI vintage prints 30.84 while the daily rates give 31.09 (+0.8 %): flagged, kept
    flagged = shipped[(shipped.region == "RU") & (shipped.indicator == "fx_usd") & (shipped.period == "2012")
                      & (shipped.source == "cbr_fx")]
    assert flagged["note"].str.contains("CHECK FAILED").all()


def test_doubtful_press_values_are_flagged_not_dropped(shipped: pd.DataFrame) -> None:
    press = shipped[shipped.source == "press_facts2"]
    p24 = press[press.location == "P24"]
    # P24 (Vitebsk GRP 2019, 6,080.4 mln BYN) is contradicted by Belstat's GRP per capita: rejected, with the
    # reason first and the loader's flag kept after it
    assert len(p24) == 1 and p24["status"].iloc[0] == "rejected"
    assert p24["note"].iloc[0].startswith("REJECTED: contradicted by belstat_dataportal")
    assert "FLAGGED: UNVERIFIED" in p24["note"].iloc[0]


def test_keys_unique_and_sorted(shipped: pd.DataFrame) -> None:
    assert not shipped.duplicated(list(KEY)).any()


def test_new_store_fills_from_shipped_dataset(tmp_path: Path, shipped: pd.DataFrame) -> None:
    with Store(tmp_path / "fresh.duckdb") as st:
        assert st.n_imports() == 1
        assert st.n_observations() == len(shipped)
        panel = st.panel(["grp_per_capita"], ["RU-SMO"], (2023, 2023))
        assert panel["value"].tolist() == [640810.6]
        assert panel["location"].iloc[0]  # the cell it came from


def test_belarusian_side_reaches_2024_2025(shipped: pd.DataFrame) -> None:
    # Belstat portal: Vitebsk wage 2025 and GRP per capita 2016-2024; GRP levels derived; Rosstat wages 2022-23
    assert _value(shipped, "BY-VI", "wage_nominal", "2024", "belstat_dataportal") == pytest.approx(1899.6)
    assert _value(shipped, "BY-VI", "grp_per_capita", "2024", "belstat_dataportal") == pytest.approx(20306.6)
    grp = shipped[(shipped.region == "BY-VI") & (shipped.indicator == "grp") & (shipped.source ==
                                                                                 "belstat_dataportal")]
    assert sorted(grp.period) == [str(y) for y in range(2019, 2025)] and set(grp.status) == {"derived"}
    assert _value(shipped, "RU-SMO", "wage_nominal", "2023", "rosstat_wages_2023") == 48388.1
    assert _value(shipped, "BY", "fx_usd", "2020", "wdi_fcrf_2020") == 2.439575
    empl = shipped[(shipped.region == "BY-VI") & (shipped.indicator == "employment")
                   & (shipped.source == "belstat_dataportal")]
    assert sorted(empl.period) == [str(y) for y in range(2010, 2025)]
    # PROVENANCE (belstat_dataportal): Vitebsk 2024 employment 453.5 thousand as the sum of its raions
    assert float(empl.loc[empl.period == "2024", "value"].iloc[0]) == pytest.approx(453.5, abs=0.05)
