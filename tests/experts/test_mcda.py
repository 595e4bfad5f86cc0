"""TOPSIS, VIKOR, weighted sum and entropy weights against published examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regint.errors import DataError, OptionError
from regint.experts.mcda import entropy_weights, topsis, vikor, weighted_sum


def test_topsis_tzeng_huang_2011(reference):
    """Tzeng & Huang (2011) *Multiple Attribute Decision Making*, CRC Press (../shared/reference/mcda_topsis)."""
    x = pd.read_csv(reference / "mcda_topsis" / "tzeng_huang_2011_topsis.csv")
    r = topsis(x.to_numpy(), [0.3, 0.4, 0.3], [True] * 3, normalization="vector")
    np.testing.assert_allclose(r.closeness, [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-4)
    np.testing.assert_allclose(r.closeness, [0.503720, 0.658085, 0.748249, 0.333997], atol=1e-6)
    np.testing.assert_allclose(r.d_plus, [0.117496, 0.063536, 0.048666, 0.130660], atol=1e-6)
    np.testing.assert_allclose(r.d_minus, [0.119257, 0.122288, 0.144645, 0.065525], atol=1e-6)
    assert list(r.ranks) == [3, 2, 1, 4]


def test_topsis_minmax_matches_pymcdm(reference):
    """pymcdm 1.4.0 TOPSIS (min-max normalisation) on the same data, as recorded in EXPECTED.md."""
    x = pd.read_csv(reference / "mcda_topsis" / "tzeng_huang_2011_topsis.csv").to_numpy()
    r = topsis(x, [0.3, 0.4, 0.3], ["max"] * 3, normalization="minmax")
    np.testing.assert_allclose(r.closeness, [0.485281, 0.648371, 0.776791, 0.362977], atol=1e-6)


OT2004 = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])


def test_vikor_opricovic_tzeng_2004():
    """Opricovic & Tzeng (2004) EJOR 156: 445–455, numerical example (risk to minimise, altitude to maximise,
    equal weights, v = 0.5): S = .5 .375 .5, R = .5 .25 .5, Q = 1 0 1; A2 is the compromise solution with
    acceptable advantage (ΔQ = 1 ≥ DQ = 0.5) and stability. The same data are coded in the tests of pymcdm
    (TestVIKOR.test_output_opricovic) and scikit-criteria (test_VIKOR_opricovic2004compromise)."""
    r = vikor(OT2004, [0.5, 0.5], ["min", "max"], v=0.5, alternatives=["A1", "A2", "A3"])
    np.testing.assert_allclose(r.s, [0.5, 0.375, 0.5])
    np.testing.assert_allclose(r.r, [0.5, 0.25, 0.5])
    np.testing.assert_allclose(r.q, [1.0, 0.0, 1.0])
    assert r.acceptable_advantage and r.acceptable_stability and r.compromise == ("A2",)
    assert "Compromise solution: A2" in r.summary()


def test_topsis_on_opricovic_tzeng_2004():
    """Same example: min-max TOPSIS gives .500 .617 .500 (pymcdm TestTOPSIS, citing Opricovic & Tzeng 2004);
    vector TOPSIS ranks A1 first — the paper's point that TOPSIS and VIKOR can disagree."""
    mm = topsis(OT2004, [0.5, 0.5], ["min", "max"], normalization="minmax")
    np.testing.assert_allclose(mm.closeness.round(3), [0.500, 0.617, 0.500])
    vec = topsis(OT2004, [0.5, 0.5], ["min", "max"], normalization="vector")
    assert vec.ranks[0] == 1


HPP = np.array([
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
])
HPP_BENEFIT = ["max", "min", "max", "max", "min", "min", "min", "max"]


@pytest.mark.parametrize(("weights", "q", "s", "r", "compromise"), [
    ([1] * 8, [0.991, 1.0, 0.473, 0.670, 0.0, 0.578], [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
     [0.125, 0.125, 0.121, 0.125, 0.067, 0.125], ("A5",)),
    ([2, 2, 2, 2, 1, 1, 1, 1], [1.0, 0.533, 0.552, 0.563, 0.0, 0.686], [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
     [0.167, 0.114, 0.161, 0.167, 0.089, 0.167], ("A5",)),
    ([1, 1, 1, 1, 2, 2, 2, 2], [0.684, 1.0, 0.147, 0.554, 0.041, 0.191], [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
     [0.113, 0.167, 0.08, 0.122, 0.044, 0.083], ("A5", "A3", "A6")),
    ([1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2], [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
     [0.678, 0.857, 0.138, 0.513, 0.222, 0.167], [0.129, 0.190, 0.057, 0.139, 0.042, 0.060], ("A3", "A5", "A6")),
])
def test_vikor_opricovic_tzeng_2007(weights, q, s, r, compromise):
    """Opricovic & Tzeng (2007) EJOR 178: 514–529, hydropower example (6 alternatives, 8 criteria) under four
    weight sets, values to 3 dp as in the paper (also coded in scikit-criteria test_VIKOR_opricovic2007extended).
    With the last two weight sets C1 fails and the compromise set is every alternative within DQ = 0.2 of the best."""
    res = vikor(HPP, weights, HPP_BENEFIT, alternatives=[f"A{k}" for k in range(1, 7)])
    np.testing.assert_allclose(res.q, q, atol=1.5e-3)
    np.testing.assert_allclose(res.s, s, atol=1.5e-3)
    np.testing.assert_allclose(res.r, r, atol=1.5e-3)
    assert set(res.compromise) == set(compromise)


def test_weighted_sum_and_entropy_by_hand():
    x = np.array([[1.0, 10.0], [3.0, 20.0], [2.0, 30.0]])
    # min-max: col1 0, 1, .5 ; col2 (cost) 1, .5, 0 ; weights .25/.75 → .75, .625, .125
    r = weighted_sum(x, [1, 3], [True, False])
    np.testing.assert_allclose(r.scores, [0.75, 0.625, 0.125])
    assert list(r.ranks) == [1, 2, 3]
    # entropy: identical columns get equal weight; a constant column gets 0
    w = entropy_weights(np.array([[1.0, 1.0, 5.0], [2.0, 2.0, 5.0], [3.0, 3.0, 5.0]]))
    assert w[2] == pytest.approx(0.0) and w[0] == pytest.approx(0.5)
    # p = (1/6, 2/6, 3/6): E = -(Σ p ln p)/ln 3
    p = np.array([1, 2, 3]) / 6
    e = -(p * np.log(p)).sum() / np.log(3)
    assert 1 - e > 0 and w.sum() == pytest.approx(1.0)


def test_errors_are_clear():
    with pytest.raises(OptionError, match=r"normalization must be one of \{'vector', 'minmax'\}; got 'max'"):
        topsis([[1, 2], [3, 4]], [0.5, 0.5], [1, 1], normalization="max")  # type: ignore[arg-type]
    with pytest.raises(DataError, match=r"cell \(A2, C1\) is missing"):
        topsis([[1, 2], [np.nan, 4]], [0.5, 0.5], [1, 1])
    with pytest.raises(DataError, match="2 benefit flags for 3 criteria"):
        vikor([[1, 2, 3], [3, 4, 5]], [1, 1, 1], [1, 1])
    with pytest.raises(DataError, match="v must be within"):
        vikor([[1, 2], [3, 4]], [1, 1], [1, 1], v=1.5)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (5, 3), elements=st.floats(0.1, 100.0)), st.lists(st.floats(0.01, 1.0), min_size=3,
                                                                              max_size=3),
       st.lists(st.booleans(), min_size=3, max_size=3), st.sampled_from(["vector", "minmax"]))
def test_topsis_closeness_in_unit_interval(x, w, b, norm):
    r = topsis(x, w, b, normalization=norm)
    assert np.all((r.closeness >= -1e-12) & (r.closeness <= 1 + 1e-12))
    v = vikor(x, w, b)
    assert np.all((v.q >= -1e-12) & (v.q <= 1 + 1e-12)) and len(v.compromise) >= 1
