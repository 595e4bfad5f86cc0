"""One unit per indicator: conversion to the catalog's unit at import, refusal of what cannot be converted, and
the invariant on the shipped dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.data.catalogs import indicators
from regint.data.loaders import load_file
from regint.data.schema import make_observations
from regint.data.store import shipped_dataset_path
from regint.data.units import canonical, conform_units, national_currency, unit_factor
from regint.errors import LoaderError


def _obs(**row: object) -> pd.DataFrame:
    base = {"region": "RU-SMO", "indicator": "population", "period": "2020", "value": 1.0, "unit": "persons",
            "source": "user", "status": "official"}
    return make_observations([base | row])


@pytest.mark.parametrize(("row", "value", "unit", "currency"), [
    ({"unit": "thous. persons", "value": 910.1}, 910_100.0, "persons", ""),
    ({"indicator": "population_jan1", "unit": "persons", "value": 1_072_063}, 1072.063, "thous. persons", ""),
    ({"indicator": "retail_turnover", "region": "RU", "unit": "bln RUB", "currency": "RUB", "value": 39.472},
     39_472.0, "mln RUB", "RUB"),
    ({"indicator": "grp", "region": "BY-VI", "period": "2014", "unit": "mln BYR", "currency": "BYR",
      "value": 68_843_000.0}, 6884.3, "mln BYN", "BYN"),
    ({"indicator": "wage_nominal", "region": "BY-VI", "period": "2015", "unit": "BYR per month", "value": 5_867_600},
     586.76, "BYN per month", "BYN"),
    ({"indicator": "fx_usd", "region": "BY", "period": "2012", "unit": "LCU per US$, period average",
      "currency": "BYR", "value": 8336.9}, 0.83369, "BYN per USD", "BYN"),
    ({"indicator": "population", "region": "RU", "unit": "Total", "value": 143_000_000.0}, 143e6, "persons", ""),
    ({"indicator": "exports_usd", "unit": "bn USD", "currency": "USD", "value": 1.5}, 1500.0, "mln USD", "USD"),
    ({"indicator": "ppp", "region": "ARG", "unit": "LCU per international $", "value": 40.0}, 40.0,
     "LCU per international dollar", "LCU"),
])
def test_conversions(row: dict, value: float, unit: str, currency: str) -> None:
    out = conform_units(_obs(**row)).iloc[0]
    assert out.value == pytest.approx(value)
    assert (out.unit, out.currency) == (unit, currency)
    assert out.status == "official"  # an exact change of unit keeps the status
    if value != row["value"]:
        assert f"{row['value']:.10g} {row['unit']} × " in out.derived_from


def test_factor_formula() -> None:
    # f = s_unit / s_canonical × 10⁻⁴ for BYR → BYN: bln BYR to mln BYN = 1e9 / 1e6 × 1e-4 = 0.1
    assert unit_factor("bln BYR", "BYR", canonical("grp"), "BYN") == (pytest.approx(0.1), "mln BYN")
    assert unit_factor("kg", "", canonical("grp"), "BYN") is None
    assert national_currency("RU-SMO") == "RUB" and national_currency("BY-VI") == "BYN"
    assert national_currency("ARG") == "LCU" and national_currency("BLR") == "BYN"


def test_inconvertible_unit_refused_naming_file_row_column_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("region,indicator,period,value,unit,currency,source\n"
                    "RU-SMO,grp,2020,1,mln RUB,RUB,user\n"
                    "RU-SMO,grp,2021,2,kg,,user\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"file figures.csv, row 3, column unit: grp RU-SMO 2021: the unit 'kg' "
                                          r"\(RUB\) cannot be converted to the catalog unit 'mln RUB'. Nothing of "
                                          r"the file was loaded. Fix: give the value in 'mln RUB'"):
        load_file(path)


def test_currency_needing_an_exchange_rate_refused(tmp_path: Path) -> None:
    path = tmp_path / "usd.csv"
    path.write_text("region,indicator,period,value,unit,currency,source\nBY-VI,wage_nominal,2020,400,USD per month,"
                    "USD,user\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"row 2, column unit: .*'USD per month' cannot be converted to the "
                                          r"catalog unit 'BYN per month'.*needs an exchange rate"):
        load_file(path)


def test_belarusian_money_before_2016_needs_its_currency() -> None:
    with pytest.raises(LoaderError, match=r"column currency: wage_nominal BY-VI 2014: .*old roubles.*Fix: state the "
                                          r"currency \(BYR"):
        conform_units(_obs(indicator="wage_nominal", region="BY-VI", period="2014", unit="national currency per "
                           "month", location=""), path="x.csv")
    out = conform_units(_obs(indicator="wage_nominal", region="BY-VI", period="2017",
                             unit="national currency per month")).iloc[0]
    assert (out.unit, out.currency) == ("BYN per month", "BYN")


def test_price_basis_refused_when_it_differs() -> None:
    with pytest.raises(LoaderError, match=r"column price_basis: grp RU-SMO 2020: price basis 'constant 2015'"):
        conform_units(_obs(indicator="grp", unit="mln RUB", currency="RUB", price_basis="constant 2015"))


@settings(max_examples=40, deadline=None)
@given(value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
       unit=st.sampled_from(["persons", "thous. persons", "mln persons"]))
def test_conversion_is_idempotent_and_exact(value: float, unit: str) -> None:
    once = conform_units(_obs(value=value, unit=unit))
    twice = conform_units(once)
    assert twice.value.iloc[0] == once.value.iloc[0]
    scale = {"persons": 1.0, "thous. persons": 1e3, "mln persons": 1e6}[unit]
    assert once.value.iloc[0] == pytest.approx(value * scale)


def test_every_catalog_indicator_has_a_unit_and_a_currency_rule() -> None:
    cat = indicators()
    assert (cat["unit"] != "").all()
    monetary = cat["monetary"] == "true"
    assert set(cat.loc[monetary, "currency"]) <= {"national", "USD", "RUB", "BYN", "INTD"}
    assert (cat.loc[~monetary, "currency"] == "").all()
    national = cat[cat["currency"] == "national"]
    assert national["unit"].str.contains("national currency").all()


def test_shipped_dataset_one_unit_and_one_currency_per_indicator() -> None:
    # the store invariant: every indicator has one unit (the national currency written out per country) and,
    # per country, one currency
    obs = pd.read_parquet(shipped_dataset_path())
    abstract = [u.replace(c, "national currency") if c in ("RUB", "BYN", "LCU") and canonical(i) is not None
                and canonical(i).currency == "national" else u
                for i, u, c in zip(obs["indicator"], obs["unit"], obs["currency"], strict=True)]
    per_indicator = obs.assign(abstract=abstract).groupby("indicator")["abstract"].nunique()
    assert per_indicator[per_indicator > 1].to_dict() == {}
    country = obs["region"].map(lambda r: {"RUS": "RU", "BLR": "BY"}.get(r, r.split("-")[0]))
    per_country = obs.assign(country=country).groupby(["indicator", "country"])["currency"].nunique()
    assert per_country[per_country > 1].to_dict() == {}
    assert "BYR" not in set(obs["currency"])
    # the units the catalog fixes
    for ind, unit in (("population", "persons"), ("population_jan1", "thous. persons"),
                      ("retail_turnover", "mln national currency"), ("grp", "mln national currency"),
                      ("employment", "thous. persons")):
        assert canonical(ind).unit == unit
        assert per_indicator[ind] == 1
    russia = obs[(obs.region == "RU") & (obs.indicator == "population") & (obs.period == "2010")]
    assert russia["value"].min() > 1e8  # persons from every source (Rosstat's thousands converted)
