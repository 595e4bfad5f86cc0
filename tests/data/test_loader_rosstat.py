"""The ``rosstat`` loader: Rosstat GRP, CPI and population workbooks and «Регионы России 2022».

Reference values are the verbatim samples of the PROVENANCE.md files in ../shared/data/sources
(rosstat_grp_cpi: VRP_s_1998.xlsx, ipc_s_1992-2024.xlsx, sp_1.1.xlsx; rosstat_regions_ru: the 2022 edition
section workbooks). Fixture files are written by tests/fixtures/rosstat/make_fixtures.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from regint.data.loaders import detect_format, load_file, rosstat
from regint.data.schema import validate_observations
from regint.errors import LoaderError, OptionError

RR = "rosstat_regions_ru/xlsx"


def value(obs: pd.DataFrame, region: str, indicator: str, period: str) -> float:
    hit = obs[(obs.region == region) & (obs.indicator == indicator) & (obs.period == period)]
    assert len(hit) == 1, f"{region} {indicator} {period}: {len(hit)} rows"
    return float(hit.value.iloc[0])


def row(obs: pd.DataFrame, region: str, indicator: str, period: str) -> pd.Series:
    hit = obs[(obs.region == region) & (obs.indicator == indicator) & (obs.period == period)]
    assert len(hit) == 1
    return hit.iloc[0]


# ------------------------------------------------------------------------------------------ real files


@pytest.fixture(scope="module")
def vrp(sources: Path):
    start = time.perf_counter()
    result = load_file(sources / "rosstat_grp_cpi" / "VRP_s_1998.xlsx")
    return result, time.perf_counter() - start


def test_vrp_whole_workbook_is_fast_and_valid(vrp):
    result, seconds = vrp
    assert result.format == "rosstat"
    assert seconds < 10
    validate_observations(result.observations)
    assert set(result.observations.source) == {"rosstat_vrp"}
    assert set(result.observations.status) == {"official"}
    assert set(result.observations.file) == {"VRP_s_1998.xlsx"}
    assert any("sheet '15'" in str(w) for w in result.warnings)  # release calendar skipped, not an error


def test_vrp_grp_values(vrp):
    obs = vrp[0].observations
    # PROVENANCE rosstat_grp_cpi: Smolensk GRP mln RUB 2000 28140.6, 2008 121601.3, 2015 256706.8, 2023 556552.9
    assert value(obs, "RU-SMO", "grp", "2000") == 28140.6
    assert value(obs, "RU-SMO", "grp", "2008") == 121601.3
    assert value(obs, "RU-SMO", "grp", "2015") == 256706.8
    assert value(obs, "RU-SMO", "grp", "2023") == 556552.9
    r = row(obs, "RU-SMO", "grp", "2023")
    assert (r.unit, r.currency, r.location) == ("mln RUB", "RUB", "2!I14")


def test_vrp_per_capita_and_volume(vrp):
    obs = vrp[0].observations
    assert value(obs, "RU-SMO", "grp_per_capita", "2023") == 640810.6
    assert value(obs, "RU-PSK", "grp_per_capita", "2023") == 494039.9
    assert value(obs, "RU-BRY", "grp_per_capita", "2023") == 546442.6
    assert value(obs, "RU-SMO", "grp_volume_index", "2009") == 95.4
    assert value(obs, "RU-SMO", "grp_volume_index", "2022") == 100.1
    assert value(obs, "RU-SMO", "grp_volume_index", "2023") == 107.2
    # the glued year footnote "20232)" is resolved to its text
    assert "ДНР" in row(obs, "RU-SMO", "grp_per_capita", "2023").note


def test_vrp_districts_total_and_sub_rows(vrp):
    result = vrp[0]
    obs = result.observations
    assert {"RU", "RU-CFD", "RU-NWFD", "RU-NEN", "RU-KHM", "RU-YAN"} <= set(obs.region)
    assert not obs.region.str.contains("без", regex=False).any()
    assert sum("sub-rows" in str(w) for w in result.warnings) == 1
    assert {"grp_regional_share", "household_consumption", "grp_income_compensation_share"} <= set(obs.indicator)


def test_cpi_and_population(sources: Path):
    cpi = load_file(sources / "rosstat_grp_cpi" / "ipc_s_1992-2024.xlsx").observations
    assert value(cpi, "RU-SMO", "cpi", "2000") == 122.52
    assert value(cpi, "RU-SMO", "cpi", "2014") == 114.15
    assert value(cpi, "RU-SMO", "cpi", "2024") == 110.3
    assert set(cpi.source) == {"rosstat_cpi"}
    pop = load_file(sources / "rosstat_grp_cpi" / "sp_1.1.xlsx").observations
    assert value(pop, "RU-SMO", "population_jan1", "2012") == 978.3
    assert value(pop, "RU-SMO", "population_jan1", "2023") == 873
    assert value(pop, "RU", "population_jan1", "2012") == 143171
    assert set(pop.source) == {"rosstat_population"}
    assert set(pop.indicator) == {"population_jan1"}


@pytest.fixture(scope="module")
def regions(sources: Path) -> pd.DataFrame:
    files = {
        "Раздел 2 - Труд.xlsx": ["2.10.1", "2.10.3"],
        "Раздел 3 - Уровень жизни населения.xlsx": ["3.4", "3.1.2"],
        "Раздел 8 - Валовой региональный продукт.xlsx": ["8.1"],
        "Раздел 10 - Инвестиции.xlsx": None,
        "Раздел 12 - Промышленное производство.xlsx": ["12.3.1", "12.3.2"],
        "Раздел 21 - Внешняя торговля.xlsx": None,
    }
    frames = [load_file(sources / RR / name, format="rosstat", sheets=sheets).observations
              for name, sheets in files.items()]
    return pd.concat(frames, ignore_index=True)


def test_regions_of_russia_values(regions):
    obs = regions
    assert set(obs.source) == {"rosstat_regions_2022"}
    # PROVENANCE rosstat_regions_ru, verbatim samples
    assert value(obs, "RU-SMO", "unemployment_rate", "2017") == 5.7
    assert value(obs, "RU-SMO", "unemployment_rate", "2021") == 5.0
    assert value(obs, "RU-PSK", "unemployment_rate", "2021") == 4.7
    assert value(obs, "RU-BRY", "unemployment_rate", "2021") == 3.4
    assert value(obs, "RU", "unemployment_rate", "2021") == 4.8
    assert value(obs, "RU-SMO", "wage_nominal", "2017") == 26269.3
    assert value(obs, "RU-SMO", "wage_nominal", "2021") == 36529
    assert value(obs, "RU-PSK", "wage_nominal", "2021") == 35369
    assert value(obs, "RU", "wage_nominal", "2021") == 57244
    assert value(obs, "RU-SMO", "investment_fixed", "2017") == 57495.579
    assert value(obs, "RU-SMO", "investment_fixed", "2021") == 70327.196
    assert value(obs, "RU-BRY", "investment_fixed", "2021") == 81337.259
    assert value(obs, "RU-SMO", "grp", "2020") == 358466.1
    assert value(obs, "RU-SMO", "grp", "2015") == 256706.8
    assert row(obs, "RU-SMO", "wage_nominal", "2021").location == "3.4.!W22"


def test_regions_of_russia_trade_and_break_note(regions):
    obs = regions
    assert value(obs, "RU-SMO", "exports_cis_usd", "2012") == 592.5
    assert value(obs, "RU-SMO", "exports_cis_usd", "2017") == 682.3490557
    assert value(obs, "RU-SMO", "exports_cis_usd", "2021") == 731.7
    assert value(obs, "RU-SMO", "imports_cis_usd", "2011") == 77
    assert value(obs, "RU-SMO", "imports_cis_usd", "2012") == 991.1
    assert value(obs, "RU-SMO", "imports_cis_usd", "2021") == 1840.1
    assert value(obs, "RU-SMO", "exports_far_usd", "2021") == 756.6
    assert value(obs, "RU-SMO", "imports_far_usd", "2021") == 550.9
    assert "EXCLUDE trade with Belarus" in row(obs, "RU-SMO", "imports_cis_usd", "2011").note
    assert "INCLUDES mutual trade" in row(obs, "RU-SMO", "imports_cis_usd", "2012").note
    trade = obs[obs.indicator.str.match(r"(exports|imports)_")]
    assert trade.note.str.contains("series break").all()


def test_regions_of_russia_okved_break(regions):
    obs = regions
    assert value(obs, "RU-SMO", "industrial_production_index", "2017") == 103.6
    assert value(obs, "RU-SMO", "industrial_production_index", "2019") == 105.1
    assert value(obs, "RU-SMO", "industrial_production_index", "2021") == 108
    assert value(obs, "RU-BRY", "industrial_production_index", "2019") == 117
    assert "OKVED2" in row(obs, "RU-SMO", "industrial_production_index", "2016").note  # 12.3.2 wins the overlap
    assert "OKVED (OK 029-2007)" in row(obs, "RU-SMO", "industrial_production_index", "2010").note
    # Chukotka 2002 is printed "в 2.7 р." (2.7 times)
    assert value(obs, "RU-CHU", "industrial_production_index", "2002") == pytest.approx(270.0)


def test_regions_of_russia_retail_units_and_misprints(sources: Path):
    obs = load_file(sources / RR / "Раздел 15 - Торговля и услуги населению.xlsx", sheets=["15.1."]).observations
    # "Российская Федеpация, млрд руб.": converted at import to the catalog's mln RUB, factor kept
    ru = row(obs, "RU", "retail_turnover", "2021")
    assert ru.unit == "mln RUB" and " bln RUB × 1000 = " in ru.derived_from
    assert row(obs, "RU-SMO", "retail_turnover", "2015").unit == "mln RUB"
    assert value(obs, "RU-SMO", "retail_turnover", "2015") == 157362.9
    assert {"RU-KHM", "RU-YAN", "RU-BRY", "RU-NWFD"} <= set(obs.region)  # misprinted labels of 15.1


@pytest.fixture(scope="module")
def activity(sources: Path):
    """The activity tables that stand in for the regional structure by OKVED2 section (IO regionalisation)."""
    files = {
        "Раздел 12 - Промышленное производство.xlsx": ["12.2.1", "12.2.2", "12.2.3", "12.2.4", "12.2.5", "12.2.6",
                                                      "12.2.7"],
        "Раздел 13 - Сельское хозяйство.xlsx": ["13.1"],
        "Раздел 14 - Строительство.xlsx": ["14.1"],
        "Раздел 15 - Торговля и услуги населению.xlsx": ["15.9.1"],
    }
    results = [load_file(sources / RR / name, format="rosstat", sheets=sheets) for name, sheets in files.items()]
    return pd.concat([r.observations for r in results], ignore_index=True), [w for r in results for w in r.warnings]


def test_activity_tables_values(activity):
    # Verbatim cells of «Регионы России 2022» (read with openpyxl): sheet!cell in the comment.
    obs = activity[0]
    assert value(obs, "RU-SMO", "shipments_B", "2021") == 2051  # 12.2.2.!F22
    assert value(obs, "RU", "shipments_B", "2021") == 23598403  # 12.2.2.!F8
    assert value(obs, "RU-SMO", "shipments_B", "2017") == 1454  # 12.2.2.!B22
    assert value(obs, "RU-SMO", "shipments_C", "2021") == 294762  # 12.2.4.!F22
    assert value(obs, "RU-BRY", "shipments_C", "2017") == 191019  # 12.2.4.!B11
    assert value(obs, "RU", "shipments_C", "2021") == 62978104  # 12.2.4.!F8
    assert value(obs, "RU-SMO", "shipments_D", "2021") == 61945  # 12.2.6.!F22
    assert value(obs, "RU-PSK", "shipments_D", "2021") == 13291  # 12.2.6.!F40
    assert value(obs, "RU-SMO", "shipments_E", "2020") == 14261  # 12.2.7.!E22 (year printed "20202)")
    assert value(obs, "RU-SMO", "shipments_E", "2021") == 12291  # 12.2.7.!F22
    assert value(obs, "RU-SMO", "agri_output", "2021") == 28837  # 13.1.!W23
    assert value(obs, "RU-SMO", "agri_output", "2000") == 5535.743  # 13.1.!B23
    assert value(obs, "RU", "agri_output", "2021") == 7710349  # 13.1.!W9
    assert value(obs, "RU-SMO", "construction_works", "2021") == pytest.approx(29221.576)  # 14.1.!W22
    assert value(obs, "RU-PSK", "construction_works", "2015") == 17435.7  # 14.1.!Q40
    assert value(obs, "RU-SMO", "wholesale_turnover", "2021") == pytest.approx(515447.7625)  # 15.9.1.!W23
    r = row(obs, "RU-SMO", "shipments_C", "2021")
    assert (r.unit, r.currency, r.price_basis, r.location) == ("mln RUB", "RUB", "current", "12.2.4.!F22")
    assert "OKVED2" in r.note and "section C" in r.note
    assert "уточнены по итогам сплошного наблюдения" in row(obs, "RU-SMO", "shipments_C", "2020").note
    assert "без распредления по субъектам" in row(obs, "RU", "construction_works", "2021").note  # sic, Rosstat
    ru = row(obs, "RU", "wholesale_turnover", "2021")  # "Российская Федерация, млрд руб." (15.9.1.!W9)
    assert (ru.unit, ru.value) == ("mln RUB", pytest.approx(110078110.1562))  # bln RUB × 1000 at import


def test_activity_tables_okved_skipped_and_confidential_gaps(activity):
    obs, warnings = activity
    assert not obs.location.str.match(r"12\.2\.[135]\.!").any()
    text = " ".join(str(w) for w in warnings)
    for number in ("12.2.1", "12.2.3", "12.2.5"):
        assert f"table {number}: not loaded: OKVED (OK 029-2007, NACE Rev. 1.1)" in text
    # "…3)" = not published for confidentiality (footnote 3): a gap, not an error (12.2.2.!E102, Magadan 2020)
    assert "'…3)': 8" in text
    assert obs[(obs.region == "RU-MAG") & (obs.indicator == "shipments_B") & (obs.period == "2020")].empty
    assert value(obs, "RU-MAG", "shipments_B", "2019") == 29146  # 12.2.2.!D102


def test_regions_long_csv(sources: Path):
    result = load_file(sources / "rosstat_regions_ru" / "regions_russia_2022_selected_long.csv")
    assert result.format == "rosstat"
    obs = result.observations
    assert value(obs, "RU-SMO", "wage_nominal", "2021") == 36529
    assert value(obs, "RU-SMO", "imports_cis_usd", "2012") == 991.1


# --------------------------------------------------------------------------------------------- fixtures


def test_fixture_vrp_layouts(fixtures: Path):
    result = load_file(fixtures / "rosstat" / "VRP_mini.xlsx")
    obs = result.observations
    assert result.format == "rosstat"
    assert value(obs, "RU-SMO", "grp", "2015") == 256706.8
    assert value(obs, "RU", "grp", "2014") == 59188264.3  # the "Валовой региональный продукт по субъектам" row
    assert value(obs, "RU-NEN", "grp", "2015") == 170234.9  # "в т.ч. Ненецкий авт. округ" is the okrug
    assert value(obs, "RU-PSK", "grp_per_capita", "2023") == 494039.9
    assert row(obs, "RU-PSK", "grp_per_capita", "2023").location == "4!D9"
    assert value(obs, "RU-SMO", "grp_income_compensation", "2023") == 45.0
    assert "grp" not in set(obs[obs.location.str.startswith("13!")].indicator)  # duplicate of sheet 2
    assert any("sheet '15'" in str(w) for w in result.warnings)


def test_fixture_restrict_sheets_and_force_table(fixtures: Path):
    obs = load_file(fixtures / "rosstat" / "VRP_mini.xlsx", sheets=["4"]).observations
    assert set(obs.indicator) == {"grp_per_capita"}
    copy = rosstat.load(fixtures / "rosstat" / "VRP_mini.xlsx", sheets=["1"], tables={"1": "vrp:grp"},
                        source="my_copy").observations
    assert set(copy.source) == {"my_copy"}
    with pytest.raises(OptionError, match=r"tables value must be one of .*; got 'vrp:nonsense'"):
        rosstat.load(fixtures / "rosstat" / "VRP_mini.xlsx", tables={"1": "vrp:nonsense"})
    with pytest.raises(OptionError, match=r"unknown_regions must be one of \{'raise', 'skip'\}; got 'ignore'"):
        rosstat.load(fixtures / "rosstat" / "VRP_mini.xlsx", unknown_regions="ignore")


def test_fixture_regions_of_russia(fixtures: Path):
    result = load_file(fixtures / "rosstat" / "regions_mini.xlsx")
    obs = result.observations
    assert set(obs.source) == {"rosstat_regions_2022"}
    assert value(obs, "RU-SMO", "imports_cis_usd", "2011") == 77
    assert value(obs, "RU-SMO", "imports_cis_usd", "2012") == 991.1
    assert value(obs, "RU-NEN", "imports_cis_usd", "2012") == 0.3
    assert value(obs, "RU-CHU", "industrial_production_index", "2002") == 270.0
    assert "2.7 times" in row(obs, "RU-CHU", "industrial_production_index", "2002").note
    mos = row(obs, "RU-MOS", "industrial_production_index", "2002")
    assert "footnote 2): Данные по Московской области" in mos.note
    assert row(obs, "RU", "retail_turnover", "2021").unit == "mln RUB"  # printed bln RUB, converted
    assert value(obs, "RU-KHM", "retail_turnover", "2021") == 489800.1
    assert any("'Раздел 21'" in str(w) for w in result.warnings)


def test_sniff(fixtures: Path, sources: Path):
    assert detect_format(fixtures / "rosstat" / "regions_mini.xlsx") == "rosstat"
    assert detect_format(fixtures / "rosstat" / "VRP_mini.xlsx") == "rosstat"
    assert not rosstat.sniff(fixtures / "rosstat" / "806_export_mini.xlsx")


# ------------------------------------------------------------------------------------------- bad inputs


def test_footnote_marks_in_names_and_years_load(fixtures: Path):
    obs = load_file(fixtures / "bad" / "rosstat_footnote_marks.xlsx").observations
    assert value(obs, "RU-SMO", "imports_cis_usd", "2011") == 77
    assert value(obs, "RU-SMO", "imports_cis_usd", "2012") == 991.1  # "991,1 1)"
    note = row(obs, "RU-SMO", "imports_cis_usd", "2012").note
    assert "footnote 3): Данные уточнены." in note and "footnote 2): Включая Крым." in note
    assert "RU-SIBFD" in set(obs.region)  # "Сибирский \nфедеральный округ²⁾"


def test_placeholders_are_gaps_with_a_warning(fixtures: Path):
    result = load_file(fixtures / "bad" / "rosstat_placeholders.xlsx")
    assert len(result) == 3 and not result.observations.value.isna().any()
    gaps = [str(w) for w in result.warnings if "hold no figure" in str(w)]
    assert len(gaps) == 1
    assert "5 cells hold no figure" in gaps[0] and "'x': 1" in gaps[0] and "'…': 1" in gaps[0]


def test_unknown_region_names_the_place_and_the_fix(fixtures: Path):
    with pytest.raises(LoaderError, match=(
        r"file rosstat_unknown_region\.xlsx, sheet '21\.2\.2\.', row 9, column A: unknown region name "
        r"'Смоленское воеводство'\. Fix: add the name to the aliases_ru column of the region catalog"
    )):
        load_file(fixtures / "bad" / "rosstat_unknown_region.xlsx")
    result = rosstat.load(fixtures / "bad" / "rosstat_unknown_region.xlsx", unknown_regions="skip")
    assert set(result.observations.region) == {"RU"}
    assert any("Смоленское воеводство" in str(w) for w in result.warnings)


def test_missing_sheet(fixtures: Path):
    with pytest.raises(LoaderError, match=(
        r"file regions_mini\.xlsx: sheet '99\.9' not found; the workbook has \['Раздел 21', '21\.2\.2\.', "
    )):
        load_file(fixtures / "rosstat" / "regions_mini.xlsx", sheets=["99.9"])


def test_text_where_a_number_must_be(fixtures: Path):
    with pytest.raises(LoaderError, match=(
        r"file rosstat_text_in_number\.xlsx, sheet '21\.2\.2\.', row 9, column B: 'около 77' is not a number\."
    )):
        load_file(fixtures / "bad" / "rosstat_text_in_number.xlsx")


def test_changed_unit_is_an_error(fixtures: Path):
    with pytest.raises(LoaderError, match=(
        r"sheet '3\.4\.', row 6: table rr:3\.4 should be in RUB per month, but its unit line reads 'тысяч рублей'"
    )):
        load_file(fixtures / "bad" / "rosstat_unit_changed.xlsx")


def test_truncated_xlsx(fixtures: Path):
    with pytest.raises(LoaderError, match=(
        r"file rosstat_truncated\.xlsx: the file is not a readable \.xlsx workbook \(BadZipFile"
    )):
        load_file(fixtures / "bad" / "rosstat_truncated.xlsx", format="rosstat")
    with pytest.raises(LoaderError, match=r"rosstat_truncated\.xlsx"):
        load_file(fixtures / "bad" / "rosstat_truncated.xlsx")


def test_no_known_table(fixtures: Path, tmp_path: Path):
    with pytest.raises(LoaderError, match=r"no table this loader knows was found, so nothing was loaded"):
        rosstat.load(fixtures / "rosstat" / "regions_mini.xlsx", sheets=["Раздел 21"])
