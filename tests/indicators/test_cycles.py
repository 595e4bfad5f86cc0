"""Cycles: HP against Stata, BK against Stata and CF against R (statsmodels' test data), concordance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from statsmodels.datasets import macrodata

from regint.errors import DataError, OptionError
from regint.indicators import cycles

QUARTERS = pd.period_range("1959Q1", "2009Q3", freq="Q")


@pytest.fixture(scope="module")
def macro() -> pd.DataFrame:
    return macrodata.load_pandas().data.set_index(QUARTERS)


def test_hp_matches_stata(reference):
    # Stata hprescott, lambda 1600, US real GDP levels (../shared/reference/filters_macrodata/EXPECTED.md).
    data = pd.read_csv(reference / "filters_macrodata" / "macrodata.csv")
    expected = pd.read_csv(reference / "filters_macrodata" / "expected_hp1600_realgdp_stata.csv")
    series = pd.Series(data["realgdp"].to_numpy(), index=QUARTERS)
    res = cycles.hp_filter(series)  # lambda inferred from the quarterly PeriodIndex
    assert res.params["lamb"] == 1600.0
    np.testing.assert_allclose(res.cycle.to_numpy(), expected["cycle_stata"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(res.trend.to_numpy(), expected["trend_stata"], atol=1e-6, rtol=0)
    assert res.cycle.index.equals(series.index)


def test_bk_matches_stata_and_keeps_the_index(macro):
    # Stata bking on realinv, band 6-32, K = 12; values as embedded in statsmodels
    # tsa/filters/tests/test_filters.py::test_bking1d (first four and last four of 179).
    res = cycles.baxter_king(macro["realinv"], 6, 32, 12)
    cyc = res.cycle
    assert cyc.index.equals(macro.index)
    assert cyc.iloc[:12].isna().all() and cyc.iloc[-12:].isna().all()
    core = cyc.dropna().to_numpy()
    assert len(core) == len(macro) - 24
    np.testing.assert_allclose(core[:4], [7.320813, 2.886914, -6.818976, -13.49436], atol=1e-4)
    np.testing.assert_allclose(core[-4:], [124.4591, 151.2402, 163.0648, 154.6432], atol=1e-4)
    np.testing.assert_allclose((res.trend + res.cycle).dropna(), macro["realinv"].iloc[12:-12])


def test_cf_matches_r_mfilter(macro):
    # R mFilter::cffilter on inflation (macrodata 1959Q2-), band 6-32, drift removed; values as embedded in
    # statsmodels tsa/filters/tests/test_filters.py::test_cfitz_filter (column infl).
    infl = macro["infl"].iloc[1:]
    res = cycles.christiano_fitzgerald(infl, drift=True)
    np.testing.assert_allclose(res.cycle.iloc[:3], [0.439563468233128, 0.352886666575907, 0.257297004260607],
                               atol=1e-8)
    assert res.cycle.iloc[-1] == pytest.approx(0.722029457352468, abs=1e-8)
    assert res.params == {"low": 6.0, "high": 32.0, "drift": True}


def test_frequency_defaults_and_errors():
    annual = pd.Series(np.arange(20.0) ** 1.5, index=pd.period_range("2000", periods=20, freq="Y"))
    assert cycles.hp_filter(annual).params["lamb"] == 6.25
    monthly = pd.Series(np.arange(40.0), index=pd.date_range("2000-01-31", periods=40, freq="ME"))
    assert cycles.hp_filter(monthly).params["lamb"] == 129600.0
    assert cycles.baxter_king(annual).params == {"low": 2.0, "high": 8.0, "K": 3}
    plain = pd.Series(np.arange(20.0), index=range(2000, 2020))
    with pytest.raises(DataError, match="cannot infer the frequency"):
        cycles.hp_filter(plain)
    assert cycles.hp_filter(plain, freq="annual").params["lamb"] == 6.25
    with pytest.raises(OptionError, match=r"freq must be one of"):
        cycles.hp_filter(plain, freq="weekly")  # type: ignore[arg-type]
    gap = annual.copy()
    gap.iloc[5] = np.nan
    with pytest.raises(DataError, match="has a gap"):
        cycles.hp_filter(gap)
    edges = annual.copy()
    edges.iloc[0] = np.nan
    assert np.isnan(cycles.hp_filter(edges).cycle.iloc[0])
    short = cycles.baxter_king(annual.iloc[:6])
    assert not short.valid and "needs more than 6" in short.reason


def test_concordance_hand_example():
    # growth phases a: up, up, down, down; b: up, down, down, up -> same phase in 2 of 4 periods
    a = pd.Series([1.0, 2, 3, 2, 1], index=range(2000, 2005))
    b = pd.Series([1.0, 2, 1, 0, 1], index=range(2000, 2005))
    res = cycles.concordance(a, b)
    assert res.index == pytest.approx(0.5)
    assert res.expected_independent == pytest.approx(0.5 * 0.5 + 0.5 * 0.5)
    assert cycles.concordance(a, -a).index == 0.0


def test_turning_points_and_phases():
    y = pd.Series([1.0, 3, 2, 1, 2, 4, 5, 3], index=range(2000, 2008))
    tp = cycles.turning_points(y)
    assert tp.to_dict() == {2001: "peak", 2003: "trough", 2006: "peak"}
    ph = cycles.phases(y, rule="turning_points")
    assert ph.tolist() == [1, 1, 0, 0, 1, 1, 1, 0]
    with pytest.raises(OptionError, match="rule must be one of"):
        cycles.phases(y, rule="bbq")  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(arrays(float, 12, elements=st.floats(-1e3, 1e3)), st.sampled_from(["growth", "turning_points"]))
def test_concordance_of_a_series_with_itself_is_one(values, rule):
    s = pd.Series(values, index=range(2000, 2012))
    assert cycles.concordance(s, s, rule=rule).index == 1.0


def test_synchronisation(macro):
    hp_gdp = cycles.hp_filter(macro["realgdp"]).cycle
    hp_inv = cycles.hp_filter(macro["realinv"]).cycle
    self_sync = cycles.synchronisation(hp_gdp, hp_gdp, window=20)
    assert self_sync.correlation == pytest.approx(1.0)
    assert self_sync.rolling.dropna().to_numpy() == pytest.approx(1.0)
    sync = cycles.synchronisation(hp_gdp, hp_inv)
    assert sync.correlation == pytest.approx(np.corrcoef(hp_gdp, hp_inv)[0, 1])
    assert not cycles.synchronisation(hp_gdp.iloc[:2], hp_inv.iloc[:2]).valid
