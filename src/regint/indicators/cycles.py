"""Business cycles: trend-cycle filters, synchronisation and Harding-Pagan concordance.

Filters wrap :mod:`statsmodels.tsa.filters` and return the cycle and trend as Series with the index of the
input. Default parameters follow the frequency, inferred from a PeriodIndex or DatetimeIndex or given as
``freq``: HP smoothing 6.25 (annual, Ravn & Uhlig 2002), 1600 (quarterly), 129600 (monthly); band-pass
periods of 2-8 years (in periods: 2-8, 6-32, 18-96) with BK truncation K = 3, 12, 36 (Baxter & King 1999).
Series must be contiguous: leading and trailing NaN are kept as NaN, a gap inside raises (filling it is an
explicit imputation step, never done silently).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from statsmodels.tsa.filters.bk_filter import bkfilter
from statsmodels.tsa.filters.cf_filter import cffilter
from statsmodels.tsa.filters.hp_filter import hpfilter

from regint._options import check_option
from regint.errors import DataError, OptionError
from regint.indicators._base import fmt, validity

Frequency = Literal["annual", "quarterly", "monthly"]
PhaseRule = Literal["growth", "turning_points"]
FREQUENCIES: tuple[str, ...] = ("annual", "quarterly", "monthly")

HP_LAMBDA: dict[str, float] = {"annual": 6.25, "quarterly": 1600.0, "monthly": 129600.0}
BAND: dict[str, tuple[float, float]] = {"annual": (2.0, 8.0), "quarterly": (6.0, 32.0), "monthly": (18.0, 96.0)}
BK_K: dict[str, int] = {"annual": 3, "quarterly": 12, "monthly": 36}


def infer_frequency(index: pd.Index) -> Frequency | None:
    """Annual, quarterly or monthly from a PeriodIndex or a regular DatetimeIndex; None otherwise."""
    code: str | None = None
    if isinstance(index, pd.PeriodIndex):
        code = index.freqstr
    elif isinstance(index, pd.DatetimeIndex):
        code = index.freqstr if index.freq is not None else (pd.infer_freq(index) if len(index) >= 3 else None)
    if not code:
        return None
    head = code.upper().split("-")[0]
    if head.startswith(("Y", "A", "BY", "BA")):
        return "annual"
    if head.startswith(("Q", "BQ")):
        return "quarterly"
    if head.startswith(("M", "BM")) and not head.startswith("MIN"):
        return "monthly"
    return None


def _frequency(series: pd.Series, freq: Frequency | None, what: str) -> Frequency:
    if freq is not None:
        return check_option("freq", freq, FREQUENCIES)
    found = infer_frequency(series.index)
    if found is None:
        raise DataError(f"{what}: cannot infer the frequency from the index ({type(series.index).__name__}). "
                        "Fix: pass freq='annual'|'quarterly'|'monthly' or the filter parameters, or index the "
                        "series by a PeriodIndex.")
    return found


def _core(series: pd.Series, what: str) -> tuple[pd.Series, pd.Series]:
    """The series without leading/trailing NaN (and the full float series); a gap inside raises."""
    s = series.astype("float64")
    valid = s.notna().to_numpy()
    if not valid.any():
        return s, s.iloc[0:0]
    first, last = np.argmax(valid), len(valid) - np.argmax(valid[::-1])
    core = s.iloc[first:last]
    if core.isna().any():
        raise DataError(f"{what}: the series has a gap at {core.index[core.isna()][0]!r}. Fix: filters need a "
                        "contiguous series; impute the gap explicitly or filter the part after it.")
    return s, core


@dataclass(frozen=True)
class FilterResult:
    """Trend and cycle of a series (index of the input; NaN where the filter gives no value).

    Attributes
    ----------
    method : str
        ``"hp"``, ``"bk"`` or ``"cf"``.
    cycle, trend : Series
    params : dict
        The parameters used (lambda; low, high, K; drift) and the frequency.
    """

    method: str
    cycle: pd.Series
    trend: pd.Series
    params: dict[str, object] = field(default_factory=dict)
    valid: bool = True
    reason: str = ""

    def summary(self) -> str:
        c = self.cycle.dropna()
        shown = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return "\n".join([
            f"{self.method.upper()} filter ({shown}), {len(c)} cycle values",
            f"  cycle sd {fmt(float(c.std())) if len(c) > 1 else 'n/a'}; {validity(self.valid, self.reason)}",
        ])

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"trend": self.trend, "cycle": self.cycle})


def _invalid(method: str, s: pd.Series, params: dict[str, object], reason: str) -> FilterResult:
    empty = pd.Series(np.nan, index=s.index)
    return FilterResult(method, empty.rename("cycle"), empty.rename("trend"), params, False, reason)


def hp_filter(series: pd.Series, lamb: float | None = None, *, freq: Frequency | None = None) -> FilterResult:
    """Hodrick-Prescott filter.

    .. math::

        \\min_{\\tau} \\sum_{t=1}^{T} (y_t - \\tau_t)^2 + \\lambda \\sum_{t=2}^{T-1}
        \\left[(\\tau_{t+1} - \\tau_t) - (\\tau_t - \\tau_{t-1})\\right]^2, \\qquad c_t = y_t - \\tau_t

    Parameters
    ----------
    series : Series of shape (T,)
        Levels or logs; index kept.
    lamb : float, optional
        Smoothing; default by frequency (6.25 annual, 1600 quarterly, 129600 monthly).
    freq : {"annual", "quarterly", "monthly"}, optional
        Needed only when ``lamb`` is not given and the index carries no frequency.

    References
    ----------
    Hodrick, R. J. & Prescott, E. C. (1997). Postwar U.S. business cycles: an empirical investigation.
    *Journal of Money, Credit and Banking* 29(1), 1-16. Ravn, M. O. & Uhlig, H. (2002). On adjusting the
    Hodrick-Prescott filter for the frequency of observations. *Review of Economics and Statistics* 84(2),
    371-376 (lambda = 6.25 for annual data).
    """
    s, core = _core(series, "hp_filter")
    if lamb is None:
        lamb = HP_LAMBDA[_frequency(series, freq, "hp_filter")]
    if not lamb > 0:
        raise OptionError(f"lamb must be positive; got {lamb!r}")
    params: dict[str, object] = {"lamb": lamb}
    if len(core) < 3:
        return _invalid("hp", s, params, f"{len(core)} observations; the HP filter needs at least 3")
    cycle, trend = hpfilter(core.to_numpy(), lamb=lamb)
    return FilterResult("hp", pd.Series(cycle, index=core.index).reindex(s.index).rename("cycle"),
                        pd.Series(trend, index=core.index).reindex(s.index).rename("trend"), params)


def _band(series: pd.Series, low: float | None, high: float | None, freq: Frequency | None,
          what: str) -> tuple[float, float, Frequency | None]:
    f: Frequency | None = None
    if low is None or high is None:
        f = _frequency(series, freq, what)
        low = BAND[f][0] if low is None else low
        high = BAND[f][1] if high is None else high
    if not 2 <= low < high:
        raise OptionError(f"the band must satisfy 2 <= low < high (periods); got low={low!r}, high={high!r}")
    return low, high, f


def baxter_king(
    series: pd.Series,
    low: float | None = None,
    high: float | None = None,
    K: int | None = None,
    *,
    freq: Frequency | None = None,
) -> FilterResult:
    """Baxter-King band-pass filter (symmetric moving average of length 2K+1).

    .. math::

        c_t = \\sum_{j=-K}^{K} a_j y_{t-j}, \\qquad a_j = b_j - \\frac{1}{2K+1}\\sum_{i=-K}^{K} b_i,\\qquad
        b_0 = \\frac{\\omega_2 - \\omega_1}{\\pi},\\; b_j = \\frac{\\sin(j\\omega_2) - \\sin(j\\omega_1)}{\\pi j}

    with :math:`\\omega_1 = 2\\pi/\\text{high}`, :math:`\\omega_2 = 2\\pi/\\text{low}`. The first and last *K*
    observations get no value: the result keeps the input index with NaN there; trend = series - cycle.

    Parameters
    ----------
    series : Series of shape (T,), T > 2K
    low, high : float, optional
        Shortest and longest period of the band, in periods of the series (default by frequency).
    K : int, optional
        Lead-lag length (default 3 annual, 12 quarterly, 36 monthly).
    freq : {"annual", "quarterly", "monthly"}, optional

    References
    ----------
    Baxter, M. & King, R. G. (1999). Measuring business cycles: approximate band-pass filters for economic
    time series. *Review of Economics and Statistics* 81(4), 575-593.
    """
    s, core = _core(series, "baxter_king")
    low, high, f = _band(series, low, high, freq, "baxter_king")
    if K is None:
        f = f or _frequency(series, freq, "baxter_king")
        K = BK_K[f]
    if not isinstance(K, int | np.integer) or K < 1:
        raise OptionError(f"K must be a positive integer; got {K!r}")
    params: dict[str, object] = {"low": low, "high": high, "K": int(K)}
    if len(core) <= 2 * K:
        return _invalid("bk", s, params, f"{len(core)} observations; BK with K={K} needs more than {2 * K}")
    cyc = bkfilter(core.to_numpy(), low=low, high=high, K=int(K))
    cycle = pd.Series(np.nan, index=core.index)
    cycle.iloc[K:len(core) - K] = cyc
    cycle = cycle.reindex(s.index).rename("cycle")
    return FilterResult("bk", cycle, (s - cycle).rename("trend"), params)


def christiano_fitzgerald(
    series: pd.Series,
    low: float | None = None,
    high: float | None = None,
    drift: bool = False,
    *,
    freq: Frequency | None = None,
) -> FilterResult:
    """Christiano-Fitzgerald asymmetric full-sample band-pass filter (random-walk assumption).

    .. math::

        c_t = B_0 y_t + B_1 y_{t+1} + \\dots + \\tilde B_{T-t} y_T + B_1 y_{t-1} + \\dots + \\tilde B_{t-1} y_1,
        \\qquad B_j = \\frac{\\sin(j b) - \\sin(j a)}{\\pi j},\\; B_0 = \\frac{b - a}{\\pi}

    with :math:`a = 2\\pi/\\text{high}`, :math:`b = 2\\pi/\\text{low}` and end weights making the filter exact
    for a random walk. ``drift=True`` removes a linear drift first (the default of statsmodels; here
    ``False``, as the task of a short regional series is usually to keep the level information).

    Parameters
    ----------
    series : Series of shape (T,)
    low, high : float, optional
        Band in periods (default by frequency).
    drift : bool
    freq : {"annual", "quarterly", "monthly"}, optional

    References
    ----------
    Christiano, L. J. & Fitzgerald, T. J. (2003). The band pass filter. *International Economic Review*
    44(2), 435-465.
    """
    s, core = _core(series, "christiano_fitzgerald")
    low, high, _ = _band(series, low, high, freq, "christiano_fitzgerald")
    params: dict[str, object] = {"low": low, "high": high, "drift": bool(drift)}
    if len(core) < 4:
        return _invalid("cf", s, params, f"{len(core)} observations; the CF filter needs at least 4")
    cycle, trend = cffilter(core.to_numpy(), low=low, high=high, drift=bool(drift))
    return FilterResult("cf", pd.Series(np.ravel(cycle), index=core.index).reindex(s.index).rename("cycle"),
                        pd.Series(np.ravel(trend), index=core.index).reindex(s.index).rename("trend"), params)


@dataclass(frozen=True)
class SyncResult:
    """Synchronisation of two cycles: correlation over the common periods, and rolling correlation."""

    correlation: float
    pvalue: float
    nobs: int
    rolling: pd.Series | None = None
    window: int | None = None
    valid: bool = True
    reason: str = ""

    def summary(self) -> str:
        lines = [f"Cycle synchronisation: correlation {fmt(self.correlation, 3)} (p {fmt(self.pvalue, 3)}, "
                 f"{self.nobs} common periods); {validity(self.valid, self.reason)}"]
        if self.rolling is not None:
            r = self.rolling.dropna()
            if len(r):
                lines.append(f"  rolling ({self.window}): min {fmt(r.min(), 3)}, max {fmt(r.max(), 3)}, "
                             f"last {fmt(r.iloc[-1], 3)}")
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        if self.rolling is None:
            return pd.DataFrame([{"correlation": self.correlation, "pvalue": self.pvalue, "nobs": self.nobs}])
        return self.rolling.rename("rolling_correlation").to_frame()


def synchronisation(a: pd.Series, b: pd.Series, *, window: int | None = None) -> SyncResult:
    """Correlation of two cycles (and its rolling version) as a measure of business-cycle synchronisation.

    .. math::

        \\rho_{ab} = \\frac{\\sum_t (c^a_t - \\bar c^a)(c^b_t - \\bar c^b)}
                           {\\sqrt{\\sum_t (c^a_t - \\bar c^a)^2 \\sum_t (c^b_t - \\bar c^b)^2}}

    Parameters
    ----------
    a, b : Series indexed by period, shape (T,)
        Cycles (e.g. ``hp_filter(...).cycle``); NaN and non-common periods are dropped.
    window : int, optional
        Rolling window (periods) for the rolling correlation.

    References
    ----------
    Frankel, J. A. & Rose, A. K. (1998). The endogeneity of the optimum currency area criteria. *Economic
    Journal* 108(449), 1009-1025.
    """
    from scipy import stats

    both = pd.concat({"a": a, "b": b}, axis=1).astype("float64").dropna()
    nan = float("nan")
    rolling = None
    if window is not None:
        if not isinstance(window, int | np.integer) or window < 3:
            raise OptionError(f"window must be an integer >= 3; got {window!r}")
        rolling = both["a"].rolling(window).corr(both["b"])
    if len(both) < 3:
        return SyncResult(nan, nan, len(both), rolling, window, False, f"{len(both)} common periods; need 3")
    if both["a"].std() == 0 or both["b"].std() == 0:
        return SyncResult(nan, nan, len(both), rolling, window, False, "a cycle is constant")
    r, p = stats.pearsonr(both["a"], both["b"])
    return SyncResult(float(r), float(p), len(both), rolling, window)


def turning_points(series: pd.Series, *, window: int = 1) -> pd.Series:
    """Peaks and troughs of a series by a local-extremum rule with alternation.

    A peak at *t*: :math:`y_t > y_s` for all :math:`0 < |s - t| \\le w`; a trough likewise with ``<``. Two
    peaks (troughs) in a row keep the higher (lower) one, so peaks and troughs alternate.

    Parameters
    ----------
    series : Series of shape (T,)
    window : int
        *w*: 1 for annual data, 2 for quarterly (Harding & Pagan's BBQ), 5 for monthly (Bry & Boschan).

    Returns
    -------
    Series
        ``"peak"`` / ``"trough"`` at the turning points (index of the input).

    References
    ----------
    Bry, G. & Boschan, C. (1971). *Cyclical Analysis of Time Series: Selected Procedures and Computer
    Programs*. NBER Technical Paper 20. Harding, D. & Pagan, A. (2002), see :func:`concordance`.
    """
    if not isinstance(window, int | np.integer) or window < 1:
        raise OptionError(f"window must be a positive integer; got {window!r}")
    y = series.astype("float64").dropna()
    v = y.to_numpy()
    found: list[tuple[int, str]] = []
    for t in range(window, len(v) - window):
        around = np.r_[v[t - window:t], v[t + 1:t + window + 1]]
        if (v[t] > around).all():
            found.append((t, "peak"))
        elif (v[t] < around).all():
            found.append((t, "trough"))
    kept: list[tuple[int, str]] = []
    for t, kind in found:
        if kept and kept[-1][1] == kind:
            prev = kept[-1][0]
            better = v[t] > v[prev] if kind == "peak" else v[t] < v[prev]
            if better:
                kept[-1] = (t, kind)
            continue
        kept.append((t, kind))
    return pd.Series([k for _, k in kept], index=y.index[[t for t, _ in kept]], name="turning_point",
                     dtype="object")


def phases(series: pd.Series, *, rule: PhaseRule = "growth", window: int = 1) -> pd.Series:
    """Binary phase of a series: 1 = expansion, 0 = contraction.

    Rules (documented, simple):

    * ``"growth"``: :math:`S_t = 1` if :math:`y_t - y_{t-1} > 0`, else 0 (first period has no phase). Applied
      to a cycle this is the phase of the growth cycle; to a level, of the classical cycle.
    * ``"turning_points"``: from :func:`turning_points`; expansion runs from the period after a trough up to
      and including the peak, contraction from the period after a peak up to the trough. Before the first
      turning point the phase is the one that leads into it; without turning points the sign of the overall
      change decides.

    Parameters
    ----------
    series : Series of shape (T,)
    rule : {"growth", "turning_points"}
    window : int
        Window of the turning-point rule.

    References
    ----------
    Harding, D. & Pagan, A. (2002). Dissecting the cycle: a methodological investigation. *Journal of
    Monetary Economics* 49(2), 365-381.
    """
    check_option("rule", rule, ("growth", "turning_points"))
    y = series.astype("float64").dropna()
    if rule == "growth":
        d = y.diff().iloc[1:]
        return (d > 0).astype("int64").rename("phase")
    tp = turning_points(y, window=window)
    out = pd.Series(0, index=y.index, dtype="int64", name="phase")
    if tp.empty:
        out[:] = int(len(y) > 1 and y.iloc[-1] > y.iloc[0])
        return out
    positions = [y.index.get_loc(i) for i in tp.index]
    state = 1 if tp.iloc[0] == "peak" else 0
    start = 0
    for pos, kind in zip(positions, tp.to_numpy(), strict=True):
        out.iloc[start:pos + 1] = state
        state = 0 if kind == "peak" else 1
        start = pos + 1
    out.iloc[start:] = state
    return out


@dataclass(frozen=True)
class ConcordanceResult:
    """Harding-Pagan concordance of two series' phases.

    Attributes
    ----------
    index : float
        Share of periods in the same phase, in [0, 1].
    expected_independent : float
        Concordance expected if the two phase series were independent with the same expansion shares.
    phases : DataFrame (T, 2)
        The two phase series on the common periods.
    """

    index: float
    expected_independent: float
    nobs: int
    rule: str
    phases: pd.DataFrame
    valid: bool = True
    reason: str = ""

    def summary(self) -> str:
        return (f"Harding-Pagan concordance {fmt(self.index, 3)} over {self.nobs} periods ({self.rule} rule); "
                f"expected if independent {fmt(self.expected_independent, 3)}; "
                f"{validity(self.valid, self.reason)}")

    def to_frame(self) -> pd.DataFrame:
        return self.phases.copy()


def concordance(a: pd.Series, b: pd.Series, *, rule: PhaseRule = "growth", window: int = 1) -> (
        ConcordanceResult):
    """Harding-Pagan concordance index: the share of time two series are in the same cycle phase.

    .. math::

        C_{ab} = \\frac{1}{T} \\sum_{t=1}^{T} \\left[S^a_t S^b_t + (1 - S^a_t)(1 - S^b_t)\\right], \\qquad
        E[C] = p_a p_b + (1 - p_a)(1 - p_b)

    with :math:`S_t` from :func:`phases` and :math:`p = \\bar S` (the independence benchmark).

    Parameters
    ----------
    a, b : Series indexed by period, shape (T,)
        Levels (classical cycle) or cycles (growth cycle).
    rule : {"growth", "turning_points"}
    window : int

    References
    ----------
    Harding, D. & Pagan, A. (2002). Dissecting the cycle: a methodological investigation. *Journal of
    Monetary Economics* 49(2), 365-381 (the concordance index). Harding, D. & Pagan, A. (2006).
    Synchronization of cycles. *Journal of Econometrics* 132(1), 59-79.
    """
    check_option("rule", rule, ("growth", "turning_points"))
    both = pd.concat({"a": phases(a, rule=rule, window=window), "b": phases(b, rule=rule, window=window)},
                     axis=1).dropna().astype("int64")
    nan = float("nan")
    if len(both) < 2:
        return ConcordanceResult(nan, nan, len(both), rule, both, False, f"{len(both)} common periods; need 2")
    sa, sb = both["a"].to_numpy(), both["b"].to_numpy()
    c = float(np.mean(sa * sb + (1 - sa) * (1 - sb)))
    pa, pb = sa.mean(), sb.mean()
    return ConcordanceResult(c, float(pa * pb + (1 - pa) * (1 - pb)), len(both), rule, both)
