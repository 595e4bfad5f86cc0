"""Ranking alternatives on several criteria: TOPSIS, VIKOR, weighted sum; entropy weights.

A decision matrix has one row per alternative and one column per criterion; ``benefit`` says for each criterion
whether more is better (``True``, "max", +1) or less is better (``False``, "min", −1, a cost).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError

TopsisNormalization = Literal["vector", "minmax"]
SumNormalization = Literal["minmax", "max", "sum"]
BenefitLike = Sequence[bool | str | int] | np.ndarray


@dataclass(frozen=True)
class DecisionMatrix:
    """A validated decision matrix: values (m × n), weights summing to 1, benefit flags, labels."""

    values: np.ndarray
    weights: np.ndarray
    benefit: np.ndarray
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]


def decision_matrix(matrix: np.ndarray | pd.DataFrame | Sequence[Sequence[float]], weights: Sequence[float] | np.ndarray,
                    benefit: BenefitLike, alternatives: Sequence[str] | None = None,
                    criteria: Sequence[str] | None = None) -> DecisionMatrix:
    """Validate a decision matrix, normalise the weights to sum 1 and read the benefit flags."""
    if isinstance(matrix, pd.DataFrame):
        alternatives = alternatives or [str(x) for x in matrix.index]
        criteria = criteria or [str(x) for x in matrix.columns]
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 1:
        raise DataError(f"a decision matrix needs at least 2 alternatives (rows) and 1 criterion; got shape {x.shape}.")
    m, n = x.shape
    alts = tuple(str(a) for a in (alternatives or [f"A{k + 1}" for k in range(m)]))
    crit = tuple(str(c) for c in (criteria or [f"C{k + 1}" for k in range(n)]))
    if len(alts) != m or len(crit) != n:
        raise DataError(f"{len(alts)} alternative and {len(crit)} criterion labels for a {m}×{n} matrix.")
    bad = np.argwhere(~np.isfinite(x))
    if bad.size:
        i, j = bad[0]
        raise DataError(f"decision matrix cell ({alts[i]}, {crit[j]}) is missing or not finite. "
                        "Fix: fill it, or drop the criterion (see regint.experts.directions for 'not available').")
    w = np.asarray(weights, dtype=float)
    if w.shape != (n,) or np.any(~np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise DataError(f"weights must be {n} non-negative numbers, not all zero; got {list(np.atleast_1d(w))}.")
    return DecisionMatrix(x, w / w.sum(), benefit_flags(benefit, n), alts, crit)


def benefit_flags(benefit: BenefitLike, n: int) -> np.ndarray:
    """``True`` for a benefit criterion; accepts bools, 'max'/'min', 'benefit'/'cost', +1/−1."""
    out = []
    for b in list(benefit):
        if isinstance(b, str):
            key = b.strip().lower()
            if key not in ("max", "min", "benefit", "cost"):
                raise DataError(f"benefit must be 'max', 'min', 'benefit' or 'cost'; got {b!r}.")
            out.append(key in ("max", "benefit"))
        elif isinstance(b, bool | np.bool_):
            out.append(bool(b))
        elif b in (1, -1):
            out.append(b == 1)
        else:
            raise DataError(f"benefit flags must be bools, 'max'/'min' or ±1; got {b!r}.")
    if len(out) != n:
        raise DataError(f"{len(out)} benefit flags for {n} criteria.")
    return np.array(out, dtype=bool)


def rank(scores: np.ndarray, *, descending: bool) -> np.ndarray:
    """Ranks 1..m (1 = best), ties sharing the best rank ('min' method)."""
    s = pd.Series(np.asarray(scores, dtype=float))
    return s.rank(ascending=not descending, method="min").to_numpy(dtype=int)


# ---------------------------------------------------------------------------------------------------------------
# TOPSIS
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TopsisResult:
    """TOPSIS closeness to the ideal (in [0, 1], higher is better), distances and ranks."""

    alternatives: tuple[str, ...]
    closeness: np.ndarray
    d_plus: np.ndarray
    d_minus: np.ndarray
    ranks: np.ndarray
    normalization: str
    weights: np.ndarray
    illustrative: bool = False

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"closeness": self.closeness, "d_plus": self.d_plus, "d_minus": self.d_minus,
                             "rank": self.ranks}, index=list(self.alternatives))

    def summary(self) -> str:
        head = f"TOPSIS ({self.normalization} normalisation)"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: based on fictitious example answers.")
        for name, row in self.to_frame().sort_values("rank").iterrows():
            lines.append(f"  {int(row['rank']):>2}. {name}: C = {row['closeness']:.4f}")
        return "\n".join(lines)


def normalize(x: np.ndarray, how: str, benefit: np.ndarray | None = None) -> np.ndarray:
    r"""Column normalisation of a decision matrix.

    ``vector``: :math:`r_{ij} = x_{ij} / \sqrt{\sum_i x_{ij}^2}`; ``minmax``: :math:`(x_{ij} - \min_i x_{ij}) /
    (\max_i x_{ij} - \min_i x_{ij})`, reversed for cost criteria when ``benefit`` is given; ``max``:
    :math:`x_{ij} / \max_i x_{ij}` (cost: :math:`\min_i x_{ij} / x_{ij}`); ``sum``: :math:`x_{ij} / \sum_i x_{ij}`
    (cost: reciprocals normalised). A criterion constant over the alternatives normalises to 1 (it cannot
    discriminate).
    """
    x = np.asarray(x, dtype=float)
    if how == "vector":
        norm = np.sqrt((x**2).sum(axis=0))
        return x / np.where(norm == 0, 1.0, norm)
    b = np.ones(x.shape[1], dtype=bool) if benefit is None else benefit
    if how == "minmax":
        lo, hi = x.min(axis=0), x.max(axis=0)
        span = np.where(hi > lo, hi - lo, 1.0)
        r = np.where(b, (x - lo) / span, (hi - x) / span)
        return np.where(hi > lo, r, 1.0)
    if np.any(x <= 0):
        raise DataError(f"'{how}' normalisation needs positive values. Fix: use normalization='minmax'.")
    if how == "max":
        return np.where(b, x / x.max(axis=0), x.min(axis=0) / x)
    inv = np.where(b, x, 1.0 / x)
    return inv / inv.sum(axis=0)


def topsis(matrix: np.ndarray | pd.DataFrame | Sequence[Sequence[float]], weights: Sequence[float] | np.ndarray,
           benefit: BenefitLike, normalization: TopsisNormalization = "vector", *,
           alternatives: Sequence[str] | None = None, criteria: Sequence[str] | None = None) -> TopsisResult:
    r"""Technique for Order Preference by Similarity to Ideal Solution.

    .. math::

        v_{ij} = w_j r_{ij}, \quad
        D_i^{\pm} = \sqrt{\sum_j (v_{ij} - v_j^{\pm})^2}, \quad
        C_i = \frac{D_i^-}{D_i^+ + D_i^-}

    with :math:`v_j^+` the best and :math:`v_j^-` the worst weighted normalised value of criterion *j*
    (max/min for benefit, min/max for cost criteria) and :math:`r_{ij}` from ``normalization`` ('vector' as
    Hwang & Yoon; 'minmax' as pymcdm's default).

    Parameters
    ----------
    matrix : array (m, n)
    weights : array (n,)
    benefit : sequence of n flags
    normalization : {'vector', 'minmax'}

    References
    ----------
    Hwang, C.L. & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and Applications*.
    Springer, pp. 128–140.
    Tzeng, G.-H. & Huang, J.-J. (2011). *Multiple Attribute Decision Making: Methods and Applications*.
    CRC Press, ch. 5.
    """
    check_option("normalization", normalization, ("vector", "minmax"))
    dm = decision_matrix(matrix, weights, benefit, alternatives, criteria)
    if normalization == "vector":
        r = normalize(dm.values, "vector")
        v = r * dm.weights
        best = np.where(dm.benefit, v.max(axis=0), v.min(axis=0))
        worst = np.where(dm.benefit, v.min(axis=0), v.max(axis=0))
    else:
        v = normalize(dm.values, "minmax", dm.benefit) * dm.weights
        best, worst = v.max(axis=0), v.min(axis=0)
    d_plus = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - worst) ** 2).sum(axis=1))
    total = d_plus + d_minus
    c = np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)
    return TopsisResult(dm.alternatives, c, d_plus, d_minus, rank(c, descending=True), normalization, dm.weights)


# ---------------------------------------------------------------------------------------------------------------
# VIKOR
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VikorResult:
    """VIKOR group utility S, individual regret R, compromise index Q (lower is better), ranks and the
    compromise set with the two acceptance conditions."""

    alternatives: tuple[str, ...]
    s: np.ndarray
    r: np.ndarray
    q: np.ndarray
    ranks: np.ndarray
    ranks_s: np.ndarray
    ranks_r: np.ndarray
    v: float
    dq: float
    acceptable_advantage: bool
    acceptable_stability: bool
    compromise: tuple[str, ...]
    weights: np.ndarray
    illustrative: bool = False

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"S": self.s, "R": self.r, "Q": self.q, "rank": self.ranks, "rank_S": self.ranks_s,
                             "rank_R": self.ranks_r,
                             "compromise": [a in self.compromise for a in self.alternatives]},
                            index=list(self.alternatives))

    def summary(self) -> str:
        head = f"VIKOR (v = {self.v:g})"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: based on fictitious example answers.")
        for name, row in self.to_frame().sort_values(["Q"]).iterrows():
            lines.append(f"  {int(row['rank']):>2}. {name}: Q = {row['Q']:.4f}, S = {row['S']:.4f}, R = {row['R']:.4f}")
        lines.append(f"C1 acceptable advantage (ΔQ ≥ {self.dq:.3f}): {'yes' if self.acceptable_advantage else 'no'}; "
                     f"C2 acceptable stability: {'yes' if self.acceptable_stability else 'no'}")
        lines.append(f"Compromise solution: {', '.join(self.compromise)}")
        return "\n".join(lines)


def vikor(matrix: np.ndarray | pd.DataFrame | Sequence[Sequence[float]], weights: Sequence[float] | np.ndarray,
          benefit: BenefitLike, v: float = 0.5, *, alternatives: Sequence[str] | None = None,
          criteria: Sequence[str] | None = None) -> VikorResult:
    r"""VIKOR compromise ranking.

    .. math::

        S_i = \sum_j w_j \frac{f_j^* - f_{ij}}{f_j^* - f_j^-}, \quad
        R_i = \max_j w_j \frac{f_j^* - f_{ij}}{f_j^* - f_j^-}, \quad
        Q_i = v \frac{S_i - S^*}{S^- - S^*} + (1 - v) \frac{R_i - R^*}{R^- - R^*}

    with :math:`f_j^*, f_j^-` the best and worst values of criterion *j*, :math:`S^* = \min S`,
    :math:`S^- = \max S` (likewise R). A criterion constant over the alternatives contributes 0; when all S
    (or all R) are equal that term of Q is 0.

    The alternative :math:`A^{(1)}` best by Q is *the* compromise solution when
    C1 (acceptable advantage) :math:`Q(A^{(2)}) - Q(A^{(1)}) \ge DQ = 1/(m-1)` and
    C2 (acceptable stability) :math:`A^{(1)}` is also best by S or by R. If only C2 fails, the compromise set is
    :math:`\{A^{(1)}, A^{(2)}\}`; if C1 fails, it is every :math:`A^{(k)}` with
    :math:`Q(A^{(k)}) - Q(A^{(1)}) < DQ`.

    Parameters
    ----------
    v : float in [0, 1]
        Weight of the strategy of maximum group utility (0.5 = consensus).

    References
    ----------
    Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A comparative analysis of VIKOR
    and TOPSIS. *European Journal of Operational Research* 156(2): 445–455.
    Opricovic, S. & Tzeng, G.-H. (2007). Extended VIKOR method in comparison with outranking methods.
    *European Journal of Operational Research* 178(2): 514–529.
    """
    if not (0.0 <= float(v) <= 1.0):
        raise DataError(f"v must be within [0, 1]; got {v}.")
    dm = decision_matrix(matrix, weights, benefit, alternatives, criteria)
    x = dm.values
    best = np.where(dm.benefit, x.max(axis=0), x.min(axis=0))
    worst = np.where(dm.benefit, x.min(axis=0), x.max(axis=0))
    span = best - worst
    safe = np.where(span == 0, 1.0, span)
    regret = np.where(span == 0, 0.0, dm.weights * (best - x) / safe)
    s, r = regret.sum(axis=1), regret.max(axis=1)
    q = v * _unit(s) + (1 - v) * _unit(r)
    ranks = rank(q, descending=False)
    m = x.shape[0]
    dq = 1.0 / (m - 1)
    order = np.argsort(q, kind="stable")
    first, second = order[0], order[1]
    c1 = bool(q[second] - q[first] >= dq - 1e-12)
    c2 = bool(np.isclose(s[first], s.min()) or np.isclose(r[first], r.min()))
    if c1 and c2:
        comp = [first]
    elif c1:
        comp = [first, second]
    else:
        comp = [k for k in order if q[k] - q[first] < dq - 1e-12]
    return VikorResult(dm.alternatives, s, r, q, ranks, rank(s, descending=False), rank(r, descending=False),
                       float(v), dq, c1, c2, tuple(dm.alternatives[k] for k in comp), dm.weights)


def _unit(x: np.ndarray) -> np.ndarray:
    lo, hi = x.min(), x.max()
    return np.zeros_like(x) if hi - lo <= 1e-15 else (x - lo) / (hi - lo)


# ---------------------------------------------------------------------------------------------------------------
# Weighted sum and entropy weights
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WeightedSumResult:
    """Simple additive weighting: scores (higher is better) and ranks."""

    alternatives: tuple[str, ...]
    scores: np.ndarray
    ranks: np.ndarray
    normalization: str
    weights: np.ndarray
    illustrative: bool = False

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"score": self.scores, "rank": self.ranks}, index=list(self.alternatives))

    def summary(self) -> str:
        head = f"Weighted sum ({self.normalization} normalisation)"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: based on fictitious example answers.")
        for name, row in self.to_frame().sort_values("rank").iterrows():
            lines.append(f"  {int(row['rank']):>2}. {name}: {row['score']:.4f}")
        return "\n".join(lines)


def weighted_sum(matrix: np.ndarray | pd.DataFrame | Sequence[Sequence[float]], weights: Sequence[float] | np.ndarray,
                 benefit: BenefitLike, normalization: SumNormalization = "minmax", *,
                 alternatives: Sequence[str] | None = None, criteria: Sequence[str] | None = None) -> WeightedSumResult:
    r"""Weighted sum of normalised criteria (simple additive weighting).

    .. math::

        U_i = \sum_j w_j r_{ij}

    with :math:`r_{ij}` from :func:`normalize` (cost criteria reversed).

    References
    ----------
    Hwang, C.L. & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer, pp. 99–103.
    """
    check_option("normalization", normalization, ("minmax", "max", "sum"))
    dm = decision_matrix(matrix, weights, benefit, alternatives, criteria)
    u = normalize(dm.values, normalization, dm.benefit) @ dm.weights
    return WeightedSumResult(dm.alternatives, u, rank(u, descending=True), normalization, dm.weights)


def entropy_weights(matrix: np.ndarray | pd.DataFrame | Sequence[Sequence[float]]) -> np.ndarray:
    r"""Objective criterion weights from Shannon entropy of each criterion's distribution over alternatives.

    .. math::

        p_{ij} = \frac{x_{ij}}{\sum_i x_{ij}}, \quad
        E_j = -\frac{1}{\ln m} \sum_i p_{ij} \ln p_{ij}, \quad
        w_j = \frac{1 - E_j}{\sum_k (1 - E_k)}

    Values must be non-negative (use benefit-oriented values; a criterion that does not vary gets weight 0).
    If no criterion varies, the weights are equal.

    References
    ----------
    Hwang, C.L. & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer, pp. 52–54.
    Zeleny, M. (1982). *Multiple Criteria Decision Making*. McGraw-Hill.
    """
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2:
        raise DataError(f"entropy weights need a matrix with at least 2 alternatives; got shape {x.shape}.")
    if np.any(~np.isfinite(x)) or np.any(x < 0):
        raise DataError("entropy weights need finite non-negative values. Fix: shift or min-max normalise first.")
    col = x.sum(axis=0)
    p = x / np.where(col == 0, 1.0, col)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plogp.sum(axis=0) / np.log(x.shape[0])
    e = np.where(col == 0, 1.0, e)
    d = 1.0 - e
    return np.full(x.shape[1], 1.0 / x.shape[1]) if d.sum() <= 1e-15 else d / d.sum()

