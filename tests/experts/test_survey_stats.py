"""Reference tests of the survey statistics (ICC, weighted mean with linearised CI, TIA impact)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from regint.errors import DataError
from regint.experts.impact import relative_sensitivity, tia_impact
from regint.experts.survey_stats import difference_ci, icc, weighted_mean_ci

# Shrout, P.E. & Fleiss, J.L. (1979), Psychological Bulletin 86(2): 420-428, Table 2: six targets rated by four
# judges. Their Table 4 gives ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71, ICC(1,4) = .44, ICC(2,4) = .62,
# ICC(3,4) = .91. The F statistics and the 95% bounds below are the output of R psych::ICC on the same data
# (psych package documentation, example `ICC(sf)`): F = 1.8 (5, 18) and 11 (5, 15); bounds
# ICC1 [-0.133, 0.72], ICC2 [0.019, 0.76], ICC3 [0.342, 0.95], ICC1k [-0.884, 0.91], ICC2k [0.071, 0.93],
# ICC3k [0.676, 0.99].
SF = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], dtype=float)
PUBLISHED = {"ICC1": .17, "ICC2": .29, "ICC3": .71, "ICC1k": .44, "ICC2k": .62, "ICC3k": .91}
PSYCH_BOUNDS = {"ICC1": (-0.133, 0.72), "ICC2": (0.019, 0.76), "ICC3": (0.342, 0.95),
                "ICC1k": (-0.884, 0.91), "ICC2k": (0.071, 0.93), "ICC3k": (0.676, 0.99)}


def test_icc_matches_shrout_fleiss_table_and_psych_bounds() -> None:
    res = icc(SF)
    assert res.valid and (res.n, res.k) == (6, 4)
    for form, value in PUBLISHED.items():
        assert res.table.loc[form, "icc"] == pytest.approx(value, abs=0.005), form
    for form, (lo, hi) in PSYCH_BOUNDS.items():
        assert res.table.loc[form, "lower"] == pytest.approx(lo, abs=0.0005), form  # printed to 3 decimals
        assert res.table.loc[form, "upper"] == pytest.approx(hi, abs=0.005), form
    assert res.table.loc["ICC1", "F"] == pytest.approx(1.8, abs=0.05)
    assert res.table.loc["ICC3", "F"] == pytest.approx(11.0, abs=0.05)
    assert "ICC2" in res.summary()


def test_icc_invalid_with_reason_and_drops_incomplete_rows() -> None:
    assert not icc(SF[:1]).valid
    x = pd.DataFrame(SF, index=list("abcdef"))
    x.iloc[0, 1] = np.nan
    res = icc(x)
    assert res.dropped == ("a",) and res.n == 5


def test_weighted_mean_ci_equals_wls_hc1_of_statsmodels() -> None:
    # The linearised variance of a weighted mean equals the HC1 sandwich variance of a WLS regression on a
    # constant (statsmodels WLS(...).fit(cov_type="HC1")); the interval uses t with n - 1 df (Stata svy: mean).
    y = np.array([4, 5, 3, 2, 5, 4, 1, 3], dtype=float)
    w = np.array([1.0, 2.0, 0.5, 1.5, 1.0, 3.0, 1.0, 2.0])
    est = weighted_mean_ci(y, w)
    fit = sm.WLS(y, np.ones_like(y), weights=w).fit(cov_type="HC1")
    assert est.mean == pytest.approx(float(fit.params[0]))
    assert est.se == pytest.approx(float(fit.bse[0]))
    assert est.n_eff == pytest.approx(w.sum() ** 2 / (w**2).sum())


def test_weighted_mean_ci_equal_weights_is_t_interval() -> None:
    y = np.array([1, 2, 3, 4, 5, 5], dtype=float)
    est = weighted_mean_ci(y)
    lo, hi = sm.stats.DescrStatsW(y).tconfint_mean()
    assert (est.lower, est.upper) == pytest.approx((lo, hi))
    assert not weighted_mean_ci([3.0]).valid
    with pytest.raises(DataError, match="non-negative"):
        weighted_mean_ci([1.0, 2.0], [1.0, -1.0])


def test_difference_ci_welch_equals_scipy() -> None:
    from scipy import stats

    a, b = np.array([4, 5, 4, 3, 5.0]), np.array([2, 3, 2, 4, 1, 2.0])
    d, se, lo, hi = difference_ci(weighted_mean_ci(a), weighted_mean_ci(b))
    ref = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert (lo, hi) == pytest.approx((ref.low, ref.high))
    assert d == pytest.approx(a.mean() - b.mean())


def test_tia_impact_is_exposure_times_sensitivity() -> None:
    # ILLUSTRATIVE exposure scores (made up for the test).
    e = pd.DataFrame({"trade": [3, 1], "labour": [0, -2]}, index=["customs_window", "work_permits"])
    s = relative_sensitivity(pd.DataFrame({"RU-SMO": [0.2, 0.5], "BY-VI": [0.4, 0.25]}, index=["trade", "labour"]))
    res = tia_impact(e, s, {"trade": 3, "labour": 1}, illustrative=True)
    # customs_window in RU-SMO: 0.75 * 3 * 0.5 + 0.25 * 0 * 1 = 1.125
    assert res.total.loc["customs_window", "RU-SMO"] == pytest.approx(1.125)
    assert res.total.loc["work_permits", "BY-VI"] == pytest.approx(0.75 * 1 * 1 + 0.25 * -2 * 0.5)
    assert len(res.impact) == 8 and "ILLUSTRATIVE" in res.summary()
    with pytest.raises(DataError, match="outside"):
        tia_impact(e * 2, s)
    with pytest.raises(DataError, match="fields"):
        tia_impact(e.rename(columns={"labour": "x"}), s)
