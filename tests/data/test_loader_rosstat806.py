"""The ``rosstat806`` loader: Rosstat 806-r regional monitoring (January-2016 issue) and its csv extracts.

Reference values are the verbatim samples of ../shared/data/sources/rosstat806/PROVENANCE.md. Fixture files
are written by tests/fixtures/rosstat/make_fixtures.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from regint.data.loaders import detect_format, load_file, rosstat806
from regint.data.loaders.rosstat806 import subperiod
from regint.data.schema import validate_observations
from regint.errors import LoaderError

XLS = "rosstat806/xls/info_stat_01_2016"


def value(obs: pd.DataFrame, region: str, indicator: str, period: str) -> float:
    hit = obs[(obs.region == region) & (obs.indicator == indicator) & (obs.period == period)]
    assert len(hit) == 1, f"{region} {indicator} {period}: {len(hit)} rows"
    return float(hit.value.iloc[0])


def row(obs: pd.DataFrame, region: str, indicator: str, period: str) -> pd.Series:
    hit = obs[(obs.region == region) & (obs.indicator == indicator) & (obs.period == period)]
    assert len(hit) == 1
    return hit.iloc[0]


@pytest.mark.parametrize(("label", "expected"), [
    ("I квартал", "2013-01/2013-03"),
    ("I                                   квартал ", "2013-01/2013-03"),
    ("I полугодие", "2013-01/2013-06"),
    ("январь-сентябрь", "2013-01/2013-09"),
    ("январь-                                            декабрь", "2013"),
    ("год", "2013"),
    ("январь", "2013-01"),
    ("январь-февраль", "2013-01/2013-02"),
    ("март", "2013-03"),
    ("на 1 января", None),
])
def test_subperiods(label, expected):
    assert subperiod(2013, label) == expected


def test_subperiods_quarterly_and_from_january():
    assert subperiod(2013, "II квартал", quarterly=True) == "2013-Q2"
    assert subperiod(2013, "I квартал", quarterly=True) == "2013-Q1"
    assert subperiod(2013, "март", from_january=True) == "2013-01/2013-03"
    assert subperiod(2013, "декабрь", from_january=True) == "2013"


# ------------------------------------------------------------------------------------------ real files


@pytest.fixture(scope="module")
def exports(sources: Path):
    return load_file(sources / XLS / "05 торговля" / "131-139 экспорт.xlsx")


def test_exports(exports):
    obs = exports.observations
    validate_observations(obs)
    assert exports.format == "rosstat806"
    assert set(obs.source) == {"rosstat806"} and set(obs.status) == {"official"}
    assert value(obs, "RU-SMO", "exports_usd", "2009") == 431.7
    assert value(obs, "RU-SMO", "exports_usd", "2011") == pytest.approx(1085.4000000000001)
    assert value(obs, "RU-SMO", "exports_usd", "2013") == pytest.approx(1330.8541308)
    assert value(obs, "RU-SMO", "exports_cis_usd", "2013") == pytest.approx(708.5959272)
    assert row(obs, "RU-SMO", "exports_usd", "2013").location == "Всего!U19"
    assert value(obs, "RU-SMO", "exports_usd", "2015-01/2015-09") == pytest.approx(640.7720674)
    assert "2015" not in set(obs[obs.region == "RU-SMO"].period)  # the January-2016 issue has no 2015 year


def test_exports_break_in_every_note(exports):
    obs = exports.observations
    assert obs.note.str.contains("series break").all()
    early = obs[obs.period.str.startswith(("2009", "2010", "2011"))]
    late = obs[~obs.period.str.startswith(("2009", "2010", "2011"))]
    assert early.note.str.contains("EXCLUDE trade with Belarus").all()
    assert late.note.str.contains("INCLUDES mutual trade with EAEU").all()


def test_imports(sources: Path):
    obs = load_file(sources / XLS / "05 торговля" / "140-148 импорт.xlsx").observations
    assert value(obs, "RU-SMO", "imports_usd", "2013") == pytest.approx(1916.3024508)
    assert {"imports_usd", "imports_far_usd", "imports_cis_usd"} == set(obs.indicator)


def test_investment_unemployment_wage(sources: Path):
    inv = load_file(sources / XLS / "07 инвестиции" / "155-160 объем инвестиций в основной капитал.xls")
    obs = inv.observations
    assert value(obs, "RU-SMO", "investment_fixed", "2009") == pytest.approx(34632.717)  # 34632.7 as shown
    assert value(obs, "RU-SMO", "investment_fixed", "2015") == 59895.3
    assert row(obs, "RU-SMO", "investment_fixed", "2009").unit == "mln RUB"
    assert "investment_volume_index" in set(obs.indicator)

    lab = load_file(sources / XLS / "14 безработица" / "323-328 численность ЭАН. занят и безраб.xls")
    obs = lab.observations
    assert value(obs, "RU-SMO", "unemployment_rate", "2009") == pytest.approx(7.77, abs=0.005)
    assert value(obs, "RU-SMO", "unemployment_rate", "2014") == pytest.approx(5.10, abs=0.005)
    assert value(obs, "RU-SMO", "unemployment_rate", "2015") == pytest.approx(6.19, abs=0.005)
    assert row(obs, "RU-SMO", "unemployment_rate", "2014").location == "2009-2015 годы!AP20"
    assert {"labour_force", "employment", "unemployed", "employment_rate"} <= set(obs.indicator)

    wage = load_file(sources / XLS / "13 зарплата" / "257-265 среднемесячная заработная плата.xls")
    obs = wage.observations
    assert value(obs, "RU-SMO", "wage_nominal", "2009-01") == 11905.1
    assert value(obs, "RU-SMO", "wage_nominal", "2015-12") == 29494.0
    assert set(obs.indicator) == {"wage_nominal"}  # "к пред.месяцу" / "к соотв. месяцу" sheets skipped
    assert sum("is not one this loader knows" in str(w) for w in wage.warnings) == 2


def test_csv_extracts(sources: Path):
    csv = sources / "rosstat806" / "csv"
    cpi = load_file(csv / "CPI_IND_YTD.csv").observations
    assert value(cpi, "RU-SMO", "cpi", "2014") == 114.2
    assert value(cpi, "RU-SMO", "cpi", "2016-01") == 100.62
    wage = load_file(csv / "WAGE_VAL_RUB.csv").observations
    assert value(wage, "RU-SMO", "wage_nominal", "2015-12") == 29494.0
    assert value(wage, "RU-SMO", "wage_nominal", "2009-01") == 11905.1
    retail = load_file(csv / "TRADE_R_VAL_MLN_RUB.csv").observations
    assert value(retail, "RU-SMO", "retail_turnover", "2015") == 157362.9
    assert row(retail, "RU", "retail_turnover", "2015").unit == "mln RUB"  # bln RUB × 1000 at import
    assert row(retail, "RU-SMO", "retail_turnover", "2015").unit == "mln RUB"
    assert "2015-01/2015-11" in set(retail.period)
    ipi = load_file(csv / "PROD_IND_YTD.csv").observations
    assert set(ipi.indicator) == {"industrial_production_index"}


def test_csv_and_xls_agree(sources: Path):
    csv = load_file(sources / "rosstat806" / "csv" / "WAGE_VAL_RUB.csv").observations
    xls = load_file(sources / XLS / "13 зарплата" / "257-265 среднемесячная заработная плата.xls").observations
    key = ["region", "indicator", "period"]
    both = csv.merge(xls, on=key, suffixes=("_csv", "_xls"))
    assert len(both) > 7000
    assert (both.value_csv - both.value_xls).abs().max() < 1e-6


def test_unknown_csv_series(sources: Path):
    with pytest.raises(LoaderError, match=r"EGW_IND_YTD\.csv: no table this loader knows was found.*EGW_IND_YTD"):
        load_file(sources / "rosstat806" / "csv" / "EGW_IND_YTD.csv")


# --------------------------------------------------------------------------------------------- fixtures


def test_fixture_exports(fixtures: Path):
    result = load_file(fixtures / "rosstat" / "806_export_mini.xlsx")
    obs = result.observations
    assert result.format == "rosstat806"
    assert value(obs, "RU-SMO", "exports_usd", "2011") == 1085.4
    assert value(obs, "RU-SMO", "exports_usd", "2012") == 1311.7916389
    assert value(obs, "RU-SMO", "exports_usd", "2012-01/2012-03") == 347.1004482
    assert value(obs, "RU-SMO", "exports_cis_usd", "2012") == 592.4645968  # year cells merged B3:E3, F3:I3
    assert "footnote 3): По уточненным данным" in row(obs, "RU", "exports_usd", "2011").note
    assert "UA-43" not in set(obs.region)  # Crimea: all "..."
    assert any("8 cells hold no figure ('...': 8)" in str(w) for w in result.warnings)


def test_fixture_labour_components(fixtures: Path):
    obs = load_file(fixtures / "rosstat" / "806_labour_mini.xlsx").observations
    assert value(obs, "RU-SMO", "unemployment_rate", "2014") == 5.098635
    assert value(obs, "RU-SMO", "unemployed", "2014") == 26.9107943
    assert value(obs, "RU-SMO", "employment", "2013") == 511.2479183
    assert value(obs, "RU-SMO", "labour_force", "2013") == 539.3444541
    assert row(obs, "RU-SMO", "unemployment_rate", "2014").unit == "%"


def test_fixture_csv(fixtures: Path):
    result = load_file(fixtures / "rosstat" / "806_CPI_IND_YTD_mini.csv")
    obs = result.observations
    assert value(obs, "RU-SMO", "cpi", "2014") == 114.2
    assert value(obs, "RU-SMO", "cpi", "2014-01/2014-11") == 113.1
    assert row(obs, "RU-SMO", "cpi", "2014").location == "D3"
    assert any("sub-rows" in str(w) for w in result.warnings)


def test_restrict_sheets(fixtures: Path):
    obs = rosstat806.load(fixtures / "rosstat" / "806_export_mini.xlsx",
                          sheets=["Государства-участники СНГ"]).observations
    assert set(obs.indicator) == {"exports_cis_usd"}
    with pytest.raises(LoaderError, match=r"sheet 'Прочие' not found; the workbook has \['Всего', "):
        rosstat806.load(fixtures / "rosstat" / "806_export_mini.xlsx", sheets=["Прочие"])


# ------------------------------------------------------------------------------------------- bad inputs


def test_merged_header_and_footnote_in_subperiod(fixtures: Path):
    result = load_file(fixtures / "bad" / "rosstat806_merged_header.xlsx")
    obs = result.observations
    assert value(obs, "RU-SMO", "investment_fixed", "2009") == 34632.717  # sub-period "год 3"
    assert "footnote 3): Данные уточнены." in row(obs, "RU-SMO", "investment_fixed", "2009").note
    assert value(obs, "RU-SMO", "investment_fixed", "2009-01/2009-03") == 4069.7  # "I      квартал"
    assert "2015-01/2015-03" not in set(obs[obs.region == "RU-SMO"].period)  # "…" is a gap
    assert any("1 cells hold no figure ('…': 1)" in str(w) for w in result.warnings)


def test_not_an_excel_file(fixtures: Path):
    with pytest.raises(LoaderError, match=(
        r"file rosstat806_not_excel\.xls: the file is not a readable \.xls workbook \(XLRDError"
    )):
        load_file(fixtures / "bad" / "rosstat806_not_excel.xls", format="rosstat806")


def test_truncated_xlsx(fixtures: Path):
    with pytest.raises(LoaderError, match=r"rosstat_truncated\.xlsx: the file is not a readable \.xlsx workbook"):
        rosstat806.load(fixtures / "bad" / "rosstat_truncated.xlsx")


def test_sniff(fixtures: Path):
    assert detect_format(fixtures / "rosstat" / "806_export_mini.xlsx") == "rosstat806"
    assert detect_format(fixtures / "rosstat" / "806_CPI_IND_YTD_mini.csv") == "rosstat806"
    assert not rosstat806.sniff(fixtures / "rosstat" / "regions_mini.xlsx")
