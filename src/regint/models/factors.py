r"""Objective factors of integration: two-way fixed-effects panel regressions with honest inference.

.. math::

    y_{it} = \alpha_i + \lambda_t + \rho\, y_{i,t-1} + \sum_k \beta_k x_{kit} + \varepsilon_{it}

estimated by the within (least-squares dummy variable) estimator of :class:`linearmodels.PanelOLS`, with
standard errors clustered by entity (CRV1, with the small-sample factor :math:`G/(G-1)\cdot(N-1)/(N-K)` of
Stata's ``xtreg, fe vce(cluster)``) and confidence intervals from the t distribution with :math:`G-1` degrees of
freedom. With few clusters (five border pairs) clustered errors are unreliable
(Cameron, Gelbach and Miller 2008); every fit therefore also reports a wild cluster bootstrap: p-values with the
null imposed (WCR) and bootstrap-t intervals, with Webb's six-point weights when :math:`G \le 12`.

Factors common to all entities in a year (the real exchange rate, milestones, shocks) are absorbed by the year
effects; under ``effects="twoways"`` they enter interacted with the entity's exposure to Belarus (proximity
:math:`-\log d_i` or the shared-border dummy), i.e. the model asks whether the factor moved the outcome *more in
the regions closer to Belarus*. Under ``effects="entity"`` they enter directly and are identified only from their
movement over time (confounded with anything else that happened in those years: said so in the notes). A
lagged outcome (``lags=1``) makes the within estimator biased of order :math:`1/T` (Nickell 1981).

References
----------
Wooldridge, J. M. (2010). *Econometric Analysis of Cross Section and Panel Data*, 2nd ed. MIT Press,
ch. 10.5 (fixed effects), 10.5.4 (serial correlation).
Cameron, A. C., Gelbach, J. B. and Miller, D. L. (2008). Bootstrap-based improvements for inference with
clustered errors. *Review of Economics and Statistics* 90(3), 414-427.
Webb, M. D. (2023). Reworking wild bootstrap-based inference for clustered errors. *Canadian Journal of
Economics* 56(3), 839-858.
Nickell, S. (1981). Biases in dynamic models with fixed effects. *Econometrica* 49(6), 1417-1426.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from regint._options import check_option
from regint.errors import DataError, ModelError
from regint.models.factors_panel import FactorPanel, Honesty

Effects = Literal["twoways", "entity", "pooled"]
CovType = Literal["clustered", "unadjusted"]
Exposure = Literal["proximity", "border"]

FEW_CLUSTERS = 30
WEBB_THRESHOLD = 12
_WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])

__all__ = ["FactorResults", "crv1_scale", "fit_factors", "fit_panel", "partial_out_effects"]


@dataclass(frozen=True)
class FactorResults:
    """A fitted factor regression (frozen).

    Attributes
    ----------
    params, std_errors : Series
        Coefficients and their standard errors (``cov_type``).
    df_resid : int
        Degrees of freedom of the t distribution for intervals (G - 1 when clustered).
    boot_pvalues : Series or None
        Wild cluster bootstrap p-values with the null imposed (WCR).
    boot_ci : DataFrame or None
        Wild cluster bootstrap-t intervals (lower, upper) at ``boot_level``.
    r2_within : float
        Share of the outcome's variance net of the fixed effects explained by the regressors.
    honesty : Honesty
        N, entities, years, the factors used and dropped (with reasons).
    design : DataFrame
        The outcome and regressors as used, index (entity, year).
    effects_fitted, resids : Series
        Estimated fixed effects (alpha_i + lambda_t) and residuals per observation.
    y_tilde, x_tilde : ndarray, shapes (n,) and (n, K)
        Outcome and regressors with the fixed effects partialled out (Frisch-Waugh-Lovell).
    """

    params: pd.Series
    std_errors: pd.Series
    df_resid: int
    nobs: int
    n_entities: int
    outcome: str
    effects: str
    cov_type: str
    r2_within: float
    honesty: Honesty
    design: pd.DataFrame
    effects_fitted: pd.Series
    resids: pd.Series
    y_tilde: np.ndarray = field(repr=False)
    x_tilde: np.ndarray = field(repr=False)
    groups: np.ndarray = field(repr=False)
    boot_pvalues: pd.Series | None = None
    boot_ci: pd.DataFrame | None = None
    boot_level: float = 0.95
    n_boot: int = 0
    boot_weights: str = ""
    notes: tuple[str, ...] = ()
    model: Any = field(default=None, repr=False, compare=False)

    @property
    def tstats(self) -> pd.Series:
        return self.params / self.std_errors

    @property
    def pvalues(self) -> pd.Series:
        return pd.Series(2 * stats.t.sf(np.abs(self.tstats), self.df_resid), index=self.params.index)

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """Intervals from the t distribution with ``df_resid`` degrees of freedom."""
        c = float(stats.t.ppf(0.5 + level / 2, self.df_resid))
        return pd.DataFrame({"lower": self.params - c * self.std_errors,
                             "upper": self.params + c * self.std_errors})

    def to_frame(self, level: float = 0.95) -> pd.DataFrame:
        ci = self.conf_int(level)
        out = pd.DataFrame({"coef": self.params, "se": self.std_errors, "t": self.tstats,
                            "pvalue": self.pvalues, "lower": ci["lower"], "upper": ci["upper"]})
        if self.boot_pvalues is not None and self.boot_ci is not None:
            out["boot_pvalue"] = self.boot_pvalues
            out["boot_lower"] = self.boot_ci["lower"]
            out["boot_upper"] = self.boot_ci["upper"]
        out.index.name = "regressor"
        return out

    def summary(self) -> str:
        h = self.honesty
        lines = [f"Panel regression of {self.outcome} ({self.effects} fixed effects); SE {self.cov_type}, "
                 f"t with {self.df_resid} df",
                 f"N = {self.nobs}, entities = {self.n_entities}, years {h.span}; within R2 = {self.r2_within:.3f}",
                 self.to_frame().to_string(float_format=lambda v: f"{v:.4g}")]
        if self.n_boot:
            lines.append(f"wild cluster bootstrap: {self.n_boot} draws, {self.boot_weights} weights; p-values "
                         "with the null imposed (WCR), bootstrap-t intervals")
        lines += [f"dropped {n}: {why}" for n, why in h.dropped]
        lines += [f"note: {n}" for n in (*h.notes, *self.notes)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def partial_out_effects(frame: pd.DataFrame, effects: Effects) -> pd.DataFrame:
    r"""Columns of ``frame`` net of entity and/or year fixed effects (least squares on dummies).

    .. math::

        \tilde z = (I - D(D'D)^{+}D')\,z, \qquad D = [\text{entity dummies},\ \text{year dummies}]

    For ``"pooled"`` only the mean is removed. Exact for unbalanced panels (unlike double demeaning).

    Parameters
    ----------
    frame : DataFrame, shape (n, m), index (entity, year)
    effects : {"twoways", "entity", "pooled"}

    References
    ----------
    Wooldridge (2010), Section 10.5.3 (the dummy-variable regression and the within transformation).
    """
    check_option("effects", effects, ("twoways", "entity", "pooled"))
    ent = frame.index.get_level_values(0)
    blocks = [np.ones((len(frame), 1))] if effects == "pooled" else \
        [pd.get_dummies(ent, dtype=float).to_numpy()]
    if effects == "twoways":
        blocks.append(pd.get_dummies(frame.index.get_level_values(1), dtype=float).to_numpy()[:, 1:])
    d = np.hstack(blocks)
    z = frame.to_numpy(dtype="float64")
    coef, *_ = np.linalg.lstsq(d, z, rcond=None)
    return pd.DataFrame(z - d @ coef, index=frame.index, columns=frame.columns)


def _absorbed(x_tilde: pd.DataFrame, x: pd.DataFrame, effects: str) -> tuple[list[str], list[tuple[str, str]]]:
    keep, dropped = [], []
    for c in x_tilde.columns:
        scale = max(float(np.linalg.norm(x[c] - x[c].mean())), 1e-300)
        if float(np.linalg.norm(x_tilde[c])) <= 1e-8 * scale or float(np.linalg.norm(x_tilde[c])) == 0:
            what = {"twoways": "the entity and year fixed effects", "entity": "the entity fixed effects",
                    "pooled": "the constant"}[effects]
            dropped.append((c, f"absorbed by {what} (no variation left to estimate it)"))
        else:
            keep.append(c)
    rank_keep: list[str] = []
    for c in keep:
        trial = x_tilde[[*rank_keep, c]].to_numpy()
        if np.linalg.matrix_rank(trial, tol=1e-8 * max(1.0, np.abs(trial).max())) == len(rank_keep) + 1:
            rank_keep.append(c)
        else:
            dropped.append((c, f"collinear with {', '.join(rank_keep)} in this sample"))
    return rank_keep, dropped


def crv1_scale(n: int, k: int, g: int) -> float:
    r"""Small-sample factor of the cluster-robust (CRV1) covariance, as in Stata, fixest and plm.

    .. math::

        c = \frac{G}{G-1}\,\frac{N-1}{N-K}

    Parameters
    ----------
    n : int
        Observations :math:`N`.
    k : int
        Parameters :math:`K` counted as Stata's ``xtreg, fe vce(cluster)`` counts them: the regressors, the
        constant and the fixed effects not nested in the clusters (the year effects); the entity effects, nested
        in the entity clusters, are not counted.
    g : int
        Clusters :math:`G`.

    References
    ----------
    StataCorp (2023). *Stata Base Reference Manual*, Release 18, ``[R] regress``, Methods and formulas
    (:math:`q_c = \frac{N-1}{N-k}\frac{M}{M-1}`); ``[XT] xtreg``, Methods and formulas (vce(cluster) with
    panels nested within clusters). Cameron, A. C. and Miller, D. L. (2015). A practitioner's guide to
    cluster-robust inference. *Journal of Human Resources* 50(2), 317-372, Section II.C.
    """
    return g / (g - 1) * (n - 1) / max(n - k, 1)


def _crv1_se(x: np.ndarray, resid: np.ndarray, groups: np.ndarray, xtx_inv: np.ndarray,
             k: int | None = None) -> np.ndarray:
    n = x.shape[0]
    g = np.unique(groups)
    scores = np.vstack([x[groups == c].T @ resid[groups == c] for c in g])
    meat = scores.T @ scores
    factor = crv1_scale(n, x.shape[1] if k is None else k, len(g))
    return np.sqrt(np.diag(factor * xtx_inv @ meat @ xtx_inv))


def wild_cluster_bootstrap(
    y: np.ndarray,
    x: np.ndarray,
    groups: np.ndarray,
    *,
    n_boot: int = 999,
    level: float = 0.95,
    seed: int = 0,
    k: int | None = None,
) -> tuple[np.ndarray, np.ndarray, str]:
    r"""Wild cluster bootstrap: WCR p-values and WCU bootstrap-t intervals for every coefficient.

    For coefficient :math:`k` the null :math:`\beta_k = 0` is imposed (restricted residuals
    :math:`\hat u^r`), and draws :math:`y^* = X_{-k}\hat\beta^r_{-k} + v_g \hat u^r` with one weight
    :math:`v_g` per cluster give :math:`t^*_k`; the p-value is :math:`\Pr(|t^*_k| \ge |t_k|)`. Intervals use the
    unrestricted draws :math:`t^*_k = (\beta^*_k - \hat\beta_k)/se^*_k`:
    :math:`[\hat\beta_k - q_{1-\alpha}(|t^*|)\,se_k,\ \hat\beta_k + q_{1-\alpha}(|t^*|)\,se_k]`.
    Weights: Rademacher, or Webb's six-point distribution when :math:`G \le 12`.

    Parameters
    ----------
    y : ndarray, shape (n,)
    x : ndarray, shape (n, K)
        Outcome and regressors with the fixed effects already partialled out.
    groups : ndarray, shape (n,)
        Cluster labels.
    k : int, optional
        Parameters counted in the small-sample factor :func:`crv1_scale` (default: the columns of ``x``). The
        factor scales :math:`t` and :math:`t^*` alike, so p-values and intervals do not depend on it.

    Returns
    -------
    pvalues : ndarray, shape (K,)
    ci : ndarray, shape (K, 2)
    weights : str

    References
    ----------
    Cameron, Gelbach and Miller (2008), Section III.B; Webb (2023); MacKinnon, J. G., Nielsen, M. Ø. and
    Webb, M. D. (2023). Cluster-robust inference: a guide to empirical practice. *Journal of Econometrics*
    232(2), 272-299.
    """
    rng = np.random.default_rng(seed)
    labels, gi = np.unique(groups, return_inverse=True)
    g = len(labels)
    use_webb = g <= WEBB_THRESHOLD
    v = rng.choice(_WEBB, size=(g, n_boot)) if use_webb else rng.choice([-1.0, 1.0], size=(g, n_boot))
    n, n_par = x.shape
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    k_dof = x.shape[1] if k is None else k
    se = _crv1_se(x, y - x @ beta, groups, xtx_inv, k_dof)
    a = xtx_inv @ x.T  # (K, n)
    factor = crv1_scale(n, k_dof, g)

    def t_draws(ystar: np.ndarray, j: int, centre: float) -> np.ndarray:
        bstar = a @ ystar  # (K, B)
        ustar = ystar - x @ bstar
        s = np.zeros((g, ystar.shape[1]))
        np.add.at(s, gi, a[j][:, None] * ustar)
        return (bstar[j] - centre) / np.sqrt(factor * (s ** 2).sum(axis=0))

    pvals, ci = np.empty(n_par), np.empty((n_par, 2))
    u_full = y - x @ beta
    for j in range(n_par):
        others = np.delete(np.arange(n_par), j)
        xr = x[:, others]
        br = np.linalg.lstsq(xr, y, rcond=None)[0] if len(others) else np.zeros(0)
        fit_r = xr @ br if len(others) else np.zeros(n)
        ur = y - fit_r
        t_r = t_draws(fit_r[:, None] + ur[:, None] * v[gi], j, 0.0)
        pvals[j] = float(np.mean(np.abs(t_r) >= abs(beta[j] / se[j])))
        t_u = t_draws((x @ beta)[:, None] + u_full[:, None] * v[gi], j, float(beta[j]))
        q = float(np.quantile(np.abs(t_u), level))
        ci[j] = (beta[j] - q * se[j], beta[j] + q * se[j])
    return pvals, ci, ("Webb six-point" if use_webb else "Rademacher")


def fit_panel(
    data: pd.DataFrame,
    outcome: str,
    regressors: list[str] | tuple[str, ...],
    *,
    effects: Effects = "twoways",
    cov_type: CovType = "clustered",
    bootstrap: int = 999,
    level: float = 0.95,
    seed: int = 0,
    honesty: Honesty | None = None,
    notes: tuple[str, ...] = (),
) -> FactorResults:
    r"""Fixed-effects regression of ``outcome`` on ``regressors`` (linearmodels PanelOLS) with diagnostics data.

    Parameters
    ----------
    data : DataFrame
        Index (entity, time); the outcome and regressor columns. Rows with a missing value are dropped.
    outcome : str
    regressors : sequence of str
        Regressors absorbed by the fixed effects or collinear are dropped with the reason (never an error).
    effects : {"twoways", "entity", "pooled"}
    cov_type : {"clustered", "unadjusted"}
        Clustered by entity (CRV1, t with G-1 df) or the classical homoskedastic errors (t with n-k-FE df).
        The clustered covariance carries the small-sample factor :math:`\frac{G}{G-1}\frac{N-1}{N-K}` of
        Stata's ``xtreg, fe vce(cluster)`` (:func:`crv1_scale`; linearmodels' ``group_debias=True``, fixest's
        and plm's default adjustment), with :math:`K` the regressors, the constant and, under two-way
        effects, the year effects. Without the :math:`G/(G-1)` term the errors would be 3-7 % too small
        with 8-20 regions.
    bootstrap : int
        Wild cluster bootstrap draws (0: none).
    level : float
        Level of the bootstrap intervals.

    Returns
    -------
    FactorResults
    """
    from linearmodels import PanelOLS

    check_option("effects", effects, ("twoways", "entity", "pooled"))
    check_option("cov_type", cov_type, ("clustered", "unadjusted"))
    missing = [c for c in (outcome, *regressors) if c not in data.columns]
    if missing:
        raise DataError(f"fit_panel: column(s) {missing} are not in the data. Fix: pass a frame with them.")
    if data.index.nlevels != 2:
        raise DataError("fit_panel: the data need a two-level index (entity, time).")
    frame = data[[outcome, *regressors]].dropna().astype("float64")
    tilde = partial_out_effects(frame, effects)
    keep, dropped = _absorbed(tilde[list(regressors)], frame[list(regressors)], effects)
    if not keep:
        raise ModelError(f"fit_panel: no regressor of {list(regressors)} is identified with {effects} effects "
                         f"on these {len(frame)} observations. Fix: use effects='entity' or other factors.")
    groups = frame.index.get_level_values(0).to_numpy()
    n_groups = len(np.unique(groups))
    exog = frame[keep]
    if effects == "pooled":
        exog = exog.assign(const=1.0)
    mod = PanelOLS(frame[outcome], exog, entity_effects=effects != "pooled", time_effects=effects == "twoways",
                   drop_absorbed=False, check_rank=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = (mod.fit(cov_type="clustered", cluster_entity=True, debiased=True, group_debias=True)
               if cov_type == "clustered" else mod.fit(cov_type="unadjusted", debiased=True))
    params, se = res.params[keep], res.std_errors[keep]
    df_resid = n_groups - 1 if cov_type == "clustered" else int(res.df_resid)
    y_t, x_t = tilde[outcome].to_numpy(), tilde[keep].to_numpy()
    n_years = frame.index.get_level_values(1).nunique()
    k_dof = len(keep) + 1 + (n_years - 1 if effects == "twoways" else 0)
    if cov_type == "clustered":
        se = pd.Series(_crv1_se(x_t, y_t - x_t @ params.to_numpy(), groups, np.linalg.inv(x_t.T @ x_t), k_dof),
                       index=keep)
    r2 = 1 - float(np.sum((y_t - x_t @ np.linalg.lstsq(x_t, y_t, rcond=None)[0]) ** 2)) / float(np.sum(y_t ** 2))
    boot_p = boot_ci = None
    weights = ""
    more_notes = list(notes)
    if cov_type == "clustered" and n_groups < FEW_CLUSTERS:
        more_notes.append(f"only {n_groups} clusters: clustered standard errors are unreliable with few clusters; "
                          "read the wild cluster bootstrap p-values and intervals")
    if bootstrap and n_groups >= 2:
        p, ci, weights = wild_cluster_bootstrap(y_t, x_t, groups, n_boot=bootstrap, level=level, seed=seed,
                                                k=k_dof)
        boot_p = pd.Series(p, index=keep)
        boot_ci = pd.DataFrame(ci, index=keep, columns=["lower", "upper"])
        distinct = 6 ** n_groups if n_groups <= WEBB_THRESHOLD else 2 ** n_groups
        if distinct < bootstrap:
            more_notes.append(f"with {n_groups} clusters the wild bootstrap has only {distinct} distinct draws: "
                              "p-values are coarse")
    years = tuple(sorted(int(t) for t in frame.index.get_level_values(1).unique()))
    base = honesty or Honesty(n_obs=len(frame), n_entities=n_groups, years=years, factors_used=tuple(keep),
                              dropped=())
    h = base.extend(dropped=tuple(dropped), n_obs=len(frame), n_entities=n_groups, years=years,
                    factors_used=tuple(keep))
    effects_fitted = res.estimated_effects.iloc[:, 0].reindex(frame.index) if effects != "pooled" else \
        pd.Series(float(res.params["const"]), index=frame.index)
    return FactorResults(
        params=params, std_errors=se, df_resid=df_resid, nobs=len(frame), n_entities=n_groups, outcome=outcome,
        effects=effects, cov_type=cov_type, r2_within=r2, honesty=h, design=frame[[outcome, *keep]],
        effects_fitted=effects_fitted.rename("effects"), resids=res.resids.reindex(frame.index).rename("resid"),
        y_tilde=y_t, x_tilde=x_t, groups=groups, boot_pvalues=boot_p, boot_ci=boot_ci, boot_level=level,
        n_boot=bootstrap if boot_p is not None else 0, boot_weights=weights, notes=tuple(more_notes), model=res)


def _lagged(data: pd.DataFrame, col: str) -> pd.Series:
    years = data.index.get_level_values(1).to_series(index=data.index)
    lag = data[col].groupby(level=0).shift(1)
    consecutive = years.groupby(level=0).diff() == 1
    return lag.where(consecutive)


def fit_factors(
    fp: FactorPanel,
    *,
    effects: Effects | None = None,
    exposure: Exposure = "proximity",
    lags: int = 0,
    bootstrap: int = 999,
    seed: int = 0,
) -> FactorResults:
    """Estimate the factor regression of a :class:`FactorPanel`.

    Parameters
    ----------
    fp : FactorPanel
    effects : {"twoways", "entity", "pooled"}, optional
        Default: ``"twoways"`` for all regions, ``"entity"`` for the five pairs (too few to interact common
        factors with an exposure).
    exposure : {"proximity", "border"}
        Under two-way effects, common factors enter as factor x exposure: ``proximity`` = -log(distance to
        Belarus in 1000 km), ``border`` = shares a border with Belarus.
    lags : {0, 1}
        1 adds the outcome of the previous year (dynamic model; Nickell bias of order 1/T).
    """
    eff = effects or ("twoways" if fp.scope == "regions" else "entity")
    check_option("effects", eff, ("twoways", "entity", "pooled"))
    check_option("exposure", exposure, ("proximity", "border"))
    check_option("lags", lags, (0, 1))
    data = fp.data.copy()
    ent = data.index.get_level_values(0)
    expo = (fp.exposure if exposure == "proximity" else fp.border).reindex(ent).to_numpy()
    regs: list[str] = []
    dropped: list[tuple[str, str]] = []
    notes: list[str] = []
    for f in fp.factors:
        kind = fp.kind(f)
        if kind == "varying" or (kind == "common" and eff != "twoways") or (kind == "static" and eff == "pooled"):
            regs.append(f)
        elif kind == "common":
            name = f"{f}_x_{exposure}"
            data[name] = data[f] * expo
            regs.append(name)
        else:
            dropped.append((f, "time-invariant: absorbed by the entity fixed effects (its level effect is not "
                               "identified with entity effects)"))
    if eff == "twoways" and any(fp.kind(f) == "common" for f in fp.factors):
        notes.append(f"common factors (one value per year) enter as factor x {exposure}: the coefficient is the "
                     f"extra effect per unit of {exposure}; their average effect is absorbed by the year effects")
    if eff == "entity" and any(fp.kind(f) == "common" for f in fp.factors):
        notes.append("common factors are identified only from their movement over the years, without year "
                     "effects: any other event of the same years is confounded with them")
    n_common = sum(fp.kind(f) == "common" for f in fp.factors)
    n_years = data.index.get_level_values(1).nunique()
    if eff != "twoways" and n_common and n_common >= n_years - 2:
        notes.append(f"{n_common} common factors over {n_years} years: they nearly span the year-to-year variation "
                     "(year dummies under other names); read their coefficients as a description of those years, "
                     "not as separate causes")
    if lags:
        lag_name = f"{fp.outcome}_lag1"
        data[lag_name] = _lagged(data, fp.outcome)
        regs.insert(0, lag_name)
        t_avg = data.groupby(level=0).size().mean()
        notes.append(f"dynamic model with the lagged outcome: the within estimator is biased of order 1/T "
                     f"(Nickell 1981); T is about {t_avg:.0f} here, so read rho and the betas as indicative")
    h = fp.honesty.extend(dropped=tuple(dropped))
    return fit_panel(data, fp.outcome, regs, effects=eff, bootstrap=bootstrap, seed=seed, honesty=h,
                     notes=tuple(notes))
