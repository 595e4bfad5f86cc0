"""Price integration: the bilateral real exchange rate, price-level gaps, unit-root tests and half-lives.

Convention of the real exchange rate (stated once, used everywhere): the nominal rate is the price of one unit
of the foreign currency in home currency (for the pair, RUB per 1 BYN: home = Russia, foreign = Belarus), and

.. math::

    Q_t = E_t \\frac{P^{*}_t}{P_t}

so a rise of :math:`Q` is a real depreciation of the rouble (real appreciation of the Belarusian rouble): the
Belarusian basket costs more Russian baskets. Series are indexed by period (year, PeriodIndex, DatetimeIndex).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import InterpolationWarning
from statsmodels.tsa.stattools import adfuller
from statsmodels.tsa.stattools import kpss as sm_kpss

from regint._options import check_option
from regint.errors import DataError
from regint.indicators._base import fmt, validity

ChangeForm = Literal["index", "change"]
Regression = Literal["c", "ct", "n"]
KPSSRegression = Literal["c", "ct"]
ADFAutolag = Literal["AIC", "BIC", "t-stat", "none"]

MIN_OBS_UNIT_ROOT = 10
"""Fewest observations for which a unit-root test is reported (fewer: invalid with the reason)."""


def cross_rate(home_per_usd: pd.Series, foreign_per_usd: pd.Series) -> pd.Series:
    """Home currency per unit of foreign currency through the US dollar (e.g. RUB per BYN).

    .. math::

        E^{RUB/BYN}_t = \\frac{E^{RUB/USD}_t}{E^{BYN/USD}_t}

    Parameters
    ----------
    home_per_usd, foreign_per_usd : Series indexed by period, shape (T,)
        Annual-average official rates; the foreign rate in the current unit (BYN, after BYR / 10 000).

    References
    ----------
    IMF (2009). *Balance of Payments and International Investment Position Manual*, 6th ed. (conversion of
    transactions through cross rates of a vehicle currency).
    """
    return (home_per_usd.astype("float64") / foreign_per_usd.astype("float64")).rename("cross_rate")


def price_index(values: pd.Series, *, form: ChangeForm = "index", base: object | None = None) -> pd.Series:
    """Chain year-on-year (or December-on-December) price changes into a price level.

    .. math::

        P_t = 100 \\prod_{s \\le t} \\frac{c_s}{100} \\quad (\\text{form = index}, c_s = 105.3 \\text{ for } 5.3\\%),
        \\qquad P_t = 100 \\prod_{s \\le t} \\left(1 + \\frac{c_s}{100}\\right) \\quad (\\text{form = change})

    Parameters
    ----------
    values : Series indexed by period, shape (T,)
        Rosstat/Belstat style "% of the previous period" (``index``) or percent changes (``change``, WDI).
        A gap breaks the chain: later values become NaN.
    form : {"index", "change"}
    base : period label, optional
        Rebase so that this period = 100 (default: the period before the first = 100).

    References
    ----------
    ILO, IMF, OECD, UNECE, Eurostat & World Bank (2004). *Consumer Price Index Manual: Theory and Practice*
    (chain-linking of short-term indices).
    """
    check_option("form", form, ("index", "change"))
    v = values.astype("float64")
    factors = v / 100.0 if form == "index" else 1.0 + v / 100.0
    level = 100.0 * factors.cumprod(skipna=False)
    if base is not None:
        if base not in level.index or not np.isfinite(level.loc[base]):
            raise DataError(f"price_index: base period {base!r} is not in the chained series. Fix: pick a "
                            f"period from {level.dropna().index.tolist()}.")
        level = 100.0 * level / level.loc[base]
    return level.rename("price_index")


def real_exchange_rate(
    nominal: pd.Series,
    price_home: pd.Series,
    price_foreign: pd.Series,
    *,
    base: object | None = None,
) -> pd.Series:
    """Bilateral real exchange rate from the nominal rate and the two price levels.

    .. math::

        Q_t = E_t \\frac{P^{*}_t}{P_t}, \\qquad Q^{(b)}_t = 100 \\frac{Q_t}{Q_b}

    Parameters
    ----------
    nominal : Series indexed by period, shape (T,)
        Home currency per unit of foreign currency (RUB per BYN), see :func:`cross_rate`.
    price_home, price_foreign : Series indexed by period, shape (T,)
        Price levels (e.g. CPI chained with :func:`price_index`), any common base.
    base : period label, optional
        Return an index with this period = 100.

    Returns
    -------
    Series
        :math:`Q_t`; up = real depreciation of the home currency (RUB).

    References
    ----------
    Chinn, M. D. (2006). A primer on real effective exchange rates. *Open Economies Review* 17(1), 115-143.
    """
    frame = pd.concat({"e": nominal, "p": price_home, "ps": price_foreign}, axis=1).astype("float64")
    q = (frame["e"] * frame["ps"] / frame["p"]).rename("rer")
    if base is not None:
        if base not in q.index or not np.isfinite(q.loc[base]):
            raise DataError(f"real_exchange_rate: base period {base!r} has no value. Fix: pick a period from "
                            f"{q.dropna().index.tolist()}.")
        q = 100.0 * q / q.loc[base]
    return q


def price_level_gap(ppp_a: pd.Series, fx_a: pd.Series, ppp_b: pd.Series, fx_b: pd.Series) -> pd.Series:
    """Gap of price levels of *a* against *b* (percent), from PPPs and market exchange rates.

    .. math::

        PLI_{a} = \\frac{PPP_a}{E_a}, \\qquad \\text{gap}_{ab} = 100\\left(\\frac{PLI_a}{PLI_b} - 1\\right)

    with :math:`PPP` in national currency per international dollar and :math:`E` in national currency per
    US dollar (both per-year Series).

    References
    ----------
    World Bank (2020). *Purchasing Power Parities and the Size of World Economies: Results from the 2017
    International Comparison Program*, Glossary: "price level index".
    """
    pli_a = ppp_a.astype("float64") / fx_a.astype("float64")
    pli_b = ppp_b.astype("float64") / fx_b.astype("float64")
    return (100.0 * (pli_a / pli_b - 1.0)).rename("price_level_gap")


@dataclass(frozen=True)
class UnitRootResult:
    """Result of a unit-root (ADF) or stationarity (KPSS) test.

    Attributes
    ----------
    test : str
        ``"ADF"`` (null: unit root) or ``"KPSS"`` (null: stationarity).
    statistic, pvalue : float
    lags, nobs : int
    critical_values : dict
        Keys "1%", "5%", "10%" (KPSS also "2.5%").
    valid, reason : bool, str
    notes : tuple of str
        E.g. that the KPSS p-value is a bound of its table.
    """

    test: str
    statistic: float
    pvalue: float
    lags: int
    nobs: int
    critical_values: dict[str, float]
    regression: str
    valid: bool = True
    reason: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def null(self) -> str:
        return "unit root" if self.test == "ADF" else "stationarity"

    def reject(self, level: float = 0.05) -> bool:
        """Whether the null is rejected at ``level`` (False when the test is invalid)."""
        return bool(self.valid and self.pvalue < level)

    def summary(self) -> str:
        crit = ", ".join(f"{k}: {v:.3f}" for k, v in self.critical_values.items())
        return "\n".join([
            f"{self.test} test (null: {self.null}; regression {self.regression!r}), nobs {self.nobs}, lags {self.lags}",
            f"  statistic {fmt(self.statistic)}, p-value {fmt(self.pvalue, 3)}; critical values {crit}",
            f"  {validity(self.valid, self.reason)}" + ("" if not self.notes else "; " + "; ".join(self.notes)),
        ])

    def to_frame(self) -> pd.DataFrame:
        row = {"test": self.test, "statistic": self.statistic, "pvalue": self.pvalue, "lags": self.lags,
               "nobs": self.nobs, "regression": self.regression, "valid": self.valid, "reason": self.reason}
        row.update({f"crit_{k}": v for k, v in self.critical_values.items()})
        return pd.DataFrame([row])


def _invalid_unit_root(test: str, regression: str, nobs: int, reason: str) -> UnitRootResult:
    nan = float("nan")
    return UnitRootResult(test, nan, nan, 0, nobs, {}, regression, False, reason)


def adf(
    series: pd.Series,
    *,
    regression: Regression = "c",
    autolag: ADFAutolag = "AIC",
    maxlag: int | None = None,
) -> UnitRootResult:
    """Augmented Dickey-Fuller test of a unit root (statsmodels ``adfuller``).

    .. math::

        \\Delta y_t = \\alpha + \\delta t + \\gamma y_{t-1} + \\sum_{j=1}^{p} \\phi_j \\Delta y_{t-j} + e_t,
        \\qquad H_0: \\gamma = 0

    Parameters
    ----------
    series : Series of shape (T,)
        NaN are dropped; fewer than ``MIN_OBS_UNIT_ROOT`` values give an invalid result.
    regression : {"c", "ct", "n"}
        Constant, constant and trend, none.
    autolag : {"AIC", "BIC", "t-stat", "none"}
        Lag selection; ``"none"`` uses ``maxlag`` lags.
    maxlag : int, optional
        Default: Schwert's :math:`\\lceil 12 (T/100)^{1/4} \\rceil`, capped at :math:`\\lfloor T/4 \\rfloor - 1` so
        that short annual series keep enough degrees of freedom.

    References
    ----------
    Said, S. E. & Dickey, D. A. (1984). Testing for unit roots in autoregressive-moving average models of
    unknown order. *Biometrika* 71(3), 599-607. MacKinnon, J. G. (2010). Critical values for cointegration
    tests. Queen's Economics Department Working Paper 1227 (critical values and p-values).
    """
    check_option("regression", regression, ("c", "ct", "n"))
    check_option("autolag", autolag, ("AIC", "BIC", "t-stat", "none"))
    x = series.astype("float64").dropna().to_numpy()
    if len(x) < MIN_OBS_UNIT_ROOT:
        return _invalid_unit_root("ADF", regression, len(x),
                                  f"{len(x)} observations; the test needs at least {MIN_OBS_UNIT_ROOT}")
    if np.ptp(x) == 0:
        return _invalid_unit_root("ADF", regression, len(x), "the series is constant")
    if maxlag is None:
        maxlag = int(min(np.ceil(12 * (len(x) / 100) ** 0.25), max(0, len(x) // 4 - 1)))
    try:
        stat, pvalue, lags, nobs, crit, *_ = adfuller(
            x, maxlag=maxlag, regression=regression, autolag=None if autolag == "none" else autolag,
            result_object=False)
    except (ValueError, np.linalg.LinAlgError) as exc:
        return _invalid_unit_root("ADF", regression, len(x), f"statsmodels adfuller failed: {exc}")
    return UnitRootResult("ADF", float(stat), float(pvalue), int(lags), int(nobs),
                          {k: float(v) for k, v in crit.items()}, regression)


def kpss(series: pd.Series, *, regression: KPSSRegression = "c", nlags: int | Literal["auto"] = "auto") -> (
        UnitRootResult):
    """KPSS test of (level or trend) stationarity (statsmodels ``kpss``).

    .. math::

        \\eta = \\frac{1}{T^2 \\hat\\sigma^2_{\\ell}} \\sum_{t=1}^{T} S_t^2, \\qquad
        S_t = \\sum_{s \\le t} \\hat e_s, \\qquad H_0: \\text{stationary}

    Parameters
    ----------
    series : Series of shape (T,)
    regression : {"c", "ct"}
        Level or trend stationarity.
    nlags : int or "auto"
        Bartlett window; "auto" is Hobijn et al. (1998).

    References
    ----------
    Kwiatkowski, D., Phillips, P. C. B., Schmidt, P. & Shin, Y. (1992). Testing the null hypothesis of
    stationarity against the alternative of a unit root. *Journal of Econometrics* 54(1-3), 159-178.
    """
    check_option("regression", regression, ("c", "ct"))
    if nlags != "auto" and not isinstance(nlags, int | np.integer):
        raise DataError(f"nlags must be 'auto' or an int; got {nlags!r}")
    x = series.astype("float64").dropna().to_numpy()
    if len(x) < MIN_OBS_UNIT_ROOT:
        return _invalid_unit_root("KPSS", regression, len(x),
                                  f"{len(x)} observations; the test needs at least {MIN_OBS_UNIT_ROOT}")
    if np.ptp(x) == 0:
        return _invalid_unit_root("KPSS", regression, len(x), "the series is constant")
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InterpolationWarning)
        try:
            stat, pvalue, lags, crit = sm_kpss(x, regression=regression, nlags=nlags, result_object=False)
        except ValueError as exc:
            return _invalid_unit_root("KPSS", regression, len(x), f"statsmodels kpss failed: {exc}")
    if any(issubclass(w.category, InterpolationWarning) for w in caught):
        notes.append("p-value is a bound: the statistic is outside the table of critical values")
    return UnitRootResult("KPSS", float(stat), float(pvalue), int(lags), len(x),
                          {k: float(v) for k, v in crit.items()}, regression, notes=tuple(notes))


def consecutive_run(series: pd.Series) -> pd.Series:
    """The longest run of consecutive integer periods (years) with a value; the latest run when two are as long.

    An AR(1) or ADF regression on annual data reads each row as one step; a gap (2012 → 2019) would be taken as
    one year. Restricting the series to its longest gap-free run keeps every step one year long.

    Parameters
    ----------
    series : Series of shape (T,), indexed by integer years
        NaN are dropped first.

    Returns
    -------
    Series of shape (R,)
        The values of the run, in order.

    Examples
    --------
    >>> consecutive_run(pd.Series([1.0, 2.0, 3.0, 4.0], index=[2010, 2011, 2012, 2019])).index.tolist()
    [2010, 2011, 2012]
    """
    x = series.dropna().sort_index()
    if x.empty:
        return x
    years = np.asarray([int(y) for y in x.index])
    breaks = np.flatnonzero(np.diff(years) != 1) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(years)]])
    lengths = ends - starts
    best = int(np.flatnonzero(lengths == lengths.max())[-1])
    return x.iloc[starts[best]:ends[best]]


@dataclass(frozen=True)
class HalfLifeResult:
    """Persistence of deviations: AR(1) coefficient and half-life (in periods of the series).

    Attributes
    ----------
    rho, se : float
        AR(1) coefficient of the (log) series with a constant, and its standard error.
    half_life : float
        :math:`\\ln 0.5 / \\ln \\rho` periods (NaN with a reason when :math:`\\rho \\notin (0, 1)`).
    """

    rho: float
    se: float
    half_life: float
    nobs: int
    log: bool
    valid: bool = True
    reason: str = ""

    def summary(self) -> str:
        return "\n".join([
            f"Half-life of deviations ({'log ' if self.log else ''}AR(1), {self.nobs} observations)",
            f"  rho {fmt(self.rho)} (se {fmt(self.se)}), half-life {fmt(self.half_life, 3)} periods",
            f"  {validity(self.valid, self.reason)}",
        ])

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"rho": self.rho, "se": self.se, "half_life": self.half_life, "nobs": self.nobs,
                              "valid": self.valid, "reason": self.reason}])


def half_life(series: pd.Series, *, log: bool = True) -> HalfLifeResult:
    """Half-life of deviations from an AR(1) fitted to the (log) real exchange rate.

    .. math::

        q_t = c + \\rho q_{t-1} + e_t, \\qquad h = \\frac{\\ln 0.5}{\\ln \\rho}

    Parameters
    ----------
    series : Series of shape (T,)
        The real exchange rate (levels; logged when ``log``). NaN are dropped.
    log : bool

    References
    ----------
    Rogoff, K. (1996). The purchasing power parity puzzle. *Journal of Economic Literature* 34(2), 647-668
    (the half-life of PPP deviations; consensus 3-5 years).
    """
    x = series.astype("float64").dropna()
    if log:
        if (x <= 0).any():
            raise DataError("half_life: non-positive values cannot be logged. Fix: pass the RER level or log=False.")
        x = np.log(x)
    nan = float("nan")
    if len(x) < 5:
        return HalfLifeResult(nan, nan, nan, len(x), log, False, f"{len(x)} observations; AR(1) needs at least 5")
    y, lag = x.to_numpy()[1:], x.to_numpy()[:-1]
    if np.ptp(lag) == 0:
        return HalfLifeResult(nan, nan, nan, len(y), log, False, "the series is constant")
    fit = sm.OLS(y, sm.add_constant(lag)).fit()
    rho, se = float(fit.params[1]), float(fit.bse[1])
    if not 0 < rho < 1 - 1e-10:
        return HalfLifeResult(rho, se, nan, len(y), log, False,
                              f"rho = {rho:.4g} is outside (0, 1): deviations do not decay monotonically")
    return HalfLifeResult(rho, se, float(np.log(0.5) / np.log(rho)), len(y), log)
