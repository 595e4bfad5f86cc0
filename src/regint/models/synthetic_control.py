r"""Synthetic control (Abadie and Gardeazabal 2003; Abadie, Diamond and Hainmueller 2010, 2015).

The synthetic unit is a convex combination of donor units, :math:`W \in \Delta^{J}` (non-negative weights summing
to one), chosen to reproduce the treated unit's pre-treatment predictors :math:`X_1` (:math:`k \times 1`) from the
donors' :math:`X_0` (:math:`k \times J`) in the metric of a diagonal predictor-weight matrix :math:`V`:

.. math::

    W^*(V) = \arg\min_{W \in \Delta^J} (X_1 - X_0 W)' V (X_1 - X_0 W),

and :math:`V` is chosen so that the synthetic unit tracks the outcome over the fitting periods (nested
optimisation):

.. math::

    V^* = \arg\min_{V \ge 0,\ \mathrm{tr}\,V = 1} \frac{1}{T_0}\, \| Z_1 - Z_0 W^*(V) \|^2 .

Optimisers (documented choices): predictors are scaled by their standard deviation across all units (as R Synth
does); the inner problem is solved exactly as non-negative least squares with the adding-up constraint imposed
by a heavily weighted extra row (Lawson–Hanson NNLS, ``scipy.optimize.nnls``), then renormalised; the outer
problem parametrises :math:`v = \mathrm{softmax}(\theta)` and runs Powell's derivative-free method from two
starts — equal weights and the regression-based weights of R Synth — keeping the lower loss. The outer problem
is not convex and has several local minima: for the Basque case this procedure returns R Synth's published
solution (Catalonia 0.851, Madrid 0.149, loss 0.0089), while other starts or parametrisations can reach a
lower loss with different weights (Becker and Klößner 2018 discuss such failures of the standard
optimisation). Weights are therefore reproducible to about 0.02, not to machine precision.

Inference: in-space placebos re-run the method with each donor as the treated unit (donor pool: the other
donors) and compare the ratio of post- to pre-treatment RMSPE; the p-value is the share of units whose ratio is at
least the treated unit's (Abadie et al. 2010, Sect. 3.2; 2015, Sect. 4).

References
----------
Abadie, A. and Gardeazabal, J. (2003). The economic costs of conflict: a case study of the Basque Country.
*American Economic Review* 93(1), 113–132.
Abadie, A., Diamond, A. and Hainmueller, J. (2010). Synthetic control methods for comparative case studies.
*Journal of the American Statistical Association* 105(490), 493–505.
Abadie, A., Diamond, A. and Hainmueller, J. (2015). Comparative politics and the synthetic control method.
*American Journal of Political Science* 59(2), 495–510.
Becker, M. and Klößner, S. (2018). Fast and reliable computation of generalized synthetic controls.
*Econometrics and Statistics* 5, 1–19.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import optimize

from regint._options import check_option
from regint.errors import DataError, ModelError

VMethod = Literal["nested", "equal"]
_V_METHODS = ("nested", "equal")
Optimizer = Literal["powell", "nelder-mead"]
_OPTIMIZERS = ("powell", "nelder-mead")
PredictorOp = Literal["mean", "median"]

__all__ = ["SyntheticControlResults", "predictor_matrix", "simplex_weights", "synthetic_control",
           "synthetic_control_cv"]


@dataclass(frozen=True)
class SyntheticControlResults:
    """Synthetic-control estimates (frozen).

    Attributes
    ----------
    treated : hashable
    treatment_time : hashable
        First treated period.
    weights : pandas.Series
        Donor weights :math:`W^*` (sum to one).
    v : pandas.Series
        Predictor weights (diagonal of :math:`V^*`, sum to one).
    balance : pandas.DataFrame
        Predictors of the treated unit, the synthetic unit and the donor average.
    path : pandas.DataFrame
        By period: ``treated``, ``synthetic``, ``gap``.
    rmspe_pre, rmspe_post, ratio : float
        Root mean squared prediction error before and after treatment, and post/pre ratio.
    placebos : pandas.DataFrame or None
        One row per unit (the treated one first): ``rmspe_pre, rmspe_post, ratio``.
    placebo_gaps : pandas.DataFrame or None
        Gap paths of all placebo runs (periods × units).
    p_value : float
        Placebo p-value (NaN when placebos were not run).
    notes : tuple of str
    """

    treated: Hashable
    treatment_time: Hashable
    weights: pd.Series
    v: pd.Series
    balance: pd.DataFrame
    path: pd.DataFrame
    rmspe_pre: float
    rmspe_post: float
    ratio: float
    loss: float
    placebos: pd.DataFrame | None = None
    placebo_gaps: pd.DataFrame | None = field(default=None, repr=False)
    p_value: float = float("nan")
    notes: tuple[str, ...] = ()

    @property
    def average_effect(self) -> float:
        """Mean gap over the post-treatment periods."""
        post = self.path.index >= self.treatment_time
        return float(self.path.loc[post, "gap"].mean())

    def to_frame(self) -> pd.DataFrame:
        """The outcome path (treated, synthetic, gap) by period."""
        return self.path.copy()

    def summary(self) -> str:
        w = self.weights[self.weights > 1e-3].sort_values(ascending=False)
        lines = [
            f"Synthetic control for {self.treated}, treatment from {self.treatment_time}",
            f"pre-treatment RMSPE {self.rmspe_pre:.4g}; post {self.rmspe_post:.4g}; ratio {self.ratio:.3g}",
            f"average post-treatment gap {self.average_effect:.4g}",
        ]
        if self.placebos is not None:
            lines.append(f"placebo p-value (post/pre RMSPE ratio, {len(self.placebos)} units): {self.p_value:.3f}")
        lines += ["", "donor weights:", w.to_string(float_format=lambda x: f"{x:.3f}"), "",
                  "predictor balance:", self.balance.to_string(float_format=lambda x: f"{x:.4g}")]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def plot(self, ax: Any = None, *, title: str | None = None) -> Any:
        """Treated against synthetic path with the treatment date; returns the matplotlib Figure."""
        import matplotlib.pyplot as plt

        fig, ax = (plt.subplots(figsize=(7, 4)) if ax is None else (ax.figure, ax))
        ax.plot(self.path.index, self.path["treated"], color="black", label=str(self.treated))
        ax.plot(self.path.index, self.path["synthetic"], color="tab:blue", linestyle="--", label="synthetic")
        ax.axvline(self.treatment_time, color="grey", linestyle=":")
        ax.set_title(title or f"Synthetic control: {self.treated}")
        ax.legend(frameon=False)
        return fig

    def plot_placebos(self, ax: Any = None, *, max_ratio: float | None = 5.0) -> Any:
        """Gaps of the treated unit (bold) and of the placebo runs (grey); placebos whose pre-RMSPE exceeds
        ``max_ratio`` times the treated one are left out (Abadie et al. 2010, Fig. 5–7)."""
        import matplotlib.pyplot as plt

        if self.placebo_gaps is None or self.placebos is None:
            raise ModelError("no placebo runs: call synthetic_control(..., placebo=True)")
        fig, ax = (plt.subplots(figsize=(7, 4)) if ax is None else (ax.figure, ax))
        for u in self.placebo_gaps.columns:
            if u == self.treated:
                continue
            if max_ratio is not None and self.placebos.loc[u, "rmspe_pre"] > max_ratio * self.rmspe_pre:
                continue
            ax.plot(self.placebo_gaps.index, self.placebo_gaps[u], color="lightgrey", linewidth=0.8)
        ax.plot(self.path.index, self.path["gap"], color="black", linewidth=2, label=str(self.treated))
        ax.axhline(0, color="grey", linewidth=0.5)
        ax.axvline(self.treatment_time, color="grey", linestyle=":")
        ax.set_title(f"Placebo gaps (p = {self.p_value:.3f})")
        ax.legend(frameon=False)
        return fig


# ----------------------------------------------------------------------------------------------------------
# pure pieces


def simplex_weights(x1: np.ndarray, x0: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""Donor weights :math:`\arg\min_{w \ge 0, 1'w = 1} (x_1 - X_0 w)' \mathrm{diag}(v) (x_1 - X_0 w)`.

    Solved as non-negative least squares on :math:`[\sqrt{v} \odot X_0;\ M 1']` and :math:`[\sqrt{v} \odot x_1;\ M]`
    with a large :math:`M`, which enforces :math:`1'w = 1` up to :math:`O(M^{-2})`; the result is renormalised.

    Parameters
    ----------
    x1 : ndarray, shape (k,)
    x0 : ndarray, shape (k, J)
    v : ndarray, shape (k,)

    Returns
    -------
    ndarray, shape (J,)
    """
    s = np.sqrt(np.maximum(v, 0.0))
    a = s[:, None] * x0
    b = s * x1
    m = 1e3 * (1.0 + float(np.abs(a).max(initial=0.0)))
    a_aug = np.vstack([a, np.full((1, x0.shape[1]), m)])
    b_aug = np.append(b, m)
    w, _ = optimize.nnls(a_aug, b_aug, maxiter=50 * x0.shape[1])
    total = w.sum()
    return w / total if total > 0 else np.full(x0.shape[1], 1.0 / x0.shape[1])


def predictor_matrix(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    units: Sequence[Hashable],
    predictors: Sequence[tuple[Any, ...]],
) -> pd.DataFrame:
    """Predictor values (rows: predictors, columns: units), each the ``op`` over its periods, ignoring gaps.

    ``predictors`` items are ``(column, periods)`` or ``(column, periods, op)`` with ``op`` in
    ``{'mean', 'median'}``. The row label is ``column`` when the column occurs once, and ``column[first-last]``
    (``column[year]`` for one period) for *every* occurrence of a column that occurs more than once, so each
    repeated predictor says which periods it averages.
    """
    counts: dict[str, int] = {}
    for spec in predictors:
        counts[spec[0]] = counts.get(spec[0], 0) + 1
    rows = {}
    for spec in predictors:
        col, periods = spec[0], list(spec[1])
        op = spec[2] if len(spec) > 2 else "mean"
        check_option("predictor op", op, ("mean", "median"))
        if col not in data.columns:
            raise DataError(f"predictor column {col!r} is not in the data")
        if not periods:
            raise DataError(f"predictor {col!r} has no periods. Fix: give the periods to average over.")
        sub = data[data[time].isin(periods) & data[unit].isin(units)]
        values = sub.groupby(unit)[col].agg(op).reindex(units)
        span = f"{periods[0]}" if len(periods) == 1 else f"{periods[0]}-{periods[-1]}"
        label = col if counts[col] == 1 else f"{col}[{span}]"
        if label in rows:
            raise DataError(f"predictor {label!r} is given twice. Fix: remove the duplicate.")
        rows[label] = values
    return pd.DataFrame(rows).T


def _regression_v(x: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Regression-based starting V of R Synth: squared coefficients of the outcome path on the predictors."""
    design = np.column_stack([np.ones(x.shape[1]), x.T])
    coef, *_ = np.linalg.lstsq(design, z.T, rcond=None)
    v = (coef[1:] ** 2).sum(axis=1)
    return v / v.sum() if v.sum() > 0 else np.full(x.shape[0], 1.0 / x.shape[0])


def _softmax(theta: np.ndarray) -> np.ndarray:
    e = np.exp(theta - theta.max())
    return e / e.sum()


def _fit(x1: np.ndarray, x0: np.ndarray, z1: np.ndarray, z0: np.ndarray, v_method: str,
         maxiter: int, v_given: np.ndarray | None = None,
         optimizer: str = "powell") -> tuple[np.ndarray, np.ndarray, float]:
    k = x1.shape[0]

    def loss_of(v: np.ndarray) -> float:
        w = simplex_weights(x1, x0, v)
        return float(np.mean((z1 - z0 @ w) ** 2))

    if v_given is not None:
        return v_given, simplex_weights(x1, x0, v_given), loss_of(v_given)
    equal = np.full(k, 1.0 / k)
    if v_method == "equal" or k == 1:
        return equal, simplex_weights(x1, x0, equal), loss_of(equal)
    x_all = np.column_stack([x1, x0])
    z_all = np.column_stack([z1, z0])
    starts = (equal, _regression_v(x_all, z_all))
    if optimizer == "nelder-mead":
        return _fit_nelder_mead(loss_of, starts, simplex=lambda v: simplex_weights(x1, x0, v), maxiter=maxiter)

    def objective(theta: np.ndarray) -> float:
        return loss_of(_softmax(theta))

    best_v, best = equal, loss_of(equal)
    for start in starts:
        opt = optimize.minimize(objective, np.log(np.maximum(start, 1e-8)), method="Powell",
                                options={"maxiter": maxiter, "xtol": 1e-6, "ftol": 1e-12})
        v = _softmax(opt.x)
        val = loss_of(v)
        if val < best:
            best_v, best = v, val
    return best_v, simplex_weights(x1, x0, best_v), best


def _fit_nelder_mead(loss_of: Any, starts: tuple[np.ndarray, ...], *, simplex: Any,
                     maxiter: int) -> tuple[np.ndarray, np.ndarray, float]:
    """R Synth's outer search: V = |p|/sum|p|, Nelder-Mead from each start, the first start kept on ties."""

    def objective(p: np.ndarray) -> float:
        a = np.abs(p)
        return loss_of(a / a.sum()) if a.sum() > 0 else np.inf

    best: tuple[np.ndarray, float] | None = None
    for start in starts:
        opt = optimize.minimize(objective, start, method="Nelder-Mead",
                                options={"maxiter": maxiter * len(start), "xatol": 1e-8, "fatol": 1e-10})
        v = np.abs(opt.x) / np.abs(opt.x).sum()
        val = loss_of(v)
        if best is None or val < best[1]:
            best = (v, val)
    if best is None:
        raise ModelError("the cross-validated search of V needs at least one starting point")
    return best[0], simplex(best[0]), best[1]


# ----------------------------------------------------------------------------------------------------------
# the estimator


def synthetic_control(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treated: Hashable,
    treatment_time: Hashable,
    predictors: Sequence[tuple[Any, ...]],
    donors: Sequence[Hashable] | None = None,
    fit_periods: Sequence[Hashable] | None = None,
    v_method: VMethod = "nested",
    v: Sequence[float] | pd.Series | None = None,
    optimizer: Optimizer = "powell",
    placebo: bool = False,
    maxiter: int = 4000,
) -> SyntheticControlResults:
    r"""Synthetic-control estimate of the effect of an intervention on one unit.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel: one row per (unit, time) with the outcome and predictor columns.
    unit, time, outcome : str
        Column names.
    treated : hashable
        The treated unit.
    treatment_time : hashable
        First period affected; earlier periods are pre-treatment.
    predictors : sequence of tuples
        ``(column, periods[, op])``: the predictor is the ``op`` (``'mean'`` or ``'median'``) of ``column`` over
        ``periods`` (e.g. ``("gdpcap", range(1960, 1970))``), as R Synth's ``predictors``/``special.predictors``.
    donors : sequence, optional
        Donor pool (default: every other unit). Donors with a gap in a predictor or in the outcome over
        ``fit_periods`` are left out and named in ``notes`` (gaps are not filled).
    fit_periods : sequence, optional
        Periods whose outcome the nested optimisation of :math:`V` matches (default: all pre-treatment periods).
    v_method : {'nested', 'equal'}
        Nested optimisation of :math:`V` (Abadie et al. 2010) or equal predictor weights; ignored when ``v``
        is given.
    v : sequence of float or Series, optional
        A given predictor-weight matrix (its diagonal, one non-negative weight per predictor, in the order of
        ``predictors``; a Series is matched by predictor label), as R Synth's ``custom.v``: no optimisation of
        :math:`V`, only :math:`W^*(V)`. It is normalised to sum to one and applies to the predictors scaled by
        their standard deviation, as the optimised :math:`V` does. The placebo runs use it too.
        :func:`synthetic_control_cv` obtains it by cross-validation.
    optimizer : {'powell', 'nelder-mead'}
        Outer search for :math:`V` (``v_method='nested'``): Powell on :math:`v = \mathrm{softmax}(\theta)` (the
        default; reproduces R Synth's published Basque solution), or R Synth's own Nelder-Mead on
        :math:`v = |p| / \sum |p|`; both start from equal and regression-based weights and keep the lower loss.
    maxiter : int
        Powell iteration limit per start.

    Returns
    -------
    SyntheticControlResults

    References
    ----------
    Abadie and Gardeazabal (2003); Abadie, Diamond and Hainmueller (2010), Sect. 2–3; (2015), Sect. 3–4.
    """
    check_option("v_method", v_method, _V_METHODS)
    check_option("optimizer", optimizer, _OPTIMIZERS)
    for col in (unit, time, outcome):
        if col not in data.columns:
            raise DataError(f"column {col!r} is not in the data")
    units_all = list(pd.unique(data[unit]))
    if treated not in units_all:
        raise DataError(f"treated unit {treated!r} is not in column {unit!r}")
    pool = [u for u in (donors if donors is not None else units_all) if u != treated]
    outcome_wide = data.pivot_table(index=time, columns=unit, values=outcome, aggfunc="first").sort_index()
    periods = list(outcome_wide.index)
    pre = [t for t in periods if t < treatment_time]
    if len(pre) < 2:
        raise DataError(f"need at least two pre-treatment periods before {treatment_time!r}; got {len(pre)}")
    fit_t = list(fit_periods) if fit_periods is not None else pre
    notes: list[str] = []
    X = predictor_matrix(data, unit=unit, time=time, units=[treated, *pool], predictors=predictors)
    Z = outcome_wide.reindex(index=fit_t, columns=[treated, *pool])
    if X[treated].isna().any() or Z[treated].isna().any():
        raise DataError(f"the treated unit {treated!r} has gaps in its predictors or in {outcome!r} over the "
                        "fitting periods. Fix: choose periods with data.")
    gappy = [u for u in pool if X[u].isna().any() or Z[u].isna().any()]
    if gappy:
        notes.append(f"donors left out for gaps in predictors or outcome: {', '.join(map(str, gappy))}")
        pool = [u for u in pool if u not in gappy]
    if len(pool) < 2:
        raise ModelError(f"fewer than two donors with complete data (pool: {pool})")

    v_given = None if v is None else _given_v(v, list(X.index))
    if v_given is not None:
        notes.append("predictor weights V given by the caller (not optimised)")
    scale = X[[treated, *pool]].std(axis=1, ddof=1).replace(0.0, 1.0).to_numpy()
    x = X[[treated, *pool]].to_numpy() / scale[:, None]
    z = Z[[treated, *pool]].to_numpy()
    v_hat, w, loss = _fit(x[:, 0], x[:, 1:], z[:, 0], z[:, 1:], v_method, maxiter, v_given, optimizer)

    full = outcome_wide.reindex(columns=[treated, *pool])
    synth = full[pool].to_numpy() @ w
    path = pd.DataFrame({"treated": full[treated], "synthetic": synth}, index=full.index)
    path["gap"] = path["treated"] - path["synthetic"]
    rm_pre, rm_post = _rmspe(path["gap"], treatment_time)
    weights = pd.Series(w, index=pd.Index(pool, name=unit), name="weight")
    balance = pd.DataFrame({"treated": X[treated], "synthetic": X[pool].to_numpy() @ w,
                            "donor_mean": X[pool].mean(axis=1)})
    result = dict(treated=treated, treatment_time=treatment_time, weights=weights,
                  v=pd.Series(v_hat, index=X.index, name="v"), balance=balance, path=path,
                  rmspe_pre=rm_pre, rmspe_post=rm_post, ratio=rm_post / rm_pre if rm_pre > 0 else np.inf,
                  loss=loss)
    if placebo:
        table, gaps = _placebos(full, x, z, [treated, *pool], treatment_time, v_method, maxiter, v_given,
                                optimizer)
        treated_ratio = table.loc[treated, "ratio"]
        result.update(placebos=table, placebo_gaps=gaps,
                      p_value=float((table["ratio"] >= treated_ratio).mean()))
    return SyntheticControlResults(**result, notes=tuple(notes))


def _rmspe(gap: pd.Series, treatment_time: Hashable) -> tuple[float, float]:
    post = gap.index >= treatment_time
    pre_gap, post_gap = gap[~post].dropna(), gap[post].dropna()
    rm_pre = float(np.sqrt(np.mean(pre_gap**2))) if len(pre_gap) else float("nan")
    rm_post = float(np.sqrt(np.mean(post_gap**2))) if len(post_gap) else float("nan")
    return rm_pre, rm_post


def _placebos(full: pd.DataFrame, x: np.ndarray, z: np.ndarray, units: list[Hashable],
              treatment_time: Hashable, v_method: str, maxiter: int,
              v_given: np.ndarray | None = None, optimizer: str = "powell") -> tuple[pd.DataFrame, pd.DataFrame]:
    """In-space placebos: each unit in turn is 'treated', the donors are all other units except the real one."""
    rows, gaps = {}, {}
    donors_only = list(range(1, len(units)))
    for k, u in enumerate(units):
        others = [i for i in donors_only if i != k]
        _, w, _ = _fit(x[:, k], x[:, others], z[:, k], z[:, others], v_method, maxiter, v_given, optimizer)
        gap = full[u] - full[[units[i] for i in others]].to_numpy() @ w
        pre, post = _rmspe(gap, treatment_time)
        rows[u] = {"rmspe_pre": pre, "rmspe_post": post, "ratio": post / pre if pre > 0 else np.inf}
        gaps[u] = gap
    return pd.DataFrame(rows).T, pd.DataFrame(gaps)


def _given_v(v: Sequence[float] | pd.Series, labels: list[str]) -> np.ndarray:
    if isinstance(v, pd.Series):
        missing = [lab for lab in labels if lab not in v.index]
        if missing:
            raise DataError(f"the given V has no weight for predictor(s) {missing}; it has {list(v.index)}. "
                            "Fix: give one weight per predictor label.")
        arr = v.reindex(labels).to_numpy(dtype=float)
    else:
        arr = np.asarray(v, dtype=float).ravel()
    if arr.shape != (len(labels),):
        raise DataError(f"the given V has {arr.size} weight(s) for {len(labels)} predictors {labels}. "
                        "Fix: give one weight per predictor, in the order of `predictors`.")
    if not np.all(np.isfinite(arr)) or (arr < 0).any() or arr.sum() <= 0:
        raise DataError(f"the given V must be non-negative with a positive sum; got {arr.tolist()}.")
    return arr / arr.sum()


def synthetic_control_cv(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treated: Hashable,
    treatment_time: Hashable,
    training_predictors: Sequence[tuple[Any, ...]],
    validation_periods: Sequence[Hashable],
    predictors: Sequence[tuple[Any, ...]],
    donors: Sequence[Hashable] | None = None,
    fit_periods: Sequence[Hashable] | None = None,
    optimizer: Optimizer = "nelder-mead",
    placebo: bool = False,
    maxiter: int = 4000,
) -> SyntheticControlResults:
    r"""Synthetic control with :math:`V` chosen by cross-validation (Abadie, Diamond and Hainmueller 2015).

    The pre-treatment years are split into a training and a validation period. Step 1: with the predictors
    measured in the training period (``training_predictors``), :math:`V` is chosen so that the synthetic control
    tracks the outcome over the validation period:

    .. math::

        V^{cv} = \arg\min_{V} \sum_{t \in \text{validation}} \bigl(Z_{1t} - Z_{0t} W^*_{\text{train}}(V)\bigr)^2 .

    Step 2: with the same predictors measured in the last pre-treatment years (``predictors``, same columns in
    the same order, other periods) the donor weights are :math:`W^*(V^{cv})`. This guards against over-fitting
    :math:`V` to the same years it is judged on.

    Parameters
    ----------
    training_predictors : sequence of tuples
        ``(column, periods[, op])`` measured in the training period.
    validation_periods : sequence
        Pre-treatment periods whose outcome selects :math:`V` in step 1.
    predictors : sequence of tuples
        The same predictors, in the same order, measured for the main fit; :math:`V^{cv}` carries over by
        position (a column may differ where a variable is stored per decade, as ADH's ``invest70`` and
        ``invest80``).
    fit_periods : sequence, optional
        Periods over which the main fit's loss and RMSPE are reported (default: all pre-treatment periods).
    optimizer : {'nelder-mead', 'powell'}
        Outer search of step 1 (see :func:`synthetic_control`). The default is R Synth's Nelder-Mead, with
        which ADH computed their published weights: the validation loss has flat stretches on which
        different :math:`V` give visibly different step-2 weights, so the search path matters.
    Other parameters as :func:`synthetic_control`.

    Returns
    -------
    SyntheticControlResults
        Of step 2, with ``v`` = :math:`V^{cv}` and a note naming the training and validation periods.

    References
    ----------
    Abadie, Diamond and Hainmueller (2015), Sect. "Methodology" (pp. 500-501) and their replication code
    (training 1971-1980, validation 1981-1990, then ``synth(..., custom.v = solution.v)``).
    """
    train_cols = [spec[0] for spec in training_predictors]
    main_cols = [spec[0] for spec in predictors]
    if len(train_cols) != len(main_cols):
        raise DataError(f"{len(train_cols)} training predictors {train_cols} but {len(main_cols)} main predictors "
                        f"{main_cols}: V carries over predictor by predictor. Fix: give one main predictor for "
                        "each training predictor, in the same order.")
    validation = list(validation_periods)
    if any(not (t < treatment_time) for t in validation):  # type: ignore[operator]
        raise DataError(f"validation periods must precede the treatment ({treatment_time!r}); got {validation}.")
    step1 = synthetic_control(data, unit=unit, time=time, outcome=outcome, treated=treated,
                              treatment_time=treatment_time, predictors=training_predictors, donors=donors,
                              fit_periods=validation, v_method="nested", optimizer=optimizer, maxiter=maxiter)
    res = synthetic_control(data, unit=unit, time=time, outcome=outcome, treated=treated,
                            treatment_time=treatment_time, predictors=predictors, donors=donors,
                            fit_periods=fit_periods, v=step1.v.to_numpy(), placebo=placebo, maxiter=maxiter)
    note = (f"V chosen by cross-validation: predictors of the training period fitted to {outcome} over "
            f"{validation[0]}-{validation[-1]} (Abadie, Diamond and Hainmueller 2015)")
    notes = tuple(n for n in res.notes if not n.startswith("predictor weights V given")) + (note,)
    return replace(res, notes=notes)
