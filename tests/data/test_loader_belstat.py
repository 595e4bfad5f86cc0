"""Belstat loaders: opendataby stranoved data.json and the monthly wage release xlsx (../shared), bad files."""

from __future__ import annotations

import pytest

from regint.data.loaders import detect_format, load_file
from regint.data.loaders.belstat import activity_suffix
from regint.data.schema import validate_observations
from regint.errors import LoaderError, OptionError


@pytest.fixture(scope="module")
def stranoved(sources):
    path = sources / "belstat_stranoved" / "data.json"
    assert detect_format(path) == "belstat"
    return load_file(path)


def one(frame, region, indicator, period):
    hit = frame[(frame.region == region) & (frame.indicator == indicator) & (frame.period == period)]
    assert len(hit) == 1, (region, indicator, period, len(hit))
    return hit.iloc[0]


@pytest.mark.parametrize(
    # Verbatim from ../shared/data/sources/belstat_stranoved/PROVENANCE.md (Vitebsk oblast, Mogilev, Gomel)
    ("region", "indicator", "period", "expected", "unit"),
    [
        ("BY-VI", "exports_usd", "2005", 2008.3, "mln USD"),
        ("BY-VI", "exports_usd", "2015", 2976.3, "mln USD"),
        ("BY-VI", "imports_usd", "2015", 3699.3, "mln USD"),
        ("BY-VI", "population", "2000", 1360524, "persons"),
        ("BY-VI", "population", "2016", 1190784, "persons"),
        ("BY-VI", "wage_nominal", "2015", 580.53, "BYN per month"),
        ("BY-VI", "enterprises", "2015", 14641, "units"),
        ("BY-VI", "freight", "2015", 28.3, "mln t"),
        ("BY-MA", "population", "2016", 1066027, "persons"),
        ("BY-HO", "exports_usd", "2015", 3161.9, "mln USD"),
    ],
)
def test_stranoved_verbatim(stranoved, region, indicator, period, expected, unit):
    row = one(stranoved.observations, region, indicator, period)
    assert row.value == expected and row.unit == unit
    assert row.source == "belstat_stranoved" and row.status == "secondary"


def test_stranoved_schema_and_regions(stranoved):
    obs = validate_observations(stranoved.observations)
    assert set(obs.region) == {"BY", "BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-MI", "BY-MA", "BY-HM"}


def test_stranoved_currency_per_value(stranoved):
    obs = stranoved.observations
    w2015 = one(obs, "BY-VI", "wage_nominal", "2015")
    assert w2015.currency == "BYN" and "restated in new BYN" in w2015.note
    w2016 = one(obs, "BY-VI", "wage_nominal", "2016")
    assert w2016.currency == "BYN" and w2016.value == 615.6 and w2016.note == ""
    assert one(obs, "BY-VI", "retail_turnover", "2000").currency == "BYN"
    assert any("restated in new BYN" in str(w) for w in stranoved.warnings)


def test_stranoved_duplicated_2016_wage_kept_once(stranoved):
    assert any("identical values were kept once" in str(w) and "i9" in str(w) for w in stranoved.warnings)


def test_stranoved_partial_2017(stranoved):
    obs = stranoved.observations
    assert not (obs.period == "2017").any()  # no partial year stored as annual
    # Vitebsk exports 2017 = 648.72 mln USD = current_data i31 "в январе-апреле 2017" 648720 thous. USD
    assert one(obs, "BY-VI", "exports_usd", "2017-01/2017-04").value == 648.72
    assert one(obs, "BY-VI", "retail_turnover", "2017-01/2017-05").value == 1645.2
    assert any("partial-year values" in str(w) for w in stranoved.warnings)


def test_stranoved_options(sources):
    path = sources / "belstat_stranoved" / "data.json"
    only = load_file(path, indicators=["exports_usd"]).observations
    assert set(only.indicator) == {"exports_usd"}
    kept = load_file(path, unmapped="keep").observations
    assert "stranoved_i17" in set(kept.indicator)
    with pytest.raises(OptionError, match=r"unmapped must be one of \{'skip', 'keep'\}; got 'all'"):
        load_file(path, unmapped="all")


def test_stranoved_conflicting_duplicate(fixtures):
    with pytest.raises(LoaderError, match=r"belstat_conflicting_duplicate\.json, row 3, column annual_data: "
                       r"records 2 and 3 give i9 for subject 21, 2016 different values \(615\.6 and 616\.0\)"):
        load_file(fixtures / "bad" / "belstat_conflicting_duplicate.json")


def test_stranoved_truncated(fixtures):
    with pytest.raises(LoaderError, match=r"belstat_truncated\.json, row 1, column \d+: not valid UTF-8 JSON"):
        load_file(fixtures / "bad" / "belstat_truncated.json", format="belstat")


@pytest.fixture(scope="module")
def wages_2412(sources):
    path = sources / "belstat_wages_2024" / "nach_sr_zarplata-2412.xlsx"
    assert detect_format(path) == "belstat"
    return load_file(path)


def test_wages_release_verbatim(wages_2412):
    # PROVENANCE belstat_wages_2024: file 2412 "Всего" Dec 2024 2693.9, Jan–Dec 2271.9 BYN; real Jan–Dec 113;
    # industry Jan–Dec 2485.1999999999998
    obs = validate_observations(wages_2412.observations)
    dec = one(obs, "BY", "wage_nominal", "2024-12")
    assert dec.value == 2693.9 and dec.currency == "BYN" and dec.location == "Лист1!C8"
    assert one(obs, "BY", "wage_nominal", "2024-01/2024-12").value == 2271.9
    assert one(obs, "BY", "wage_real_index", "2024-01/2024-12").value == 113
    assert one(obs, "BY", "wage_nominal_BE", "2024-01/2024-12").value == 2485.1999999999998
    assert one(obs, "BY", "wage_nominal_J", "2024-12").value == 7375.5
    assert set(obs.source) == {"belstat_wages"} and set(obs.status) == {"official"}


def test_wages_release_january_layout(sources):
    # nach_sr_zarplata-2401.xlsx: one header row, text values "1 991,2" with NBSP and decimal comma
    obs = load_file(sources / "belstat_wages_2024" / "nach_sr_zarplata-2401.xlsx").observations
    assert one(obs, "BY", "wage_nominal", "2024-01").value == 1991.2
    assert one(obs, "BY", "wage_real_index", "2024-01").value == 111.8
    assert one(obs, "BY", "wage_nominal_A", "2024-01").value == 1563.4


def test_wages_all_activities(sources):
    obs = load_file(sources / "belstat_wages_2024" / "nach_sr_zarplata-2412.xlsx", detail="all").observations
    assert len(obs) == 4 * 90  # 90 activity rows (8..97) × 4 value columns
    assert one(obs, "BY", "wage_nominal_rast", "2024-12").value == 2013.6


def test_wages_missing_sheet(fixtures):
    path = fixtures / "bad" / "belstat_missing_sheet.xlsx"
    obs = load_file(path).observations
    assert one(obs, "BY", "wage_nominal_BE", "2024-01/2024-12").value == 2485.2
    with pytest.raises(LoaderError, match=r"belstat_missing_sheet\.xlsx, sheet 'Лист2': the workbook has no sheet "
                       r"'Лист2'\. Fix: pass sheet= one of \['Лист1'\]"):
        load_file(path, sheet="Лист2")


def test_wages_header_without_period(fixtures):
    with pytest.raises(LoaderError, match=r"sheet 'Sheet', row 5, column C: the header of column C .* names no month"):
        load_file(fixtures / "bad" / "belstat_header_without_period.xlsx")


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Всего", ""), ("Промышленность", "BE"), ("Строительство", "F"), ("гражданское строительство", None),
     ("Образование", "P"), ("Информация и связь", "J"), ("обрабатывающая промышленность", "C")],
)
def test_activity_suffix(label, expected):
    assert activity_suffix(label, "sections") == expected
