r"""How much each factor matters: Shapley (dominance) decomposition of R² and factor contributions to changes.

References
----------
Budescu, D. V. (1993). Dominance analysis: a new approach to the problem of relative importance of predictors in
multiple regression. *Psychological Bulletin* 114(3), 542-551.
Azen, R. and Budescu, D. V. (2003). The dominance analysis approach for comparing predictors in multiple
regression. *Psychological Methods* 8(2), 129-148.
Grömping, U. (2007). Estimators of relative importance in linear regression based on variance decomposition.
*The American Statistician* 61(2), 139-147.
Israeli, O. (2007). A Shapley-based decomposition of the R-square of a linear regression. *Journal of Economic
Inequality* 5(2), 199-212.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial

import numpy as np
import pandas as pd

from regint.errors import ModelError
from regint.models.factors import FactorResults

MAX_EXACT = 12


def _r2(y: np.ndarray, x: np.ndarray, tss: float) -> float:
    if x.shape[1] == 0:
        return 0.0
    b = np.linalg.lstsq(x, y, rcond=None)[0]
    return 1.0 - float(np.sum((y - x @ b) ** 2)) / tss


def subset_r2(y: np.ndarray, x: np.ndarray) -> dict[frozenset[int], float]:
    """R² of every subset of the columns of ``x`` (``y`` and ``x`` centred or net of fixed effects).

    Parameters
    ----------
    y : ndarray, shape (n,)
    x : ndarray, shape (n, K), K <= 12
    """
    k = x.shape[1]
    if k > MAX_EXACT:
        raise ModelError(f"exact Shapley/dominance over {k} factors needs 2^{k} regressions; at most {MAX_EXACT}. "
                         "Fix: group factors or drop some.")
    tss = float(np.sum(y ** 2))
    if tss <= 0:
        raise ModelError("the outcome has no variance left after the fixed effects: nothing to decompose")
    return {frozenset(s): _r2(y, x[:, list(s)], tss) for m in range(k + 1) for s in combinations(range(k), m)}


@dataclass(frozen=True)
class Importance:
    """Shapley values (= general dominance) and conditional dominance of each factor (frozen).

    Attributes
    ----------
    shapley : Series
        Share of R² attributed to each factor; sums to ``r2``.
    conditional : DataFrame
        Mean increment of R² from adding the factor to models of size 0..K-1 (Budescu 1993).
    complete : DataFrame
        Boolean: row factor completely dominates column factor (adds more R² to every subset without both).
    r2 : float
        R² of the full model (within R² under fixed effects).
    """

    shapley: pd.Series
    conditional: pd.DataFrame
    complete: pd.DataFrame
    r2: float

    def to_frame(self) -> pd.DataFrame:
        out = pd.DataFrame({"shapley_r2": self.shapley,
                            "share_of_r2": self.shapley / self.r2 if self.r2 else np.nan,
                            "rank": self.shapley.rank(ascending=False, method="min").astype(int)})
        out.index.name = "factor"
        return out.sort_values("rank")

    def summary(self) -> str:
        return "\n".join([f"Shapley decomposition of R2 = {self.r2:.4f} (general dominance)",
                          self.to_frame().to_string(float_format=lambda v: f"{v:.4f}")])


def shapley_r2(y: np.ndarray, x: np.ndarray, names: list[str] | tuple[str, ...]) -> Importance:
    r"""Exact Shapley decomposition of R² over the regressors, with dominance statistics.

    .. math::

        \phi_k = \sum_{S \subseteq K\setminus\{k\}} \frac{|S|!\,(K-|S|-1)!}{K!}
                 \big[R^2(S \cup \{k\}) - R^2(S)\big], \qquad \sum_k \phi_k = R^2(K)

    :math:`\phi_k` equals Budescu's general dominance (the mean over subset sizes of the conditional dominance
    :math:`C_k(m)`, the mean increment over the subsets of size :math:`m`).

    Parameters
    ----------
    y : ndarray, shape (n,)
    x : ndarray, shape (n, K)
        Centred (or net of the fixed effects, so that R² is the within R²).
    names : sequence of str, length K

    References
    ----------
    Israeli (2007), eq. (4); Budescu (1993); Grömping (2007), Section 3 ("LMG").
    """
    k = x.shape[1]
    r2 = subset_r2(y, x)
    shap = np.zeros(k)
    cond = np.zeros((k, k))
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for m in range(k):
            incs = [r2[frozenset(s) | {j}] - r2[frozenset(s)] for s in combinations(others, m)]
            cond[j, m] = float(np.mean(incs))
            shap[j] += factorial(m) * factorial(k - m - 1) / factorial(k) * float(np.sum(incs))
    complete = np.zeros((k, k), dtype=bool)
    for a in range(k):
        for b in range(k):
            if a == b:
                continue
            rest = [i for i in range(k) if i not in (a, b)]
            subsets = [frozenset(s) for m in range(len(rest) + 1) for s in combinations(rest, m)]
            complete[a, b] = all(r2[s | {a}] - r2[s] > r2[s | {b}] - r2[s] for s in subsets)
    return Importance(shapley=pd.Series(shap, index=list(names), name="shapley_r2"),
                      conditional=pd.DataFrame(cond, index=list(names), columns=[f"size_{m}" for m in range(k)]),
                      complete=pd.DataFrame(complete, index=list(names), columns=list(names)),
                      r2=r2[frozenset(range(k))])


def factor_importance(res: FactorResults) -> Importance:
    """Shapley decomposition of a fitted factor regression's within R² (regressors net of the fixed effects)."""
    return shapley_r2(res.y_tilde, res.x_tilde, list(res.params.index))


def change_decomposition(res: FactorResults, entity: str) -> pd.DataFrame:
    r"""Year-by-year change of the outcome of one entity split into factor contributions.

    .. math::

        \Delta y_{it} = \sum_k \hat\beta_k\,\Delta x_{kit} + \Delta\hat\lambda_t + \Delta\hat\varepsilon_{it}

    (the entity effect drops out of the change; :math:`\hat\lambda_t` are the year effects, zero without them).

    Parameters
    ----------
    res : FactorResults
    entity : str

    Returns
    -------
    DataFrame
        Index year (the later year of each consecutive pair), columns: one per regressor, ``year_effects``,
        ``residual``, ``total`` (= the observed change).
    """
    d = res.design
    if entity not in d.index.get_level_values(0):
        raise ModelError(f"change decomposition: {entity!r} is not in the estimation sample. Fix: pick one of "
                         f"{sorted(set(d.index.get_level_values(0)))[:10]}...")
    sub = d.xs(entity, level=0)
    eff = res.effects_fitted.xs(entity, level=0)
    resid = res.resids.xs(entity, level=0)
    years = sub.index.to_series()
    consecutive = years.diff() == 1
    parts = {k: res.params[k] * sub[k].diff() for k in res.params.index}
    parts["year_effects"] = eff.diff()
    parts["residual"] = resid.diff()
    out = pd.DataFrame(parts)[consecutive]
    out = out.mask(out.abs() < 1e-9, 0.0)
    out["total"] = sub[res.outcome].diff()[consecutive]
    out.index.name = "year"
    return out
