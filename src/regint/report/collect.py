"""The report's results: one :class:`~regint.study.Study`, computed once and rendered in each language.

``Results`` is the study itself (kept as a name for the report's modules); ``Sizes`` its Monte Carlo sizes.
"""

from __future__ import annotations

from regint.study import MonteCarlo as Sizes
from regint.study import Study as Results
from regint.study.outcome import missing
from regint.study.study import RESULTS

#: Progress ticks of computing a study (one per result).
N_STEPS = len(RESULTS)
__all__ = ["N_STEPS", "Results", "Sizes", "missing"]
