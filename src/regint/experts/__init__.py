"""Expert judgement and ranking: AHP (single matrices, hierarchies, groups), Delphi, SWOT/A'WOT, MICMAC,
TOPSIS/VIKOR/weighted sum with sensitivity, Excel questionnaires and the directions of integration.

Every function takes arrays or frames and returns a frozen result with ``summary()`` and ``to_frame()``;
only :mod:`regint.experts.questionnaire` reads and writes files, and only where the caller says.
"""

from __future__ import annotations

from regint.experts.ahp import (
    AHPResult,
    check_pairwise,
    from_judgements,
    most_inconsistent,
    priorities,
    random_index,
    revision_candidates,
)
from regint.experts.completion import lambda_max_completion
from regint.experts.delphi import DelphiResult, KendallW, delphi, item_statistics, kendall_w
from regint.experts.directions import (
    DirectionsResult,
    direction_criteria,
    directions,
    directions_questionnaire,
    load_example_survey,
    rank_directions,
)
from regint.experts.group import (
    GroupResult,
    aggregate_judgements,
    aggregate_priorities,
    expert_consistency,
    group_priorities,
)
from regint.experts.hierarchy import Hierarchy, HierarchyResult
from regint.experts.impact import TIAResult, relative_sensitivity, tia_impact
from regint.experts.mcda import (
    TopsisResult,
    VikorResult,
    WeightedSumResult,
    entropy_weights,
    topsis,
    vikor,
    weighted_sum,
)
from regint.experts.micmac import MicmacResult, micmac
from regint.experts.questionnaire import (
    Response,
    ResponseStore,
    expert_report,
    fill_questionnaire,
    make_block,
    read_questionnaire,
    write_questionnaire,
)
from regint.experts.sensitivity import SensitivityResult, rank_correlation, weight_sensitivity
from regint.experts.survey import SurveyResponse, fill_survey, read_survey, survey_items, write_survey
from regint.experts.survey_aggregate import SurveyResult, aggregate_survey
from regint.experts.survey_stats import ICCResult, MeanEstimate, difference_ci, icc, weighted_mean_ci
from regint.experts.swot import (
    AWOTResult,
    awot,
    awot_from_responses,
    pestel_factors,
    swot_factors,
    swot_questionnaire,
)

__all__ = [
    "ICCResult", "MeanEstimate", "SurveyResponse", "SurveyResult", "TIAResult", "aggregate_survey",
    "difference_ci", "fill_survey", "icc", "read_survey", "relative_sensitivity", "survey_items", "tia_impact",
    "weighted_mean_ci", "write_survey",
    "AHPResult", "AWOTResult", "DelphiResult", "DirectionsResult", "GroupResult", "Hierarchy", "HierarchyResult",
    "KendallW", "MicmacResult", "Response", "ResponseStore", "SensitivityResult", "TopsisResult", "VikorResult",
    "WeightedSumResult", "aggregate_judgements", "aggregate_priorities", "awot", "awot_from_responses",
    "check_pairwise", "delphi", "direction_criteria", "directions", "directions_questionnaire", "entropy_weights",
    "expert_consistency", "expert_report", "fill_questionnaire", "from_judgements", "group_priorities",
    "item_statistics", "kendall_w", "lambda_max_completion", "load_example_survey", "make_block", "micmac", "most_inconsistent",
    "pestel_factors", "priorities", "random_index", "rank_correlation", "rank_directions", "read_questionnaire",
    "revision_candidates", "swot_factors", "swot_questionnaire", "topsis", "vikor", "weight_sensitivity",
    "weighted_sum", "write_questionnaire",
]
