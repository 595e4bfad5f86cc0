"""Convergence of regions: sigma, beta (absolute and conditional), the pair's gap, and Markov mobility.

Panels are wide frames with regions in rows and years in columns (shape (R, T)), the layout of PySAL giddy's
examples; a time series is a Series indexed by year (int, or an annual PeriodIndex/DatetimeIndex).
The anchor is PySAL giddy (Rey, S. J. et al., *giddy: GeospatIal Distribution DYnamics*).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm

from regint._options import check_option
from regint.errors import DataError, OptionError
from regint.indicators._base import fmt, validity
from regint.indicators.markov_chain import ergodic_distributions, first_passage_times, sojourn_times

SigmaMeasure = Literal["sd_log", "cv"]
GapKind = Literal["ratio", "percent"]
GapTrend = Literal["linear", "log"]


def time_axis(index: pd.Index) -> np.ndarray:
    """Decimal years of an index: int/float years, year strings, PeriodIndex or DatetimeIndex."""
    if isinstance(index, pd.PeriodIndex):
        start = index.to_timestamp(how="start")
        return (start.year + (start.month - 1) / 12.0).to_numpy(dtype="float64")
    if isinstance(index, pd.DatetimeIndex):
        return (index.year + (index.month - 1) / 12.0).to_numpy(dtype="float64")
    try:
        return np.asarray([float(str(v)[:4]) if isinstance(v, str) else float(v) for v in index])
    except (TypeError, ValueError) as exc:
        raise DataError(f"cannot read years from the index ({index[:3].tolist()} ...). Fix: index the series by "
                        "year (int) or by a PeriodIndex.") from exc


# --------------------------------------------------------------------------------------------------- sigma
@dataclass(frozen=True)
class SigmaResult:
    """Sigma convergence: cross-sectional dispersion by year and its linear trend.

    Attributes
    ----------
    dispersion : DataFrame (T, 3)
        Per year: ``sd_log`` (standard deviation of logs), ``cv`` (coefficient of variation), ``n`` regions.
    measure : str
        The measure the trend is fitted to.
    slope, tvalue, pvalue : float
        OLS of the measure on time (per year); a negative, significant slope is sigma convergence.
    valid, reason : bool, str
        The trend test needs at least three years.
    """

    dispersion: pd.DataFrame
    measure: str
    slope: float
    tvalue: float
    pvalue: float
    valid: bool = True
    reason: str = ""

    @property
    def converging(self) -> bool:
        """Negative trend significant at 5 %."""
        return bool(self.valid and self.slope < 0 and self.pvalue < 0.05)

    def summary(self) -> str:
        d = self.dispersion
        return "\n".join([
            f"Sigma convergence ({self.measure}), {len(d)} periods, {int(d['n'].max())} regions",
            f"  first {d.index[0]}: {fmt(d[self.measure].iloc[0])}; last {d.index[-1]}: {fmt(d[self.measure].iloc[-1])}",
            f"  trend slope {fmt(self.slope)} per year, t = {fmt(self.tvalue, 3)}, p = {fmt(self.pvalue, 3)}",
            f"  {validity(self.valid, self.reason)}",
        ])

    def to_frame(self) -> pd.DataFrame:
        return self.dispersion.copy()


def sigma_convergence(values: pd.DataFrame, *, measure: SigmaMeasure = "sd_log") -> SigmaResult:
    """Sigma convergence: dispersion of per-capita levels across regions, year by year, and its trend.

    .. math::

        \\sigma_t = \\sqrt{\\tfrac1{N_t} \\sum_i (\\ln y_{it} - \\overline{\\ln y_t})^2}, \\qquad
        CV_t = \\frac{\\sqrt{\\tfrac1{N_t}\\sum_i (y_{it} - \\bar y_t)^2}}{\\bar y_t}, \\qquad
        D_t = a + b\\, t + \\varepsilon_t

    Parameters
    ----------
    values : DataFrame of shape (R, T)
        Regions in rows, years in columns; positive levels (GRP per capita, wages). NaN cells are skipped.
    measure : {"sd_log", "cv"}
        The measure :math:`D_t` whose trend is tested.

    References
    ----------
    Barro, R. J. & Sala-i-Martin, X. (2004). *Economic Growth*, 2nd ed. MIT Press, ch. 11 (sigma and beta
    convergence across regions). Friedman, M. (1992). Do old fallacies ever die? *Journal of Economic
    Literature* 30(4), 2129-2132.
    """
    check_option("measure", measure, ("sd_log", "cv"))
    v = values.astype("float64")
    if (v <= 0).to_numpy().any():
        raise DataError("sigma_convergence: non-positive levels; logs need positive values. Fix: pass levels "
                        "such as GRP per capita, not growth rates.")
    logs = np.log(v)
    disp = pd.DataFrame({
        "sd_log": logs.std(axis=0, ddof=0),
        "cv": v.std(axis=0, ddof=0) / v.mean(axis=0),
        "n": v.notna().sum(axis=0).astype("int64"),
    })
    disp.index.name = "period"
    disp = disp[disp["n"] >= 2]
    y = disp[measure]
    if len(y) < 3:
        return SigmaResult(disp, measure, np.nan, np.nan, np.nan, False,
                           f"only {len(y)} period(s) with two or more regions; the trend needs at least 3")
    fit = sm.OLS(y.to_numpy(), sm.add_constant(time_axis(y.index))).fit()
    return SigmaResult(disp, measure, float(fit.params[1]), float(fit.tvalues[1]), float(fit.pvalues[1]))


# ---------------------------------------------------------------------------------------------------- beta
@dataclass(frozen=True)
class BetaResult:
    """Beta convergence: cross-section regression of average growth on the log initial level.

    Attributes
    ----------
    beta, se, tvalue, pvalue : float
        Coefficient of :math:`\\ln y_{i0}` and its inference (classical OLS).
    conf_int : tuple of float
        95 % confidence interval of beta.
    speed : float
        Implied speed of convergence :math:`b = -\\ln(1 + \\beta T)/T` per year (NaN when not converging).
    half_life : float
        Years to halve the gap, :math:`\\ln 2 / b`.
    params : Series
        All coefficients (const, log_initial, controls).
    kind : str
        ``"absolute"`` or ``"conditional"``.
    valid, reason : bool, str
        Whether the speed and half-life apply (beta < 0 and 1 + beta T > 0).
    """

    beta: float
    se: float
    tvalue: float
    pvalue: float
    conf_int: tuple[float, float]
    speed: float
    half_life: float
    r2: float
    r2_adj: float
    nobs: int
    years: float
    params: pd.Series
    bse: pd.Series
    kind: str
    valid: bool = True
    reason: str = ""

    def summary(self) -> str:
        return "\n".join([
            f"{self.kind.capitalize()} beta convergence, {self.nobs} regions over {fmt(self.years)} years",
            f"  beta {fmt(self.beta)} (se {fmt(self.se)}, t {fmt(self.tvalue, 3)}, p {fmt(self.pvalue, 3)}), "
            f"95% CI [{fmt(self.conf_int[0])}, {fmt(self.conf_int[1])}]",
            f"  speed {fmt(self.speed)} per year, half-life {fmt(self.half_life, 3)} years; R2 {fmt(self.r2, 3)}",
            f"  {validity(self.valid, self.reason)}",
        ])

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"coef": self.params, "se": self.bse})


def beta_convergence(
    initial: pd.Series,
    final: pd.Series,
    *,
    years: float,
    controls: pd.DataFrame | None = None,
) -> BetaResult:
    """Absolute (no controls) or conditional (with controls) beta convergence.

    .. math::

        \\frac{1}{T} \\ln\\frac{y_{iT}}{y_{i0}} = \\alpha + \\beta \\ln y_{i0} + \\gamma' z_i + \\varepsilon_i,
        \\qquad b = -\\frac{\\ln(1 + \\beta T)}{T}, \\qquad t_{1/2} = \\frac{\\ln 2}{b}

    Parameters
    ----------
    initial, final : Series indexed by region, shape (R,)
        Positive levels at the start and the end of the span.
    years : float
        Length of the span *T* in years.
    controls : DataFrame (R, C), optional
        Structural variables :math:`z_i` (conditional convergence), indexed by region.

    References
    ----------
    Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *Journal of Political Economy* 100(2), 223-251.
    Mankiw, N. G., Romer, D. & Weil, D. N. (1992). A contribution to the empirics of economic growth.
    *Quarterly Journal of Economics* 107(2), 407-437 (Tables III and V: unconditional and conditional
    convergence; implied lambda from the coefficient on ln Y60).
    """
    if not years > 0:
        raise OptionError(f"years must be positive; got {years!r}")
    frame = pd.DataFrame({"initial": initial, "final": final}).astype("float64")
    if controls is not None:
        frame = frame.join(controls.astype("float64"), how="inner")
    frame = frame.dropna()
    if (frame[["initial", "final"]] <= 0).to_numpy().any():
        raise DataError("beta_convergence: non-positive levels; logs need positive values.")
    growth = np.log(frame["final"] / frame["initial"]) / years
    exog = pd.DataFrame({"const": 1.0, "log_initial": np.log(frame["initial"])}, index=frame.index)
    if controls is not None:
        exog = exog.join(frame[list(controls.columns)])
    kind = "absolute" if controls is None else "conditional"
    nan = float("nan")
    if len(frame) <= exog.shape[1]:
        empty = pd.Series(nan, index=exog.columns)
        return BetaResult(nan, nan, nan, nan, (nan, nan), nan, nan, nan, nan, len(frame), years, empty, empty,
                          kind, False, f"{len(frame)} regions for {exog.shape[1]} coefficients")
    fit = sm.OLS(growth, exog).fit()
    beta = float(fit.params["log_initial"])
    ci = fit.conf_int().loc["log_initial"]
    valid, reason, speed, half = True, "", nan, nan
    if beta >= 0:
        valid, reason = False, f"beta = {beta:.4g} >= 0: no convergence, so no speed or half-life"
    elif 1 + beta * years <= 0:
        valid, reason = False, f"1 + beta*T = {1 + beta * years:.3g} <= 0: overshooting, speed undefined"
    else:
        speed = -np.log(1 + beta * years) / years
        half = np.log(2) / speed
    return BetaResult(beta, float(fit.bse["log_initial"]), float(fit.tvalues["log_initial"]),
                      float(fit.pvalues["log_initial"]), (float(ci.iloc[0]), float(ci.iloc[1])), float(speed),
                      float(half), float(fit.rsquared), float(fit.rsquared_adj), int(fit.nobs), float(years),
                      fit.params, fit.bse, kind, valid, reason)


# ------------------------------------------------------------------------------------------------ pair gap
@dataclass(frozen=True)
class GapResult:
    """The gap between two regions' series, its trend and the year the trend closes it.

    Attributes
    ----------
    gap : Series
        Ratio :math:`a/b` or percentage gap :math:`100 (a/b - 1)` by period.
    kind, trend : str
    intercept, slope : float
        Trend of the gap (``linear``) or of :math:`\\ln(a/b)` (``log``) on the year.
    year_to_close : float
        Year at which the trend reaches parity (ratio 1, gap 0); NaN with a reason when the gap widens.
    """

    gap: pd.Series
    kind: str
    trend: str
    intercept: float
    slope: float
    year_to_close: float
    valid: bool = True
    reason: str = ""

    def summary(self) -> str:
        g = self.gap.dropna()
        return "\n".join([
            f"Gap ({self.kind}, {self.trend} trend), {len(g)} periods {g.index[0]}-{g.index[-1]}",
            f"  first {fmt(g.iloc[0])}, last {fmt(g.iloc[-1])}; slope {fmt(self.slope)} per year",
            f"  parity reached in {fmt(self.year_to_close, 6)} on this trend; {validity(self.valid, self.reason)}",
        ])

    def to_frame(self) -> pd.DataFrame:
        years = time_axis(self.gap.index)
        fitted = self.intercept + self.slope * years
        if self.trend == "log":
            fitted = np.exp(fitted) if self.kind == "ratio" else 100 * (np.exp(fitted) - 1)
        return pd.DataFrame({"gap": self.gap, "trend": fitted}, index=self.gap.index)


def pair_gap(a: pd.Series, b: pd.Series, *, kind: GapKind = "ratio", trend: GapTrend = "linear") -> GapResult:
    """Gap between two series (region *a* relative to region *b*) and the year its trend closes it.

    .. math::

        R_t = \\frac{a_t}{b_t}, \\quad G_t = 100 (R_t - 1); \\qquad
        \\text{linear: } R_t \\text{ or } G_t = \\alpha + \\gamma t, \\;
        t^{*} = \\frac{\\tau - \\alpha}{\\gamma}; \\qquad
        \\text{log: } \\ln R_t = \\alpha + \\gamma t, \\; t^{*} = -\\frac{\\alpha}{\\gamma}

    with parity :math:`\\tau = 1` for the ratio and 0 for the percentage gap. The trend closes the gap only
    when it moves towards parity; otherwise the result is invalid with the reason.

    Parameters
    ----------
    a, b : Series indexed by year, shape (T,)
        Comparable levels (same currency and unit: e.g. wages in USD, GRP per capita in PPP).
    kind : {"ratio", "percent"}
    trend : {"linear", "log"}
        ``log`` fits the log ratio (constant relative catch-up rate), whichever ``kind``.

    References
    ----------
    Bernard, A. B. & Durlauf, S. N. (1996). Interpreting tests of the convergence hypothesis. *Journal of
    Econometrics* 71(1-2), 161-173 (convergence of a pair as a gap that tends to zero).
    """
    check_option("kind", kind, ("ratio", "percent"))
    check_option("trend", trend, ("linear", "log"))
    both = pd.concat({"a": a, "b": b}, axis=1).astype("float64").dropna()
    if (both <= 0).to_numpy().any():
        raise DataError("pair_gap: non-positive values; a gap needs positive levels.")
    ratio = both["a"] / both["b"]
    gap = (ratio if kind == "ratio" else 100.0 * (ratio - 1.0)).rename(f"gap_{kind}")
    nan = float("nan")
    if len(gap) < 3:
        return GapResult(gap, kind, trend, nan, nan, nan, False, f"{len(gap)} common period(s); a trend needs 3")
    t = time_axis(gap.index)
    if trend == "log":
        y, target = np.log(ratio.to_numpy()), 0.0
    else:
        y, target = gap.to_numpy(), (1.0 if kind == "ratio" else 0.0)
    slope, intercept = np.polyfit(t, y, 1)
    last = intercept + slope * t[-1]
    if slope == 0 or (last - target) * slope > 0:
        return GapResult(gap, kind, trend, float(intercept), float(slope), nan, False,
                         f"the gap is not closing on this trend (fitted {last:.4g} at {t[-1]:.0f}, "
                         f"slope {slope:.4g} per year away from parity)")
    return GapResult(gap, kind, trend, float(intercept), float(slope), float((target - intercept) / slope))


# -------------------------------------------------------------------------------------------------- Markov
@dataclass(frozen=True)
class MarkovResult:
    """Discrete Markov chain of relative income classes.

    Attributes
    ----------
    counts : DataFrame (k, k)
        Transitions from class (rows) to class (columns), pooled over consecutive year pairs.
    p : DataFrame (k, k)
        Row-normalised transition probabilities (a class never left from has a zero row).
    steady_state : Series (k,)
        Ergodic distribution :math:`\\pi = \\pi P`.
    mobility : float
        Shorrocks' index :math:`(k - \\operatorname{tr} P)/(k - 1)`.
    classes : DataFrame (R, T)
        Class (0 = poorest) of every region and year.
    cutoffs : DataFrame
        The quantile cut-offs per year (one row ``"pooled"`` when pooled).
    sojourn : Series (k,)
        Expected periods a region stays in a class once there, :math:`1/(1 - p_{ii})` (``inf``: never left).
    first_passage : DataFrame (k, k)
        Mean periods to first reach class *j* (columns) from class *i* (rows); diagonal = mean recurrence
        times; ``inf`` where *j* may never be reached.
    ergodic : DataFrame (r, k)
        Every ergodic distribution, one row per closed class of the chain (one row when the chain has a single
        one; then it equals ``steady_state``). A class never left from counts as absorbing.
    """

    counts: pd.DataFrame
    p: pd.DataFrame
    steady_state: pd.Series
    mobility: float
    classes: pd.DataFrame
    cutoffs: pd.DataFrame
    k: int
    pooled: bool
    valid: bool = True
    reason: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    sojourn: pd.Series | None = None
    first_passage: pd.DataFrame | None = None
    ergodic: pd.DataFrame | None = None

    def summary(self) -> str:
        lines = [
            f"Markov chain of {self.k} relative income classes ({'pooled' if self.pooled else 'per-year'} "
            f"quantiles), {self.classes.shape[0]} regions, {int(self.counts.to_numpy().sum())} transitions",
            "  transition probabilities:",
        ]
        lines += ["    " + "  ".join(f"{v:6.3f}" for v in row) for row in self.p.to_numpy()]
        lines.append("  steady state: " + "  ".join(f"{v:.3f}" for v in self.steady_state))
        if self.ergodic is not None and len(self.ergodic) > 1:
            lines.append(f"  {len(self.ergodic)} ergodic distributions (one per closed class):")
            lines += ["    " + "  ".join(f"{v:.3f}" for v in row) for row in self.ergodic.to_numpy()]
        if self.sojourn is not None:
            lines.append("  sojourn times: " + "  ".join(f"{v:.2f}" for v in self.sojourn))
        lines.append(f"  Shorrocks mobility {fmt(self.mobility)}; {validity(self.valid, self.reason)}")
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        out = self.p.copy()
        out.columns = [f"p_to_{c}" for c in out.columns]
        out.insert(0, "count", self.counts.sum(axis=1))
        out["steady_state"] = self.steady_state
        if self.sojourn is not None:
            out["sojourn"] = self.sojourn
        return out


def quantile_classes(values: np.ndarray, cutoffs: np.ndarray) -> np.ndarray:
    """Class of each value: the number of cut-offs strictly below it (value <= cut-off c_j gives class j)."""
    out = np.searchsorted(cutoffs, values, side="left").astype("float64")
    out[np.isnan(values)] = np.nan
    return out


def steady_state(p: np.ndarray) -> tuple[np.ndarray, str]:
    """Ergodic distribution of a transition matrix (shape (k, k)); a reason instead when it is not unique."""
    vals, vecs = np.linalg.eig(p.T)
    unit = np.flatnonzero(np.isclose(vals, 1.0, atol=1e-10))
    if len(unit) != 1:
        return np.full(p.shape[0], np.nan), f"{len(unit)} unit eigenvalues: the chain is not ergodic"
    vec = np.real(vecs[:, unit[0]])
    return vec / vec.sum(), ""


def markov(values: pd.DataFrame, k: int = 5, pooled: bool = False) -> MarkovResult:
    """Classic Markov chain of relative income classes (quantile classes, transitions between years).

    .. math::

        \\hat p_{ij} = \\frac{n_{ij}}{\\sum_j n_{ij}}, \\qquad \\pi = \\pi \\hat P,\\ \\sum_i \\pi_i = 1,
        \\qquad M_S = \\frac{k - \\operatorname{tr} \\hat P}{k - 1}

    Each value is first divided by its year's cross-sectional mean (relative income); this does not change
    the per-year classes and makes pooled cut-offs comparable across years. The result also carries the
    sojourn times, the mean first passage times and every ergodic distribution of a reducible chain
    (:mod:`regint.indicators.markov_chain`).

    Parameters
    ----------
    values : DataFrame of shape (R, T)
        Regions in rows, years in columns in time order (per-capita income or GRP). NaN cells are skipped.
    k : int
        Number of quantile classes (5 = quintiles).
    pooled : bool
        ``False``: each year is classed by its own quantiles; ``True``: one set of cut-offs, the quantiles of
        all region-years together.

    References
    ----------
    Quah, D. T. (1993). Empirical cross-section dynamics in economic growth. *European Economic Review* 37(2-3),
    426-434. Rey, S. J. (2001). Spatial empirics for economic growth and convergence. *Geographical
    Analysis* 33(3), 195-214. Shorrocks, A. F.
    (1978). The measurement of mobility. *Econometrica* 46(5), 1013-1024. Reference software: PySAL giddy
    ``Markov`` (class with ``mapclassify.Quantiles``).
    """
    if not isinstance(k, int | np.integer) or k < 2:
        raise OptionError(f"k must be an integer >= 2; got {k!r}")
    v = values.astype("float64")
    rel = v / v.mean(axis=0)
    qs = np.arange(1, k) / k
    if pooled:
        flat = rel.to_numpy().ravel()
        cut = np.quantile(flat[~np.isnan(flat)], qs)
        cutoffs = pd.DataFrame([cut], index=["pooled"], columns=[f"q{j}" for j in range(1, k)])
        cls = np.column_stack([quantile_classes(rel[c].to_numpy(), cut) for c in rel.columns])
    else:
        rows, cols = [], []
        for c in rel.columns:
            col = rel[c].to_numpy()
            cut = np.quantile(col[~np.isnan(col)], qs) if (~np.isnan(col)).any() else np.full(k - 1, np.nan)
            rows.append(cut)
            cols.append(quantile_classes(col, cut))
        cutoffs = pd.DataFrame(rows, index=rel.columns, columns=[f"q{j}" for j in range(1, k)])
        cls = np.column_stack(cols)
    classes = pd.DataFrame(cls, index=v.index, columns=v.columns)
    counts = np.zeros((k, k))
    a, b = cls[:, :-1].ravel(), cls[:, 1:].ravel()
    ok = ~(np.isnan(a) | np.isnan(b))
    np.add.at(counts, (a[ok].astype(int), b[ok].astype(int)), 1)
    row = counts.sum(axis=1, keepdims=True)
    p = np.divide(counts, row, out=np.zeros_like(counts), where=row > 0)
    labels = pd.RangeIndex(k, name="class")
    notes: tuple[str, ...] = ()
    if (row == 0).any():
        notes = (f"classes never left from: {np.flatnonzero(row.ravel() == 0).tolist()}",)
    ss, reason = steady_state(p)
    erg = ergodic_distributions(p)
    if reason and len(erg) > 1:
        reason += f"; it has {len(erg)} closed classes, each with its own ergodic distribution (see `ergodic`)"
    return MarkovResult(
        counts=pd.DataFrame(counts, index=labels, columns=labels),
        p=pd.DataFrame(p, index=labels, columns=labels),
        steady_state=pd.Series(ss, index=labels, name="steady_state"),
        mobility=float((k - np.trace(p)) / (k - 1)),
        classes=classes, cutoffs=cutoffs, k=k, pooled=pooled,
        valid=not reason, reason=reason, notes=notes,
        sojourn=pd.Series(sojourn_times(p), index=labels, name="sojourn"),
        first_passage=pd.DataFrame(first_passage_times(p), index=labels, columns=labels),
        ergodic=pd.DataFrame(erg, index=pd.RangeIndex(len(erg), name="closed_class"), columns=labels),
    )
