"""Imputation of missing data: an explicit, labelled stage (gaps are never filled silently elsewhere).

Cross-sectional methods work year by year on a panel; the time methods need a (unit, year) panel.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError
from regint.index._frames import check_numeric, cross_sections, is_panel, require_panel, unit_level

ImputeMethod = Literal["none", "mean", "median", "group_mean", "regression", "locf", "interpolate"]
IMPUTE_METHODS: tuple[str, ...] = ("none", "mean", "median", "group_mean", "regression", "locf", "interpolate")


def impute_mean(data: pd.DataFrame, statistic: Literal["mean", "median"] = "mean") -> pd.DataFrame:
    """Fill each gap with the indicator's mean (or median) over the units of the same year.

    .. math:: \\hat x_{ci} = \\frac{1}{|O_i|} \\sum_{c' \\in O_i} x_{c'i}

    where :math:`O_i` is the set of units where indicator *i* is observed.

    References
    ----------
    OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 3, "Single imputation", p. 55.
    """
    check_option("statistic", statistic, ("mean", "median"))
    x = check_numeric(data, "impute_mean")
    parts = []
    for _, block in cross_sections(x):
        fill = block.mean() if statistic == "mean" else block.median()
        parts.append(block.fillna(fill))
    return pd.concat(parts).reindex(x.index)


def impute_group_mean(data: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Fill each gap with the mean of the indicator over units of the same group (and year).

    .. math:: \\hat x_{ci} = \\operatorname{mean}\\{x_{c'i} : g(c') = g(c),\\ x_{c'i} \\text{ observed}\\}

    Parameters
    ----------
    data : pandas.DataFrame
        Units × indicators or (unit, year) × indicators.
    groups : pandas.Series
        Group of each unit, indexed by unit (e.g. COINr's ``Group_EurAsia``).

    References
    ----------
    OECD/JRC (2008), *Handbook*, p. 55 ("unconditional mean imputation" within groups);
    COINr ``impute(imtype = "indgroup_mean")`` (Becker et al. 2022).
    """
    x = check_numeric(data, "impute_group_mean")
    units = unit_level(x)
    missing_units = sorted(set(units) - set(groups.index))
    if missing_units:
        raise DataError(f"impute_group_mean: no group given for units {missing_units[:5]}.")
    g = pd.Series(groups.reindex(units).to_numpy(), index=x.index)
    keys = [g] if not is_panel(x) else [g, x.index.get_level_values(1)]
    means = x.groupby(keys).transform("mean")
    return x.fillna(means)


def impute_regression(data: pd.DataFrame, max_predictors: int = 3) -> pd.DataFrame:
    """Fill gaps from an OLS regression on the most correlated fully observed indicators.

    For each indicator *i* with gaps, the predictors are the ``max_predictors`` complete indicators with the
    largest absolute correlation with *i* over the rows where *i* is observed;

    .. math:: \\hat x_{ci} = \\hat\\beta_0 + \\sum_{k} \\hat\\beta_k x_{ck}

    with :math:`\\hat\\beta` estimated by least squares on the observed rows (all years pooled in a panel).
    Gaps stay NaN when no complete predictor exists or fewer than ``max_predictors + 2`` rows are observed.

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 3, "Regression imputation", p. 56.
    """
    x = check_numeric(data, "impute_regression")
    complete = [c for c in x.columns if x[c].notna().all()]
    out = x.copy()
    for col in x.columns:
        gaps = x[col].isna()
        if not gaps.any() or not complete:
            continue
        obs = ~gaps
        cand = [c for c in complete if c != col and x.loc[obs, c].std() > 0]
        if not cand:
            continue
        corr = x.loc[obs, cand].corrwith(x.loc[obs, col]).abs().fillna(0.0)
        use = list(corr.sort_values(ascending=False).index[:max_predictors])
        if int(obs.sum()) < len(use) + 2:
            continue
        design = np.column_stack([np.ones(int(obs.sum())), x.loc[obs, use].to_numpy()])
        beta, *_ = np.linalg.lstsq(design, x.loc[obs, col].to_numpy(), rcond=None)
        pred = np.column_stack([np.ones(int(gaps.sum())), x.loc[gaps, use].to_numpy()]) @ beta
        out.loc[gaps, col] = pred
    return out


def impute_locf(data: pd.DataFrame) -> pd.DataFrame:
    """Carry the last observation of each unit forward in time (leading gaps stay NaN).

    .. math:: \\hat x_{cit} = x_{ci\\tau},\\quad \\tau = \\max\\{s < t : x_{cis} \\text{ observed}\\}

    References
    ----------
    OECD/JRC (2008), *Handbook*, p. 55 (single imputation using the same unit's other periods).
    """
    x = check_numeric(data, "impute_locf")
    require_panel(x, "impute_locf")
    return x.sort_index().groupby(level=0, sort=False).ffill().reindex(x.index)


def impute_interpolate(data: pd.DataFrame) -> pd.DataFrame:
    """Linear interpolation over years within each unit; gaps before the first or after the last
    observation stay NaN (no extrapolation).

    .. math:: \\hat x_{cit} = x_{cia} + (x_{cib} - x_{cia}) \\frac{t - a}{b - a}

    References
    ----------
    OECD/JRC (2008), *Handbook*, p. 55.
    """
    x = check_numeric(data, "impute_interpolate")
    require_panel(x, "impute_interpolate")
    parts = []
    for _, block in x.sort_index().groupby(level=0, sort=False):
        years = block.index.get_level_values(1).astype(float)
        b = block.copy()
        b.index = pd.Index(years)
        parts.append(pd.DataFrame(b.interpolate(method="index", limit_area="inside").to_numpy(),
                                  index=block.index, columns=block.columns))
    return pd.concat(parts).reindex(x.index)


def impute(data: pd.DataFrame, method: ImputeMethod = "mean", *, groups: pd.Series | None = None,
           max_predictors: int = 3) -> pd.DataFrame:
    """Dispatch to an imputation method by name (``none`` returns a copy with the gaps kept).

    Parameters
    ----------
    method : {'none', 'mean', 'median', 'group_mean', 'regression', 'locf', 'interpolate'}
    groups : pandas.Series, optional
        Unit → group, needed for ``group_mean``.
    """
    check_option("method", method, IMPUTE_METHODS)
    if method == "none":
        return check_numeric(data, "impute")
    if method in ("mean", "median"):
        return impute_mean(data, method)  # type: ignore[arg-type]
    if method == "group_mean":
        if groups is None:
            raise DataError("impute: method 'group_mean' needs groups (a Series unit → group).")
        return impute_group_mean(data, groups)
    if method == "regression":
        return impute_regression(data, max_predictors)
    if method == "locf":
        return impute_locf(data)
    return impute_interpolate(data)
