"""The indicators of a pair of regions, each computed from the two regions' yearly series.

Every measure is a function of two frames ``a`` and ``b`` (years × indicator codes, absolute units, monetary
values in national currency; ``fx_usd`` national currency per USD, ``ppp`` national currency per international
dollar; national series of the region's country as ``national_<code>``) and the static facts of the pair
(:class:`Static`: distance, shared border). It returns the value per year and the inputs it used, so that
coverage, the missing inputs and the source of every input can be reported. A value is NaN whenever any input
is missing: nothing is filled here.

Each measure has a *basis* (:data:`BASIS`): ``symmetric`` (both regions' figures), ``one-sided RU`` /
``one-sided BY`` (only one side reports the integration-relevant figure), ``national proxy BY`` (a national
figure stands in for the missing regional one) or ``static``. One-sided measures find their side by the
country prefix of the region code, whatever the order of the pair.

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
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.indicators.gaps import relative_gap

Inputs = list[tuple[str, pd.Series]]


@dataclass(frozen=True)
class Static:
    """Static facts of a pair: great-circle distance between the centres (km) and a shared border (1/0)."""

    distance_km: float = float("nan")
    shared_border: float = float("nan")


Measure = Callable[[pd.DataFrame, pd.DataFrame, Static, str, str], tuple[pd.Series, Inputs]]


def col(frame: pd.DataFrame, code: str) -> pd.Series:
    """A column of a region's frame, all-NaN when the region has no such series."""
    if code in frame.columns:
        return frame[code].astype(float)
    return pd.Series(np.nan, index=frame.index, dtype=float)


def _both(a: pd.DataFrame, b: pd.DataFrame, ra: str, rb: str, codes: list[str]) -> Inputs:
    return [(f"{r} {c}", col(f, c)) for r, f in ((ra, a), (rb, b)) for c in codes]


def _usd(frame: pd.DataFrame, code: str) -> pd.Series:
    return col(frame, code) / col(frame, "fx_usd")


def cis_trade_openness(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Trade with CIS partners as % of GRP: :math:`100 \\sum_r (X^{cis}_r + M^{cis}_r) / \\sum_r Y^{usd}_r`."""
    trade = sum(col(f, "exports_cis_usd") + col(f, "imports_cis_usd") for f in (a, b))
    value = 100.0 * trade / (_usd(a, "grp") + _usd(b, "grp"))
    return value, _both(a, b, ra, rb, ["exports_cis_usd", "imports_cis_usd", "grp", "fx_usd"])


def cis_trade_share(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Share of CIS partners in the pair's foreign trade, %."""
    cis = sum(col(f, "exports_cis_usd") + col(f, "imports_cis_usd") for f in (a, b))
    total = sum(col(f, "exports_usd") + col(f, "imports_usd") for f in (a, b))
    return 100.0 * cis / total, _both(a, b, ra, rb, ["exports_cis_usd", "imports_cis_usd", "exports_usd",
                                                     "imports_usd"])


def partner_trade_share(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Share of the partner country (Belarus for the Russian region, Russia for the Belarusian) in trade, %."""
    partner = col(a, "trade_partner_usd") + col(b, "trade_partner_usd")
    total = sum(col(f, "exports_usd") + col(f, "imports_usd") for f in (a, b))
    return 100.0 * partner / total, _both(a, b, ra, rb, ["trade_partner_usd", "exports_usd", "imports_usd"])


def income_gap(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Income gap of GRP per capita in USD, :func:`regint.indicators.gaps.relative_gap` (0 = equal)."""
    return (relative_gap(_usd(a, "grp_per_capita"), _usd(b, "grp_per_capita")),
            _both(a, b, ra, rb, ["grp_per_capita", "fx_usd"]))


def wage_gap(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Wage gap of nominal wages in USD, :func:`regint.indicators.gaps.relative_gap` (0 = equal; the same
    definition as the scenarios' wage gap)."""
    return (relative_gap(_usd(a, "wage_nominal"), _usd(b, "wage_nominal")),
            _both(a, b, ra, rb, ["wage_nominal", "fx_usd"]))


def inflation_gap(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Absolute difference of CPI growth, percentage points."""
    return (col(a, "cpi") - col(b, "cpi")).abs(), _both(a, b, ra, rb, ["cpi"])


def size_balance(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Smaller over larger GRP in USD, in (0, 1]."""
    ya, yb = _usd(a, "grp"), _usd(b, "grp")
    return np.minimum(ya, yb) / np.maximum(ya, yb), _both(a, b, ra, rb, ["grp", "fx_usd"])


def structural_dissimilarity(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
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


def investment_rate(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Mean over the two regions of fixed investment as % of GRP."""
    value = 50.0 * (col(a, "investment_fixed") / col(a, "grp") + col(b, "investment_fixed") / col(b, "grp"))
    return value, _both(a, b, ra, rb, ["investment_fixed", "grp"])


def investment_gap(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Gap :math:`|\\ln|` of fixed investment per inhabitant in USD."""
    ia = _usd(a, "investment_fixed") / col(a, "population")
    ib = _usd(b, "investment_fixed") / col(b, "population")
    return relative_gap(ia, ib), _both(a, b, ra, rb, ["investment_fixed", "fx_usd", "population"])


def enterprise_density(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                       rb: str) -> tuple[pd.Series, Inputs]:
    """Enterprises per 1,000 inhabitants of the pair."""
    value = 1000.0 * (col(a, "enterprises") + col(b, "enterprises")) / (col(a, "population") +
                                                                         col(b, "population"))
    return value, _both(a, b, ra, rb, ["enterprises", "population"])


def unemployment_gap(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Absolute difference of unemployment rates, percentage points."""
    return (col(a, "unemployment_rate") - col(b, "unemployment_rate")).abs(), _both(
        a, b, ra, rb, ["unemployment_rate"])


def population_growth(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Growth of the pair's population on the previous year, % (needs consecutive years)."""
    pop = col(a, "population") + col(b, "population")
    years = pd.Series(pop.index, index=pop.index)
    prev = pop.shift(1).where(years.diff() == 1)
    return 100.0 * (pop / prev - 1.0), _both(a, b, ra, rb, ["population"])


def distance_km(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Distance between the regions from the static distance table (the same every year)."""
    s = pd.Series(d.distance_km, index=a.index, dtype=float)
    return s, [("distance table", s)]


def gravity_potential(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """:math:`\\ln(Y_a Y_b / d^2)` with GRP in USD: the gravity mass term (Tinbergen 1962)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.log(_usd(a, "grp") * _usd(b, "grp") / d.distance_km**2)
    dist = pd.Series(d.distance_km, index=a.index, dtype=float)
    return value, [*_both(a, b, ra, rb, ["grp", "fx_usd"]), ("distance table", dist)]


def freight_per_capita(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                       rb: str) -> tuple[pd.Series, Inputs]:
    """Freight carried per inhabitant of the pair, tonnes."""
    value = (col(a, "freight") + col(b, "freight")) / (col(a, "population") + col(b, "population"))
    return value, _both(a, b, ra, rb, ["freight", "population"])



# ------------------------------------------------------------------ measures for the shipped data
# The measures below are computable from the shipped dataset: symmetric where both sides report the inputs,
# otherwise one-sided or with a national proxy, as their names and :data:`BASIS` say.


def _side(a: pd.DataFrame, b: pd.DataFrame, ra: str, rb: str, country: str) -> tuple[pd.DataFrame, str]:
    """The frame and code of the region of ``country`` (``"RU"`` or ``"BY"``) in the pair."""
    if ra.split("-")[0] == country:
        return a, ra
    if rb.split("-")[0] == country:
        return b, rb
    return pd.DataFrame(index=a.index), f"{country} region (none in the pair)"


def _ppp(frame: pd.DataFrame, code: str) -> pd.Series:
    return col(frame, code) / col(frame, "ppp")


def trade_per_capita(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Foreign trade in goods of the pair per inhabitant, USD (symmetric).

    .. math:: T = \\frac{\\sum_r (X_r + M_r)}{\\sum_r P_r}

    Rosstat's regional totals exclude trade with Belarus in 2009–2011 (break in the Russian side's series).
    """
    trade = sum(col(f, "exports_usd") + col(f, "imports_usd") for f in (a, b))
    value = trade / (col(a, "population") + col(b, "population"))
    return value, _both(a, b, ra, rb, ["exports_usd", "imports_usd", "population"])


def cis_share_ru(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """CIS share of the Russian region's foreign trade, % (one-sided: Belstat gives no CIS breakdown).

    .. math:: s = 100\\,\\frac{X^{cis} + M^{cis}}{X + M}

    Belarus dominates the CIS trade of the border regions; Rosstat's regional series exclude trade with Belarus
    in 2009–2011 and include it from 2012 (break).
    """
    f, r = _side(a, b, ra, rb, "RU")
    cis = col(f, "exports_cis_usd") + col(f, "imports_cis_usd")
    value = 100.0 * cis / (col(f, "exports_usd") + col(f, "imports_usd"))
    return value, [(f"{r} {c}", col(f, c)) for c in ("exports_cis_usd", "imports_cis_usd", "exports_usd",
                                                      "imports_usd")]


def wage_gap_ppp(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """Wage gap :func:`~regint.indicators.gaps.relative_gap` of nominal wages at national PPP (``ppp``).

    The PPP conversion factors are national (World Bank WDI): a national proxy for regional price levels.
    """
    return (relative_gap(_ppp(a, "wage_nominal"), _ppp(b, "wage_nominal")),
            _both(a, b, ra, rb, ["wage_nominal", "ppp"]))


def consumption_gap_ppp(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                        rb: str) -> tuple[pd.Series, Inputs]:
    """Gap (:func:`~regint.indicators.gaps.relative_gap`) of retail turnover per inhabitant at national PPP
    (an income proxy)."""
    ca = _ppp(a, "retail_turnover") / col(a, "population")
    cb = _ppp(b, "retail_turnover") / col(b, "population")
    return relative_gap(ca, cb), _both(a, b, ra, rb, ["retail_turnover", "ppp", "population"])


def inflation_gap_by_national(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                              rb: str) -> tuple[pd.Series, Inputs]:
    """Inflation gap, p.p.: Russian region's CPI against Belarus' national inflation (national proxy).

    .. math:: g = |(\\mathrm{CPI}_{RU\\,region} - 100) - \\pi_{BY}|

    Rosstat's regional CPI is December on December; the WDI inflation of Belarus is the annual average: the
    definitions differ, and there is no Belarusian regional CPI in the data.
    """
    fr, r_ru = _side(a, b, ra, rb, "RU")
    fb, r_by = _side(a, b, ra, rb, "BY")
    value = ((col(fr, "cpi") - 100.0) - col(fb, "national_inflation")).abs()
    return value, [(f"{r_ru} cpi", col(fr, "cpi")), (f"{r_by} national_inflation", col(fb, "national_inflation"))]


def trade_balance_complementarity(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                                  rb: str) -> tuple[pd.Series, Inputs]:
    """Opposition of the trade balances :math:`\\tfrac12 |n_a - n_b|`, :math:`n = (X - M)/(X + M)`, in [0, 1].

    A crude aggregate proxy of complementarity (one region a net exporter, the other a net importer); the
    product-level complementarity index (Michaely 1996) needs trade by product, which the data lack.
    """
    def net(f: pd.DataFrame) -> pd.Series:
        x, m = col(f, "exports_usd"), col(f, "imports_usd")
        return (x - m) / (x + m)

    return 0.5 * (net(a) - net(b)).abs(), _both(a, b, ra, rb, ["exports_usd", "imports_usd"])


def market_size_balance(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                        rb: str) -> tuple[pd.Series, Inputs]:
    """Smaller over larger retail turnover at national PPP, in (0, 1] (size balance without GRP)."""
    ya, yb = _ppp(a, "retail_turnover"), _ppp(b, "retail_turnover")
    return np.minimum(ya, yb) / np.maximum(ya, yb), _both(a, b, ra, rb, ["retail_turnover", "ppp"])


def investment_rate_ru(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                       rb: str) -> tuple[pd.Series, Inputs]:
    """Fixed investment of the Russian region as % of its GRP (one-sided: no Belarusian regional data)."""
    f, r = _side(a, b, ra, rb, "RU")
    value = 100.0 * col(f, "investment_fixed") / col(f, "grp")
    return value, [(f"{r} investment_fixed", col(f, "investment_fixed")), (f"{r} grp", col(f, "grp"))]


def enterprise_density_by(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                          rb: str) -> tuple[pd.Series, Inputs]:
    """Enterprises per 1,000 inhabitants of the Belarusian region (one-sided: no Russian count in the data)."""
    f, r = _side(a, b, ra, rb, "BY")
    value = 1000.0 * col(f, "enterprises") / col(f, "population")
    return value, [(f"{r} enterprises", col(f, "enterprises")), (f"{r} population", col(f, "population"))]


def employment_rate_gap(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                        rb: str) -> tuple[pd.Series, Inputs]:
    """Gap in the employed per 100 inhabitants, p.p.: :math:`100\\,|E_a/P_a - E_b/P_b|`."""
    value = 100.0 * (col(a, "employment") / col(a, "population") - col(b, "employment") /
                     col(b, "population")).abs()
    return value, _both(a, b, ra, rb, ["employment", "population"])


def shared_border(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str, rb: str) -> tuple[pd.Series, Inputs]:
    """1 when the regions share a border (region catalog ``neighbours``), else 0; the same every year."""
    s = pd.Series(d.shared_border, index=a.index, dtype=float)
    return s, [("neighbours table", s)]


def freight_per_capita_by(a: pd.DataFrame, b: pd.DataFrame, d: Static, ra: str,
                          rb: str) -> tuple[pd.Series, Inputs]:
    """Freight carried per inhabitant of the Belarusian region, t (one-sided: no Russian regional freight)."""
    f, r = _side(a, b, ra, rb, "BY")
    value = col(f, "freight") / col(f, "population")
    return value, [(f"{r} freight", col(f, "freight")), (f"{r} population", col(f, "population"))]


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
    "trade_per_capita": trade_per_capita,
    "cis_share_ru": cis_share_ru,
    "wage_gap_ppp": wage_gap_ppp,
    "consumption_gap_ppp": consumption_gap_ppp,
    "inflation_gap_by_national": inflation_gap_by_national,
    "trade_balance_complementarity": trade_balance_complementarity,
    "market_size_balance": market_size_balance,
    "investment_rate_ru": investment_rate_ru,
    "enterprise_density_by": enterprise_density_by,
    "employment_rate_gap": employment_rate_gap,
    "shared_border": shared_border,
    "freight_per_capita_by": freight_per_capita_by,
}

BASIS: dict[str, str] = {
    **{c: "symmetric" for c in MEASURES},
    "cis_share_ru": "one-sided RU",
    "investment_rate_ru": "one-sided RU",
    "enterprise_density_by": "one-sided BY",
    "freight_per_capita_by": "one-sided BY",
    "inflation_gap_by_national": "national proxy BY",
    "wage_gap_ppp": "symmetric (national PPP)",
    "consumption_gap_ppp": "symmetric (national PPP)",
    "market_size_balance": "symmetric (national PPP)",
    "distance_km": "static",
    "shared_border": "static",
}
"""How each measure treats the two sides (see the module docstring)."""

STATIC_MEASURES: frozenset[str] = frozenset({"distance_km", "shared_border"})
"""Measures that do not change over time (left out when the data window is chosen)."""
