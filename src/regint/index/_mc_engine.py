"""Vectorised evaluation of many index variants at once (the engine of the Monte Carlo).

Variants that share imputation, normalisation and aggregation differ only in weights, so their aggregates are
weighted sums: for a node with children :math:`x_{\\cdot i}` and per-variant weights :math:`W` (children ×
variants), with the observed-mask :math:`O`,

.. math:: S_0 = O W,\\quad S_1 = \\tilde x W,\\quad S_2 = \\tilde x^{2} W

(:math:`\\tilde x` the data with gaps set to 0, or its log for the geometric mean), from which the
arithmetic mean :math:`S_1/S_0`, the geometric mean :math:`\\exp(S_1/S_0)` and the Mazziotta–Pareto index
:math:`M - (S_2/S_0 - M^2)/M` follow for all variants in a few matrix products.
"""

from __future__ import annotations

import numpy as np

from regint.errors import ModelError
from regint.index.framework import Framework

_Moments = tuple[np.ndarray, np.ndarray, np.ndarray]


def _finish(s0: np.ndarray, s1: np.ndarray, s2: np.ndarray, method: str) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        m = s1 / s0
        if method == "geometric":
            out = np.exp(m, out=m)
        elif method == "mazziotta_pareto":
            var = s2 / s0
            var -= m * m
            np.maximum(var, 0.0, out=var)
            var /= m
            out = m - var
        else:
            out = m
    empty = s0 <= 0
    if empty.any():
        out = np.where(empty, np.nan, out)
    return out


def evaluate_variants(x: np.ndarray, framework: Framework, node_weights: dict[str, np.ndarray],
                      method: str) -> dict[str, np.ndarray]:
    """Scores of every aggregate for V weight variants.

    Parameters
    ----------
    x : numpy.ndarray, shape (rows, n_indicators)
        Normalised data (positive where ``method`` is geometric or MP), columns in ``framework.indicators``
        order, NaN for gaps.
    node_weights : dict code → numpy.ndarray of shape (V,)
        Weight of every non-root node in each variant (rescaled within parents automatically).
    method : {'arithmetic', 'geometric', 'mazziotta_pareto'}

    Returns
    -------
    dict aggregate code → numpy.ndarray, shape (rows, V)
    """
    col = {c: j for j, c in enumerate(framework.indicators)}
    obs = (~np.isnan(x)).astype(float)
    if method == "geometric":
        base = np.log(np.where(np.isnan(x), 1.0, np.maximum(x, 1e-300)))
    else:
        base = np.nan_to_num(x)
    sq = base * base
    values: dict[str, np.ndarray] = {}
    for node in framework.aggregates:
        kids = framework.children(node)
        leaf = [k for k in kids if k in col]
        inner = [k for k in kids if k not in col]
        s0 = s1 = s2 = None
        if leaf:
            idx = [col[k] for k in leaf]
            w = np.stack([node_weights[k] for k in leaf])  # (k, V)
            s0, s1 = obs[:, idx] @ w, base[:, idx] @ w
            s2 = sq[:, idx] @ w if method == "mazziotta_pareto" else s1
        for k in inner:
            v = values[k]
            wk = node_weights[k][None, :]
            gaps = np.isnan(v)
            if gaps.any():
                ok = ~gaps
                t = np.where(ok, np.log(np.where(ok & (v > 0), v, 1.0)) if method == "geometric" else v, 0.0)
                add0 = ok * wk
            else:
                t = np.log(v) if method == "geometric" else v
                add0 = wk
            add1 = t * wk
            add2 = t * add1 if method == "mazziotta_pareto" else add1
            s0 = add0 if s0 is None else s0 + add0
            s1 = add1 if s1 is None else s1 + add1
            s2 = add2 if s2 is None else s2 + add2
        if s0 is None or s1 is None or s2 is None:
            raise ModelError(f"aggregate {node!r} has no children. Fix: give it indicators or sub-aggregates in the "
                             "framework, or remove it.")
        values[node] = _finish(s0, s1, s2, method)
    return values


def rank_columns(scores: np.ndarray, n_years: int) -> np.ndarray:
    """Ordinal ranks (1 = best) within each year block, for every variant column.

    Parameters
    ----------
    scores : numpy.ndarray, shape (n_years * n_units, V)
        Rows ordered year-major: all units of the first year, then the next year.

    Returns
    -------
    numpy.ndarray, shape like ``scores``, float32, NaN where the score is NaN
    """
    rows, v = scores.shape
    n_units = rows // n_years
    s = scores.reshape(n_years, n_units, v)
    key = np.where(np.isnan(s), np.inf, -s)
    order = np.argsort(key, axis=1, kind="stable")
    ranks = np.empty(s.shape, dtype=np.float32)
    np.put_along_axis(ranks, order, np.arange(1, n_units + 1, dtype=np.float32)[None, :, None], axis=1)
    ranks[np.isnan(s)] = np.nan
    return ranks.reshape(rows, v)
