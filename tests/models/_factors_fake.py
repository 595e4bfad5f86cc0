"""A synthetic long observation panel for the factor tests (no store needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd

RU_REGIONS = ["RU-SMO", "RU-PSK", "RU-BRY", "RU-KLU", "RU-TVE", "RU-ORL", "RU-KRS", "RU-MOS", "RU-NGR", "RU-LEN"]
BY_REGIONS = ["BY-VI", "BY-MA", "BY-HO"]


def fake_panel(indicators=None, regions=None, years=None, **_: object) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows: list[dict[str, object]] = []

    def add(region: str, indicator: str, year: int, value: float, currency: str = "") -> None:
        rows.append({"region": region, "indicator": indicator, "period": str(year), "value": float(value),
                     "unit": "", "currency": currency, "source": "fake", "status": "official", "vintage": "1"})

    for year in range(2000, 2022):
        add("RU", "fx_usd", year, 28 + (year - 2000) * 2, "RUB")
        if year <= 2012:
            add("BY", "fx_usd", year, 1000 + 500 * (year - 2000), "BYR")
        add("RU", "inflation", year, 8 + rng.normal())
        add("BY", "inflation", year, 12 + 3 * rng.normal())
        add("BY", "gdp_usd", year, 2e10 * 1.05 ** (year - 2000))
        add("RU", "ppp", year, 10 + year - 2000, "RUB")
        add("BY", "ppp", year, 0.1 + 0.03 * (year - 2000), "BYN")
        for i, r in enumerate(RU_REGIONS):
            ex = 1000 * (1 + 0.1 * i) * 1.04 ** (year - 2000)
            share = 0.3 + 0.02 * i + 0.05 * np.sin(year + i) + 0.02 * rng.normal()
            add(r, "exports_usd", year, ex)
            add(r, "imports_usd", year, 0.8 * ex)
            add(r, "exports_cis_usd", year, share * ex)
            add(r, "imports_cis_usd", year, 0.5 * share * ex)
            add(r, "grp", year, 1e5 * 1.1 ** (year - 2000) * (1 + 0.1 * i), "RUB")
            add(r, "grp_volume_index", year, 103 + 2 * rng.normal())
            add(r, "wage_nominal", year, 2000 * 1.12 ** (year - 2000) * (1 + 0.05 * i), "RUB")
        if 2010 <= year <= 2016:
            for j, b in enumerate(BY_REGIONS):
                add(b, "wage_nominal", year, 150 * 1.2 ** (year - 2010) * (1 + 0.05 * j), "BYN")
    return pd.DataFrame(rows)
