"""Statistical coherence of a framework: correlations, Cronbach's alpha and PCA per dimension."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.index.framework import Framework
from regint.index.weights import pca_loadings


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``x`` (rows with gaps dropped); NaN for fewer than 2 columns.

    .. math:: \\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_i \\sigma^2_i}{\\sigma^2_{\\Sigma}}\\right)

    References
    ----------
    Cronbach, L. J. (1951), *Psychometrika* 16(3), 297–334; OECD/JRC (2008), *Handbook*, pp. 72–73.
    """
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    total = np.var(x.sum(axis=1), ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - np.var(x, axis=0, ddof=1).sum() / total))


@dataclass(frozen=True)
class CoherenceResult:
    """Coherence diagnostics.

    Attributes
    ----------
    correlations : DataFrame, Pearson correlations among all indicators and aggregates
    parent_correlation : Series, correlation of each node with its parent aggregate
    dimensions : DataFrame per aggregate: k, Cronbach's alpha, first eigenvalue, share of variance of PC1,
        number of eigenvalues > 1, and ``valid``/``reason`` where a statistic does not apply
    loadings : DataFrame (aggregate, child) → loading on PC1
    """

    correlations: pd.DataFrame
    parent_correlation: pd.Series
    dimensions: pd.DataFrame
    loadings: pd.Series

    def summary(self) -> str:
        """Text table of the per-dimension statistics."""
        return self.dimensions.round(3).to_string()

    def to_frame(self) -> pd.DataFrame:
        """The per-dimension statistics."""
        return self.dimensions


def coherence(aggregated: pd.DataFrame, framework: Framework) -> CoherenceResult:
    """Coherence of the normalised indicators and their aggregates (the ``Aggregated`` stage).

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 4 "Multivariate analysis", pp. 25–26 and 63–78;
    Becker et al. (2022), COINr (``get_corr``, ``get_cronbach``, ``get_PCA``).
    """
    corr = aggregated.corr()
    parent = framework.table["parent"].drop(framework.root)
    pc = pd.Series({c: corr.at[c, p] if c in corr.index and p in corr.index else np.nan
                    for c, p in parent.items()}, name="corr_with_parent")
    rows, loads = [], {}
    for node in framework.aggregates:
        kids = list(framework.children(node))
        x = aggregated[kids].to_numpy(dtype=float)
        complete = x[~np.isnan(x).any(axis=1)]
        row: dict[str, object] = {"aggregate": node, "k": len(kids), "alpha": cronbach_alpha(x)}
        if len(kids) < 2 or complete.shape[0] < 3:
            row.update(eigen1=np.nan, pc1_share=np.nan, n_eigen_gt1=np.nan, valid=False,
                       reason="fewer than 2 children or 3 complete units")
        else:
            vals, vecs = pca_loadings(complete)
            row.update(eigen1=vals[0], pc1_share=vals[0] / vals.sum(), n_eigen_gt1=int((vals > 1).sum()),
                       valid=True, reason="")
            for kid, v in zip(kids, vecs[:, 0] * np.sqrt(max(vals[0], 0.0)), strict=True):
                loads[node, kid] = v
        rows.append(row)
    loadings = pd.Series(loads, name="pc1_loading", dtype=float)
    return CoherenceResult(corr, pc, pd.DataFrame(rows).set_index("aggregate"), loadings)
