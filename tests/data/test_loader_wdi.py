"""World Bank WDI loader: the 2013 WDI snapshot (wide) and the datahub long files in ../shared."""

from __future__ import annotations

import pytest

from regint.data.loaders import detect_format, load_file
from regint.data.loaders import wdi as mod
from regint.data.schema import validate_observations
from regint.errors import LoaderError


def one(frame, region, period, indicator=None):
    hit = frame[(frame.region == region) & (frame.period == period)]
    if indicator:
        hit = hit[hit.indicator == indicator]
    assert len(hit) == 1
    return hit.iloc[0]


def test_wdi_2013_exchange_rates(sources):
    # PROVENANCE wdi_2013_snapshot: PA.NUS.FCRF RUS 2000 28.1291666666667; BLR 2012 8336.89833333333 (old BYR)
    path = sources / "wdi_2013_snapshot" / "PA.NUS.FCRF_WDI.csv"
    assert detect_format(path) == "wdi"
    obs = validate_observations(load_file(path).observations)
    rus = one(obs, "RUS", "2000")
    assert rus.indicator == "fx_usd" and rus.value == 28.1291666666667 and rus.currency == "RUB"
    blr = one(obs, "BLR", "2012")
    # converted at import to the catalog's currency (10,000 BYR = 1 BYN), the printed value kept
    assert blr.value == pytest.approx(0.833689833333333) and blr.currency == "BYN"
    assert blr.derived_from.startswith("8336.898333 LCU per US$, period average × 0.0001")
    assert one(obs, "BLR", "2000").value == pytest.approx(0.087675)
    assert "PA.NUS.FCRF" in blr.note and blr.source == "wdi"


def test_wdi_blr_currency_override(sources):
    obs = load_file(sources / "wdi_2013_snapshot" / "PA.NUS.PPP_WDI.csv", blr_currency="BYR").observations
    row = one(obs, "BLR", "2000")
    assert row.value == pytest.approx(0.0176508124334838) and row.currency == "BYN"  # BYR ÷ 10,000 at import
    assert "176.5081243 LCU per international $ × 0.0001" in row.derived_from


def test_wdi_other_codes_and_dollars(sources):
    obs = load_file(sources / "wdi_2013_snapshot" / "NY.GDP.PCAP.CD_WDI.csv").observations
    assert set(obs.indicator) == {"wdi_ny_gdp_pcap_cd"}
    assert set(obs.currency) == {"USD"}
    obs = load_file(sources / "wdi_2013_snapshot" / "NY.GDP.PCAP.PP.CD_WDI.csv").observations
    assert set(obs.indicator) == {"gdp_per_capita_ppp"} and set(obs.currency) == {"INTD"}


def test_datahub_ppp_alpha2_and_byn(sources):
    # PROVENANCE wdi_datahub: PPP Russia 2024 29.0629745679481; Belarus 2000 0.015791944543039 (new BYN)
    obs = validate_observations(load_file(sources / "wdi_datahub" / "ppp" / "data" / "ppp-gdp.csv").observations)
    rus = one(obs, "RUS", "2024")
    assert rus.indicator == "ppp" and rus.value == 29.0629745679481 and rus.currency == "RUB"
    blr = one(obs, "BLR", "2000")
    assert blr.value == 0.015791944543039 and blr.currency == "BYN"
    assert one(obs, "RUS", "2000").value == 7.301404
    assert set(obs.source) == {"wdi_datahub"}


def test_datahub_cpi_is_inflation(sources):
    obs = load_file(sources / "wdi_datahub" / "cpi" / "data" / "cpi.csv").observations
    row = one(obs, "BLR", "2000")
    assert row.indicator == "inflation" and row.value == 168.620235850933
    assert "not an index" in row.note


def test_datahub_value_files_from_datapackage(sources):
    gdp = load_file(sources / "wdi_datahub" / "gdp" / "data" / "gdp.csv").observations
    assert one(gdp, "BLR", "2023").value == 71857382745.6066
    assert set(gdp.indicator) == {"gdp_usd"}
    pop = load_file(sources / "wdi_datahub" / "population" / "data" / "population.csv").observations
    assert one(pop, "RUS", "2024").value == 143533851


def test_to_national_codes(sources):
    obs = load_file(sources / "wdi_datahub" / "ppp" / "data" / "ppp-gdp.csv").observations
    national = mod.to_national_codes(obs)
    row = one(national, "BY", "2000")
    assert row.value == 0.015791944543039 and "relabelled from BLR" in row.note
    assert "DEU" in set(national.region) and "BLR" not in set(national.region)


def test_alpha2_table():
    table = mod.alpha2_to_alpha3()
    assert table["RU"] == "RUS" and table["BY"] == "BLR" and table["XK"] == "XKX"


def test_value_file_without_hint(tmp_path):
    path = tmp_path / "series.csv"
    path.write_text("Country Name,Country Code,Year,Value\nBelarus,BLR,2020,1.0\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"series\.csv, row 1, column Value: cannot tell which WDI indicator"):
        load_file(path)
    assert set(load_file(path, indicator="SP.POP.TOTL").observations.indicator) == {"population"}


def test_text_in_year_column(fixtures):
    with pytest.raises(LoaderError, match=r"wdi_text_in_year\.csv, row 2, column 2012: 'n/a' is not a number"):
        load_file(fixtures / "bad" / "wdi_text_in_year.csv")


def test_blr_currency_option_checked(sources):
    with pytest.raises(ValueError, match=r"blr_currency must be one of"):
        load_file(sources / "wdi_datahub" / "ppp" / "data" / "ppp-gdp.csv", blr_currency="RUB")
