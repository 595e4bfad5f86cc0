"""Aggregation of normalised indicators up the framework tree (indicators → dimensions → index).

Missing children are dropped and the weights of the others rescaled (COINr's default); a unit with no
observed child gets NaN. Besides the compensatory means, the Borda rule aggregates ranks only (a
non-compensatory, ordinal method): the size of a lead on one indicator cannot buy back a lag on another.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.index._frames import is_panel
from regint.index.framework import Framework

AggMethod = Literal["arithmetic", "geometric", "mazziotta_pareto", "borda"]
AGG_METHODS: tuple[str, ...] = ("arithmetic", "geometric", "mazziotta_pareto", "borda")


def _masked_weights(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    obs = ~np.isnan(x)
    ww = np.where(obs, w[None, :], 0.0)
    tot = ww.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return ww / tot[:, None], tot


def weighted_arithmetic_mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted arithmetic mean of the observed entries of each row.

    .. math:: y_c = \\sum_{i \\in O_c} w_i x_{ci} \\Big/ \\sum_{i \\in O_c} w_i

    Parameters
    ----------
    x : numpy.ndarray, shape (n_units, k)
    w : numpy.ndarray, shape (k,), positive

    Returns
    -------
    numpy.ndarray, shape (n_units,)

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 6, "Additive aggregation methods", pp. 31–32 and 102–103.
    """
    wn, tot = _masked_weights(x, w)
    y = np.nansum(wn * np.nan_to_num(x), axis=1)
    return np.where(tot > 0, y, np.nan)


def weighted_geometric_mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted geometric mean of the observed entries of each row (strictly positive values).

    .. math:: y_c = \\prod_{i \\in O_c} x_{ci}^{\\tilde w_i}, \\qquad \\tilde w_i = w_i / \\sum_{O_c} w_j

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 6, "Geometric aggregation", pp. 32–33 and 103–104.
    """
    if np.nanmin(x, initial=np.inf) <= 0:
        raise DataError("geometric aggregation needs strictly positive normalised values; "
                        "use min-max bounds with l > 0 (e.g. (1, 100)) or another aggregation.")
    wn, tot = _masked_weights(x, w)
    y = np.exp(np.nansum(wn * np.log(np.where(np.isnan(x), 1.0, x)), axis=1))
    return np.where(tot > 0, y, np.nan)


def mazziotta_pareto(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Mazziotta–Pareto index: the mean penalised by the horizontal imbalance of the components.

    .. math::
        M_c = \\sum_i \\tilde w_i x_{ci},\\quad S_c = \\sqrt{\\textstyle\\sum_i \\tilde w_i (x_{ci} - M_c)^2},
        \\quad cv_c = S_c / M_c,\\qquad \\mathrm{MPI}^-_c = M_c - S_c\\,cv_c

    With equal weights this is the MPI of Mazziotta & Pareto (population standard deviation). For
    :math:`M_c > 0` the penalty is non-negative, so :math:`\\mathrm{MPI}_c \\le M_c`. Intended for data
    standardised to mean 100 and sd 10 (``normalise(..., 'zscore', zscore_params=(100, 10))``) or any
    positive scale.

    References
    ----------
    Mazziotta, M. & Pareto, A. (2016), "On a generalized non-compensatory composite index for measuring
    socio-economic phenomena", *Social Indicators Research* 127(3), 983–1003, eqs. (2)–(3).
    """
    wn, tot = _masked_weights(x, w)
    x0 = np.nan_to_num(x)
    m = np.sum(wn * x0, axis=1)
    var = np.maximum(np.sum(wn * x0**2, axis=1) - m**2, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = m - var / m
    return np.where(tot > 0, y, np.nan)


def borda_scores(x: np.ndarray) -> np.ndarray:
    """Borda points of every unit on every column: the number of observed units it beats (ties share the lower).

    .. math:: b_{ci} = \\#\\{c' : x_{c'i} < x_{ci}\\}

    NaN stays NaN. This is COINr's ``n_borda`` (``rank(x, ties.method = "min") - 1``).

    Parameters
    ----------
    x : numpy.ndarray, shape (n_units, k)

    Returns
    -------
    numpy.ndarray, shape (n_units, k)
    """
    out = np.full(x.shape, np.nan)
    for j in range(x.shape[1]):
        col = x[:, j]
        obs = ~np.isnan(col)
        ref = np.sort(col[obs])
        out[obs, j] = np.searchsorted(ref, col[obs], side="left")
    return out


def borda(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted Borda count: each child (indicator) is a voter with weight :math:`w_i` that ranks the units.

    .. math:: B_c = \\sum_{i \\in O_c} \\tilde w_i\\, b_{ci}, \\qquad \\tilde w_i = w_i \\Big/ \\sum_{O_c} w_j

    with :math:`b_{ci}` the Borda points (:func:`borda_scores`). Scores are on the scale 0 … n−1 (n units);
    only the order of the units on each child matters.

    References
    ----------
    Borda, J.-C. de (1781). Mémoire sur les élections au scrutin. *Histoire de l'Académie Royale des
    Sciences*, Paris. OECD/JRC (2008), *Handbook*, step 6, "Non-compensatory multi-criteria approach",
    pp. 33 and 112–115. COINr ``n_borda`` followed by ``a_amean`` (Becker et al. 2022).
    """
    return weighted_arithmetic_mean(borda_scores(x), w)


_FUNCS = {"arithmetic": weighted_arithmetic_mean, "geometric": weighted_geometric_mean,
          "mazziotta_pareto": mazziotta_pareto, "borda": borda}


def aggregate(data: pd.DataFrame, framework: Framework, weights: pd.Series | None = None,
              method: AggMethod = "arithmetic") -> pd.DataFrame:
    """Aggregate normalised indicators level by level up to the index.

    Parameters
    ----------
    data : pandas.DataFrame
        Normalised indicators (units or (unit, year) × indicators).
    framework : Framework
    weights : pandas.Series, optional
        Weight of every non-root node (rescaled within parents); default the framework's nominal weights.
    method : {'arithmetic', 'geometric', 'mazziotta_pareto', 'borda'}
        Used at every level. ``borda`` ranks the units on each child of a node (within each year of a panel)
        and takes the weighted mean of the Borda points (:func:`borda`); a higher level ranks the Borda scores
        of its children again.

    Returns
    -------
    pandas.DataFrame
        One column per aggregate, bottom-up, the root last.
    """
    check_option("method", method, AGG_METHODS)
    missing = [c for c in framework.indicators if c not in data.columns]
    if missing:
        raise DataError(f"aggregate: indicators of the framework absent from the data: {missing}.")
    w = framework.weights if weights is None else weights
    func = _FUNCS[method]
    cols: dict[str, np.ndarray] = {c: data[c].to_numpy(dtype=float) for c in framework.indicators}
    out: dict[str, np.ndarray] = {}
    years = data.index.get_level_values(1).to_numpy() if is_panel(data) and method == "borda" else None
    for node in framework.aggregates:
        kids = framework.children(node)
        x = np.column_stack([cols[k] for k in kids])
        wk = w.reindex(list(kids)).to_numpy(dtype=float)
        if years is None:
            cols[node] = out[node] = func(x, wk)
        else:
            y = np.full(x.shape[0], np.nan)
            for yr in pd.unique(years):
                m = years == yr
                y[m] = func(x[m], wk)
            cols[node] = out[node] = y
    return pd.DataFrame(out, index=data.index)
