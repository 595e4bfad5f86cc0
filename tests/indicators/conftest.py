"""Fixtures of the indicator tests: a small hand-made observation frame for the preconditions."""

from __future__ import annotations

import pandas as pd
import pytest

YEARS = [2012, 2013, 2014, 2015, 2016, 2017]
RU_FX = [31.09, 31.85, 38.42, 60.96, 67.03, 58.35]
BY_FX = [8336.9, 8880.0, 10224.0, 15926.0, 1.9894, 1.9319]  # BYR before 2016, BYN after
SMO_WAGE = [19000.0, 21000.0, 22000.0, 23000.0, 24500.0, 26000.0]
VI_WAGE = [4_300_000.0, 5_200_000.0, 5_800_000.0, 6_200_000.0, 680.0, 750.0]


def _rows(region, indicator, values, unit, currency=None, source="test"):
    cur = currency if isinstance(currency, list) else [currency or ""] * len(values)
    return [{"region": region, "indicator": indicator, "period": str(y), "value": v, "unit": unit,
             "currency": c, "source": source, "status": "official"} for y, v, c in zip(YEARS, values, cur, strict=True)]


def make_hand_panel() -> pd.DataFrame:
    by_cur = ["BYR"] * 4 + ["BYN"] * 2
    rows = []
    rows += _rows("RU", "fx_usd", RU_FX, "RUB per USD", "RUB", "cbr")
    rows += _rows("BY", "fx_usd", BY_FX, "per USD", by_cur, "nbrb")
    rows += _rows("RU-SMO", "wage_nominal", SMO_WAGE, "RUB", "RUB", "rosstat")
    rows += _rows("BY-VI", "wage_nominal", VI_WAGE, "BYR/BYN", by_cur, "belstat")
    rows += _rows("RU-PSK", "wage_nominal", [w * 0.95 for w in SMO_WAGE], "RUB", "RUB", "rosstat")
    rows += _rows("RU", "cpi", [106.6, 106.5, 111.4, 112.9, 105.4, 102.5], "%", None, "rosstat")
    rows += _rows("BY", "cpi", [121.8, 116.5, 116.2, 112.0, 110.6, 104.6], "%", None, "belstat")
    rows += _rows("RU-SMO", "exports_usd", [500.0, 520.0, 510.0, 400.0, 380.0, 450.0], "mln USD", "USD", "rosstat")
    rows += _rows("RU-SMO", "exports_cis_usd", [300.0, 310.0, 300.0, 220.0, 200.0, 240.0], "mln USD", "USD",
                  "rosstat")
    rows += _rows("RU-SMO", "industrial_production_index", [103.0, 101.0, 98.0, 97.0, 102.0, 104.0], "%")
    rows += _rows("BY-VI", "industrial_production_index", [102.0, 99.0, 99.5, 96.0, 101.0, 105.0], "%")
    return pd.DataFrame(rows)



@pytest.fixture()
def hand_panel() -> pd.DataFrame:
    """Pair RU-SMO/BY-VI 2012-2017: wages (BY-VI in BYR before 2016), rates, CPI, exports, industry."""
    return make_hand_panel()
