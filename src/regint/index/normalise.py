"""Normalisation: put indicators on a common scale, oriented so that higher is always better.

Every method first orients the data, :math:`x' = \\delta_i x` with direction :math:`\\delta_i = \\pm 1`
(min-max reverses as ``u + l - score`` instead, as COINr does, which gives the same numbers).

For a panel the reference statistics (min, max, mean, sd, rank set) come from

* ``pooled`` — all units and years together (scores comparable over time; the default),
* ``by_year`` — each year separately (a pure cross-sectional ranking each year), or
* ``base`` — the base period only; later years are scored against the base-period bounds, so that
  change over time shows (values may leave [l, u]).

Goalposts are fixed bounds given with the data (as the HDI's), so their scores need no reference statistics
and are comparable across units, years and editions by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.index._frames import check_numeric, is_panel

NormMethod = Literal["minmax", "zscore", "rank", "target", "frontier", "goalposts"]
NORM_METHODS: tuple[str, ...] = ("minmax", "zscore", "rank", "target", "frontier", "goalposts")
PanelBounds = Literal["pooled", "by_year", "base"]


def minmax_scores(x: np.ndarray, ref: np.ndarray, direction: int, lower: float = 0.0,
                  upper: float = 100.0) -> np.ndarray:
    """Min-max scores of ``x`` against the range of ``ref``.

    .. math:: y = l + (u - l)\\,\\frac{x - \\min(r)}{\\max(r) - \\min(r)},\\qquad
              y \\leftarrow u + l - y \\text{ when } \\delta = -1

    A constant reference gives the midpoint :math:`(l+u)/2`.

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 5, Table 3 "Min-max", p. 30 and p. 85.
    """
    lo, hi = np.nanmin(ref), np.nanmax(ref)
    if hi == lo:
        y = np.where(np.isnan(x), np.nan, (lower + upper) / 2.0)
    else:
        y = lower + (upper - lower) * (x - lo) / (hi - lo)
    return y if direction > 0 else upper + lower - y


def zscore_scores(x: np.ndarray, ref: np.ndarray, direction: int, mean: float = 0.0,
                  sd: float = 1.0) -> np.ndarray:
    """Standardised scores (sample standard deviation, ``ddof=1``), rescaled to mean ``mean`` and sd ``sd``.

    .. math:: y = m + s\\,\\frac{\\delta x - \\overline{\\delta r}}{\\operatorname{sd}(\\delta r)}

    ``mean=100, sd=10`` gives the standardisation of the Mazziotta–Pareto index.

    References
    ----------
    OECD/JRC (2008), *Handbook*, Table 3 "Standardisation (or z-scores)", p. 30 and p. 84;
    Mazziotta, M. & Pareto, A. (2016), *Social Indicators Research* 127(3), 983–1003, eq. (1).
    """
    r = direction * ref
    s = np.nanstd(r, ddof=1)
    if not np.isfinite(s) or s == 0:
        return np.where(np.isnan(x), np.nan, mean)
    return mean + sd * (direction * x - np.nanmean(r)) / s


def rank_scores(x: np.ndarray, ref: np.ndarray, direction: int) -> np.ndarray:
    """Percentile ranks in (0, 100]: the share of reference values at or below each (oriented) value.

    .. math:: y = 100\\,\\frac{\\#\\{r_j : \\delta r_j \\le \\delta x\\}}{\\#\\{r_j\\}}

    Ties share the highest rank of their group.

    References
    ----------
    OECD/JRC (2008), *Handbook*, Table 3 "Ranking" and "Percentile", p. 30 and p. 84.
    """
    r = np.sort(direction * ref[~np.isnan(ref)])
    if r.size == 0:
        return np.full_like(x, np.nan)
    y = 100.0 * np.searchsorted(r, direction * x, side="right") / r.size
    return np.where(np.isnan(x), np.nan, y)


def target_scores(x: np.ndarray, ref: np.ndarray, direction: int, target: float) -> np.ndarray:
    """Distance to a target, scaled to [0, 100] and capped at 100 once the target is met.

    .. math:: y = 100 \\min\\left(1, \\frac{\\delta x - \\min(\\delta r)}{\\delta t - \\min(\\delta r)}\\right)

    References
    ----------
    OECD/JRC (2008), *Handbook*, Table 3 "Distance to a reference", p. 30 and p. 85;
    COINr ``n_dist2targ`` with ``cap_max = TRUE`` (Becker et al. 2022).
    """
    r = direction * ref
    lo = np.nanmin(r)
    span = direction * target - lo
    if not np.isfinite(span) or span <= 0:
        raise DataError(f"target_scores: the target {target} is not beyond the worst value of the data; "
                        "the distance to it is undefined.")
    return 100.0 * np.minimum(1.0, (direction * x - lo) / span)


def frontier_scores(x: np.ndarray, ref: np.ndarray, direction: int) -> np.ndarray:
    """Distance to the frontier (the leader), as a percentage of the best value; positive data only.

    .. math:: y = 100\\,x / \\max(r) \\ (\\delta = 1), \\qquad y = 100 \\min(r) / x \\ (\\delta = -1)

    References
    ----------
    OECD/JRC (2008), *Handbook*, Table 3 "Distance to a reference" (the leader), p. 30 and p. 85.
    """
    if np.nanmin(ref) <= 0 or np.nanmin(x) <= 0:
        raise DataError("frontier_scores: distance to the frontier needs strictly positive values; use 'minmax'.")
    return 100.0 * (x / np.nanmax(ref) if direction > 0 else np.nanmin(ref) / x)


def goalpost_scores(x: np.ndarray, lower: float, upper: float, direction: int, out_lower: float = 0.0,
                    out_upper: float = 100.0, *, truncate: bool = True) -> np.ndarray:
    """Position of ``x`` between fixed goalposts, truncated to them, on the scale ``[out_lower, out_upper]``.

    .. math:: y = l' + (u' - l')\\,g, \\qquad g = \\frac{x - L}{U - L}\\ (\\delta = 1), \\quad
              g = \\frac{x - U}{L - U}\\ (\\delta = -1), \\qquad g \\leftarrow \\min(1, \\max(0, g))

    :math:`L < U` are the goalposts in the indicator's own units (the worst and best plausible values for a
    positive indicator; for a negative one :math:`U` is the worst). Truncation keeps values beyond the
    goalposts at 0 or 1 (COINr's ``trunc2posts = TRUE``).

    References
    ----------
    UNDP (2022), *Human Development Report 2021/2022*, Technical notes, p. 2 (dimension index =
    (actual − minimum)/(maximum − minimum) with fixed goalposts); COINr ``n_goalposts`` (Becker et al. 2022).
    """
    if not (np.isfinite(lower) and np.isfinite(upper)) or upper <= lower:
        raise DataError(f"goalposts: the lower goalpost {lower} must be below the upper one {upper}.")
    g = (x - lower) / (upper - lower) if direction > 0 else (x - upper) / (lower - upper)
    if truncate:
        g = np.clip(g, 0.0, 1.0)
    return out_lower + (out_upper - out_lower) * g


def _score(method: str, x: np.ndarray, ref: np.ndarray, direction: int, target: float | None,
           bounds: tuple[float, float], zparams: tuple[float, float]) -> np.ndarray:
    if method == "minmax":
        return minmax_scores(x, ref, direction, *bounds)
    if method == "zscore":
        return zscore_scores(x, ref, direction, *zparams)
    if method == "rank":
        return rank_scores(x, ref, direction)
    if method == "frontier":
        return frontier_scores(x, ref, direction)
    if target is None or not np.isfinite(target):
        raise DataError("normalise: method 'target' needs a finite target for every indicator.")
    return target_scores(x, ref, direction, target)


def normalise(data: pd.DataFrame, method: NormMethod = "minmax", *,
              direction: pd.Series | Mapping[str, int] | None = None,
              targets: pd.Series | Mapping[str, float] | None = None,
              bounds: tuple[float, float] = (0.0, 100.0), zscore_params: tuple[float, float] = (0.0, 1.0),
              panel_bounds: PanelBounds = "pooled", base_period: object | None = None,
              goalposts: pd.DataFrame | Mapping[str, tuple[float, float]] | None = None,
              truncate: bool = True) -> pd.DataFrame:
    """Normalise every indicator column.

    Parameters
    ----------
    data : pandas.DataFrame
        Units × indicators, or (unit, year) × indicators.
    method : {'minmax', 'zscore', 'rank', 'target', 'frontier', 'goalposts'}
    direction : Series indicator → ±1, optional (default: all +1)
    targets : Series indicator → target, needed for ``target``
    bounds : (l, u)
        Output range for ``minmax``.
    zscore_params : (mean, sd)
        Output mean and standard deviation for ``zscore``.
    panel_bounds : {'pooled', 'by_year', 'base'}
        Where the reference statistics come from in a panel (see the module docstring).
    base_period : year, needed with ``panel_bounds='base'``
    goalposts : DataFrame with columns ``lower``, ``upper`` (index: indicators), or mapping
        indicator → (lower, upper); needed for ``goalposts`` (:func:`goalpost_scores`, scaled to ``bounds``;
        ``panel_bounds`` does not apply: goalposts are fixed).
    truncate : bool
        ``goalposts`` only: cut values beyond the goalposts to the bounds (default, as COINr).

    Returns
    -------
    pandas.DataFrame
        Same shape as ``data``.
    """
    check_option("method", method, NORM_METHODS)
    check_option("panel_bounds", panel_bounds, ("pooled", "by_year", "base"))
    x = check_numeric(data, "normalise")
    dirs = pd.Series(1, index=x.columns) if direction is None else pd.Series(direction).reindex(x.columns)
    if dirs.isna().any():
        raise DataError(f"normalise: no direction for indicators {list(dirs.index[dirs.isna()])}.")
    tg = pd.Series(targets, dtype=float) if targets is not None else pd.Series(dtype=float)
    out = x.copy()
    years = x.index.get_level_values(1) if is_panel(x) else None
    if panel_bounds == "base" and years is not None:
        if base_period is None or base_period not in set(years):
            raise DataError(f"normalise: base_period {base_period!r} is not a year of the panel.")
    posts = _goalposts(goalposts, list(x.columns)) if method == "goalposts" else None
    for col in x.columns:
        v = x[col].to_numpy()
        d, t = int(dirs[col]), (float(tg[col]) if col in tg.index else None)
        if posts is not None:
            out[col] = goalpost_scores(v, *posts[col], d, *bounds, truncate=truncate)
        elif years is None or panel_bounds == "pooled":
            out[col] = _score(method, v, v, d, t, bounds, zscore_params)
        elif panel_bounds == "base":
            ref = v[np.asarray(years == base_period)]
            out[col] = _score(method, v, ref, d, t, bounds, zscore_params)
        else:
            y = np.full_like(v, np.nan)
            for yr in pd.unique(years):
                m = np.asarray(years == yr)
                y[m] = _score(method, v[m], v[m], d, t, bounds, zscore_params)
            out[col] = y
    return out


def _goalposts(goalposts: pd.DataFrame | Mapping[str, tuple[float, float]] | None,
               columns: list[str]) -> dict[str, tuple[float, float]]:
    if goalposts is None:
        raise DataError("normalise: method 'goalposts' needs goalposts (lower, upper) for every indicator. "
                        "Fix: pass goalposts=DataFrame with columns 'lower' and 'upper' indexed by indicator.")
    if isinstance(goalposts, pd.DataFrame):
        if not {"lower", "upper"} <= set(goalposts.columns):
            raise DataError(f"normalise: the goalposts table needs columns 'lower' and 'upper'; it has "
                            f"{list(goalposts.columns)}.")
        table = {str(k): (float(r["lower"]), float(r["upper"])) for k, r in goalposts.iterrows()}
    else:
        table = {str(k): (float(v[0]), float(v[1])) for k, v in goalposts.items()}
    missing = [c for c in columns if c not in table]
    if missing:
        raise DataError(f"normalise: no goalposts for indicators {missing}. Fix: add a row (lower, upper) for each.")
    return {c: table[c] for c in columns}
