"""Group AHP: aggregation of individual judgements (AIJ) or priorities (AIP), weighted experts,
per-expert consistency and the dispersion of the group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.experts.ahp import (
    METHODS,
    RI_TABLES,
    AHPResult,
    Judgements,
    MatrixLike,
    Method,
    RandomIndex,
    check_pairwise,
    most_inconsistent,
    priorities,
    scale_label,
)

Aggregation = Literal["aij", "aip"]
Mean = Literal["geometric", "arithmetic"]


def aggregate_judgements(matrices: Sequence[np.ndarray], weights: Sequence[float] | np.ndarray | None = None) -> np.ndarray:
    r"""Weighted geometric mean of individual pairwise matrices, element by element (AIJ).

    .. math::

        a^{G}_{ij} = \prod_{k} \bigl(a^{(k)}_{ij}\bigr)^{\lambda_k / \sum_{k \in K_{ij}} \lambda_k}

    over the experts :math:`K_{ij}` who judged the pair; a pair nobody judged stays ``NaN``. The geometric mean
    (not the arithmetic) keeps the group matrix reciprocal.

    Parameters
    ----------
    matrices : sequence of ndarray, each (n, n)
    weights : sequence of float, optional
        Expert weights :math:`\lambda_k` (default equal).

    References
    ----------
    Aczél, J. & Saaty, T.L. (1983). Procedures for synthesizing ratio judgements. *Journal of Mathematical
    Psychology* 27: 93–102.
    Forman, E. & Peniwati, K. (1998). Aggregating individual judgments and priorities with the analytic
    hierarchy process. *European Journal of Operational Research* 108: 165–169.
    """
    stack = np.stack([np.asarray(m, dtype=float) for m in matrices])
    lam = _expert_weights(weights, stack.shape[0])
    known = ~np.isnan(stack)
    logs = np.where(known, np.log(np.where(known, stack, 1.0)), 0.0)
    wsum = np.tensordot(lam, known.astype(float), axes=1)
    num = np.tensordot(lam, logs, axes=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.exp(num / wsum)
    out[wsum == 0] = np.nan
    return out


def aggregate_priorities(vectors: Sequence[np.ndarray], weights: Sequence[float] | np.ndarray | None = None,
                         mean: Mean = "geometric") -> np.ndarray:
    r"""Weighted mean of individual priority vectors (AIP), normalised to sum 1.

    .. math::

        w^{G}_i \propto \prod_k \bigl(w^{(k)}_i\bigr)^{\lambda_k} \quad\text{(geometric)}, \qquad
        w^{G}_i = \sum_k \lambda_k w^{(k)}_i \quad\text{(arithmetic)}, \qquad \sum_k \lambda_k = 1

    References
    ----------
    Forman, E. & Peniwati, K. (1998). *EJOR* 108: 165–169 (AIP with either mean).
    """
    check_option("mean", mean, ("geometric", "arithmetic"))
    stack = np.stack([np.asarray(v, dtype=float) for v in vectors])
    lam = _expert_weights(weights, stack.shape[0])
    out = np.exp(lam @ np.log(stack)) if mean == "geometric" else lam @ stack
    return out / out.sum()


def _expert_weights(weights: Sequence[float] | np.ndarray | None, k: int) -> np.ndarray:
    if weights is None:
        return np.full(k, 1.0 / k)
    lam = np.asarray(weights, dtype=float)
    if lam.shape != (k,) or np.any(~np.isfinite(lam)) or np.any(lam < 0) or lam.sum() <= 0:
        raise DataError(f"expert weights must be {k} non-negative numbers, not all zero; got {list(lam)}.")
    return lam / lam.sum()


def shannon_diversity(individual: np.ndarray, weights: Sequence[float] | np.ndarray | None = None) -> dict[str, float]:
    r"""Shannon α, β and γ diversity of the experts' priority vectors (Jost 2007, multiplicative partition).

    .. math::

        D_\alpha = \exp\Bigl(\sum_k \lambda_k H(w^{(k)})\Bigr), \quad
        D_\gamma = \exp\bigl(H(\textstyle\sum_k \lambda_k w^{(k)})\bigr), \quad
        D_\beta = D_\gamma / D_\alpha \in [1, K], \quad H(p) = -\sum_i p_i \ln p_i

    ``homogeneity`` is :math:`1/D_\beta` (1 = all experts give the same priorities, :math:`1/K` = as different
    as possible); ``consensus`` rescales it to [0, 1] as :math:`(1/D_\beta - 1/K)/(1 - 1/K)`. This is the
    group-consensus idea of Goepel (2013) computed on the experts' priority vectors.

    References
    ----------
    Jost, L. (2007). Partitioning diversity into independent alpha and beta components. *Ecology* 88: 2427–2439.
    Goepel, K.D. (2013). Implementing the analytic hierarchy process as a standard method for multi-criteria
    decision making in corporate enterprises. *Proceedings of the ISAHP 2013*, Kuala Lumpur.
    """
    p = np.asarray(individual, dtype=float)
    k = p.shape[0]
    lam = _expert_weights(weights, k)

    def entropy(x: np.ndarray) -> float:
        x = x[x > 0]
        return float(-(x * np.log(x)).sum())

    h_alpha = float(sum(lam[i] * entropy(p[i]) for i in range(k)))
    h_gamma = entropy(lam @ p)
    d_alpha, d_gamma = float(np.exp(h_alpha)), float(np.exp(h_gamma))
    d_beta = d_gamma / d_alpha
    homogeneity = 1.0 / d_beta
    consensus = (homogeneity - 1.0 / k) / (1.0 - 1.0 / k) if k > 1 else 1.0
    return {"alpha": d_alpha, "beta": d_beta, "gamma": d_gamma, "homogeneity": homogeneity,
            "consensus": float(min(max(consensus, 0.0), 1.0))}


def geometric_dispersion(matrices: Sequence[np.ndarray], weights: Sequence[float] | np.ndarray | None = None) -> np.ndarray:
    r"""Geometric standard deviation of the experts' judgements of every pair (1 = full agreement).

    .. math::

        \sigma^{G}_{ij} = \exp\sqrt{\sum_k \lambda_k \bigl(\ln a^{(k)}_{ij} - \ln a^{G}_{ij}\bigr)^2}

    with :math:`a^G` the weighted geometric mean (:func:`aggregate_judgements`). Values above about 1.5–2 on
    Saaty's scale flag a pair the group disagrees on (Aull-Hyde, Erdogan & Duke 2006 discuss the geometric
    mean's dispersion as a consensus check).

    References
    ----------
    Aull-Hyde, R., Erdogan, S. & Duke, J.M. (2006). An experiment on the consistency of aggregated
    comparison matrices in AHP. *European Journal of Operational Research* 171: 290–295.
    """
    stack = np.stack([np.asarray(m, dtype=float) for m in matrices])
    lam = _expert_weights(weights, stack.shape[0])
    g = aggregate_judgements(list(stack), lam)
    known = ~np.isnan(stack)
    dev = np.where(known, (np.log(np.where(known, stack, 1.0)) - np.log(g)) ** 2, 0.0)
    wsum = np.tensordot(lam, known.astype(float), axes=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.exp(np.sqrt(np.tensordot(lam, dev, axes=1) / wsum))
    out[wsum == 0] = np.nan
    return out


@dataclass(frozen=True)
class GroupResult:
    """Group priorities with the individual ones, each expert's consistency and the group's dispersion.

    Attributes
    ----------
    weights : Series
        Group priorities (sum 1).
    individual : DataFrame
        Experts × elements, each row an expert's own priorities.
    consistency : DataFrame
        Per expert: judgements given, missing, λmax, CI, CR, acceptable, the judgement to revise first.
    dispersion : DataFrame
        Per element: standard deviation, min, max and coefficient of variation of the individual weights.
    diversity : dict
        Shannon α/β/γ diversity, homogeneity and consensus (:func:`shannon_diversity`).
    pair_dispersion : DataFrame
        Geometric standard deviation of the judgements of each pair (:func:`geometric_dispersion`).
    group : AHPResult or None
        The aggregated matrix's priorities and consistency (AIJ only).
    """

    labels: tuple[str, ...]
    experts: tuple[str, ...]
    method: str
    mean: str
    weights: pd.Series
    individual: pd.DataFrame
    expert_weights: pd.Series
    consistency: pd.DataFrame
    dispersion: pd.DataFrame
    diversity: dict[str, float]
    pair_dispersion: pd.DataFrame
    group: AHPResult | None
    excluded: tuple[str, ...] = ()
    illustrative: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        """Elements × (group weight, individual weights, dispersion)."""
        out = pd.DataFrame({"group": self.weights})
        out = out.join(self.individual.T.add_prefix("expert: "))
        return out.join(self.dispersion)

    def summary(self) -> str:
        how = "AIJ (weighted geometric mean of judgements)" if self.method == "aij" else \
            f"AIP ({self.mean} mean of priorities)"
        head = f"Group AHP — {how}, {len(self.experts)} experts"
        lines = [head, "=" * len(head)]
        if self.illustrative:
            lines.append("ILLUSTRATIVE: fictitious experts' answers shipped as an example, not a real survey.")
        width = max(len(x) for x in self.labels)
        for label, w in self.weights.sort_values(ascending=False).items():
            sd = self.dispersion.loc[label, "sd"]
            lines.append(f"  {label:<{width}}  {w:.4f}  (sd across experts {sd:.4f})")
        if self.group is not None:
            lines.append(f"Group matrix CR = {self.group.cr:.4f}")
        lines.append("Experts' consistency:")
        for name, row in self.consistency.iterrows():
            flag = "ok" if row["acceptable"] else "CR ≥ 0.10"
            lines.append(f"  {name}: CR = {row['cr']:.4f} ({flag}); revise first: {row['revise_first']}")
        d = self.diversity
        lines.append(f"Dispersion: Shannon β = {d['beta']:.3f}, homogeneity 1/β = {d['homogeneity']:.3f}, "
                     f"consensus = {d['consensus']:.1%}")
        if self.excluded:
            lines.append(f"Excluded for inconsistency: {list(self.excluded)}")
        lines.extend(self.notes)
        return "\n".join(lines)


def expert_consistency(results: Mapping[str, AHPResult]) -> pd.DataFrame:
    """Per-expert consistency report: judgements given and missing, λmax, CI, CR, and what to revise first."""
    rows = []
    for name, r in results.items():
        pairs = r.n * (r.n - 1) // 2
        first = most_inconsistent(r) if r.n > 2 else None
        hint = "—" if not first else (f"({first['row']}, {first['column']}) {scale_label(float(first['judgement']))}"  # type: ignore[arg-type]
                                      f" → {scale_label(float(first['suggested']))}")  # type: ignore[arg-type]
        rows.append({"expert": name, "judgements": pairs - r.n_missing, "missing": r.n_missing,
                     "lambda_max": r.lambda_max, "ci": r.ci, "cr": r.cr, "acceptable": r.acceptable,
                     "revise_first": hint})
    return pd.DataFrame(rows).set_index("expert")


def group_priorities(
    matrices: Mapping[str, MatrixLike | Judgements] | Sequence[MatrixLike | Judgements],
    labels: Sequence[str] | None = None,
    *,
    aggregation: Aggregation = "aij",
    mean: Mean = "geometric",
    expert_weights: Mapping[str, float] | Sequence[float] | None = None,
    method: Method = "eigenvector",
    ri: RandomIndex = "saaty1980",
    max_cr: float | None = None,
    illustrative: bool = False,
) -> GroupResult:
    r"""Priorities of a group of experts from their pairwise matrices.

    ``aggregation='aij'`` combines the judgements by the weighted geometric mean and derives the group
    priorities from the combined matrix (right when the group acts as one decision maker);
    ``'aip'`` derives each expert's priorities and combines them by the weighted geometric or arithmetic mean
    (right when experts act as separate individuals; Forman & Peniwati 1998).

    Parameters
    ----------
    matrices : mapping expert → matrix, or sequence of matrices
        Each as accepted by :func:`regint.experts.ahp.priorities`, over the same elements.
    expert_weights : mapping or sequence, optional
        Importance of each expert (default equal).
    max_cr : float, optional
        Drop experts whose CR exceeds this (e.g. 0.2), with a note. Default: keep everyone.

    References
    ----------
    Forman, E. & Peniwati, K. (1998). Aggregating individual judgments and priorities with the analytic
    hierarchy process. *European Journal of Operational Research* 108: 165–169.
    Saaty, T.L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    """
    check_option("aggregation", aggregation, ("aij", "aip"))
    check_option("mean", mean, ("geometric", "arithmetic"))
    check_option("method", method, METHODS)
    check_option("ri", ri, RI_TABLES)
    named = dict(matrices) if isinstance(matrices, Mapping) else {f"expert {k + 1}": m for k, m in enumerate(matrices)}
    if not named:
        raise DataError("no expert matrices given. Fix: pass at least one filled questionnaire.")
    frames: dict[str, pd.DataFrame] = {}
    for name, m in named.items():
        try:
            frames[name] = check_pairwise(m, labels)
        except DataError as exc:
            raise DataError(f"expert {name!r}: {exc}") from exc
    ref = list(next(iter(frames.values())).index)
    for name, f in frames.items():
        if sorted(f.index) != sorted(ref):
            raise DataError(f"expert {name!r} compared {list(f.index)} but the first expert compared {ref}. "
                            "Fix: give every expert the same elements.")
        frames[name] = f.loc[ref, ref]
    lam_all = _weights_by_name(expert_weights, list(frames))
    results = {k: priorities(f, method=method, ri=ri, name=k) for k, f in frames.items()}
    excluded = tuple(k for k, r in results.items() if max_cr is not None and not (r.cr <= max_cr))
    kept = [k for k in frames if k not in excluded]
    if not kept:
        raise DataError(f"every expert's CR exceeds max_cr = {max_cr}. Fix: raise max_cr or revise the judgements.")
    lam = np.array([lam_all[k] for k in kept])
    lam = lam / lam.sum()
    mats = [frames[k].to_numpy(dtype=float) for k in kept]
    individual = pd.DataFrame([results[k].weights for k in kept], index=kept, columns=ref)
    group: AHPResult | None = None
    if aggregation == "aij":
        group = priorities(pd.DataFrame(aggregate_judgements(mats, lam), index=ref, columns=ref),
                           method=method, ri=ri, name="group (AIJ)")
        w = group.weights
    else:
        w = aggregate_priorities([results[k].weights for k in kept], lam, mean)
    sd = individual.std(axis=0, ddof=0)
    disp = pd.DataFrame({"sd": sd, "min": individual.min(), "max": individual.max(),
                         "cv": sd / individual.mean()})
    gsd = geometric_dispersion(mats, lam)
    notes = (f"Experts excluded (CR > {max_cr}): {list(excluded)}",) if excluded else ()
    return GroupResult(
        labels=tuple(ref), experts=tuple(kept), method=aggregation, mean=mean,
        weights=pd.Series(w, index=ref, name="weight"), individual=individual,
        expert_weights=pd.Series(lam, index=kept, name="expert_weight"),
        consistency=expert_consistency(results), dispersion=disp,
        diversity=shannon_diversity(individual.to_numpy(), lam),
        pair_dispersion=pd.DataFrame(gsd, index=ref, columns=ref), group=group, excluded=excluded,
        illustrative=illustrative, notes=notes,
    )


def _weights_by_name(weights: Mapping[str, float] | Sequence[float] | None, names: list[str]) -> dict[str, float]:
    if weights is None:
        return {k: 1.0 for k in names}
    if isinstance(weights, Mapping):
        missing = [k for k in names if k not in weights]
        if missing:
            raise DataError(f"no weight for expert(s) {missing}. Fix: give a weight to every expert.")
        values = {k: float(weights[k]) for k in names}
    else:
        if len(weights) != len(names):
            raise DataError(f"{len(weights)} expert weights for {len(names)} experts.")
        values = dict(zip(names, (float(x) for x in weights), strict=True))
    if any(v < 0 or not np.isfinite(v) for v in values.values()) or sum(values.values()) <= 0:
        raise DataError(f"expert weights must be non-negative and not all zero; got {values}.")
    return values
