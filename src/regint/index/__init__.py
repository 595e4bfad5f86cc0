"""Composite integration index: framework, impute, treat, normalise, weight, aggregate, uncertainty.

Follows the OECD/JRC *Handbook on Constructing Composite Indicators* (2008) and reproduces EC JRC COINr
stage by stage (see ``tests/index/test_asem.py``).
"""

from regint.index.aggregate import (
    aggregate,
    borda,
    borda_scores,
    mazziotta_pareto,
    weighted_arithmetic_mean,
    weighted_geometric_mean,
)
from regint.index.coherence import CoherenceResult, coherence
from regint.index.denominate import denominate
from regint.index.framework import Framework, FrameworkError
from regint.index.impute import impute
from regint.index.normalise import goalpost_scores, normalise
from regint.index.pairs import (
    BORDER_PAIRS,
    PairIndexResult,
    build_pair_index,
    default_framework,
    pair_indicators,
)
from regint.index.pipeline import IndexResult, IndexSpec, build_index
from regint.index.treat import treat_outliers, winsorise_coinr
from regint.index.uncertainty import UncertaintyResult, UncertaintySpec, uncertainty_analysis
from regint.index.weights import (
    budget_weights,
    entropy_weights,
    equal_weights,
    factor_weights,
    given_weights,
    pca_weights,
)

__all__ = [
    "BORDER_PAIRS", "CoherenceResult", "Framework", "FrameworkError", "IndexResult", "IndexSpec",
    "PairIndexResult", "UncertaintyResult", "UncertaintySpec", "aggregate", "borda", "borda_scores",
    "budget_weights", "build_index",
    "build_pair_index", "coherence", "default_framework", "denominate", "entropy_weights", "equal_weights",
    "factor_weights", "given_weights", "goalpost_scores", "impute", "mazziotta_pareto", "normalise", "pair_indicators",
    "pca_weights", "treat_outliers", "uncertainty_analysis", "weighted_arithmetic_mean",
    "weighted_geometric_mean", "winsorise_coinr",
]
