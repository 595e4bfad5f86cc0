"""Ex-post evaluation of integration events: synthetic control and difference-in-differences.

One import point for the two designs; the estimators live in :mod:`regint.models.synthetic_control` and
:mod:`regint.models.did` (small modules, one method each).

References
----------
Abadie, A., Diamond, A. and Hainmueller, J. (2010). *JASA* 105(490), 493–505; (2015). *AJPS* 59(2), 495–510.
Abadie, A. and Gardeazabal, J. (2003). *AER* 93(1), 113–132.
Angrist, J. D. and Pischke, J.-S. (2009). *Mostly Harmless Econometrics*, Ch. 5.2.
"""

from __future__ import annotations

from regint.models.did import DiDResults, EventStudyResults, did, event_study
from regint.models.synthetic_control import (
    SyntheticControlResults,
    predictor_matrix,
    simplex_weights,
    synthetic_control,
    synthetic_control_cv,
)

__all__ = [
    "DiDResults",
    "EventStudyResults",
    "SyntheticControlResults",
    "did",
    "event_study",
    "predictor_matrix",
    "simplex_weights",
    "synthetic_control",
    "synthetic_control_cv",
]
