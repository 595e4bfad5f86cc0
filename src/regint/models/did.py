r"""Difference-in-differences: two-way fixed effects and an event study with leads and lags (pyfixest ``feols``).

.. math::

    y_{it} = \alpha_i + \lambda_t + \delta\, D_{it} + \varepsilon_{it}, \qquad
    D_{it} = 1[i \in \text{treated}]\,1[t \ge t_0]

and the event study

.. math::

    y_{it} = \alpha_i + \lambda_t + \sum_{k \ne -1} \delta_k\, 1[i \in \text{treated}]\,1[t - t_0 = k]
             + \varepsilon_{it},

with the end points binned (:math:`k \le -L` and :math:`k \ge K`) and :math:`k=-1` the reference period. Leads
(:math:`k < -1`) near zero support parallel trends. Standard errors are clustered by unit (CRV1). With a single
adoption date the TWFE estimate is the classic 2×2 comparison; staggered adoption would need the heterogeneity-
robust estimators of the recent literature (not implemented). With few treated units — Smolensk alone — clustered
standard errors are unreliable (Conley and Taber 2011); the results say so in ``notes`` and the synthetic
control's placebo inference should be preferred.

References
----------
Angrist, J. D. and Pischke, J.-S. (2009). *Mostly Harmless Econometrics*, Ch. 5.2.
Conley, T. G. and Taber, C. R. (2011). Inference with "difference in differences" with a small number of policy
changes. *Review of Economics and Statistics* 93(1), 113–125.
Freyaldenhoven, S., Hansen, C., Pérez Pérez, J. and Shapiro, J. M. (2021). Visualization, identification, and
estimation in the linear panel event-study design. NBER WP 29170.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from regint.errors import DataError, ModelError

__all__ = ["DiDResults", "EventStudyResults", "did", "event_study"]

FEW_CLUSTERS = 5


@dataclass(frozen=True)
class DiDResults:
    """Two-way fixed-effects difference-in-differences estimate (frozen)."""

    effect: float
    se: float
    df_t: int
    nobs: int
    n_units: int
    n_treated: int
    treatment_time: Hashable
    vcov_type: str
    notes: tuple[str, ...] = ()
    model: Any = field(default=None, repr=False, compare=False)

    @property
    def pvalue(self) -> float:
        return float(2 * stats.t.sf(abs(self.effect / self.se), self.df_t))

    def conf_int(self, level: float = 0.95) -> tuple[float, float]:
        c = float(stats.t.ppf(0.5 + level / 2, self.df_t))
        return self.effect - c * self.se, self.effect + c * self.se

    def to_frame(self, level: float = 0.95) -> pd.DataFrame:
        lo, hi = self.conf_int(level)
        return pd.DataFrame({"coef": [self.effect], "se": [self.se], "pvalue": [self.pvalue],
                             "lower": [lo], "upper": [hi], "nobs": [self.nobs]}, index=["treated_post"])

    def summary(self) -> str:
        lines = [f"Difference-in-differences (TWFE), treatment from {self.treatment_time}: "
                 f"{self.n_treated} treated of {self.n_units} units, {self.nobs} observations; SE {self.vcov_type}",
                 self.to_frame().to_string(float_format=lambda v: f"{v:.4g}")]
        return "\n".join([*lines, *(f"note: {n}" for n in self.notes)])

    def __str__(self) -> str:
        return self.summary()


@dataclass(frozen=True)
class EventStudyResults:
    """Event-study coefficients by period relative to treatment (frozen); the reference period has 0 and se 0."""

    coefs: pd.DataFrame
    reference: int
    nobs: int
    n_treated: int
    df_t: int
    notes: tuple[str, ...] = ()
    model: Any = field(default=None, repr=False, compare=False)

    def to_frame(self) -> pd.DataFrame:
        return self.coefs.copy()

    def pretrend_test(self) -> tuple[float, float]:
        """Wald F test that all leads (k < reference) are zero: (F, p-value)."""
        leads = [c for c, k in zip(self.coefs["term"], self.coefs.index, strict=True) if k < self.reference and c]
        if not leads:
            return float("nan"), float("nan")
        b = self.model.coef()[leads].to_numpy()
        v = self.model._vcov[np.ix_(*[[list(self.model._coefnames).index(c) for c in leads]] * 2)]
        f = float(b @ np.linalg.solve(v, b) / len(leads))
        return f, float(stats.f.sf(f, len(leads), self.df_t))

    def summary(self) -> str:
        f, p = self.pretrend_test()
        lines = [f"Event study: {self.n_treated} treated unit(s), {self.nobs} observations, reference k = "
                 f"{self.reference}", self.coefs.drop(columns="term").to_string(float_format=lambda v: f"{v:.4g}"),
                 f"joint test of leads = 0: F = {f:.3g}, p = {p:.3g}"]
        return "\n".join([*lines, *(f"note: {n}" for n in self.notes)])

    def __str__(self) -> str:
        return self.summary()

    def plot(self, ax: Any = None, *, title: str = "Event study") -> Any:
        """Coefficients with confidence intervals against event time; returns the Figure."""
        import matplotlib.pyplot as plt

        fig, ax = (plt.subplots(figsize=(7, 4)) if ax is None else (ax.figure, ax))
        k = self.coefs.index.to_numpy()
        ax.errorbar(k, self.coefs["coef"], yerr=[self.coefs["coef"] - self.coefs["lower"],
                                                   self.coefs["upper"] - self.coefs["coef"]],
                    fmt="o", color="black", ecolor="grey", capsize=3)
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.axvline(self.reference + 0.5, color="grey", linestyle=":")
        ax.set_xlabel("periods relative to treatment")
        ax.set_title(title)
        return fig


def _prepare(data: pd.DataFrame, unit: str, time: str, outcome: str,
             treated: Sequence[Hashable]) -> tuple[pd.DataFrame, np.ndarray]:
    for col in (unit, time, outcome):
        if col not in data.columns:
            raise DataError(f"column {col!r} is not in the data")
    treated_set = set(treated)
    missing = treated_set - set(data[unit])
    if missing:
        raise DataError(f"treated unit(s) {sorted(map(str, missing))} not in column {unit!r}")
    frame = data[[unit, time, outcome]].dropna()
    if not pd.api.types.is_numeric_dtype(frame[time]):
        raise DataError(f"column {time!r} must be numeric (e.g. the year as int); got {frame[time].dtype}")
    is_treated = frame[unit].isin(treated_set).to_numpy()
    if is_treated.all() or not is_treated.any():
        raise ModelError("need both treated and control units with data")
    return frame, is_treated


def _notes(n_treated: int, n_units: int) -> list[str]:
    notes = []
    if n_treated < FEW_CLUSTERS:
        notes.append(f"only {n_treated} treated unit(s): cluster-robust standard errors are unreliable with few "
                     "treated clusters (Conley and Taber 2011); prefer placebo inference (synthetic control)")
    if n_units < 30:
        notes.append(f"{n_units} clusters: small-sample corrections matter")
    return notes


def did(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treated: Sequence[Hashable],
    treatment_time: int | float,
) -> DiDResults:
    """Two-way fixed-effects DiD with a single adoption date; CRV1 standard errors clustered by unit.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel with numeric ``time``.
    unit, time, outcome : str
    treated : sequence
        Treated units.
    treatment_time : number
        First treated period.

    Returns
    -------
    DiDResults
    """
    import pyfixest as pf

    frame, is_treated = _prepare(data, unit, time, outcome, treated)
    frame = frame.assign(treated_post=(is_treated & (frame[time] >= treatment_time).to_numpy()).astype(float),
                         _unit=frame[unit].astype(str), _time=frame[time].astype(str))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.feols(f"{outcome} ~ treated_post | _unit + _time", data=frame, vcov={"CRV1": "_unit"})
    n_units = int(frame[unit].nunique())
    n_treated = int(frame.loc[is_treated, unit].nunique())
    return DiDResults(effect=float(fit.coef()["treated_post"]), se=float(fit.se()["treated_post"]),
                      df_t=int(fit._df_t), nobs=int(fit._N), n_units=n_units, n_treated=n_treated,
                      treatment_time=treatment_time, vcov_type=f"CRV1 by {unit}",
                      notes=tuple(_notes(n_treated, n_units)), model=fit)


def event_study(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treated: Sequence[Hashable],
    treatment_time: int | float,
    leads: int = 4,
    lags: int = 4,
    level: float = 0.95,
) -> EventStudyResults:
    """Event study with ``leads`` pre-periods and ``lags`` post-periods (end points binned), reference k = -1.

    Returns
    -------
    EventStudyResults
        ``coefs`` indexed by event time k = -leads, ..., lags with ``coef, se, lower, upper, term``.
    """
    import pyfixest as pf

    if leads < 2 or lags < 0:
        raise ModelError(f"need leads >= 2 (k = -1 is the reference) and lags >= 0; got {leads}, {lags}")
    frame, is_treated = _prepare(data, unit, time, outcome, treated)
    k = np.clip(frame[time].to_numpy() - treatment_time, -leads, lags).astype(int)
    terms = {}
    for j in range(-leads, lags + 1):
        if j == -1:
            continue
        name = f"ev_m{-j}" if j < 0 else f"ev_p{j}"
        frame[name] = (is_treated & (k == j)).astype(float)
        terms[j] = name
    frame["_unit"] = frame[unit].astype(str)
    frame["_time"] = frame[time].astype(str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.feols(f"{outcome} ~ {' + '.join(terms.values())} | _unit + _time", data=frame,
                       vcov={"CRV1": "_unit"})
    coef, se = fit.coef(), fit.se()
    c = float(stats.t.ppf(0.5 + level / 2, fit._df_t))
    rows = []
    for j in range(-leads, lags + 1):
        if j == -1:
            rows.append({"k": j, "term": "", "coef": 0.0, "se": 0.0})
        elif terms[j] in coef.index:
            rows.append({"k": j, "term": terms[j], "coef": float(coef[terms[j]]), "se": float(se[terms[j]])})
    table = pd.DataFrame(rows).set_index("k")
    table["lower"] = table["coef"] - c * table["se"]
    table["upper"] = table["coef"] + c * table["se"]
    n_units = int(frame[unit].nunique())
    n_treated = int(frame.loc[is_treated, unit].nunique())
    notes = _notes(n_treated, n_units)
    dropped = [terms[j] for j in terms if terms[j] not in coef.index]
    if dropped:
        notes.append(f"event-time dummies without variation dropped: {', '.join(dropped)}")
    return EventStudyResults(coefs=table, reference=-1, nobs=int(fit._N), n_treated=n_treated,
                             df_t=int(fit._df_t), notes=tuple(notes), model=fit)
