"""Prices: ADF/KPSS against Stata and R (as embedded in statsmodels' tests), hand examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.datasets import macrodata

from regint.errors import DataError, OptionError
from regint.indicators import prices


@pytest.fixture(scope="module")
def realgdp() -> pd.Series:
    return macrodata.load_pandas().data["realgdp"]


def test_adf_matches_stata(realgdp):
    # Stata dfuller on US real GDP (statsmodels.datasets.macrodata), 4 lags; values as embedded in statsmodels
    # tsa/tests/test_stattools.py (TestADFConstant, TestADFConstantTrend); critical values to 2 decimals as
    # there (Stata uses Fuller's tables, statsmodels MacKinnon 2010).
    c = prices.adf(realgdp, regression="c", autolag="none", maxlag=4)
    assert c.statistic == pytest.approx(0.97505319, abs=1e-5)
    assert c.pvalue == pytest.approx(0.99399563, abs=1e-5)
    assert [c.critical_values[k] for k in ("1%", "5%", "10%")] == pytest.approx([-3.476, -2.883, -2.573],
                                                                                abs=1.5e-2)
    ct = prices.adf(realgdp, regression="ct", autolag="none", maxlag=4)
    assert ct.statistic == pytest.approx(-1.8566374, abs=1e-5)
    assert ct.pvalue == pytest.approx(0.67682968, abs=1e-5)
    assert not c.reject() and "unit root" in c.summary()


def test_kpss_matches_r_tseries(realgdp):
    # R tseries::kpss.test on the same series with 3 lags: Level 5.0169, Trend 1.1828 (statsmodels TestKPSS).
    level = prices.kpss(realgdp, regression="c", nlags=3)
    trend = prices.kpss(realgdp, regression="ct", nlags=3)
    assert level.statistic == pytest.approx(5.0169, abs=1e-3)
    assert trend.statistic == pytest.approx(1.1828, abs=1e-3)
    assert level.lags == 3 and level.notes  # p-value beyond the table: reported as a bound
    assert level.to_frame().loc[0, "test"] == "KPSS"


def test_unit_root_tests_invalid_for_short_or_constant_series():
    short = prices.adf(pd.Series(np.arange(6.0)))
    assert not short.valid and "at least 10" in short.reason and not short.reject()
    assert not prices.kpss(pd.Series(np.ones(30))).valid
    assert "INVALID" in short.summary()
    with pytest.raises(OptionError, match=r"regression must be one of \{'c', 'ct', 'n'\}; got 'x'"):
        prices.adf(pd.Series(np.arange(30.0)), regression="x")  # type: ignore[arg-type]


def test_half_life_hand_examples():
    # x_t = 0.5^t is an exact AR(1) with rho = 0.5 and no constant: half-life 1 period
    x = pd.Series(0.5 ** np.arange(12))
    res = prices.half_life(x, log=False)
    assert res.rho == pytest.approx(0.5) and res.half_life == pytest.approx(1.0)
    # exp(0.9^t): the log is AR(1) with rho 0.9 -> ln 0.5 / ln 0.9
    assert prices.half_life(pd.Series(np.exp(0.9 ** np.arange(15)))).half_life == pytest.approx(
        np.log(0.5) / np.log(0.9))
    walk = prices.half_life(pd.Series(np.arange(1.0, 20.0)), log=False)  # y_t = 1 + y_{t-1}: rho = 1
    assert not walk.valid and "outside (0, 1)" in walk.reason
    assert not prices.half_life(pd.Series([1.0, 2.0, 3.0])).valid


def test_real_exchange_rate_convention_hand_example():
    years = [2015, 2016]
    rub_usd = pd.Series([60.0, 66.0], index=years)
    byn_usd = pd.Series([2.0, 2.0], index=years)
    nominal = prices.cross_rate(rub_usd, byn_usd)  # RUB per BYN: 30, 33
    assert nominal.tolist() == [30.0, 33.0]
    p_ru = pd.Series([100.0, 110.0], index=years)
    p_by = pd.Series([100.0, 105.0], index=years)
    q = prices.real_exchange_rate(nominal, p_ru, p_by, base=2015)
    # Q = E * P_BY / P_RU: 30 -> 33 * 105 / 110 = 31.5, i.e. +5 %: real appreciation of the BYN
    assert q.tolist() == pytest.approx([100.0, 105.0])
    with pytest.raises(DataError, match="base period 2010"):
        prices.real_exchange_rate(nominal, p_ru, p_by, base=2010)


def test_price_index_and_price_level_gap():
    idx = pd.Series([105.0, 110.0], index=[2020, 2021])
    assert prices.price_index(idx).tolist() == pytest.approx([105.0, 115.5])
    assert prices.price_index(idx - 100, form="change").tolist() == pytest.approx([105.0, 115.5])
    assert prices.price_index(idx, base=2021).tolist() == pytest.approx([100 / 1.1, 100.0])
    # PLI 25/60 against 0.8/2: +4.1667 %
    gap = prices.price_level_gap(pd.Series([25.0]), pd.Series([60.0]), pd.Series([0.8]), pd.Series([2.0]))
    assert gap.iloc[0] == pytest.approx(100 * ((25 / 60) / 0.4 - 1))


def test_consecutive_run_keeps_the_longest_gap_free_stretch():
    s = pd.Series([1.0, 2.0, 3.0, np.nan, 5.0, 6.0, 7.0, 8.0],
                  index=[2010, 2011, 2012, 2013, 2019, 2020, 2021, 2022])
    assert prices.consecutive_run(s).index.tolist() == [2019, 2020, 2021, 2022]
    # ties go to the latest run; an empty series stays empty
    assert prices.consecutive_run(pd.Series([1.0, 2.0, 3.0, 4.0], index=[2001, 2002, 2010, 2011])).index.tolist() \
        == [2010, 2011]
    assert prices.consecutive_run(pd.Series(dtype=float)).empty


def test_half_life_on_a_gapped_series_uses_annual_steps_only():
    # issue 18: 2012 -> 2019 must not be one AR(1) step. The half-life of the run equals statsmodels' OLS AR(1)
    # (y_t on a constant and y_{t-1}) fitted to the run alone (Rogoff 1996: h = ln 0.5 / ln rho).
    import statsmodels.api as sm

    rng = np.random.default_rng(3)
    x = [0.0]
    for _ in range(17):
        x.append(0.7 * x[-1] + rng.normal(0, 0.1))
    run = pd.Series(np.exp(x), index=range(1995, 2013))
    gapped = pd.concat([run, pd.Series([np.exp(0.9)], index=[2019])])
    fit = sm.OLS(np.log(run.to_numpy()[1:]), sm.add_constant(np.log(run.to_numpy()[:-1]))).fit()
    res = prices.half_life(prices.consecutive_run(gapped))
    assert res.nobs == 17
    assert res.rho == pytest.approx(fit.params[1])
    assert res.half_life == pytest.approx(np.log(0.5) / np.log(fit.params[1]))
    assert prices.half_life(gapped).nobs == 18  # the raw series would count 2012 -> 2019 as one step
