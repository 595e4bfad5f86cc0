"""Kendall's W and Delphi consensus and stability."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from regint.errors import DataError, OptionError
from regint.experts.delphi import delphi, item_statistics, kendall_w


def test_kendall_w_without_ties_by_hand():
    """4 judges rank 5 projects. Rank sums 9, 7, 8, 18, 18; mean 12; S = 9+25+16+36+36 = 122;
    W = 12·122 / (4²·(5³−5)) = 1464/1920 = 0.7625; χ² = m(n−1)W = 12.2 on 4 df (Kendall & Babington Smith 1939)."""
    ranks = np.array([[1, 3, 2, 5, 4], [2, 1, 3, 4, 5], [3, 1, 2, 5, 4], [3, 2, 1, 4, 5]])
    k = kendall_w(ranks)
    assert k.w == pytest.approx(0.7625)
    assert k.chi2 == pytest.approx(12.2) and k.df == 4
    assert k.p_value == pytest.approx(stats.chi2.sf(12.2, 4))


def test_kendall_w_with_ties_by_hand():
    """Data of the IBM SPSS NPAR TESTS /KENDALL documentation example (4 raters × 5 variables), computed by hand:
    average ranks per rater → rank sums 7.5, 14, 13.5, 19.5, 5.5 (mean 12), S = 125;
    ties: rater 1 one pair (6), rater 2 a triple (24), raters 3, 4 a pair each (6 + 6): ΣT = 42;
    W = 12·125 / (16·120 − 4·42) = 1500/1752 = 0.856164 (Siegel & Castellan 1988, eq. 9.16)."""
    x = np.array([[2, 5, 4, 5, 1], [3, 3, 4, 5, 3], [3, 4, 4, 6, 2], [2, 4, 3, 6, 2]])
    k = kendall_w(x)
    assert k.ties == 42
    assert k.w == pytest.approx(1500 / 1752)
    # the chi-square with tie correction equals Friedman's statistic (scipy applies the same correction)
    assert k.chi2 == pytest.approx(stats.friedmanchisquare(*x.T).statistic)


def test_kendall_w_edge_cases():
    assert kendall_w([[1, 2, 3], [1, 2, 3], [1, 2, 3]]).w == pytest.approx(1.0)
    k = kendall_w(pd.DataFrame([[1, 2, 3], [1, np.nan, 3], [3, 2, 1]], index=["e1", "e2", "e3"]))
    assert k.dropped == ("e2",) and k.m == 2
    assert np.isnan(kendall_w([[2, 2, 2], [3, 3, 3]]).w)


@settings(max_examples=60, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(2, 8), st.integers(2, 8)), elements=st.integers(1, 5)))
def test_kendall_w_in_unit_interval(x):
    k = kendall_w(x)
    assert np.isnan(k.w) or (-1e-12 <= k.w <= 1 + 1e-12)


def test_item_statistics_by_hand():
    r = pd.DataFrame({"a": [4, 4, 5, 4, 3], "b": [1, 5, 2, 5, 3]})
    st_ = item_statistics(r)
    # a: sorted 3,4,4,4,5 → Q1 = 4, Q3 = 4 (type 7), IQR 0; mean 4, sd sqrt(0.5)
    assert st_.loc["a", "iqr"] == 0 and st_.loc["a", "cv"] == pytest.approx(np.sqrt(0.5) / 4)
    assert bool(st_.loc["a", "consensus"])
    # b: sorted 1,2,3,5,5 → Q1 = 2, Q3 = 5, IQR 3 → no consensus
    assert st_.loc["b", "iqr"] == 3 and not bool(st_.loc["b", "consensus"])


def test_delphi_rounds_consensus_and_stability():
    experts = [f"E{k}" for k in range(1, 7)]
    r1 = pd.DataFrame({"x": [5, 4, 2, 5, 3, 1], "y": [2, 2, 3, 2, 2, 3], "z": [4, 4, 4, 5, 4, 4]}, index=experts)
    r2 = pd.DataFrame({"x": [5, 4, 4, 5, 4, 4], "y": [2, 2, 3, 2, 2, 3], "z": [4, 4, 4, 5, 4, 4]}, index=experts)
    res = delphi({"R1": r1, "R2": r2}, scale=(1, 5), stability="wilcoxon")
    final = res.final
    assert bool(final.loc["x", "consensus"]) and not bool(res.items.query("round == 'R1' and item == 'x'")["consensus"].iloc[0])
    stab = res.stability.set_index("item")
    assert bool(stab.loc["y", "stable"]) and bool(stab.loc["z", "stable"]) and not bool(stab.loc["x", "stable"])
    assert stab.loc["y", "wilcoxon_p"] == 1.0
    assert "R2" in res.concordance and "Kendall's W" in res.summary()


def test_delphi_errors():
    with pytest.raises(DataError, match=r"round 'R1', expert 'E2', item 'x': rating 7 is outside the scale 1–5"):
        delphi({"R1": pd.DataFrame({"x": [1, 7]}, index=["E1", "E2"])})
    with pytest.raises(OptionError, match="stability must be one of"):
        delphi([pd.DataFrame({"x": [1, 2]})], stability="ks")  # type: ignore[arg-type]
