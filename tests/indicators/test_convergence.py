"""Convergence: giddy's Markov reference, MRW (1992) beta convergence, hand examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError, OptionError
from regint.indicators import convergence

# Mankiw, Romer & Weil (1992), QJE 107(2), 407-437: the 22 OECD countries of their sample, as distributed in
# R package AER, data set GrowthDJ (rows with oecd == "yes"): gdp60, gdp85 (real GDP per working-age person),
# popgrowth (%/year 1960-85), invest (I/GDP, %), school (%). Published (OECD column):
#   Table III (unconditional): ln(Y60) -0.341 (0.079), adj. R2 0.46, implied lambda 0.0167
#   Table V (conditional, with ln(I/GDP), ln(n+g+d), ln(SCHOOL)): ln(Y60) -0.398 (0.070),
#   ln(I/GDP) 0.332 (0.173), ln(n+g+d) -0.863 (0.338), ln(SCHOOL) 0.228 (0.145), adj. R2 0.65, lambda 0.0203
MRW_OECD = pd.DataFrame(
    [
        (3493, 13893, 1.2, 36.0, 10.9), (5939, 13327, 0.4, 23.4, 8.0), (6789, 14290, 0.5, 23.4, 9.3),
        (8551, 16491, 0.6, 26.6, 10.7), (6527, 13779, 0.7, 36.9, 11.5), (7215, 15027, 1.0, 26.2, 8.9),
        (7695, 15297, 0.5, 28.5, 8.4), (2257, 6868, 0.7, 29.3, 7.9), (4411, 8675, 1.1, 25.9, 11.4),
        (4913, 11082, 0.6, 24.9, 7.1), (7689, 13177, 1.4, 25.8, 10.7), (7938, 19723, 0.7, 29.1, 10.0),
        (2272, 5827, 0.6, 22.5, 5.8), (3766, 9903, 1.0, 17.7, 8.0), (7802, 15237, 0.4, 24.5, 7.9),
        (10308, 15881, 0.8, 29.7, 4.8), (2274, 4444, 2.5, 20.2, 5.5), (7634, 13331, 0.3, 18.4, 8.9),
        (10286, 17935, 2.0, 23.3, 10.6), (12362, 18988, 1.5, 21.1, 11.9), (8440, 13409, 2.0, 31.5, 9.8),
        (9523, 12308, 1.7, 22.5, 11.9),
    ],
    columns=["gdp60", "gdp85", "popgrowth", "invest", "school"],
)


def test_markov_usjoin_reproduces_giddy(reference):
    # giddy (PySAL) Markov docstring example, US per-capita income, 48 states, 1929-2009, quintiles per year;
    # numbers in ../shared/reference/markov_usjoin/EXPECTED.md.
    data = pd.read_csv(reference / "markov_usjoin" / "usjoin.csv").set_index("Name").drop(columns="STATE_FIPS")
    res = convergence.markov(data, k=5, pooled=False)
    counts = np.array([[729, 71, 1, 0, 0], [72, 567, 80, 3, 0], [0, 81, 631, 86, 2], [0, 3, 86, 573, 56],
                       [0, 0, 1, 57, 741]])
    p = np.array([
        [0.91011236, 0.0886392, 0.00124844, 0.0, 0.0],
        [0.09972299, 0.78531856, 0.11080332, 0.00415512, 0.0],
        [0.0, 0.10125, 0.78875, 0.1075, 0.0025],
        [0.0, 0.00417827, 0.11977716, 0.79805014, 0.07799443],
        [0.0, 0.0, 0.00125156, 0.07133917, 0.92740926],
    ])
    steady = [0.20774716, 0.18725774, 0.20740537, 0.18821787, 0.20937187]
    np.testing.assert_array_equal(res.counts.to_numpy(), counts)
    np.testing.assert_allclose(res.p.to_numpy(), p, atol=1e-8)
    np.testing.assert_allclose(res.steady_state.to_numpy(), steady, atol=1e-8)
    assert res.mobility == pytest.approx((5 - np.trace(p)) / 4, abs=1e-8)
    assert res.valid and "steady state" in res.summary()
    assert res.to_frame().shape == (5, 8)
    # giddy Markov(q5).sojourn_time on the same chain: 1/(1 - p_ii)
    np.testing.assert_allclose(res.sojourn.to_numpy(), [11.125, 4.65806452, 4.73372781, 4.95172414, 13.77586207],
                               rtol=1e-8)
    # R markovchain 0.9.1 (Debian r-cran-markovchain) on these counts: meanFirstPassageTime(mc) and
    # meanRecurrenceTime(mc); giddy's Markov.fmpt gives the same (Kemeny & Snell 1976, Theorem 4.4.7).
    fmpt_r = np.array([
        [0.0, 11.50292712, 29.60921231, 53.38594954, 103.59816743],
        [42.04774505, 0.0, 18.74455332, 42.50023268, 92.71316899],
        [69.25849753, 27.21075248, 0.0, 25.27184624, 75.43305672],
        [84.90689329, 42.85914824, 17.18082642, 0.0, 51.60953369],
        [98.41295543, 56.36521038, 30.66046735, 14.21158356, 0.0],
    ])
    recurrence_r = [4.813543565, 5.340233235, 4.821476033, 5.312991858, 4.776190835]
    m = res.first_passage.to_numpy()
    np.testing.assert_allclose(m[~np.eye(5, dtype=bool)], fmpt_r[~np.eye(5, dtype=bool)], rtol=1e-8)
    np.testing.assert_allclose(np.diag(m), recurrence_r, rtol=1e-8)
    np.testing.assert_allclose(res.ergodic.to_numpy(), [steady], atol=1e-8)


def test_markov_pooled_versus_per_year_hand_example():
    # year 1: 1,2,3,4 (relative 0.4, 0.8, 1.2, 1.6); year 2: 1,1,1,5 (relative 0.5, 0.5, 0.5, 2.5).
    # per-year medians 1.0 and 0.5 -> classes (0,0,1,1) then (0,0,0,1); pooled median 0.65 -> (0,1,1,1), (0,0,0,1)
    values = pd.DataFrame({2001: [1.0, 2, 3, 4], 2002: [1.0, 1, 1, 5]}, index=list("ABCD"))
    per_year = convergence.markov(values, k=2)
    pooled = convergence.markov(values, k=2, pooled=True)
    np.testing.assert_array_equal(per_year.counts.to_numpy(), [[2, 0], [1, 1]])
    np.testing.assert_array_equal(pooled.counts.to_numpy(), [[1, 0], [2, 1]])
    assert pooled.cutoffs.loc["pooled", "q1"] == pytest.approx(0.65)


def test_markov_immobile_chain_and_options():
    values = pd.DataFrame({y: [1.0, 2, 3, 4, 5] for y in range(2000, 2006)})
    res = convergence.markov(values, k=5)
    assert res.mobility == 0.0
    assert not res.valid and "not ergodic" in res.reason
    # every class is closed: five ergodic distributions (before: none was given), sojourn times infinite
    np.testing.assert_allclose(res.ergodic.to_numpy(), np.eye(5))
    assert "5 closed classes" in res.reason and "5 ergodic distributions" in res.summary()
    assert np.isinf(res.sojourn).all()
    with pytest.raises(OptionError, match="k must be an integer >= 2; got 1"):
        convergence.markov(values, k=1)


def test_beta_unconditional_mrw_oecd():
    d = MRW_OECD
    res = convergence.beta_convergence(d["gdp60"], d["gdp85"], years=25)
    assert res.beta * 25 == pytest.approx(-0.341, abs=5e-4)
    assert res.se * 25 == pytest.approx(0.079, abs=5e-4)
    assert res.r2_adj == pytest.approx(0.46, abs=5e-3)
    assert res.speed == pytest.approx(0.0167, abs=5e-5)
    assert res.half_life == pytest.approx(np.log(2) / res.speed)
    assert res.kind == "absolute" and res.valid


def test_beta_conditional_mrw_oecd_table_v():
    d = MRW_OECD
    controls = pd.DataFrame({"ln_invest": np.log(d["invest"] / 100),
                             "ln_ngd": np.log(d["popgrowth"] / 100 + 0.05),
                             "ln_school": np.log(d["school"] / 100)})
    res = convergence.beta_convergence(d["gdp60"], d["gdp85"], years=25, controls=controls)
    coef, se = res.params * 25, res.bse * 25
    assert coef["log_initial"] == pytest.approx(-0.398, abs=5e-4)
    assert se["log_initial"] == pytest.approx(0.070, abs=5e-4)
    assert coef["ln_invest"] == pytest.approx(0.332, abs=5e-4)
    assert coef["ln_ngd"] == pytest.approx(-0.863, abs=5e-4)
    assert coef["ln_school"] == pytest.approx(0.228, abs=5e-4)
    assert res.r2_adj == pytest.approx(0.65, abs=5e-3)
    assert res.speed == pytest.approx(0.0203, abs=5e-5)
    assert res.kind == "conditional"


def test_beta_divergence_is_invalid_with_reason():
    initial = pd.Series([1.0, 2.0, 3.0, 4.0])
    final = initial**2  # the rich grow faster
    res = convergence.beta_convergence(initial, final, years=10)
    assert not res.valid and "no convergence" in res.reason and np.isnan(res.half_life)
    with pytest.raises(OptionError, match="years must be positive"):
        convergence.beta_convergence(initial, final, years=0)


def test_sigma_convergence_hand_example():
    # logs (0, 1, 2) in the first year: sd = sqrt(2/3); the spread then halves every year
    values = pd.DataFrame({2000 + t: np.exp(np.array([0.0, 1.0, 2.0]) * 0.5**t) for t in range(5)})
    res = convergence.sigma_convergence(values)
    assert res.dispersion["sd_log"].iloc[0] == pytest.approx(np.sqrt(2 / 3))
    assert res.slope < 0 and res.converging
    short = convergence.sigma_convergence(values.iloc[:, :2])
    assert not short.valid and "at least 3" in short.reason
    with pytest.raises(DataError, match="non-positive levels"):
        convergence.sigma_convergence(values - 10)


def test_pair_gap_linear_and_log_trends():
    years = [2000, 2001, 2002]
    a = pd.Series([50.0, 60.0, 70.0], index=years)
    b = pd.Series([100.0, 100.0, 100.0], index=years)
    lin = convergence.pair_gap(a, b)  # ratio 0.5, 0.6, 0.7 -> parity in 2005
    assert lin.valid and lin.year_to_close == pytest.approx(2005.0)
    pct = convergence.pair_gap(a, b, kind="percent")
    assert pct.gap.tolist() == pytest.approx([-50.0, -40.0, -30.0]) and pct.year_to_close == pytest.approx(2005)
    t = np.arange(2000, 2006)
    g = convergence.pair_gap(pd.Series(50 * np.exp(0.05 * (t - 2000)), index=t), pd.Series(100.0, index=t),
                             trend="log")
    assert g.year_to_close == pytest.approx(2000 + np.log(2) / 0.05)
    wide = convergence.pair_gap(pd.Series([50.0, 45.0, 40.0], index=years), b)
    assert not wide.valid and "not closing" in wide.reason and np.isnan(wide.year_to_close)
    assert "INVALID" in wide.summary()
    assert list(lin.to_frame().columns) == ["gap", "trend"]
