"""Outlier treatment as in COINr: winsorise while skewness and kurtosis are both high, else log-transform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.index._frames import check_numeric

LogType = Literal["CTlog", "none"]


def sample_skewness(x: np.ndarray) -> float:
    """Bias-corrected sample skewness (Excel ``SKEW``, pandas ``skew``, e1071 type 2), NaNs ignored.

    .. math:: G_1 = \\frac{\\sqrt{n(n-1)}}{n-2}\\,\\frac{m_3}{m_2^{3/2}},\\qquad m_k = \\frac1n\\sum (x_j-\\bar x)^k

    References
    ----------
    Joanes, D. N. & Gill, C. A. (1998), "Comparing measures of sample skewness and kurtosis",
    *The Statistician* 47(1), 183–189, p. 184.
    """
    v = x[~np.isnan(x)]
    n = v.size
    if n < 3:
        return float("nan")
    d = v - v.mean()
    m2, m3 = np.mean(d**2), np.mean(d**3)
    if m2 == 0:
        return 0.0
    return float(np.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5)


def sample_excess_kurtosis(x: np.ndarray) -> float:
    """Bias-corrected sample excess kurtosis (Excel ``KURT``, pandas ``kurt``, e1071 type 2), NaNs ignored.

    .. math:: G_2 = \\frac{n-1}{(n-2)(n-3)}\\left[(n+1)\\left(\\frac{m_4}{m_2^2} - 3\\right) + 6\\right]

    References
    ----------
    Joanes & Gill (1998), p. 184.
    """
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        return float("nan")
    d = v - v.mean()
    m2, m4 = np.mean(d**2), np.mean(d**4)
    if m2 == 0:
        return 0.0
    g2 = m4 / m2**2 - 3.0
    return float((n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6.0))


@dataclass(frozen=True)
class TreatmentRecord:
    """What the treatment did to one indicator.

    Attributes
    ----------
    indicator : str
    flagged : bool
        Whether the raw indicator exceeded both thresholds.
    winsorised : int
        Number of winsorisation steps kept (0 when none or when reverted to the log).
    low, high : int
        Steps at the low and high tail.
    log : bool
        Whether the log transform was applied.
    skew_before, kurt_before, skew_after, kurt_after : float
    """

    indicator: str
    flagged: bool
    winsorised: int
    low: int
    high: int
    log: bool
    skew_before: float
    kurt_before: float
    skew_after: float
    kurt_after: float


def _is_outlying(skew: float, kurt: float, t_skew: float, t_kurt: float) -> bool:
    return bool(abs(skew) > t_skew and kurt > t_kurt)


def winsorise_coinr(x: np.ndarray, t_skew: float = 2.0, t_kurt: float = 3.5, winmax: int = 5,
                    winchange: bool = True, deflog: LogType = "CTlog",
                    name: str = "") -> tuple[np.ndarray, TreatmentRecord]:
    """Treat one indicator the COINr way.

    While :math:`|G_1| > t_{skew}` and :math:`G_2 > t_{kurt}`, one point is winsorised: with positive skew the
    current maximum value(s) are set to the next-highest value, with negative skew the minimum value(s) to the
    next-lowest; the test is repeated after each step. If after ``winmax`` steps the indicator is still flagged,
    the winsorisation is undone and, with ``deflog="CTlog"``, the log transform

    .. math:: x' = \\ln\\bigl(x - \\min(x) + 1\\bigr)

    is applied instead. With ``winchange=False`` the tail is fixed by the sign of the first skewness.

    Parameters
    ----------
    x : numpy.ndarray, shape (n,)
        Values of the indicator over the units; NaN ignored and kept.

    Returns
    -------
    treated : numpy.ndarray, shape (n,)
    record : TreatmentRecord

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 5, p. 28 (Winsorisation of outliers) and p. 83;
    COINr ``treat()`` default rules (Becker et al. 2022; COINr documentation, "Outlier treatment").
    """
    check_option("deflog", deflog, ("CTlog", "none"))
    orig = np.asarray(x, dtype=float)
    s0, k0 = sample_skewness(orig), sample_excess_kurtosis(orig)
    y = orig.copy()
    low = high = 0
    flagged = _is_outlying(s0, k0, t_skew, t_kurt)
    first_sign = 1.0 if s0 >= 0 else -1.0
    use_log = False
    skew, kurt = s0, k0
    for step in range(winmax + 1):
        if not _is_outlying(skew, kurt, t_skew, t_kurt):
            break
        if step == winmax:
            use_log = deflog == "CTlog"
            y = orig.copy()
            low = high = 0
            break
        sign = (1.0 if skew >= 0 else -1.0) if winchange else first_sign
        obs = ~np.isnan(y)
        if sign > 0:
            top = np.nanmax(y)
            at = obs & (y == top)
            rest = y[obs & ~at]
            if rest.size == 0:
                break
            y[at] = rest.max()
            high += 1
        else:
            bottom = np.nanmin(y)
            at = obs & (y == bottom)
            rest = y[obs & ~at]
            if rest.size == 0:
                break
            y[at] = rest.min()
            low += 1
        skew, kurt = sample_skewness(y), sample_excess_kurtosis(y)
    if use_log:
        y = np.log(orig - np.nanmin(orig) + 1.0)
    record = TreatmentRecord(name, flagged, low + high, low, high, use_log, s0, k0,
                             sample_skewness(y), sample_excess_kurtosis(y))
    return y, record


def treat_outliers(data: pd.DataFrame, t_skew: float = 2.0, t_kurt: float = 3.5, winmax: int = 5,
                   winchange: bool = True, deflog: LogType = "CTlog",
                   exclude: tuple[str, ...] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply :func:`winsorise_coinr` to every indicator (all rows pooled in a panel).

    Returns
    -------
    treated : pandas.DataFrame
        Same shape as ``data``.
    log : pandas.DataFrame
        One row per indicator, the fields of :class:`TreatmentRecord`.
    """
    x = check_numeric(data, "treat_outliers")
    out = x.copy()
    records = []
    for col in x.columns:
        if col in exclude:
            continue
        y, rec = winsorise_coinr(x[col].to_numpy(), t_skew, t_kurt, winmax, winchange, deflog, name=str(col))
        out[col] = y
        records.append(rec.__dict__)
    log = pd.DataFrame(records).set_index("indicator") if records else pd.DataFrame()
    return out, log
