"""Rank correlation and weight sensitivity."""

from __future__ import annotations

import numpy as np
import pytest

from regint.experts.sensitivity import rank_correlation, weight_sensitivity


def test_dominant_alternative_is_always_first():
    x = np.array([[9.0, 9.0, 9.0], [5.0, 6.0, 4.0], [3.0, 2.0, 4.0]])
    for method in ("topsis", "vikor", "wsm"):
        s = weight_sensitivity(x, [0.2, 0.3, 0.5], [True] * 3, method, draws=200, seed=1)
        assert s.first_share.iloc[0] == pytest.approx(1.0)
        assert s.stable and s.one_at_a_time["same_winner"].all()


def test_sensitivity_is_deterministic_and_reports_changes():
    x = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    a = weight_sensitivity(x, [0.3, 0.4, 0.3], [True] * 3, draws=300, seed=7)
    b = weight_sensitivity(x, [0.3, 0.4, 0.3], [True] * 3, draws=300, seed=7)
    assert a.first_share.equals(b.first_share)
    assert a.first_share.sum() == pytest.approx(1.0)
    assert a.base_ranks.idxmin() == "A3"
    assert "first in" in a.summary()


def test_rank_correlation_by_hand():
    # identical rankings: ρ = τ = 1; reversed: −1
    r = rank_correlation({"a": [1, 2, 3, 4], "b": [1, 2, 3, 4], "c": [4, 3, 2, 1]})
    row = r.set_index(["method_a", "method_b"])
    assert row.loc[("a", "b"), "spearman"] == pytest.approx(1.0)
    assert row.loc[("a", "c"), "kendall"] == pytest.approx(-1.0)
    # one swap of neighbours among 4: ρ = 1 − 6·2/(4·15) = 0.8, τ = (5 − 1)/6 = 2/3
    r2 = rank_correlation({"a": [1, 2, 3, 4], "b": [2, 1, 3, 4]})
    assert r2["spearman"].iloc[0] == pytest.approx(0.8)
    assert r2["kendall"].iloc[0] == pytest.approx(2 / 3)
