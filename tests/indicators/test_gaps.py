"""The one definition of the gap between the two sides (index, scenarios, report)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from regint.indicators.gaps import relative_gap

positive = st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False)


def test_worked_example() -> None:
    # Smolensk 100, Vitebsk 77: Vitebsk is 23 % below Smolensk
    assert relative_gap(100.0, 77.0) == 0.23
    assert relative_gap(77.0, 100.0) == 0.23
    assert np.isnan(relative_gap(0.0, 5.0))


@given(positive, positive)
def test_symmetric_bounded_and_a_transform_of_the_log_ratio(a: float, b: float) -> None:
    g = relative_gap(a, b)
    assert g == relative_gap(b, a)
    assert 0.0 <= g < 1.0
    assert np.isclose(g, 1.0 - np.exp(-abs(np.log(a / b))), atol=1e-12)


def test_series_align_and_the_index_and_scenarios_use_it() -> None:
    from regint.index import pair_measures
    from regint.scenarios import chain

    out = relative_gap(pd.Series([100.0, -1.0], index=[2023, 2024]), pd.Series([80.0, 5.0], index=[2023, 2024]))
    assert out.loc[2023] == 0.2 and np.isnan(out.loc[2024])
    assert chain.relative_gap is relative_gap and pair_measures.relative_gap is relative_gap
