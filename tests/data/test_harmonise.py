"""Harmonisation: redenomination, USD and PPP conversion, deflation, per capita, series breaks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.data.harmonise import (
    deflate,
    per_capita,
    price_index,
    redenominate,
    series_breaks,
    to_ppp,
    to_usd,
)
from regint.data.schema import make_observations


def _wages() -> pd.DataFrame:
    # Hand-made inputs for the arithmetic (not shipped data): a wage in old roubles for 2015, one in new for 2017.
    return make_observations([
        {"region": "BY-VI", "indicator": "wage_nominal", "period": "2015", "value": 5_805_300.0, "unit": "BYR",
         "currency": "BYR", "source": "user", "status": "official"},
        {"region": "BY-VI", "indicator": "wage_nominal", "period": "2017", "value": 690.0, "unit": "BYN",
         "currency": "BYN", "source": "user", "status": "official"},
        {"region": "RU-SMO", "indicator": "wage_nominal", "period": "2017", "value": 26269.3, "unit": "RUB",
         "currency": "RUB", "source": "user", "status": "official"},
    ])


def _fx() -> pd.DataFrame:
    return make_observations([
        {"region": "BY", "indicator": "fx_usd", "period": "2015", "value": 15_000.0, "unit": "BYR per USD",
         "currency": "BYR", "source": "user", "status": "official"},
        {"region": "BY", "indicator": "fx_usd", "period": "2017", "value": 2.0, "unit": "BYN per USD",
         "currency": "BYN", "source": "user", "status": "official"},
        {"region": "RU", "indicator": "fx_usd", "period": "2017", "value": 58.0, "unit": "RUB per USD",
         "currency": "RUB", "source": "cbr_fx", "status": "official"},
    ])


def test_redenomination_10000_to_1() -> None:
    out = redenominate(_wages())
    assert out.loc[0, "value"] == pytest.approx(580.53)
    assert out.loc[0, "currency"] == "BYN"
    assert out.loc[0, "status"] == "derived"
    assert "10000" in out.loc[0, "derived_from"]


def test_byr_2015_and_byn_2017_on_one_usd_scale() -> None:
    usd = to_usd(_wages(), _fx())
    # 5,805,300 BYR / 15,000 BYR per USD = 387.02 USD; 690 BYN / 2 BYN per USD = 345 USD; 26269.3 / 58 RUB
    assert usd["value"].tolist() == pytest.approx([387.02, 345.0, 26269.3 / 58.0])
    assert set(usd["currency"]) == {"USD"}
    assert "BYR / 10000" in usd.loc[0, "derived_from"] and "BYN per USD" in usd.loc[0, "derived_from"]


def test_missing_rate_is_a_gap_with_a_note() -> None:
    fx = _fx().iloc[[1, 2]]
    usd = to_usd(_wages(), fx)
    assert math.isnan(usd.loc[0, "value"])
    assert "no fx_usd rate for BY 2015" in usd.loc[0, "note"]


@settings(deadline=None, max_examples=50)
@given(st.floats(min_value=1e-3, max_value=1e9), st.floats(min_value=1e-3, max_value=1e5))
def test_usd_conversion_divides_by_rate(value: float, rate: float) -> None:
    obs = make_observations([{"region": "RU-SMO", "indicator": "grp", "period": "2020", "value": value,
                              "unit": "mln RUB", "currency": "RUB", "source": "user", "status": "official"}])
    fx = make_observations([{"region": "RU", "indicator": "fx_usd", "period": "2020", "value": rate,
                             "unit": "RUB per USD", "currency": "RUB", "source": "user", "status": "official"}])
    out = to_usd(obs, fx)
    assert out.loc[0, "value"] == pytest.approx(value / rate)
    assert out.loc[0, "unit"] == "mln USD"


def test_ppp_and_per_capita() -> None:
    ppp = make_observations([{"region": "BY", "indicator": "ppp", "period": "2017", "value": 0.5,
                              "unit": "BYN per intl $", "currency": "BYN", "source": "wdi_datahub",
                              "status": "official"}])
    out = to_ppp(_wages().iloc[[1]], ppp)
    assert out["value"].tolist() == [1380.0]
    pop = make_observations([{"region": "BY-VI", "indicator": "population", "period": "2017", "value": 2.0,
                              "unit": "persons", "source": "user", "status": "official"}])
    assert per_capita(_wages().iloc[[1]], pop)["value"].tolist() == [345.0]


def test_price_index_chain_and_deflation() -> None:
    cpi = make_observations([
        {"region": "RU-SMO", "indicator": "cpi", "period": str(y), "value": v, "unit": "%", "source": "user",
         "status": "official"} for y, v in [(2014, 110.0), (2015, 120.0), (2016, 105.0)]
    ])
    lv = price_index(cpi, 2014).set_index("year")["level"]
    assert lv.to_dict() == pytest.approx({2014: 1.0, 2015: 1.2, 2016: 1.26})
    nominal = make_observations([{"region": "RU-SMO", "indicator": "wage_nominal", "period": "2016",
                                  "value": 126.0, "unit": "RUB", "currency": "RUB", "source": "user",
                                  "status": "official"}])
    real = deflate(nominal, cpi, 2014)
    assert real["value"].tolist() == pytest.approx([100.0])
    assert real.loc[0, "price_basis"] == "constant 2014"
    assert np.isfinite(real["value"]).all()


def test_breaks_are_reported_for_the_series_they_touch() -> None:
    brk = series_breaks("exports_cis_usd", ["RU-SMO"], (2009, 2015))
    assert "ru_trade_belarus_excluded" in set(brk["id"])
    assert series_breaks("exports_cis_usd", ["RU-SMO"], (2013, 2015)).empty
    assert "byr_redenomination" in set(series_breaks("wage_nominal", ["BY-VI"], (2010, 2020))["id"])
