"""Statistics of survey answers: weighted means with confidence intervals, intraclass correlation, differences.

Pure functions on arrays; the survey aggregation (:mod:`regint.experts.survey`) calls them per side and item.
Kendall's W is :func:`regint.experts.delphi.kendall_w`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from regint._options import check_option
from regint.errors import DataError

ICC_FORMS = ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")


@dataclass(frozen=True)
class MeanEstimate:
    """A (weighted) mean with its standard error and confidence interval.

    ``valid`` is False (with ``reason``) when fewer than two answers make an interval meaningless.
    """

    mean: float
    se: float
    lower: float
    upper: float
    n: int
    n_eff: float
    level: float
    valid: bool = True
    reason: str = ""


def weighted_mean_ci(values: Sequence[float] | np.ndarray, weights: Sequence[float] | np.ndarray | None = None,
                     level: float = 0.95) -> MeanEstimate:
    r"""Weighted mean of answers with the linearised (sandwich) standard error and a *t* interval.

    With respondent weights :math:`w_i` (sampling or importance weights; missing answers dropped),

    .. math::

        \bar y_w = \frac{\sum_i w_i y_i}{\sum_i w_i}, \qquad
        \widehat{V}(\bar y_w) = \frac{n}{n-1}\,\frac{\sum_i w_i^2 (y_i - \bar y_w)^2}{\left(\sum_i w_i\right)^2},
        \qquad \bar y_w \pm t_{n-1,\,1-\alpha/2}\,\sqrt{\widehat V}

    which is the design-based variance of a ratio mean under with-replacement sampling without strata (Stata
    ``svy: mean`` with ``pweight``) and equals the HC1 robust variance of a weighted regression on a constant.
    With equal weights it is the usual :math:`s^2/n`. Kish's effective sample size
    :math:`n_\text{eff} = (\sum w_i)^2/\sum w_i^2` is reported.

    References
    ----------
    Cochran, W.G. (1977). *Sampling Techniques*, 3rd ed. Wiley, §6.11 (variance of a ratio estimate).
    Kish, L. (1965). *Survey Sampling*. Wiley, §11.7 (effective sample size).
    StataCorp. *Stata Survey Data Reference Manual*, ``svy: mean``, Methods and formulas.
    """
    y = np.asarray(values, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != y.shape:
        raise DataError(f"weights have shape {w.shape} but values have {y.shape}. Fix: give one weight per answer.")
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise DataError("respondent weights must be finite and non-negative. Fix: correct the weights.")
    keep = np.isfinite(y) & (w > 0)
    y, w = y[keep], w[keep]
    n = int(y.size)
    if n == 0:
        return MeanEstimate(np.nan, np.nan, np.nan, np.nan, 0, 0.0, level, False, "no answers")
    mean = float(np.sum(w * y) / np.sum(w))
    n_eff = float(np.sum(w) ** 2 / np.sum(w**2))
    if n < 2:
        return MeanEstimate(mean, np.nan, np.nan, np.nan, n, n_eff, level, False,
                            "one answer: no confidence interval")
    var = n / (n - 1) * float(np.sum(w**2 * (y - mean) ** 2)) / float(np.sum(w)) ** 2
    se = float(np.sqrt(var))
    t = float(stats.t.ppf(0.5 + level / 2, n - 1))
    return MeanEstimate(mean, se, mean - t * se, mean + t * se, n, n_eff, level)


def difference_ci(a: MeanEstimate, b: MeanEstimate, level: float = 0.95) -> tuple[float, float, float, float]:
    r"""Difference of two independent means ``a - b`` with a Welch–Satterthwaite *t* interval.

    .. math::

        d = \bar y_a - \bar y_b, \quad se_d = \sqrt{se_a^2 + se_b^2}, \quad
        \nu = \frac{se_d^4}{se_a^4/(n_a-1) + se_b^4/(n_b-1)}

    Returns ``(d, se_d, lower, upper)`` (NaN where either side has no interval).

    References
    ----------
    Welch, B.L. (1947). The generalization of 'Student's' problem when several different population variances
    are involved. *Biometrika* 34: 28–35.
    """
    if not (a.valid and b.valid):
        return a.mean - b.mean, np.nan, np.nan, np.nan
    d = a.mean - b.mean
    se = float(np.hypot(a.se, b.se))
    if se == 0:
        return d, 0.0, d, d
    nu = se**4 / (a.se**4 / (a.n - 1) + b.se**4 / (b.n - 1))
    t = float(stats.t.ppf(0.5 + level / 2, nu))
    return d, se, d - t * se, d + t * se


@dataclass(frozen=True)
class ICCResult:
    """The six intraclass correlations of Shrout & Fleiss (1979) with F tests and confidence intervals.

    Attributes
    ----------
    table : DataFrame
        Index :data:`ICC_FORMS`; columns ``icc, F, df1, df2, p_value, lower, upper``.
    n, k : int
        Targets (rows) and judges (columns) used.
    valid : bool
        False (with ``reason``) when fewer than two targets or judges remain.
    """

    table: pd.DataFrame
    n: int
    k: int
    level: float
    valid: bool = True
    reason: str = ""
    dropped: tuple[str, ...] = ()

    def value(self, form: str = "ICC2") -> float:
        """One form's coefficient."""
        check_option("form", form, ICC_FORMS)
        return float(self.table.loc[form, "icc"]) if self.valid else float("nan")

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def summary(self) -> str:
        if not self.valid:
            return f"ICC not computed: {self.reason}"
        lines = [f"Intraclass correlation (Shrout & Fleiss 1979), n = {self.n} targets, k = {self.k} judges, "
                 f"{self.level:.0%} intervals:"]
        for form, r in self.table.iterrows():
            lines.append(f"  {form:<6} {r['icc']:6.3f}  [{r['lower']:6.3f}, {r['upper']:6.3f}]  "
                         f"F({int(r['df1'])}, {int(r['df2'])}) = {r['F']:.3f}, p = {r['p_value']:.3g}")
        return "\n".join(lines)


def _mean_squares(x: np.ndarray) -> tuple[float, float, float, float]:
    n, k = x.shape
    grand = x.mean()
    ssr = k * float(((x.mean(axis=1) - grand) ** 2).sum())
    ssc = n * float(((x.mean(axis=0) - grand) ** 2).sum())
    sst = float(((x - grand) ** 2).sum())
    sse = sst - ssr - ssc
    msr = ssr / (n - 1)
    msc = ssc / (k - 1)
    mse = sse / ((n - 1) * (k - 1))
    msw = (ssc + sse) / (n * (k - 1))
    return msr, msc, mse, msw


def _icc2_bounds(msr: float, msc: float, mse: float, n: int, k: int, icc2: float, alpha: float
                 ) -> tuple[float, float]:
    """Satterthwaite-approximated interval of ICC(2,1) (Shrout & Fleiss 1979, eq. 8; McGraw & Wong 1996)."""
    fj = msc / mse
    vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    vd = (n - 1) * k**2 * icc2**2 * fj**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    v = vn / vd
    f_u = float(stats.f.ppf(1 - alpha / 2, n - 1, v))
    f_l = float(stats.f.ppf(1 - alpha / 2, v, n - 1))
    lower = n * (msr - f_u * mse) / (f_u * (k * msc + (k * n - k - n) * mse) + n * msr)
    upper = n * (f_l * msr - mse) / (k * msc + (k * n - k - n) * mse + n * f_l * msr)
    return lower, upper


def icc(ratings: pd.DataFrame | np.ndarray | Sequence[Sequence[float]], level: float = 0.95) -> ICCResult:
    r"""Intraclass correlations ICC(1,1), ICC(2,1), ICC(3,1) and their averages over the *k* judges.

    ``ratings`` has one row per target (an item rated) and one column per judge (a respondent); rows with a
    missing rating are left out (named in ``dropped``). From the two-way ANOVA mean squares (targets *R*,
    judges *C*, residual *E*, within targets *W*):

    .. math::

        ICC(1,1) = \frac{MS_R - MS_W}{MS_R + (k-1)MS_W}, \quad
        ICC(2,1) = \frac{MS_R - MS_E}{MS_R + (k-1)MS_E + k(MS_C - MS_E)/n}, \quad
        ICC(3,1) = \frac{MS_R - MS_E}{MS_R + (k-1)MS_E}

    and :math:`ICC(1,k) = (MS_R - MS_W)/MS_R`, :math:`ICC(2,k) = (MS_R - MS_E)/(MS_R + (MS_C - MS_E)/n)`,
    :math:`ICC(3,k) = (MS_R - MS_E)/MS_R`. Intervals: exact F-based for forms 1 and 3, Satterthwaite's
    approximation for form 2 (Shrout & Fleiss 1979, Table 4; as implemented in R ``psych::ICC``).

    ICC(2,·) (random judges, absolute agreement) suits respondents seen as a sample of officials or firms;
    ICC(3,·) (consistency) ignores a judge's overall leniency.

    References
    ----------
    Shrout, P.E. & Fleiss, J.L. (1979). Intraclass correlations: uses in assessing rater reliability.
    *Psychological Bulletin* 86(2): 420–428.
    McGraw, K.O. & Wong, S.P. (1996). Forming inferences about some intraclass correlation coefficients.
    *Psychological Methods* 1(1): 30–46.
    """
    frame = pd.DataFrame(ratings)
    complete = frame.dropna(axis=0, how="any")
    dropped = tuple(str(x) for x in frame.index.difference(complete.index))
    n, k = complete.shape
    empty = pd.DataFrame(np.nan, index=list(ICC_FORMS), columns=["icc", "F", "df1", "df2", "p_value", "lower",
                                                                   "upper"])
    if n < 2 or k < 2:
        return ICCResult(empty, n, k, level, False, "needs at least 2 targets with complete ratings and 2 judges",
                         dropped)
    x = complete.to_numpy(dtype=float)
    msr, msc, mse, msw = _mean_squares(x)
    if mse == 0 or msw == 0:
        return ICCResult(empty, n, k, level, False, "no residual variation (all judges agree exactly)", dropped)
    alpha = 1 - level
    df1, df1w, df2 = n - 1, n * (k - 1), (n - 1) * (k - 1)
    f1, f3 = msr / msw, msr / mse
    p1, p3 = float(stats.f.sf(f1, df1, df1w)), float(stats.f.sf(f3, df1, df2))
    fl1, fu1 = f1 / stats.f.ppf(1 - alpha / 2, df1, df1w), f1 * stats.f.ppf(1 - alpha / 2, df1w, df1)
    fl3, fu3 = f3 / stats.f.ppf(1 - alpha / 2, df1, df2), f3 * stats.f.ppf(1 - alpha / 2, df2, df1)
    icc1 = (msr - msw) / (msr + (k - 1) * msw)
    icc2 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    icc3 = (msr - mse) / (msr + (k - 1) * mse)
    l2, u2 = _icc2_bounds(msr, msc, mse, n, k, icc2, alpha)
    rows = {
        "ICC1": (icc1, f1, df1, df1w, p1, (fl1 - 1) / (fl1 + k - 1), (fu1 - 1) / (fu1 + k - 1)),
        "ICC2": (icc2, f3, df1, df2, p3, l2, u2),
        "ICC3": (icc3, f3, df1, df2, p3, (fl3 - 1) / (fl3 + k - 1), (fu3 - 1) / (fu3 + k - 1)),
        "ICC1k": ((msr - msw) / msr, f1, df1, df1w, p1, 1 - 1 / fl1, 1 - 1 / fu1),
        "ICC2k": ((msr - mse) / (msr + (msc - mse) / n), f3, df1, df2, p3, l2 * k / (1 + l2 * (k - 1)),
                  u2 * k / (1 + u2 * (k - 1))),
        "ICC3k": ((msr - mse) / msr, f3, df1, df2, p3, 1 - 1 / fl3, 1 - 1 / fu3),
    }
    table = pd.DataFrame.from_dict(rows, orient="index",
                                   columns=["icc", "F", "df1", "df2", "p_value", "lower", "upper"]).astype(float)
    return ICCResult(table, n, k, level, True, "", dropped)


__all__ = ["ICC_FORMS", "ICCResult", "MeanEstimate", "difference_ci", "icc", "weighted_mean_ci"]
