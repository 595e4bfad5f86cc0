"""Uncertainty and sensitivity analysis of a composite index over its methodological choices.

Four uncertain inputs (factors), each a group of uniforms in a Saltelli design:

* **imputation** — one of the alternative methods;
* **normalisation** — one of the alternative methods;
* **aggregation** — arithmetic, geometric or Mazziotta–Pareto;
* **weights** — every nominal weight multiplied by :math:`1 + \\delta (2u - 1)`, :math:`u \\sim U(0,1)`
  independently per node (then rescaled within its parent).

A factor with a single alternative is fixed and left out of the design. With *k* active factors and base
sample *N* the model runs :math:`N (k + 2)` times (matrices :math:`A`, :math:`B` and :math:`A_B^{(i)}`).
All runs enter the rank intervals; the Sobol' indices use the design structure. The scalar output for the
indices is the mean absolute rank shift with respect to the nominal ranks,
:math:`\\bar R_s = \\frac{1}{n}\\sum_c |r_c^{\\mathrm{nom}} - r_c|` (Saisana, Saltelli & Tarantola 2005);
per-unit indices use each unit's rank.

To keep the geometric mean and the MP index defined, every normalisation is mapped to a positive scale in the
simulation: min–max to [1, 100], z-scores to :math:`100 + 10 z` (Mazziotta & Pareto 2016) floored at 1,
percentile ranks in (0, 100].

References
----------
OECD/JRC (2008), *Handbook*, step 7 "Uncertainty and sensitivity analysis", pp. 34–35 and 117–131.
Saisana, M., Saltelli, A. & Tarantola, S. (2005), "Uncertainty and sensitivity analysis techniques as tools
for the quality assessment of composite indicators", *J. R. Stat. Soc. A* 168(2), 307–323.
Saltelli et al. (2010), *Comput. Phys. Commun.* 181, 259–270.
Becker et al. (2022), COINr, *JOSS* 7(78), 4567 (``get_sensitivity``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.index._frames import is_panel
from regint.index._mc_engine import evaluate_variants, rank_columns
from regint.index.aggregate import AGG_METHODS
from regint.index.framework import Framework
from regint.index.impute import IMPUTE_METHODS
from regint.index.normalise import NORM_METHODS, normalise
from regint.index.pipeline import IndexResult, IndexSpec, build_index
from regint.index.sobol import radial_matrices, saltelli_design, sobol_indices

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class UncertaintySpec:
    """Alternatives of each methodological choice and the size of the experiment.

    Attributes
    ----------
    n : int
        Base sample size *N* (the model runs N·(k+2) times); at least 1,000 for a report.
    imputations, normalisations, aggregations : tuples of method names; ``None`` for the imputation means
        ``("interpolate", "locf", "mean")`` for a panel and ``("mean", "median", "regression")`` otherwise.
    weight_noise : float
        Relative half-width :math:`\\delta` of the uniform perturbation of every weight (0 fixes weights).
    seed : int
    """

    n: int = 1000
    imputations: tuple[str, ...] | None = None
    normalisations: tuple[str, ...] = ("minmax", "zscore", "rank")
    aggregations: tuple[str, ...] = ("arithmetic", "geometric", "mazziotta_pareto")
    weight_noise: float = 0.25
    seed: int = 12345


@dataclass(frozen=True)
class UncertaintyResult:
    """Outcome of :func:`uncertainty_analysis`.

    Attributes
    ----------
    intervals : DataFrame indexed like the scores: nominal score and rank, median rank, 5th and 95th
        percentile ranks (all runs), and the same percentiles of the score (see :func:`score_band`);
        ``band_runs`` is the number of runs in each row's score band and ``coverage_varies`` marks rows where
        some imputation alternative leaves a different set of indicators than the nominal build.
    sensitivity : DataFrame factor × {S1, ST} for the mean absolute rank shift
    unit_sensitivity : DataFrame (row, factor) × {S1, ST} for each unit's rank
    ranks : numpy.ndarray, shape (rows, runs), the rank of every row in every run
    scores : numpy.ndarray, shape (rows, runs)
    design : DataFrame, one row per run: the choices and the block (A, B or A_B:<factor>) it belongs to
    factors : tuple of the active factor names
    n : base sample size
    """

    intervals: pd.DataFrame
    sensitivity: pd.DataFrame
    unit_sensitivity: pd.DataFrame
    ranks: np.ndarray
    scores: np.ndarray
    design: pd.DataFrame
    factors: tuple[str, ...]
    n: int

    def summary(self) -> str:
        """Text summary: runs, factors, Sobol indices and the widest rank intervals."""
        iv = self.intervals.assign(width=self.intervals["p95_rank"] - self.intervals["p05_rank"])
        return "\n".join([
            f"Monte Carlo: {self.ranks.shape[1]} runs (N = {self.n}, factors: {', '.join(self.factors)})",
            "Sobol' indices of the mean absolute rank shift:",
            self.sensitivity.round(3).to_string(),
            "Widest rank intervals (5th–95th percentile):",
            iv.sort_values("width", ascending=False).head(10).round(2).to_string(),
        ])

    def to_frame(self) -> pd.DataFrame:
        """The rank and score intervals."""
        return self.intervals


def _positive_normalise(treated: pd.DataFrame, method: str, framework: Framework, spec: IndexSpec,
                        targets: pd.Series | None) -> np.ndarray:
    y = normalise(treated, method, direction=framework.direction, targets=targets,  # type: ignore[arg-type]
                  bounds=(1.0, 100.0), zscore_params=(100.0, 10.0), panel_bounds=spec.panel_bounds,
                  base_period=spec.base_period)
    arr = y[framework.indicators].to_numpy(dtype=float)
    return np.where(np.isnan(arr), np.nan, np.maximum(arr, 1.0 if method == "zscore" else 1e-9))


def _choice(u: np.ndarray, n_options: int) -> np.ndarray:
    return np.minimum((u * n_options).astype(int), n_options - 1)


def _grid(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Reorder (or complete) a panel to the year-major grid the ranking needs."""
    if not is_panel(frame):
        return frame, 1
    units = frame.index.get_level_values(0).unique()
    years = sorted(frame.index.get_level_values(1).unique())
    order = pd.MultiIndex.from_arrays([np.tile(np.asarray(units, dtype=object), len(years)),
                                       np.repeat(np.asarray(years, dtype=object), len(units))],
                                      names=frame.index.names)
    return frame.reindex(order), len(years)


def uncertainty_analysis(data: pd.DataFrame, framework: Framework, spec: IndexSpec | None = None,
                         uspec: UncertaintySpec | None = None, *, nominal: IndexResult | None = None,
                         denominators: pd.DataFrame | None = None, groups: pd.Series | None = None,
                         targets: pd.Series | None = None, progress: Progress | None = None
                         ) -> UncertaintyResult:
    """Monte Carlo over the methodological choices with rank intervals and Sobol' indices.

    Parameters
    ----------
    data, framework, denominators, groups, targets : as for :func:`~regint.index.pipeline.build_index`
    spec : IndexSpec
        The nominal choices (treatment settings and panel bounds are kept in every run).
    uspec : UncertaintySpec
    nominal : IndexResult, optional
        The nominal build (computed when absent); ranks shift relative to it.
    progress : callable(done, total), optional
        Called after each block of variants (for a progress bar).

    Returns
    -------
    UncertaintyResult
    """
    spec = spec or IndexSpec()
    uspec = uspec or UncertaintySpec()
    if uspec.n < 2:
        raise DataError(f"uncertainty_analysis: the base sample size n must be at least 2; got {uspec.n}.")
    if not 0 <= uspec.weight_noise < 1:
        raise DataError(f"uncertainty_analysis: weight_noise must be in [0, 1); got {uspec.weight_noise}.")
    panel = is_panel(data)
    imps = uspec.imputations or (("interpolate", "locf", "mean") if panel else ("mean", "median", "regression"))
    for m in imps:
        check_option("imputation", m, IMPUTE_METHODS)
    for m in uspec.normalisations:
        check_option("normalisation", m, tuple(n for n in NORM_METHODS if n != "goalposts"))
    for m in uspec.aggregations:
        check_option("aggregation", m, tuple(a for a in AGG_METHODS if a != "borda"))
    data, n_years = _grid(data[framework.indicators])
    if denominators is not None:
        denominators = denominators.reindex(data.index)
    nominal = nominal or build_index(data, framework, spec, denominators=denominators, groups=groups,
                                     targets=targets)
    nominal_scores = nominal.scores.reindex(data.index)
    nominal_ranks = rank_columns(nominal_scores.to_numpy()[:, None], n_years)[:, 0]

    nodes = list(framework.table.index.drop(framework.root))
    nominal_w = nominal.weights.reindex(nodes).to_numpy(dtype=float)
    groups_def = [("imputation", 1, len(imps)), ("normalisation", 1, len(uspec.normalisations)),
                  ("aggregation", 1, len(uspec.aggregations)),
                  ("weights", len(nodes), 2 if uspec.weight_noise > 0 else 1)]
    active = [g for g in groups_def if g[2] > 1]
    if not active:
        raise DataError("uncertainty_analysis: every choice has a single alternative; nothing to vary.")
    dims = [g[1] for g in active]
    a, b = saltelli_design(uspec.n, dims, uspec.seed)
    blocks = [a, b, *radial_matrices(a, b, dims)]
    labels = ["A", "B", *[f"A_B:{g[0]}" for g in active]]
    u = np.concatenate(blocks, axis=0)
    runs = u.shape[0]
    cols: dict[str, np.ndarray] = {}
    start = 0
    for name, k, _ in active:
        cols[name] = u[:, start:start + k]
        start += k
    imp_i = _choice(cols["imputation"][:, 0], len(imps)) if "imputation" in cols else np.zeros(runs, int)
    norm_i = (_choice(cols["normalisation"][:, 0], len(uspec.normalisations)) if "normalisation" in cols
              else np.zeros(runs, int))
    agg_i = (_choice(cols["aggregation"][:, 0], len(uspec.aggregations)) if "aggregation" in cols
             else np.zeros(runs, int))
    if "weights" in cols:
        weights = nominal_w[None, :] * (1.0 + uspec.weight_noise * (2.0 * cols["weights"] - 1.0))
    else:
        weights = np.repeat(nominal_w[None, :], runs, axis=0)

    rows = len(data)
    scores = np.full((rows, runs), np.nan, dtype=np.float64)
    nominal_set = nominal.stages["Treated"].reindex(data.index)[framework.indicators].notna().to_numpy()
    combos = sorted(set(zip(imp_i.tolist(), norm_i.tolist(), agg_i.tolist(), strict=True)))
    treated_cache: dict[int, pd.DataFrame] = {}
    norm_cache: dict[tuple[int, int], np.ndarray] = {}
    for done, (ii, ni, ai) in enumerate(combos, start=1):
        if ii not in treated_cache:
            variant = build_index(data, framework, replace(spec, impute=imps[ii], weights="nominal",  # type: ignore[arg-type]
                                                           normalise="minmax", aggregate="arithmetic"),
                                  denominators=denominators, groups=groups, targets=targets)
            treated_cache[ii] = variant.stages["Treated"].reindex(data.index)
        if (ii, ni) not in norm_cache:
            norm_cache[ii, ni] = _positive_normalise(treated_cache[ii], uspec.normalisations[ni], framework,
                                                     spec, targets)
        sel = np.flatnonzero((imp_i == ii) & (norm_i == ni) & (agg_i == ai))
        node_w = {c: weights[sel, j] for j, c in enumerate(nodes)}
        vals = evaluate_variants(norm_cache[ii, ni], framework, node_w, uspec.aggregations[ai])
        scores[:, sel] = vals[framework.root]
        if progress is not None:
            progress(done, len(combos))
    same_set = np.column_stack([
        (treated_cache[ii][framework.indicators].notna().to_numpy() == nominal_set).all(axis=1)
        if ii in treated_cache else np.ones(rows, bool) for ii in range(len(imps))])  # (rows, imputations)
    ranks = rank_columns(scores, n_years)
    return _summarise(data.index, nominal_scores, nominal_ranks, scores, ranks, active, labels, uspec,
                      (imps, imp_i), norm_i, agg_i, spec, same_set)


def to_nominal_scale(scores: np.ndarray, method: str, spec: IndexSpec) -> np.ndarray:
    """Map simulated scores from the positive scale of the simulation back to the nominal scale.

    The simulation scores min–max on [1, 100] and z-scores as :math:`100 + 10z`; the nominal build uses
    ``spec.bounds`` :math:`[l, u]` and ``spec.zscore_params`` :math:`(m, s)`:

    .. math:: y = l + (x - 1)\\frac{u - l}{99}, \\qquad y = m + s\\,\\frac{x - 100}{10}

    Exact for the arithmetic mean (a linear map of every indicator passes through it); percentile ranks are on
    the same scale in both.
    """
    if method == "minmax":
        lo, hi = spec.bounds
        return lo + (scores - 1.0) * (hi - lo) / 99.0
    if method == "zscore":
        m, sd = spec.zscore_params
        return m + sd * (scores - 100.0) / 10.0
    return scores


def score_band(scores: np.ndarray, same_scale: np.ndarray, same_set: np.ndarray,
               method: str, spec: IndexSpec) -> tuple[np.ndarray, np.ndarray]:
    """Percentiles (5, 50, 95) of the score of each row over the runs comparable with the nominal score.

    A run is comparable when it keeps the nominal normalisation and aggregation (``same_scale``; the scores
    are then mapped to the nominal scale by :func:`to_nominal_scale`) and its imputation leaves the row with the
    same set of indicators as the nominal build (``same_set``): a score computed from fewer indicators is a
    different index, not an uncertain estimate of the same one. Rows without such runs fall back to all runs
    of the nominal scale; when fewer than 20 runs keep the nominal scale, all runs on the simulation's scale
    are used (and the band is not on the nominal scale).

    Parameters
    ----------
    scores : numpy.ndarray, shape (rows, runs)
    same_scale : numpy.ndarray of bool, shape (runs,)
    same_set : numpy.ndarray of bool, shape (rows, runs)

    Returns
    -------
    (percentiles of shape (3, rows), number of runs in each row's band of shape (rows,))
    """
    if same_scale.sum() < 20:
        mask = np.ones(scores.shape, bool)
        x = scores
    else:
        x = to_nominal_scale(scores, method, spec)
        mask = same_set & same_scale[None, :]
        empty = ~mask.any(axis=1)
        mask[empty] = same_scale
    masked = np.where(mask, x, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows keep NaN percentiles
        q = np.nanpercentile(masked, [5, 50, 95], axis=1)
    return q, (mask & ~np.isnan(x)).sum(axis=1)


def _summarise(index: pd.Index, nominal_scores: pd.Series, nominal_ranks: np.ndarray, scores: np.ndarray,
               ranks: np.ndarray, active: Sequence[tuple[str, int, int]], labels: list[str],
               uspec: UncertaintySpec, imps: tuple[tuple[str, ...], np.ndarray], norm_i: np.ndarray,
               agg_i: np.ndarray, spec: IndexSpec, same_set: np.ndarray) -> UncertaintyResult:
    n = uspec.n
    q = np.nanpercentile(ranks, [5, 50, 95], axis=1)
    same_scale = (np.asarray(uspec.normalisations)[norm_i] == spec.normalise) & (
        np.asarray(uspec.aggregations)[agg_i] == spec.aggregate)
    run_set = same_set[:, imps[1]]  # (rows, runs)
    qs, band_runs = score_band(scores, same_scale, run_set, spec.normalise, spec)
    intervals = pd.DataFrame({
        "nominal_score": nominal_scores.to_numpy(), "nominal_rank": nominal_ranks,
        "median_rank": q[1], "p05_rank": q[0], "p95_rank": q[2],
        "median_score": qs[1], "p05_score": qs[0], "p95_score": qs[2],
        "band_runs": band_runs, "coverage_varies": ~same_set.all(axis=1),
    }, index=index)
    factors = tuple(g[0] for g in active)
    shift = np.nanmean(np.abs(ranks - nominal_ranks[:, None]), axis=0)  # (runs,)
    blocks = shift.reshape(len(labels), n)
    s1, st = sobol_indices(blocks[0], blocks[1], blocks[2:])
    sensitivity = pd.DataFrame({"S1": s1, "ST": st}, index=pd.Index(factors, name="factor"))
    rb = ranks.T.reshape(len(labels), n, -1).astype(np.float64)
    u1, ut = sobol_indices(rb[0], rb[1], rb[2:])  # (k, rows)
    row_names = [("|".join(map(str, r)) if isinstance(r, tuple) else str(r)) for r in index]
    unit_sens = pd.DataFrame({
        "row": np.repeat(row_names, len(factors)),
        "factor": np.tile(factors, len(row_names)),
        "S1": u1.T.reshape(-1), "ST": ut.T.reshape(-1),
    }).set_index(["row", "factor"])
    design = pd.DataFrame({
        "block": np.repeat(labels, n),
        "imputation": np.asarray(imps[0])[imps[1]],
        "normalisation": np.asarray(uspec.normalisations)[norm_i],
        "aggregation": np.asarray(uspec.aggregations)[agg_i],
        "mean_abs_rank_shift": shift,
    })
    return UncertaintyResult(intervals, sensitivity, unit_sens, ranks, scores, design, factors, n)
