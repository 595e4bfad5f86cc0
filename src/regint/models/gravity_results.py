"""The results object of the gravity estimators (:func:`regint.models.gravity.ppml`, ``ols_log``).

In a module of its own so that the estimators and the post-estimation functions
(:mod:`regint.models.gravity_effects`) both import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from regint.errors import ModelError

__all__ = ["GravityResults"]


@dataclass(frozen=True)
class GravityResults:
    """Estimates of a gravity equation (frozen).

    Attributes
    ----------
    method : {'ppml', 'ols_log'}
        Estimator.
    formula : str
        The formula as passed to pyfixest (for ``ols_log`` with the log of the dependent variable substituted).
    depvar : str
        Dependent variable as named by the user (trade in levels).
    coef, se : pandas.Series
        Point estimates and standard errors by regressor name.
    vcov : pandas.DataFrame
        Variance-covariance matrix of ``coef``.
    vcov_type : str
        E.g. ``'CRV1 by pair_id'`` or ``'hetero'``.
    df_t : int or None
        Degrees of freedom of the t distribution used for inference; ``None`` means the normal distribution
        (PPML, as in pyfixest and fixest).
    nobs : int
        Observations used in estimation.
    nobs_input : int
        Rows of the frame passed in.
    dropped : pandas.Series
        Reason (``'missing'``, ``'singleton'``, ``'separation'``, ``'zero_trade'``) indexed by the labels of the
        dropped rows of the input frame.
    converged : bool
        Whether the IRLS iterations met the tolerance (always ``True`` for OLS).
    tol, maxiter : float, int
        IRLS tolerance on the relative change of the deviance and the iteration limit.
    deviance : float or None
        Poisson deviance at the solution (PPML).
    r2 : float
        Pseudo-R² (PPML, 1 − deviance / null deviance) or R² (OLS).
    fixef : Mapping[str, int]
        Number of levels of each fixed effect in the estimation sample.
    fitted : pandas.Series
        Fitted values on the scale of the dependent variable in levels (PPML: E[trade]; OLS: fitted log trade),
        indexed by the labels of the rows used.
    messages : tuple of str
        Warnings pyfixest emitted during the fit (after de-duplication).
    """

    method: str
    formula: str
    depvar: str
    coef: pd.Series
    se: pd.Series
    vcov: pd.DataFrame
    vcov_type: str
    df_t: int | None
    nobs: int
    nobs_input: int
    dropped: pd.Series
    converged: bool
    tol: float
    maxiter: int
    deviance: float | None
    r2: float
    fixef: Mapping[str, int]
    fitted: pd.Series
    messages: tuple[str, ...] = ()
    model: Any = field(default=None, repr=False, compare=False)

    @property
    def dropped_counts(self) -> dict[str, int]:
        """Number of dropped rows by reason."""
        return {str(k): int(v) for k, v in self.dropped.value_counts().items()}

    @property
    def tstat(self) -> pd.Series:
        return self.coef / self.se

    @property
    def pvalue(self) -> pd.Series:
        t = np.abs(self.tstat.to_numpy())
        p = 2 * (stats.norm.sf(t) if self.df_t is None else stats.t.sf(t, self.df_t))
        return pd.Series(p, index=self.coef.index, name="pvalue")

    def critical_value(self, level: float = 0.95) -> float:
        """Two-sided critical value for a ``level`` confidence interval (normal for PPML, t for OLS)."""
        if not 0 < level < 1:
            raise ModelError(f"level must lie in (0, 1); got {level}")
        q = 0.5 + level / 2
        return float(stats.norm.ppf(q) if self.df_t is None else stats.t.ppf(q, self.df_t))

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """Wald confidence intervals ``coef ± c · se`` with columns ``lower`` and ``upper``."""
        c = self.critical_value(level)
        return pd.DataFrame({"lower": self.coef - c * self.se, "upper": self.coef + c * self.se})

    def to_frame(self, level: float = 0.95) -> pd.DataFrame:
        """Coefficient table: estimate, se, t, p, confidence bounds (one row per regressor)."""
        ci = self.conf_int(level)
        return pd.DataFrame(
            {
                "coef": self.coef,
                "se": self.se,
                "tstat": self.tstat,
                "pvalue": self.pvalue,
                "lower": ci["lower"],
                "upper": ci["upper"],
            }
        ).rename_axis("regressor")

    def summary(self) -> str:
        """Plain-text summary: estimator, sample, drops, convergence and the coefficient table."""
        head = [
            f"{'PPML' if self.method == 'ppml' else 'OLS on log'} gravity: {self.formula}",
            f"observations: {self.nobs:,} of {self.nobs_input:,} rows",
        ]
        counts = self.dropped_counts
        if counts:
            head.append("dropped: " + ", ".join(f"{n:,} {reason}" for reason, n in counts.items()))
        fe = ", ".join(f"{k} ({v})" for k, v in self.fixef.items())
        head.append(f"fixed effects: {fe or 'none'}")
        head.append(f"standard errors: {self.vcov_type}")
        if self.method == "ppml":
            state = "converged" if self.converged else "NOT converged"
            head.append(f"IRLS: {state} (tol {self.tol:g}, max {self.maxiter} iterations); "
                        f"deviance {self.deviance:.6g}; pseudo-R2 {self.r2:.4f}")
        else:
            head.append(f"R2 {self.r2:.4f}")
        table = self.to_frame().to_string(float_format=lambda v: f"{v:.4f}")
        return "\n".join([*head, "", table, *("note: " + m for m in self.messages)])

    def __str__(self) -> str:
        return self.summary()
