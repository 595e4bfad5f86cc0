"""Weighting: equal, principal components / factor analysis, entropy, budget allocation, or given from outside.

Every function returns a Series with the weight of every non-root node, rescaled to sum to one among the
children of each aggregate. Data-driven methods (PCA, factor analysis, entropy) set the weights of the
indicators inside each aggregate whose children are indicators; higher levels keep their nominal weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.index.framework import Framework, FrameworkError, rescale_weights

WeightMethod = Literal["equal", "nominal", "pca", "factor", "entropy"]
WEIGHT_METHODS: tuple[str, ...] = ("equal", "nominal", "pca", "factor", "entropy")


def equal_weights(framework: Framework) -> pd.Series:
    """Equal weights among siblings: :math:`w_i = 1/|\\mathrm{sib}(i)|`.

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 6, "Equal weighting", p. 31.
    """
    nodes = framework.table.index.drop(framework.root)
    return rescale_weights(pd.Series(1.0, index=nodes), framework)


def _indicator_groups(framework: Framework) -> list[tuple[str, list[str]]]:
    return [(a, list(framework.children(a))) for a in framework.aggregates
            if all(not framework.children(c) for c in framework.children(a))]


def _complete_block(data: pd.DataFrame, cols: list[str], what: str) -> np.ndarray:
    x = data[cols].dropna().to_numpy(dtype=float)
    if x.shape[0] < 3:
        raise DataError(f"{what}: fewer than 3 units with all of {cols} observed; impute first.")
    return x


def pca_loadings(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and eigenvectors (columns) of the correlation matrix of ``x``.

    Parameters
    ----------
    x : numpy.ndarray, shape (n_units, k)

    Returns
    -------
    eigenvalues : numpy.ndarray, shape (k,)
    vectors : numpy.ndarray, shape (k, k), column j the j-th component, sign chosen so its sum is positive
    """
    sd = x.std(axis=0, ddof=1)
    z = (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    corr = np.atleast_2d(np.corrcoef(z, rowvar=False)) if x.shape[1] > 1 else np.ones((1, 1))
    corr = np.nan_to_num(corr)
    vals, vecs = np.linalg.eigh(corr)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    vecs = vecs * np.where(vecs.sum(axis=0) < 0, -1.0, 1.0)
    return vals, vecs


def varimax(loadings: np.ndarray, max_iter: int = 500, tol: float = 1e-10) -> np.ndarray:
    """Kaiser's varimax rotation of a loading matrix (k × m).

    .. math:: \\max_R \\sum_j \\Bigl[\\tfrac1k \\sum_i \\lambda_{ij}^4 - \\bigl(\\tfrac1k \\sum_i \\lambda_{ij}^2\\bigr)^2\\Bigr],
              \\ \\Lambda^* = \\Lambda R

    References
    ----------
    Kaiser, H. F. (1958), "The varimax criterion for analytic rotation in factor analysis",
    *Psychometrika* 23(3), 187–200.
    """
    k, m = loadings.shape
    if m < 2:
        return loadings.copy()
    rot = np.eye(m)
    crit = 0.0
    for _ in range(max_iter):
        lam = loadings @ rot
        u, s, vt = np.linalg.svd(loadings.T @ (lam**3 - lam @ np.diag(np.sum(lam**2, axis=0)) / k))
        rot = u @ vt
        new = float(s.sum())
        if new - crit < tol * max(new, 1.0):
            break
        crit = new
    return loadings @ rot


def pca_weights(data: pd.DataFrame, framework: Framework) -> pd.Series:
    """Weights from the first principal component of each indicator group.

    Within an aggregate of *k* indicators, the weight of indicator *i* is its squared coefficient in the first
    eigenvector of the correlation matrix, :math:`w_i = v_{i1}^2` (these sum to one).

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 4 "Principal components analysis", pp. 63–69, and step 6,
    "Weights based on principal components analysis or factor analysis", pp. 89–91.
    """
    w = framework.weights.copy()
    for node, cols in _indicator_groups(framework):
        if len(cols) == 1:
            continue
        _, vecs = pca_loadings(_complete_block(data, cols, f"pca_weights for {node!r}"))
        w[cols] = np.maximum(vecs[:, 0] ** 2, 1e-12)
    return rescale_weights(w, framework)


def factor_weights(data: pd.DataFrame, framework: Framework) -> pd.Series:
    """Weights from factor analysis as in the OECD/JRC Handbook (principal-component extraction).

    Within each indicator group: keep the components with eigenvalue > 1 (at least one), scale their loadings
    :math:`\\lambda_{ij} = v_{ij}\\sqrt{\\ell_j}`, rotate with varimax, square the rotated loadings and scale
    each factor's column to unit sum; each indicator is assigned to the factor where its scaled squared loading
    is largest, and its weight is that value times the factor's share of the explained variance,

    .. math:: w_i = \\frac{\\lambda_{i j^*}^2}{\\sum_h \\lambda_{h j^*}^2} \\cdot
              \\frac{\\sum_h \\lambda_{h j^*}^2}{\\sum_{j} \\sum_h \\lambda_{hj}^2}

    References
    ----------
    OECD/JRC (2008), *Handbook*, pp. 89–91 (Tables 18–19, the worked example).
    """
    w = framework.weights.copy()
    for node, cols in _indicator_groups(framework):
        if len(cols) == 1:
            continue
        vals, vecs = pca_loadings(_complete_block(data, cols, f"factor_weights for {node!r}"))
        m = max(1, int(np.sum(vals > 1.0)))
        lam = varimax(vecs[:, :m] * np.sqrt(np.maximum(vals[:m], 0.0)))
        sq = lam**2
        explained = sq.sum(axis=0)
        scaled = sq / explained
        best = np.argmax(scaled, axis=1)
        share = explained / explained.sum()
        w[cols] = np.maximum(scaled[np.arange(len(cols)), best] * share[best], 1e-12)
    return rescale_weights(w, framework)


def entropy_weights(data: pd.DataFrame, framework: Framework) -> pd.Series:
    """Shannon-entropy weights: indicators that differentiate the units more get more weight.

    On non-negative (normalised) data of each indicator group,

    .. math:: p_{ci} = \\frac{x_{ci}}{\\sum_c x_{ci}},\\quad E_i = -\\frac{1}{\\ln n}\\sum_c p_{ci}\\ln p_{ci},
              \\quad w_i = \\frac{1 - E_i}{\\sum_j (1 - E_j)}

    References
    ----------
    Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making*, Springer, pp. 52–53;
    Zeleny, M. (1982), *Multiple Criteria Decision Making*, McGraw-Hill, ch. 7.
    """
    w = framework.weights.copy()
    for node, cols in _indicator_groups(framework):
        x = _complete_block(data, cols, f"entropy_weights for {node!r}")
        if np.min(x) < 0:
            raise DataError(f"entropy_weights for {node!r}: needs non-negative data; normalise with min-max first.")
        n = x.shape[0]
        tot = x.sum(axis=0)
        p = np.divide(x, tot, out=np.full_like(x, 1.0 / n), where=tot > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            e = -np.nansum(np.where(p > 0, p * np.log(p), 0.0), axis=0) / np.log(n)
        d = np.maximum(1.0 - e, 1e-12)
        w[cols] = d / d.sum()
    return rescale_weights(w, framework)


def budget_weights(allocations: pd.DataFrame | pd.Series | Mapping[str, float],
                   framework: Framework) -> pd.Series:
    """Budget allocation process: experts share a budget of points among the children of each aggregate.

    ``allocations`` has one row per expert and one column per node (or a single allocation as a Series); the
    weights are the mean allocations, rescaled within each aggregate. Nodes without an allocation keep their
    nominal weights.

    .. math:: w_i = \\frac{\\bar b_i}{\\sum_{j \\in \\mathrm{sib}(i)} \\bar b_j},\\qquad
              \\bar b_i = \\frac1E \\sum_e b_{ei}

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 6, "Budget allocation process", pp. 96–97.
    """
    frame = pd.DataFrame([allocations]) if not isinstance(allocations, pd.DataFrame) else allocations
    if (frame < 0).any().any():
        raise FrameworkError("budget_weights: allocations must be non-negative points.")
    return given_weights(frame.mean(axis=0), framework)


def given_weights(weights: pd.Series | Mapping[str, float], framework: Framework) -> pd.Series:
    """Weights given from outside (e.g. AHP priorities from ``regint.experts``), validated and rescaled.

    Codes not in ``weights`` keep their nominal weights; unknown codes and non-positive weights raise
    :class:`~regint.index.framework.FrameworkError`.

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 6, "Analytic hierarchy process", pp. 96–98.
    """
    w = pd.Series(weights, dtype=float)
    unknown = sorted(set(w.index) - set(framework.table.index.drop(framework.root)))
    if unknown:
        raise FrameworkError(f"given weights name codes that are not non-root nodes of the framework: {unknown}.")
    bad = list(w.index[~(w > 0)])
    if bad:
        raise FrameworkError(f"given weights must be positive; not so for {bad}.")
    base = framework.table["weight"].drop(framework.root).copy()
    base[w.index] = w
    return rescale_weights(base, framework)


def compute_weights(method: WeightMethod, framework: Framework, data: pd.DataFrame | None = None) -> pd.Series:
    """Weights by name: ``equal``, ``nominal`` (from the framework file), ``pca``, ``factor`` or ``entropy``."""
    check_option("weights", method, WEIGHT_METHODS)
    if method == "equal":
        return equal_weights(framework)
    if method == "nominal":
        return framework.weights
    if data is None:
        raise DataError(f"weights {method!r} are data-driven and need the normalised data.")
    return {"pca": pca_weights, "factor": factor_weights, "entropy": entropy_weights}[method](data, framework)
