"""Fixtures of the index tests: a small hand-made observation frame for the pair index.

HAND-MADE NUMBERS, NOT REAL DATA: round figures of plausible magnitude, chosen only to exercise the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

REGIONS = {
    # region: (grp mln LCU, grp pc LCU, wage LCU, cpi %, pop persons, inv mln LCU, enterprises, freight mln t,
    #          unemployment %, exports mln USD, imports mln USD, exports CIS, imports CIS)
    "RU-SMO": (300_000, 320_000, 30_000, 105.0, 940_000, 60_000, 20_000, 40.0, 5.0, 900, 1100, 500, 600),
    "RU-PSK": (150_000, 240_000, 27_000, 104.5, 630_000, 30_000, 14_000, 25.0, 6.0, 400, 500, 150, 200),
    "RU-BRY": (280_000, 230_000, 28_000, 105.5, 1_200_000, 55_000, 18_000, 35.0, 4.5, 600, 900, 300, 450),
    "BY-VI": (12_000, 10_000, 1_000, 106.0, 1_170_000, 2_500, 9_000, 50.0, 1.0, 2500, 2000, 1500, 1200),
    "BY-MA": (10_000, 9_500, 950, 106.5, 1_050_000, 2_200, 8_000, 45.0, 1.2, 2000, 1500, 1200, 1000),
    "BY-HO": (15_000, 11_000, 1_050, 105.8, 1_400_000, 3_000, 11_000, 60.0, 0.8, 4000, 3000, 2500, 1800),
}
EXTRA = {  # region: (retail turnover mln LCU, employment thous. persons)
    "RU-SMO": (150_000, 450), "RU-PSK": (80_000, 300), "RU-BRY": (140_000, 560),
    "BY-VI": (4_000, 520), "BY-MA": (3_500, 480), "BY-HO": (5_000, 660),
}
FX = {"RU": 60.0, "BY": 2.0}
PPP = {"RU": 25.0, "BY": 0.8}  # LCU per international dollar
INFLATION = {"RU": 5.0, "BY": 10.0}  # annual average, %
YEARS = (2015, 2016, 2017, 2018)
CODES = ("grp", "grp_per_capita", "wage_nominal", "cpi", "population", "investment_fixed", "enterprises",
         "freight", "unemployment_rate", "exports_usd", "imports_usd", "exports_cis_usd", "imports_cis_usd")
UNITS = ("mln national currency", "national currency", "national currency per month", "%", "persons",
         "mln national currency", "units", "mln t", "%", "mln USD", "mln USD", "mln USD", "mln USD")


def make_panel() -> pd.DataFrame:
    """The long frame: 6 regions × 15 indicators × 4 years, plus national fx, PPP and inflation; a few gaps on
    purpose."""
    rows = []
    for region, values in REGIONS.items():
        for t, year in enumerate(YEARS):
            growth = 1.0 + 0.03 * t + (0.01 * t if region.startswith("BY") else 0.0)
            for code, unit, v in zip(CODES, UNITS, values, strict=True):
                if region == "RU-PSK" and code == "freight" and year == 2016:
                    continue  # a gap on purpose
                if region == "BY-HO" and code == "wage_nominal" and year == 2018:
                    continue  # a gap on purpose
                val = v if code in ("cpi", "unemployment_rate") else v * growth
                rows.append({"region": region, "indicator": code, "period": str(year), "value": float(val),
                             "unit": unit, "currency": "", "source": "handmade", "status": "estimate"})
            for code, unit, v in zip(("retail_turnover", "employment"), ("mln national currency",
                                                                         "thous. persons"), EXTRA[region],
                                     strict=True):
                rows.append({"region": region, "indicator": code, "period": str(year), "value": float(v * growth),
                             "unit": unit, "currency": "", "source": "handmade", "status": "estimate"})
    for country, fx in FX.items():
        for t, year in enumerate(YEARS):
            for code, unit, v in (("fx_usd", "national currency per USD", fx * (1 + 0.05 * t)),
                                  ("ppp", "national currency per international $", PPP[country] * (1 + 0.04 * t)),
                                  ("inflation", "annual %", INFLATION[country] + t)):
                rows.append({"region": country, "indicator": code, "period": str(year), "value": v,
                             "unit": unit, "currency": "", "source": "handmade", "status": "estimate"})
    return pd.DataFrame(rows)


def make_distances() -> pd.DataFrame:
    """Round hand-made distances in km (not measured)."""
    return pd.DataFrame({"region_a": ["RU-SMO", "RU-SMO", "RU-PSK", "RU-BRY", "RU-BRY"],
                         "region_b": ["BY-VI", "BY-MA", "BY-VI", "BY-HO", "BY-MA"],
                         "distance_km": [250.0, 300.0, 350.0, 280.0, 330.0],
                         "shared_border": [1.0, 1.0, 1.0, 1.0, 1.0]})


@pytest.fixture()
def handmade_panel() -> pd.DataFrame:
    return make_panel()


@pytest.fixture()
def handmade_distances() -> pd.DataFrame:
    return make_distances()
