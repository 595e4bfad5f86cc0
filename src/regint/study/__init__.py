"""The pair study, computed once: :class:`Settings` (what to compute) and :class:`Study` (every result, lazily).

The report, the dashboard, the CLI and a notebook all render one :class:`Study`; none of them computes what an
analysis should. See :mod:`regint.study.study`.
"""

from regint.study.outcome import Outcome, attempt, missing
from regint.study.settings import DEFAULT_PAIR, MonteCarlo, Settings, parse_pair
from regint.study.study import Study

__all__ = ["DEFAULT_PAIR", "MonteCarlo", "Outcome", "Settings", "Study", "attempt", "missing", "parse_pair"]
