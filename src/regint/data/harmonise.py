"""Harmonisation of observations: currencies, US dollars, PPP, deflation, per-capita values and series breaks.

Every converted value records what it came from in ``derived_from`` (the input value, the rate and the
rate's source) and gets status ``derived``. A value whose rate is missing stays a gap (NaN with a note) —
nothing is filled silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatch
from functools import lru_cache

import numpy as np
import pandas as pd

from regint._paths import package_data
from regint.data.schema import make_observations, period_year
from regint.errors import DataError

#: 10,000 old Belarusian roubles (BYR) = 1 new rouble (BYN) from 1 July 2016.
BYR_PER_BYN = 10_000.0


def country_of(region: str) -> str:
    """The country (ISO alpha-2) of a region code: ``RU-SMO`` → ``RU``; ``RUS`` → ``RU``; ``BLR`` → ``BY``."""
    alpha3 = {"RUS": "RU", "BLR": "BY"}
    return alpha3.get(region, region.split("-")[0])


def redenominate(obs: pd.DataFrame) -> pd.DataFrame:
    """Convert values in old Belarusian roubles (``currency == "BYR"``) to new roubles (BYN).

    .. math:: v_{BYN} = v_{BYR} / 10\\,000

    Rates quoted in BYR per unit of foreign currency (``fx_usd``) are divided the same way.
    """
    out = make_observations(obs)
    mask = out["currency"].eq("BYR")
    if not mask.any():
        return out
    old = out.loc[mask, "value"]
    out.loc[mask, "derived_from"] = [
        f"{v:g} BYR / 10000 (redenomination of 1 July 2016); {src}" for v, src in zip(old, out.loc[mask, "source"],
                                                                                    strict=True)
    ]
    out.loc[mask, "value"] = old / BYR_PER_BYN
    out.loc[mask, "currency"] = "BYN"
    out.loc[mask, "unit"] = out.loc[mask, "unit"].str.replace("BYR", "BYN", regex=False)
    out.loc[mask, "status"] = "derived"
    return out


def fx_rates(fx: pd.DataFrame) -> pd.DataFrame:
    """Annual national-currency-per-USD rates keyed by country and year, old roubles converted to BYN.

    ``fx`` holds ``fx_usd`` observations (one per country and year, as :meth:`Store.panel` gives).
    Returns columns ``country, year, rate, currency, source``.
    """
    rates = redenominate(fx[fx["indicator"] == "fx_usd"])
    rates = rates[rates["period"].str.fullmatch(r"\d{4}")]
    frame = pd.DataFrame({
        "country": rates["region"].map(country_of),
        "year": period_year(rates["period"]),
        "rate": rates["value"],
        "currency": rates["currency"],
        "source": rates["source"],
    })
    dup = frame.duplicated(["country", "year"], keep=False)
    if dup.any():
        first = frame[dup].iloc[0]
        raise DataError(
            f"two fx_usd rates for {first.country} {first.year}. Fix: pass one rate per country and year "
            "(Store.panel picks one)."
        )
    return frame.reset_index(drop=True)


def to_usd(obs: pd.DataFrame, fx: pd.DataFrame) -> pd.DataFrame:
    """Convert monetary observations in RUB, BYR or BYN to US dollars at annual average official rates.

    .. math:: v_{USD} = v_{LCU} / e_{LCU/USD}

    Old roubles are first redenominated, so a 2015 Vitebsk wage in BYR and a 2017 one in BYN land on one
    scale. Values without a rate for their country and year become NaN with a note naming the missing rate.

    Parameters
    ----------
    obs : observation frame (annual periods ``YYYY`` or sub-annual; the rate of the period's year is used)
    fx : ``fx_usd`` observations for the countries concerned
    """
    base = redenominate(obs)
    rates = fx_rates(fx)
    base = base.assign(_country=base["region"].map(country_of), _year=period_year(base["period"]))
    merged = base.merge(rates, how="left", left_on=["_country", "_year"], right_on=["country", "year"],
                        suffixes=("", "_fx"))
    usd = merged["currency"].eq("USD")
    convertible = merged["currency"].isin(["RUB", "BYN"])
    has_rate = merged["rate"].notna() & merged["currency"].eq(merged["currency_fx"])
    out = make_observations(merged[list(base.columns.drop(["_country", "_year"]))])
    ok = convertible & has_rate
    out.loc[ok, "derived_from"] = [
        f"{v:g} {c} / {r:g} {c} per USD (fx_usd {k} {y}, {s})" + (f"; {d}" if d else "")
        for v, c, r, k, y, s, d in zip(merged.loc[ok, "value"], merged.loc[ok, "currency"], merged.loc[ok, "rate"],
                                       merged.loc[ok, "_country"], merged.loc[ok, "_year"],
                                       merged.loc[ok, "source_fx"], merged.loc[ok, "derived_from"], strict=True)
    ]
    out.loc[ok, "value"] = merged.loc[ok, "value"] / merged.loc[ok, "rate"]
    missing = convertible & ~has_rate
    out.loc[missing, "value"] = np.nan
    out.loc[missing, "note"] = [
        f"no fx_usd rate for {k} {y}: not converted (gap)" for k, y in
        zip(merged.loc[missing, "_country"], merged.loc[missing, "_year"], strict=True)
    ]
    other = ~(convertible | usd)
    if other.any():
        cur = sorted(set(merged.loc[other, "currency"]))
        raise DataError(f"cannot convert currency {cur} to USD. Fix: give values in RUB, BYR, BYN or USD.")
    converted = ok | missing
    out.loc[converted, "currency"] = "USD"
    out.loc[converted, "unit"] = out.loc[converted, "unit"].str.replace(r"\b(RUB|BYN|BYR)\b", "USD", regex=True)
    out.loc[converted, "unit"] = out.loc[converted, "unit"].replace({"national currency": "USD"})
    out.loc[converted, "status"] = "derived"
    return out


def _divide_by(obs: pd.DataFrame, divisor: pd.DataFrame, *, label: str, new_unit: str, scale: float = 1.0,
               by_country: bool) -> pd.DataFrame:
    base = make_observations(obs)
    key_left = base["region"].map(country_of) if by_country else base["region"]
    div = divisor.assign(_key=divisor["region"].map(country_of) if by_country else divisor["region"],
                         _year=period_year(divisor["period"]))[["_key", "_year", "value", "source"]]
    merged = base.assign(_key=key_left, _year=period_year(base["period"])).merge(
        div, how="left", on=["_key", "_year"], suffixes=("", "_d"))
    out = make_observations(merged[list(base.columns)])
    have = merged["value_d"].notna()
    out.loc[have, "value"] = merged.loc[have, "value"] * scale / merged.loc[have, "value_d"]
    out.loc[have, "derived_from"] = [
        f"{v:g} / {d:g} ({label} {k} {y}, {s})" for v, d, k, y, s in
        zip(merged.loc[have, "value"], merged.loc[have, "value_d"], merged.loc[have, "_key"],
            merged.loc[have, "_year"], merged.loc[have, "source_d"], strict=True)
    ]
    out.loc[~have, "value"] = np.nan
    out.loc[~have, "note"] = [f"no {label} for {k} {y} (gap)" for k, y in
                              zip(merged.loc[~have, "_key"], merged.loc[~have, "_year"], strict=True)]
    out["unit"] = new_unit
    out["status"] = "derived"
    return out


def to_ppp(obs: pd.DataFrame, ppp: pd.DataFrame) -> pd.DataFrame:
    """Convert national-currency values to international dollars with the World Bank PPP factor.

    .. math:: v_{I\\$} = v_{LCU} / PPP_{LCU/I\\$}

    References
    ----------
    World Bank, World Development Indicators, PA.NUS.PPP (PPP conversion factor, GDP, LCU per international $).
    """
    base = redenominate(obs)
    out = _divide_by(base, redenominate(ppp), label="PPP", new_unit="international $", by_country=True)
    out["currency"] = "INTD"
    out["price_basis"] = "PPP"
    return out


def per_capita(obs: pd.DataFrame, population: pd.DataFrame, *, scale: float = 1.0) -> pd.DataFrame:
    """Divide each value by the population of its region and year (``scale`` converts units, e.g. 1e6/1e3)."""
    return _divide_by(obs, population, label="population", new_unit="per person", scale=scale, by_country=False)


def price_index(cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Chain a December-on-December CPI (% of previous year) into a price level with ``base_year`` = 1.

    .. math:: P_t = \\prod_{s \\le t} (\\pi_s / 100), \\qquad P^{b}_t = P_t / P_{b}

    Returns columns ``region, year, level``; a year missing in the chain ends the chain there (no fill).
    """
    rows = []
    for region, grp in cpi.assign(year=period_year(cpi["period"])).sort_values("year").groupby("region"):
        years = grp["year"].to_numpy()
        if len(years) and not np.array_equal(years, np.arange(years[0], years[0] + len(years))):
            first_gap = int(np.argmax(np.diff(years) != 1)) + 1
            grp = grp.iloc[:first_gap]
        level = np.cumprod(grp["value"].to_numpy() / 100.0)
        levels = pd.Series(level, index=grp["year"].to_numpy())
        if base_year not in levels.index:
            continue
        for y, v in (levels / levels[base_year]).items():
            rows.append({"region": region, "year": int(y), "level": float(v)})
    return pd.DataFrame(rows, columns=["region", "year", "level"])


def deflate(obs: pd.DataFrame, cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Express nominal values at constant prices of ``base_year`` with the region's CPI chain.

    .. math:: v^{real}_t = v_t / P^{b}_t

    Uses the December-on-December CPI as the annual price change (the only regional CPI available for the
    whole period); the note says so.
    """
    levels = price_index(cpi, base_year)
    div = pd.DataFrame({"region": levels["region"], "period": levels["year"].astype(str),
                        "value": levels["level"], "source": "cpi chain"})
    out = _divide_by(obs, div, label=f"CPI level ({base_year}=1)", new_unit="", by_country=False)
    out["unit"] = make_observations(obs)["unit"]
    out["price_basis"] = f"constant {base_year}"
    return out


@lru_cache(maxsize=1)
def breaks_catalog() -> pd.DataFrame:
    """The known series breaks (data, not code paths)."""
    return pd.read_csv(package_data("data", "catalogs", "breaks.csv"), dtype=str, keep_default_na=False)


def series_breaks(indicator: str, regions: Sequence[str], years: tuple[int, int] | None = None) -> pd.DataFrame:
    """The breaks that touch an indicator for any of ``regions`` within ``years``."""
    hits = []
    for row in breaks_catalog().itertuples():
        if row.id == "press_definitions":
            continue
        if not any(fnmatch(indicator, pat) for pat in row.indicators.split(";")):
            continue
        if not any(fnmatch(r, row.regions) for r in regions):
            continue
        if years and row.start:
            start = int(row.start[:4])
            end = int(row.end[:4]) if row.end else 9999
            if row.kind == "currency" or row.kind in ("classification", "definition"):
                if not (years[0] < start <= years[1] or years[0] <= start <= years[1]):
                    continue
            elif end < years[0] or start > years[1]:
                continue
        hits.append(row._asdict())
    return pd.DataFrame(hits)
