"""Profiles of the two regions from the panel: latest values with their year and source, USD series, coverage.

Pure functions on the long observation frame (:func:`regint.data.api.load_panel`); nothing is filled: a value
that is not in the panel is a gap (``NaN``) with the reason left to the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.data.gaps import coverage
from regint.data.harmonise import to_usd

#: Indicators of the profile table, in the order shown.
PROFILE_INDICATORS: tuple[str, ...] = (
    "population_jan1", "population", "grp", "grp_per_capita", "grp_volume_index", "wage_nominal",
    "unemployment_rate", "investment_fixed", "retail_turnover", "exports_usd", "imports_usd", "cpi",
)
#: Indicators whose coverage is shown in the annex (the ones the analyses use).
COVERAGE_INDICATORS: tuple[str, ...] = (
    "population", "population_jan1", "grp", "grp_per_capita", "grp_volume_index", "grp_structure",
    "wage_nominal", "cpi", "exports_usd", "imports_usd", "exports_cis_usd", "exports_partner_usd",
    "trade_partner_usd", "industrial_production_index", "investment_fixed", "unemployment_rate", "fx_usd", "ppp",
)
_ANNUAL = r"\d{4}"


def annual(panel: pd.DataFrame) -> pd.DataFrame:
    """Annual rows with a value, with an integer ``year`` column."""
    sub = panel[panel["period"].astype(str).str.fullmatch(_ANNUAL) & panel["value"].notna()]
    return sub.assign(year=sub["period"].astype(int))


def latest_values(panel: pd.DataFrame, regions: Sequence[str],
                  indicators: Sequence[str] = PROFILE_INDICATORS) -> pd.DataFrame:
    """Latest annual value of each indicator for each region: value, year, unit, currency, source.

    Returns a long frame with one row per (indicator, region); a region without the indicator has a row with
    ``value`` NaN (a gap), so the table shows the gap.
    """
    ann = annual(panel)
    rows = []
    for ind in indicators:
        sub = ann[ann["indicator"] == ind]
        if sub.empty:
            continue
        for region in regions:
            r = sub[sub["region"] == region].sort_values("year")
            if r.empty:
                rows.append({"indicator": ind, "region": region, "value": np.nan, "year": np.nan, "unit": "",
                             "currency": "", "source": ""})
                continue
            last = r.iloc[-1]
            rows.append({"indicator": ind, "region": region, "value": float(last["value"]), "year": int(last["year"]),
                         "unit": str(last["unit"]), "currency": str(last.get("currency", "") or ""),
                         "source": str(last["source"])})
    return pd.DataFrame(rows, columns=["indicator", "region", "value", "year", "unit", "currency", "source"])


def usd_series(panel: pd.DataFrame, indicator: str, regions: Sequence[str]) -> pd.DataFrame:
    """Region × year table of an indicator in US dollars at annual average official rates (gaps stay NaN).

    Values already in USD are kept; RUB, BYR and BYN are converted with ``fx_usd`` of ``RU``/``BY``
    (:func:`regint.data.harmonise.to_usd`); a year without a rate is a gap.
    """
    ann = annual(panel)
    obs = ann[(ann["indicator"] == indicator) & ann["region"].isin(regions)].drop(columns="year")
    fx = ann[ann["indicator"] == "fx_usd"].drop(columns="year")
    if obs.empty:
        return pd.DataFrame(index=list(regions), dtype=float)
    usd = to_usd(obs, fx)
    usd = usd[usd["period"].astype(str).str.fullmatch(_ANNUAL)]
    table = usd.assign(year=usd["period"].astype(int)).pivot_table(index="region", columns="year", values="value",
                                                                    aggfunc="first")
    return table.reindex(list(regions))


def series(panel: pd.DataFrame, indicator: str, regions: Sequence[str]) -> pd.DataFrame:
    """Region × year table of an indicator as published (no conversion)."""
    ann = annual(panel)
    sub = ann[(ann["indicator"] == indicator) & ann["region"].isin(regions)]
    if sub.empty:
        return pd.DataFrame(index=list(regions), dtype=float)
    return sub.pivot_table(index="region", columns="year", values="value", aggfunc="first").reindex(list(regions))


@dataclass(frozen=True)
class CoverageResult:
    """Coverage of the analyses' indicators for the regions over a span of years.

    Attributes
    ----------
    table : DataFrame
        :func:`regint.data.gaps.coverage` rows (indicator, region, n_years, years, missing, label, sources).
    share : DataFrame
        indicator × region share of years with a value (0–1).
    years : (int, int)
    """

    table: pd.DataFrame
    share: pd.DataFrame
    years: tuple[int, int]

    def missing_share(self, region: str) -> float:
        """Share of (indicator, year) cells without a value for ``region`` over the span."""
        if region not in self.share.columns:
            return float("nan")
        return float(1.0 - self.share[region].mean())


def coverage_of(panel: pd.DataFrame, regions: Sequence[str], years: tuple[int, int],
                indicators: Sequence[str] = COVERAGE_INDICATORS) -> CoverageResult:
    """Coverage of the given indicators (``grp_structure_*`` pooled as ``grp_structure``)."""
    pan = panel.assign(indicator=panel["indicator"].where(~panel["indicator"].str.startswith("grp_structure_"),
                                                          "grp_structure"))
    pan = pan[pan["indicator"].isin(indicators)]
    table = coverage(pan, list(regions), years)
    span = years[1] - years[0] + 1
    share = (table.pivot(index="indicator", columns="region", values="n_years")
             .reindex(index=list(indicators), columns=list(regions))
             .fillna(0) / span)
    return CoverageResult(table=table, share=share, years=years)
