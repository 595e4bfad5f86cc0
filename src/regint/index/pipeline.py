"""The composite-index pipeline (COINr's "coin"): run the stages in order and keep each stage's data.

Raw → Denominated → Imputed → Treated → Normalised → Aggregated, as in the OECD/JRC Handbook's ten steps
(steps 3, 5, 6) and COINr's ``denominate → impute → treat → normalise → aggregate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.index._frames import check_numeric, is_panel
from regint.index.aggregate import AGG_METHODS, AggMethod, aggregate
from regint.index.denominate import denominate
from regint.index.framework import Framework
from regint.index.impute import IMPUTE_METHODS, ImputeMethod, impute
from regint.index.normalise import NORM_METHODS, NormMethod, PanelBounds, normalise
from regint.index.treat import LogType, treat_outliers
from regint.index.weights import WEIGHT_METHODS, WeightMethod, compute_weights, given_weights

STAGES: tuple[str, ...] = ("Raw", "Denominated", "Imputed", "Treated", "Normalised", "Aggregated")


@dataclass(frozen=True)
class IndexSpec:
    """The methodological choices of one build (all validated when the pipeline runs).

    Attributes
    ----------
    impute : method name or a tuple of names applied in turn (e.g. ``("interpolate", "locf")``)
    treat : whether to run the COINr outlier treatment (``t_skew``, ``t_kurt``, ``winmax``, ``winchange``,
        ``deflog`` as in :func:`~regint.index.treat.winsorise_coinr`)
    normalise, bounds, zscore_params, panel_bounds, base_period : see :func:`~regint.index.normalise.normalise`
    weights : a method name (see :func:`~regint.index.weights.compute_weights`) or a Series of weights
    aggregate : ``arithmetic``, ``geometric`` or ``mazziotta_pareto``
    """

    impute: ImputeMethod | tuple[ImputeMethod, ...] = "none"
    treat: bool = True
    t_skew: float = 2.0
    t_kurt: float = 3.5
    winmax: int = 5
    winchange: bool = True
    deflog: LogType = "CTlog"
    normalise: NormMethod = "minmax"
    bounds: tuple[float, float] = (0.0, 100.0)
    zscore_params: tuple[float, float] = (0.0, 1.0)
    panel_bounds: PanelBounds = "pooled"
    base_period: Any = None
    weights: WeightMethod | pd.Series = "nominal"
    aggregate: AggMethod = "arithmetic"

    def imputations(self) -> tuple[str, ...]:
        """The imputation methods in the order applied."""
        methods = (self.impute,) if isinstance(self.impute, str) else tuple(self.impute)
        for m in methods:
            check_option("impute", m, IMPUTE_METHODS)
        return methods


def rank_descending(scores: pd.Series) -> pd.Series:
    """Rank 1 = highest score, ties share the best rank ("min"), within each year of a panel; NaN stays NaN."""
    if is_panel(scores.to_frame()):
        return scores.groupby(level=1).rank(ascending=False, method="min")
    return scores.rank(ascending=False, method="min")


@dataclass(frozen=True)
class IndexResult:
    """A built composite index with every stage kept for inspection.

    Attributes
    ----------
    stages : mapping stage name → DataFrame (see :data:`STAGES`); ``Aggregated`` holds the normalised
        indicators and every aggregate.
    treatment : DataFrame, one row per indicator (see :class:`~regint.index.treat.TreatmentRecord`)
    weights : Series, the weight of every non-root node (sums to one within each parent)
    framework : Framework
    spec : IndexSpec
    """

    stages: MappingProxyType[str, pd.DataFrame]
    treatment: pd.DataFrame
    weights: pd.Series
    framework: Framework
    spec: IndexSpec
    notes: tuple[str, ...] = field(default=())

    @property
    def scores(self) -> pd.Series:
        """The index score of each unit (or unit-year)."""
        return self.stages["Aggregated"][self.framework.root].rename("score")

    @property
    def ranks(self) -> pd.Series:
        """Rank of each unit (1 = best; within each year for a panel)."""
        return rank_descending(self.scores).rename("rank")

    @property
    def dimension_scores(self) -> pd.DataFrame:
        """Scores of every aggregate below the index (dimensions, sub-indices)."""
        aggs = [a for a in self.framework.aggregates if a != self.framework.root]
        return self.stages["Aggregated"][aggs]

    @property
    def imputed(self) -> pd.DataFrame:
        """Boolean mask of the cells the imputation filled."""
        return self.stages["Denominated"].isna() & self.stages["Imputed"].notna()

    def to_frame(self) -> pd.DataFrame:
        """Units (× years) with score, rank and the scores of the dimensions."""
        return pd.concat([self.scores, self.ranks, self.dimension_scores], axis=1)

    def summary(self) -> str:
        """A plain-text summary: choices, coverage and the top and bottom units."""
        fr = self.to_frame().sort_values(["rank"])
        s = self.spec
        n_imp = int(self.imputed.to_numpy().sum())
        n_treated = int((self.treatment.get("winsorised", pd.Series(dtype=int)) > 0).sum()) if len(
            self.treatment) else 0
        n_log = int(self.treatment.get("log", pd.Series(dtype=bool)).sum()) if len(self.treatment) else 0
        lines = [
            f"Composite index {self.framework.root!r}: {len(self.framework.indicators)} indicators, "
            f"{len(self.framework.aggregates) - 1} aggregates, {len(fr)} rows",
            f"imputation {'+'.join(s.imputations())} ({n_imp} cells filled); treatment: {n_treated} winsorised, "
            f"{n_log} log-transformed; normalisation {s.normalise}; aggregation {s.aggregate}",
            fr.head(10).round(2).to_string(),
        ]
        lines += list(self.notes)
        return "\n".join(lines)


def _resolve_weights(spec: IndexSpec, framework: Framework, normalised: pd.DataFrame) -> pd.Series:
    if isinstance(spec.weights, pd.Series):
        return given_weights(spec.weights, framework)
    check_option("weights", spec.weights, WEIGHT_METHODS)
    return compute_weights(spec.weights, framework, normalised[framework.indicators])


def build_index(data: pd.DataFrame, framework: Framework, spec: IndexSpec | None = None, *,
                denominators: pd.DataFrame | None = None, groups: pd.Series | None = None,
                targets: pd.Series | None = None, goalposts: pd.DataFrame | None = None) -> IndexResult:
    """Run the whole pipeline and keep each stage.

    Parameters
    ----------
    data : pandas.DataFrame
        Units × indicators, or (unit, year) × indicators; must hold every indicator of the framework.
    framework : Framework
    spec : IndexSpec, optional
    denominators : pandas.DataFrame, optional
        Denominator variables on the same rows; indicators with a denominator in the framework are divided.
    groups : pandas.Series, optional
        Unit → group for ``group_mean`` imputation.
    targets : pandas.Series, optional
        Indicator → target for ``target`` normalisation.
    goalposts : pandas.DataFrame, optional
        Columns ``lower``, ``upper`` by indicator for ``goalposts`` normalisation.

    Returns
    -------
    IndexResult

    References
    ----------
    OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, pp. 15–36 (the ten steps).
    Becker et al. (2022), COINr, *JOSS* 7(78), 4567.
    """
    spec = spec or IndexSpec()
    check_option("normalise", spec.normalise, NORM_METHODS)
    check_option("aggregate", spec.aggregate, AGG_METHODS)
    raw = check_numeric(data[framework.indicators], "build_index")
    stages: dict[str, pd.DataFrame] = {"Raw": raw}
    den = framework.denominators
    stages["Denominated"] = denominate(raw, denominators, mapping=den) if (
        denominators is not None and len(den)) else raw.copy()
    x = stages["Denominated"]
    for method in spec.imputations():
        x = impute(x, method, groups=groups)  # type: ignore[arg-type]
    stages["Imputed"] = x
    if spec.treat:
        treated, log = treat_outliers(x, spec.t_skew, spec.t_kurt, spec.winmax, spec.winchange, spec.deflog)
    else:
        treated, log = x.copy(), pd.DataFrame()
    stages["Treated"] = treated
    stages["Normalised"] = normalise(treated, spec.normalise, direction=framework.direction, targets=targets,
                                     bounds=spec.bounds, zscore_params=spec.zscore_params,
                                     panel_bounds=spec.panel_bounds, base_period=spec.base_period,
                                     goalposts=goalposts)
    weights = _resolve_weights(spec, framework, stages["Normalised"])
    aggs = aggregate(stages["Normalised"], framework, weights, spec.aggregate)
    stages["Aggregated"] = pd.concat([stages["Normalised"], aggs], axis=1)
    notes = []
    left = int(np.isnan(stages["Imputed"].to_numpy()).sum())
    if left:
        notes.append(f"{left} cells remain missing after imputation; aggregation drops them and rescales "
                     "the weights of the other children.")
    return IndexResult(MappingProxyType(stages), log, weights, framework, spec, tuple(notes))
