"""Every results object is frozen, prints a readable summary and gives a frame."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from regint.indicators import convergence, cycles, prices, structure, trade

YEARS = pd.period_range("2000", periods=16, freq="Y")
RNG = np.random.default_rng(20240601)
SERIES = pd.Series(100 + np.cumsum(RNG.normal(1.0, 2.0, 16)), index=YEARS)
OTHER = pd.Series(90 + np.cumsum(RNG.normal(1.2, 2.0, 16)), index=YEARS)
PANEL = pd.DataFrame({y: [1.0 + 0.1 * i + 0.01 * j for i in range(6)] for j, y in enumerate(range(2000, 2008))})


@pytest.mark.parametrize("make", [
    lambda: trade.grubel_lloyd([1.0, 2.0], [2.0, 1.0]),
    lambda: structure.shift_share([1.0, 2.0], [2.0, 2.0], [10.0, 10.0], [11.0, 12.0]),
    lambda: convergence.sigma_convergence(PANEL),
    lambda: convergence.beta_convergence(PANEL[2000], PANEL[2007], years=7),
    lambda: convergence.pair_gap(SERIES, OTHER),
    lambda: convergence.markov(PANEL, k=3),
    lambda: prices.adf(SERIES),
    lambda: prices.kpss(SERIES),
    lambda: prices.half_life(SERIES),
    lambda: cycles.hp_filter(SERIES),
    lambda: cycles.baxter_king(SERIES),
    lambda: cycles.christiano_fitzgerald(SERIES),
    lambda: cycles.synchronisation(SERIES, OTHER, window=5),
    lambda: cycles.concordance(SERIES, OTHER),
])
def test_summary_and_frame(make):
    res = make()
    assert dataclasses.is_dataclass(res)
    text = res.summary()
    assert isinstance(text, str) and len(text) > 20
    assert isinstance(res.to_frame(), pd.DataFrame)
    field = dataclasses.fields(res)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(res, field, None)
