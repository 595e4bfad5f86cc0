r"""Partial-equilibrium readings of gravity estimates: border effects, tariff equivalents, trade potential.

All functions take a :class:`regint.models.gravity.GravityResults` and return frames; the arithmetic is in small
pure functions (:func:`percent_effect`, :func:`tariff_equivalent`, :func:`poisson_fe_scaling`).

References
----------
Yotov, Y. V., Piermartini, R., Monteiro, J.-A. and Larch, M. (2016). *An Advanced Guide to Trade Policy Analysis:
The Structural Gravity Model*. WTO/UNCTAD. Ch. 1, Sect. C (pp. 41–55): interpretation of dummy coefficients as
:math:`[\exp(\beta)-1]\times 100` per cent; Ch. 1, Sect. A: trade costs :math:`t_{ij}^{1-\sigma}=\exp(x_{ij}'\beta)`
and the elasticity of substitution; Ch. 2, Application 1 (authors' Stata do-file): :math:`\sigma = 7`.
Anderson, J. E. and van Wincoop, E. (2004). Trade costs. *Journal of Economic Literature* 42(3), 691–751
(tariff equivalents of trade-cost estimates, Section 3).
McCallum, J. (1995). National borders matter. *American Economic Review* 85(3), 615–623.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, ModelError

if TYPE_CHECKING:
    from regint.models.gravity_results import GravityResults

CIMethod = Literal["transform", "delta"]
_CI_METHODS = ("transform", "delta")

__all__ = [
    "percent_effect",
    "tariff_equivalent",
    "border_effect",
    "ad_valorem_equivalent",
    "poisson_fe_scaling",
    "trade_potential",
]


def percent_effect(beta: np.ndarray | float) -> np.ndarray | float:
    r"""Proportional effect of a dummy with log-link coefficient :math:`\beta`.

    .. math:: e = \exp(\beta) - 1

    ``beta = -2.47`` (an international border, Yotov et al. 2016, Ch. 2) gives ``e = -0.916``: trade across the
    border is 91.6 % lower than trade inside the country, other things equal.
    """
    return np.expm1(beta)


def tariff_equivalent(beta: np.ndarray | float, sigma: np.ndarray | float) -> np.ndarray | float:
    r"""Ad-valorem (tariff) equivalent of a trade-cost coefficient.

    With :math:`t_{ij}^{1-\sigma} = \exp(\beta D_{ij})`, switching the dummy on multiplies the trade cost factor
    :math:`t_{ij}` by :math:`\exp(-\beta/(\sigma-1))`, so the equivalent ad-valorem tariff is

    .. math:: \tau = \exp\!\left(-\frac{\beta}{\sigma - 1}\right) - 1 .

    A negative :math:`\beta` (a barrier) gives a positive :math:`\tau`; a positive one (an RTA) a negative
    :math:`\tau` (a subsidy equivalent).

    References
    ----------
    Yotov et al. (2016), Ch. 1, Sect. A (trade costs and :math:`\sigma`); Anderson and van Wincoop (2004), Sect. 3.
    """
    sigma_arr = np.asarray(sigma, dtype=float)
    if np.any(sigma_arr <= 1):
        raise ModelError(f"sigma must exceed 1 (trade elasticity sigma - 1 > 0); got {sigma}")
    return np.expm1(-np.asarray(beta, dtype=float) / (sigma_arr - 1.0))


def _combine(results: GravityResults, names: Sequence[str]) -> tuple[float, float]:
    missing = [n for n in names if n not in results.coef.index]
    if missing:
        raise ModelError(f"coefficient(s) {missing} not in the model; it has {list(results.coef.index)}")
    b = float(results.coef[list(names)].sum())
    v = results.vcov.loc[list(names), list(names)].to_numpy()
    return b, float(np.sqrt(v.sum()))


def border_effect(
    results: GravityResults,
    names: str | Sequence[str],
    *,
    combine: bool = False,
    level: float = 0.95,
    method: CIMethod = "transform",
) -> pd.DataFrame:
    r"""Proportional effect :math:`\exp(\beta)-1` of dummies (border, RTA, union) with a confidence interval.

    .. math::

        e = \exp(\hat\beta) - 1, \qquad
        \text{transform: } [\exp(\hat\beta - c\,s) - 1,\ \exp(\hat\beta + c\,s) - 1], \qquad
        \text{delta: } e \pm c\,\exp(\hat\beta)\,s

    The default ``'transform'`` maps the Wald interval of :math:`\beta` through the monotone function; it keeps
    the bounds above −1 and has the coverage of the interval for :math:`\beta`. ``'delta'`` is the symmetric
    first-order (delta-method) interval. ``se_effect`` is always the delta-method standard error
    :math:`\exp(\hat\beta)\,s`.

    Parameters
    ----------
    results : GravityResults
    names : str or sequence of str
        Regressor(s).
    combine : bool
        Report the effect of the sum of the coefficients (e.g. an RTA and its lags, Yotov et al. 2016, Table 3),
        with the standard error of the sum from the covariance matrix.
    level : float
        Confidence level.
    method : {'transform', 'delta'}

    Returns
    -------
    pandas.DataFrame
        Index: regressor (or ``'a+b+...'``); columns ``coef, se, effect, se_effect, lower, upper``.

    References
    ----------
    Yotov et al. (2016), Ch. 1, Sect. C (pp. 41–55) and Ch. 2, Application 1; McCallum (1995).
    """
    check_option("method", method, _CI_METHODS)
    labels = [names] if isinstance(names, str) else list(names)
    if combine:
        b, s = _combine(results, labels)
        rows = {"+".join(labels): (b, s)}
    else:
        rows = {n: _combine(results, [n]) for n in labels}
    c = results.critical_value(level)
    out = []
    for label, (b, s) in rows.items():
        effect = float(np.expm1(b))
        if method == "transform":
            lo, hi = float(np.expm1(b - c * s)), float(np.expm1(b + c * s))
        else:
            lo, hi = effect - c * np.exp(b) * s, effect + c * np.exp(b) * s
        out.append({"name": label, "coef": b, "se": s, "effect": effect, "se_effect": float(np.exp(b) * s),
                    "lower": lo, "upper": hi})
    return pd.DataFrame(out).set_index("name")


def ad_valorem_equivalent(
    results: GravityResults,
    names: str | Sequence[str],
    sigma: float | str,
    *,
    combine: bool = False,
    level: float = 0.95,
) -> pd.DataFrame:
    r"""Tariff equivalent :math:`\tau = \exp(-\beta/(\sigma-1)) - 1` of coefficients, with a confidence interval.

    ``sigma`` is either a number taken from the literature (Yotov et al. 2016 use :math:`\sigma = 7` in Ch. 2, Application 1;
    Head and Mayer 2014 report a median trade elasticity :math:`\sigma - 1 \approx 5`) or the name of a regressor
    :math:`\ln(1+\text{tariff}_{ij})` estimated in the same model, whose coefficient is :math:`-\sigma`
    (tariffs are paid on the delivered value; Yotov et al. 2016, Ch. 1, Sect. A).

    Interval: with a given ``sigma`` the Wald bounds of :math:`\beta` are transformed (the map is monotone
    decreasing, so the bounds swap); with an estimated ``sigma`` the delta method is applied to
    :math:`g(\beta,\beta_t)=\exp(\beta/(1+\beta_t))-1` using the joint covariance of the two coefficients.

    Returns
    -------
    pandas.DataFrame
        Index: regressor; columns ``coef, sigma, tau, lower, upper, method``.

    References
    ----------
    Yotov et al. (2016), Ch. 1, Sect. A; Anderson and van Wincoop (2004), Sect. 3.
    """
    labels = [names] if isinstance(names, str) else list(names)
    groups = {"+".join(labels): labels} if combine else {n: [n] for n in labels}
    c = results.critical_value(level)
    out = []
    for label, members in groups.items():
        b, s = _combine(results, members)
        if isinstance(sigma, str):
            _, _ = _combine(results, [sigma])
            bt = float(results.coef[sigma])
            sig = -bt
            if sig <= 1:
                raise ModelError(f"the coefficient of {sigma!r} implies sigma = {sig:.3f} <= 1; "
                                 "a tariff equivalent needs sigma > 1. Fix: pass sigma as a number.")
            tau = float(np.expm1(b / (1 + bt)))
            grad_members = np.full(len(members), np.exp(b / (1 + bt)) / (1 + bt))
            grad_t = -np.exp(b / (1 + bt)) * b / (1 + bt) ** 2
            idx = [*members, sigma]
            g = np.append(grad_members, grad_t)
            v = results.vcov.loc[idx, idx].to_numpy()
            se_tau = float(np.sqrt(g @ v @ g))
            lo, hi, how = tau - c * se_tau, tau + c * se_tau, "delta"
        else:
            sig = float(sigma)
            tau = float(tariff_equivalent(b, sig))
            a, z = float(tariff_equivalent(b + c * s, sig)), float(tariff_equivalent(b - c * s, sig))
            lo, hi, how = a, z, "transform"
        out.append({"name": label, "coef": b, "sigma": sig, "tau": tau, "lower": lo, "upper": hi, "method": how})
    return pd.DataFrame(out).set_index("name")


# ----------------------------------------------------------------------------------------------------------
# trade potential


def poisson_fe_scaling(
    mu: np.ndarray,
    y: np.ndarray,
    codes: Sequence[np.ndarray],
    *,
    tol: float = 1e-10,
    maxiter: int = 1000,
) -> tuple[np.ndarray, int]:
    r"""Re-solve Poisson fixed effects for given slopes by iterative proportional scaling.

    The PPML first-order condition of a fixed effect :math:`\alpha_g` is
    :math:`\sum_{r \in g} y_r = \sum_{r\in g} \mu_r`, so with the slopes held fixed the fixed effects are found
    by scaling :math:`\mu` group by group until every group's fitted total equals its actual total

    .. math:: \mu_r \leftarrow \mu_r \cdot \frac{\sum_{s \in g(r)} y_s}{\sum_{s \in g(r)} \mu_s}

    cycling over the fixed-effect dimensions (Guimarães and Portugal 2010, *Stata Journal* 10(4); for two-way
    exporter/importer effects this is the RAS/IPF solution of the multilateral-resistance system, Yotov et al.
    2016, Ch. 2, Sect. A).

    Parameters
    ----------
    mu : ndarray, shape (n,)
        Starting means (strictly positive), e.g. ``exp(X @ beta)`` or fitted values rescaled.
    y : ndarray, shape (n,)
        Observed flows.
    codes : sequence of ndarray of int, each shape (n,)
        Integer group codes of each fixed-effect dimension.

    Returns
    -------
    mu : ndarray, shape (n,)
    iterations : int
    """
    mu = np.array(mu, dtype=float, copy=True)
    totals = [np.bincount(c, weights=y) for c in codes]
    for it in range(1, maxiter + 1):
        worst = 0.0
        for c, tot in zip(codes, totals, strict=True):
            fitted = np.bincount(c, weights=mu, minlength=len(tot))
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(fitted > 0, tot / fitted, 1.0)
            worst = max(worst, float(np.max(np.abs(factor - 1.0))))
            mu *= factor[c]
        if worst < tol:
            return mu, it
    return mu, maxiter


def trade_potential(
    results: GravityResults,
    data: pd.DataFrame,
    *,
    keys: Sequence[str] = ("exporter", "importer"),
    draws: int = 200,
    level: float = 0.95,
    seed: int = 0,
    rows: pd.Index | None = None,
) -> pd.DataFrame:
    r"""Actual against gravity-predicted trade per flow, with a parametric-bootstrap interval.

    The prediction is the PPML mean :math:`\hat\mu_{ij}=\exp(x_{ij}'\hat\beta + \hat\pi_i + \hat\chi_j)`. Because
    the fixed effects make fitted exports and imports of every country add up to the actual ones, the prediction
    is the flow "a typical pair with these gravity characteristics would trade, given both partners' totals"
    (the trade potential). The ratio :math:`X_{ij}/\hat\mu_{ij}` is :math:`\exp` of the pair's PPML residual on
    the log scale; the implied extra friction is :func:`tariff_equivalent` of :math:`\ln(X_{ij}/\hat\mu_{ij})`.

    Interval: ``draws`` slope vectors :math:`\beta^{(b)} \sim N(\hat\beta, \hat V)` are drawn and for each the
    fixed effects are re-solved from their first-order conditions (:func:`poisson_fe_scaling`), giving
    :math:`\mu^{(b)}_{ij}`; ``lower``/``upper`` are the percentiles. It is a confidence interval for the expected
    flow (estimation uncertainty of the slopes, fixed effects adjusting), not a prediction interval for a single
    realised flow.

    Parameters
    ----------
    results : GravityResults
        A PPML fit whose regressors and fixed effects are plain columns of ``data``.
    data : pandas.DataFrame
        The frame the model was estimated on (same index labels).
    keys : sequence of str
        Columns copied to the output to identify flows.
    draws, level, seed
        Bootstrap draws, interval level, seed of ``numpy.random.default_rng``.
    rows : pandas.Index, optional
        Labels of the flows to report (default: all flows in the estimation sample).

    Returns
    -------
    pandas.DataFrame
        ``keys..., actual, predicted, lower, upper, ratio, ratio_lower, ratio_upper`` indexed by row label.
    """
    if results.method != "ppml":
        raise ModelError("trade_potential needs a PPML fit (ppml(...)); OLS on logs predicts log trade, "
                         "not trade.")
    if draws < 0:
        raise ModelError(f"draws must be >= 0; got {draws}")
    used = results.fitted.index
    fe_cols = _fe_columns(results)
    reg_cols = list(results.coef.index)
    missing = [c for c in [*reg_cols, *fe_cols, *keys, results.depvar] if c not in data.columns]
    if missing:
        raise DataError(f"columns {missing} are not in the data. Fix: trade_potential needs the frame the model "
                        "was fitted on, with regressors and fixed effects as plain columns.")
    rows = used if rows is None else pd.Index(rows)
    pos = used.get_indexer(rows)
    if (pos < 0).any():
        raise DataError(f"{int((pos < 0).sum())} requested rows are not in the estimation sample "
                        "(dropped for separation, singletons or missing values).")
    X = data.loc[used, reg_cols].to_numpy(dtype=float)
    y = data.loc[used, results.depvar].to_numpy(dtype=float)
    codes = [pd.factorize(data.loc[used, c])[0] for c in fe_cols]
    mu_hat = results.fitted.to_numpy()
    beta = results.coef.to_numpy()
    out = data.loc[rows, list(keys)].copy()
    out["actual"] = y[pos]
    out["predicted"] = mu_hat[pos]
    if draws:
        rng = np.random.default_rng(seed)
        b = rng.multivariate_normal(beta, results.vcov.to_numpy(), size=draws, method="cholesky")
        sims = np.empty((draws, len(pos)))
        for k in range(draws):
            start = mu_hat * np.exp(X @ (b[k] - beta))
            mu_k, _ = poisson_fe_scaling(start, y, codes)
            sims[k] = mu_k[pos]
        alpha = (1 - level) / 2
        out["lower"] = np.quantile(sims, alpha, axis=0)
        out["upper"] = np.quantile(sims, 1 - alpha, axis=0)
    else:
        out["lower"] = np.nan
        out["upper"] = np.nan
    out["ratio"] = out["actual"] / out["predicted"]
    out["ratio_lower"] = out["actual"] / out["upper"]
    out["ratio_upper"] = out["actual"] / out["lower"]
    return out


def _fe_columns(results: GravityResults) -> list[str]:
    if "|" not in results.formula:
        return []
    part = results.formula.split("|", 1)[1]
    cols = [c.strip() for c in part.split("+") if c.strip()]
    bad = [c for c in cols if not c.isidentifier()]
    if bad:
        raise ModelError(f"fixed effects {bad} are not plain column names. Fix: build the interaction as a "
                         "column first (e.g. data['exp_year'] = data.exporter + data.year.astype(str)).")
    return cols

