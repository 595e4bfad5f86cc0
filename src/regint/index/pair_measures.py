"""The indicators of a pair of regions, each computed from the two regions' yearly series.

Every measure is a function of two frames ``a`` and ``b`` (years × indicator codes, absolute units, monetary
values in national currency; ``fx_usd`` national currency per USD) and the distance between the regions. It
returns the value per year and the inputs it used, so that coverage and the missing inputs can be reported.
A value is NaN whenever any input is missing: nothing is filled here.

References
----------
Asian Development Bank (2017), *Asia-Pacific Regional Cooperation and Integration Index (ARCII)*, ADB
Economics Working Paper 519 (Huh & Park), dimensions and indicators, pp. 8–12.
Eurasian Development Bank (2017), *EDB Integration Barometer / System of indicators of Eurasian integration
(SIEI II)*, EDB Centre for Integration Studies, Report 43.
Krugman, P. (1991), *Geography and Trade*, MIT Press, appendix D (specialisation index).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

Inputs = list[tuple[str, pd.Series]]
Measure = Callable[[pd.DataFrame, pd.DataFrame, float, str, str], tuple[pd.Series, Inputs]]


def col(frame: pd.DataFrame, code: str) -> pd.Series:
    """A column of a region's frame, all-NaN when the region has no such series."""
    if code in frame.columns:
        return frame[code].astype(float)
    return pd.Series(np.nan, index=frame.index, dtype=float)


def _both(a: pd.DataFrame, b: pd.DataFrame, ra: str, rb: str, codes: list[str]) -> Inputs:
    return [(f"{r} {c}", col(f, c)) for r, f in ((ra, a), (rb, b)) for c in codes]


def _usd(frame: pd.DataFrame, code: str) -> pd.Series:
    return col(frame, code) / col(frame, "fx_usd")


def _abs_log_ratio(x: pd.Series, y: pd.Series) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(np.abs(np.log(x / y)), index=x.index).where((x > 0) & (y > 0))


def cis_trade_openness(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Trade with CIS partners as % of GRP: :math:`100 \\sum_r (X^{cis}_r + M^{cis}_r) / \\sum_r Y^{usd}_r`."""
    trade = sum(col(f, "exports_cis_usd") + col(f, "imports_cis_usd") for f in (a, b))
    value = 100.0 * trade / (_usd(a, "grp") + _usd(b, "grp"))
    return value, _both(a, b, ra, rb, ["exports_cis_usd", "imports_cis_usd", "grp", "fx_usd"])


def cis_trade_share(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Share of CIS partners in the pair's foreign trade, %."""
    cis = sum(col(f, "exports_cis_usd") + col(f, "imports_cis_usd") for f in (a, b))
    total = sum(col(f, "exports_usd") + col(f, "imports_usd") for f in (a, b))
    return 100.0 * cis / total, _both(a, b, ra, rb, ["exports_cis_usd", "imports_cis_usd", "exports_usd",
                                                     "imports_usd"])


def partner_trade_share(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Share of the partner country (Belarus for the Russian region, Russia for the Belarusian) in trade, %."""
    partner = col(a, "trade_partner_usd") + col(b, "trade_partner_usd")
    total = sum(col(f, "exports_usd") + col(f, "imports_usd") for f in (a, b))
    return 100.0 * partner / total, _both(a, b, ra, rb, ["trade_partner_usd", "exports_usd", "imports_usd"])


def income_gap(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Income gap :math:`|\\ln(y_a / y_b)|` of GRP per capita in USD (0 = equal)."""
    return (_abs_log_ratio(_usd(a, "grp_per_capita"), _usd(b, "grp_per_capita")),
            _both(a, b, ra, rb, ["grp_per_capita", "fx_usd"]))


def wage_gap(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Wage gap :math:`|\\ln(w_a / w_b)|` of nominal wages in USD."""
    return (_abs_log_ratio(_usd(a, "wage_nominal"), _usd(b, "wage_nominal")),
            _both(a, b, ra, rb, ["wage_nominal", "fx_usd"]))


def inflation_gap(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Absolute difference of CPI growth, percentage points."""
    return (col(a, "cpi") - col(b, "cpi")).abs(), _both(a, b, ra, rb, ["cpi"])


def size_balance(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Smaller over larger GRP in USD, in (0, 1]."""
    ya, yb = _usd(a, "grp"), _usd(b, "grp")
    return np.minimum(ya, yb) / np.maximum(ya, yb), _both(a, b, ra, rb, ["grp", "fx_usd"])


def structural_dissimilarity(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str,
                             rb: str) -> tuple[pd.Series, Inputs]:
    """Krugman dissimilarity :math:`\\tfrac12 \\sum_k |s_{ak} - s_{bk}|` of GRP shares (``grp_structure_*``).

    Only activities reported for both regions count; the shares are rescaled to sum to one over them.
    """
    codes = sorted(set(a.columns) & set(b.columns))
    codes = [c for c in codes if c.startswith("grp_structure_")]
    if not codes:
        empty = pd.Series(np.nan, index=a.index, dtype=float)
        return empty, [(f"{ra} grp_structure_*", empty), (f"{rb} grp_structure_*", empty)]
    sa, sb = a[codes].astype(float), b[codes].astype(float)
    complete = sa.notna().all(axis=1) & sb.notna().all(axis=1)
    sa = sa.div(sa.sum(axis=1), axis=0)
    sb = sb.div(sb.sum(axis=1), axis=0)
    value = (0.5 * (sa - sb).abs().sum(axis=1)).where(complete)
    return value, _both(a, b, ra, rb, codes)


def investment_rate(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Mean over the two regions of fixed investment as % of GRP."""
    value = 50.0 * (col(a, "investment_fixed") / col(a, "grp") + col(b, "investment_fixed") / col(b, "grp"))
    return value, _both(a, b, ra, rb, ["investment_fixed", "grp"])


def investment_gap(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Gap :math:`|\\ln|` of fixed investment per inhabitant in USD."""
    ia = _usd(a, "investment_fixed") / col(a, "population")
    ib = _usd(b, "investment_fixed") / col(b, "population")
    return _abs_log_ratio(ia, ib), _both(a, b, ra, rb, ["investment_fixed", "fx_usd", "population"])


def enterprise_density(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str,
                       rb: str) -> tuple[pd.Series, Inputs]:
    """Enterprises per 1,000 inhabitants of the pair."""
    value = 1000.0 * (col(a, "enterprises") + col(b, "enterprises")) / (col(a, "population") +
                                                                         col(b, "population"))
    return value, _both(a, b, ra, rb, ["enterprises", "population"])


def unemployment_gap(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Absolute difference of unemployment rates, percentage points."""
    return (col(a, "unemployment_rate") - col(b, "unemployment_rate")).abs(), _both(
        a, b, ra, rb, ["unemployment_rate"])


def population_growth(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Growth of the pair's population on the previous year, % (needs consecutive years)."""
    pop = col(a, "population") + col(b, "population")
    years = pd.Series(pop.index, index=pop.index)
    prev = pop.shift(1).where(years.diff() == 1)
    return 100.0 * (pop / prev - 1.0), _both(a, b, ra, rb, ["population"])


def distance_km(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Distance between the regions from the static distance table (the same every year)."""
    s = pd.Series(d, index=a.index, dtype=float)
    return s, [("distance table", s)]


def gravity_potential(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """:math:`\\ln(Y_a Y_b / d^2)` with GRP in USD: the gravity mass term (Tinbergen 1962)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.log(_usd(a, "grp") * _usd(b, "grp") / d**2)
    dist = pd.Series(d, index=a.index, dtype=float)
    return value, [*_both(a, b, ra, rb, ["grp", "fx_usd"]), ("distance table", dist)]


def freight_per_capita(a: pd.DataFrame, b: pd.DataFrame, d: float, ra: str,
                       rb: str) -> tuple[pd.Series, Inputs]:
    """Freight carried per inhabitant of the pair, tonnes."""
    value = (col(a, "freight") + col(b, "freight")) / (col(a, "population") + col(b, "population"))
    return value, _both(a, b, ra, rb, ["freight", "population"])


MEASURES: dict[str, Measure] = {
    "cis_trade_openness": cis_trade_openness,
    "cis_trade_share": cis_trade_share,
    "partner_trade_share": partner_trade_share,
    "income_gap": income_gap,
    "wage_gap": wage_gap,
    "inflation_gap": inflation_gap,
    "size_balance": size_balance,
    "structural_dissimilarity": structural_dissimilarity,
    "investment_rate": investment_rate,
    "investment_gap": investment_gap,
    "enterprise_density": enterprise_density,
    "unemployment_gap": unemployment_gap,
    "population_growth": population_growth,
    "distance_km": distance_km,
    "gravity_potential": gravity_potential,
    "freight_per_capita": freight_per_capita,
}
