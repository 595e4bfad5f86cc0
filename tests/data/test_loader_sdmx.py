"""fedstat SDMX-ML 1.0 GenericData loader: own fixtures (FORMATS.md §1 layout, illustrative values) and bad files."""

from __future__ import annotations

import pytest

from regint.data.loaders import detect_format, load_file
from regint.data.loaders import sdmx as mod
from regint.data.loaders._periods import period_from_words
from regint.data.schema import validate_observations
from regint.errors import LoaderError


def value(frame, region, period):
    hit = frame[(frame.region == region) & (frame.period == period)]
    assert len(hit) == 1, (region, period, len(hit))
    return float(hit.value.iloc[0])


def test_grp_per_capita_s_okato(fixtures):
    path = fixtures / "sdmx" / "61483_grp_per_capita.xml"
    assert detect_format(path) == "sdmx"
    result = load_file(path)
    obs = validate_observations(result.observations)
    assert set(obs.indicator) == {"grp_per_capita"}  # fedstat id 61483 from the file name
    assert value(obs, "RU-SMO", "2017") == 325600.6  # decimal comma
    assert value(obs, "RU-PSK", "2016") == 244100.1
    assert value(obs, "RU-BRY", "2018") == 309900.0
    assert value(obs, "RU", "2016") == 574051.0
    assert set(obs.currency) == {"RUB"}
    assert set(obs.vintage) == {"2026-09-19"}
    assert set(obs.source) == {"fedstat"}
    # 643004.АГ (RF without the new subjects) is not a catalog region: skipped, and said so
    assert any("643004.АГ" in str(w) for w in result.warnings)


def test_wage_00_003_monthly_and_cumulative(fixtures):
    result = load_file(fixtures / "sdmx" / "wage_monthly_00_003.xml", indicator="wage_nominal")
    obs = validate_observations(result.observations)
    assert value(obs, "RU-SMO", "2024-02") == 49514.1
    assert value(obs, "RU-SMO", "2024-01/2024-03") == 51041.0
    assert value(obs, "RU", "2024-03") == 87059.6  # code 00
    assert value(obs, "RU-PSK", "2024-01") == 45120.0
    assert obs.note.str.contains("s_OKVED2=1").all()  # constant dimension goes into the note
    assert set(obs.location) >= {"Series 1", "Series 16"}


def test_indicator_from_dataset_id(fixtures, tmp_path):
    text = (fixtures / "sdmx" / "wage_monthly_00_003.xml").read_text(encoding="utf-8")
    path = tmp_path / "data.xml"
    path.write_text(text.replace("<DataSetID>1905002</DataSetID>", "<DataSetID>57824</DataSetID>"), encoding="utf-8")
    assert set(load_file(path).observations.indicator) == {"wage_nominal"}


def test_unknown_indicator_asks_for_option(fixtures):
    with pytest.raises(LoaderError, match=r"wage_monthly_00_003\.xml: cannot tell which indicator.*Fix: pass indicator="):
        load_file(fixtures / "sdmx" / "wage_monthly_00_003.xml")


def test_fedstat_id_lookup_prefers_specific_indicator():
    assert mod.indicator_for_fedstat_id("31557") == "population_jan1"
    assert mod.indicator_for_fedstat_id("31556") == "population_avg"
    assert mod.indicator_for_fedstat_id("43246") == "wage_nominal"
    assert mod.indicator_for_fedstat_id("999999") is None


@pytest.mark.parametrize(
    ("concept", "code", "desc", "expected"),
    [
        ("s_OKATO", "66000000000", "Смоленская область", "RU-SMO"),
        ("s_OKATO", "643", "Российская Федерация", "RU"),
        ("s_OKATO", "643004.АГ", "Российская Федерация без учета новых субъектов (с 01.01.2023)", None),
        ("s_OKATO", "45000000000", "Город Москва столица Российской Федерации город федерального значения", "RU-MOW"),
        ("00_003", "66", "", "RU-SMO"),
        ("00_003", "00", "Российская Федерация", "RU"),
        ("00_003", "11100", "в том числе Ненецкий автономный округ", None),
    ],
)
def test_region_codes(concept, code, desc, expected):
    assert mod.region_for_code(concept, code, desc) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("значение показателя за год", "2017"),
        ("I квартал", "2017-Q1"),
        ("IV квартал", "2017-Q4"),
        ("январь", "2017-01"),
        ("май", "2017-05"),
        ("январь-март", "2017-01/2017-03"),
        ("январь - декабрь", "2017-01/2017-12"),
        ("I полугодие", "2017-01/2017-06"),
        ("что-то иное", None),
    ],
)
def test_period_words(words, expected):
    assert period_from_words(2017, words) == expected


def test_varying_dimension_needs_filter(fixtures):
    path = fixtures / "bad" / "sdmx_varying_dimension.xml"
    with pytest.raises(LoaderError, match=r"dimension 's_rynzhel' takes 2 values.*Fix: pick one with filters="):
        load_file(path, indicator="grp_per_capita")
    obs = load_file(path, indicator="grp_per_capita", filters={"s_rynzhel": "Вторичный рынок жилья"}).observations
    assert value(obs, "RU-SMO", "2017-Q1") == 98211.30
    assert obs.note.str.contains("s_rynzhel=2").all()


def test_filter_on_missing_dimension(fixtures):
    with pytest.raises(LoaderError, match=r"filters names the dimension 's_mosh'.*Fix: use one of"):
        load_file(fixtures / "bad" / "sdmx_varying_dimension.xml", indicator="grp", filters={"s_mosh": "1"})


def test_duplicate_series_names_both(fixtures):
    with pytest.raises(LoaderError, match=r"Series 1 and Series 3 both give RU-SMO, grp_per_capita, 2017\. Fix:"):
        load_file(fixtures / "bad" / "sdmx_duplicate_series.xml")


def test_truncated_names_line_and_column(fixtures):
    with pytest.raises(LoaderError, match=r"sdmx_truncated\.xml, row \d+, column \d+: the XML is not well-formed.*line \d+, column \d+.*Fix: download"):
        load_file(fixtures / "bad" / "sdmx_truncated.xml", format="sdmx")


def test_decimal_comma_and_spaces(fixtures):
    obs = load_file(fixtures / "bad" / "sdmx_decimal_comma.xml").observations
    assert value(obs, "RU-SMO", "2018") == 345300.7
    assert value(obs, "RU-PSK", "2018") == 281600.3
    assert value(obs, "RU-BRY", "2018") == 309900.05


def test_entities_refused(fixtures):
    with pytest.raises(LoaderError, match=r"DTD, entities or external references.*refused for safety"):
        load_file(fixtures / "bad" / "sdmx_entity_expansion.xml", format="sdmx")
