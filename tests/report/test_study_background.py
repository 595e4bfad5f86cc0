"""Study.compute_all runs the evaluation's synthetic control (its placebos: one fit per donor) in a forked second
process while it computes the other results; the numbers must be the ones computed in-process.

A panel of nine Russian regions (GRP per capita from the shipped data) keeps the placebos short.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import fields

import pandas as pd
import pytest

from regint.data.api import load_panel
from regint.study import MonteCarlo, Settings, Study
from regint.study import study as study_module

REGIONS = ("RU-SMO", "RU-BRY", "RU-PSK", "RU-KLU", "RU-TVE", "RU-ORL", "RU-KRS", "RU-BEL", "RU-LIP")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")
def test_background_evaluation_equals_the_in_process_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(study_module, "RESULTS", ("profile", "evaluation"))  # the other results are not at issue
    panel = load_panel(indicators=["grp_per_capita"], regions=list(REGIONS))
    settings = Settings(mc=MonteCarlo(index=50, directions=100, gravity=20, scenarios=100, bootstrap=99,
                                           placebo=True))
    ticks: list[str] = []
    background = Study(settings, panel, progress=ticks.append).compute_all(background=True).evaluation
    here = Study(settings, panel).evaluation
    assert background.ok and here.ok, (background.reason, here.reason)
    assert ticks.count("evaluation") == 1
    a, b = background.value.sc, here.value.sc
    assert a.placebo_gaps is not None and a.placebo_gaps.shape[1] == len(REGIONS)
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
        elif isinstance(x, pd.Series):
            pd.testing.assert_series_equal(x, y, check_exact=True)
        else:
            assert x == y or (x != x and y != y), f.name  # NaN == NaN
