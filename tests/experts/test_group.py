"""Group AHP: AIJ, AIP, expert weights, consistency report, dispersion."""

from __future__ import annotations

import numpy as np
import pytest

from regint.errors import DataError, OptionError
from regint.experts.group import (
    aggregate_judgements,
    aggregate_priorities,
    group_priorities,
    shannon_diversity,
)


def test_aij_by_hand():
    """Two experts judge a over b as 2 and 8: the geometric mean 4 gives weights 0.8 / 0.2; with expert weights
    3:1 the mean is 2^(3/4)·8^(1/4) = 2^(3/2) (Aczél & Saaty 1983; Forman & Peniwati 1998)."""
    r = group_priorities({"e1": {("a", "b"): 2}, "e2": {("a", "b"): 8}})
    np.testing.assert_allclose(r.weights, [0.8, 0.2])
    g = aggregate_judgements([np.array([[1, 2], [0.5, 1]]), np.array([[1, 8], [1 / 8, 1]])], [3, 1])
    assert g[0, 1] == pytest.approx(2 ** 1.5) and g[1, 0] == pytest.approx(2 ** -1.5)


def test_aip_by_hand():
    v = [np.array([0.5, 0.5]), np.array([0.8, 0.2])]
    np.testing.assert_allclose(aggregate_priorities(v, mean="arithmetic"), [0.65, 0.35])
    gm = np.sqrt([0.5 * 0.8, 0.5 * 0.2])
    np.testing.assert_allclose(aggregate_priorities(v, mean="geometric"), gm / gm.sum())
    r = group_priorities([{("a", "b"): 1}, {("a", "b"): 4}], aggregation="aip", mean="arithmetic")
    np.testing.assert_allclose(r.weights, [0.65, 0.35])
    assert r.group is None


def test_consistency_report_and_exclusion():
    good = {("x", "y"): 2, ("x", "z"): 4, ("y", "z"): 2}
    bad = {("x", "y"): 9, ("x", "z"): 1 / 9, ("y", "z"): 9}
    r = group_priorities({"good": good, "bad": bad}, max_cr=0.2)
    assert r.excluded == ("bad",) and r.experts == ("good",)
    assert bool(r.consistency.loc["good", "acceptable"]) and not bool(r.consistency.loc["bad", "acceptable"])
    assert r.consistency.loc["bad", "revise_first"] != "—"
    assert "Excluded for inconsistency" in r.summary()
    with pytest.raises(DataError, match="every expert's CR exceeds max_cr"):
        group_priorities({"bad": bad}, max_cr=0.1)


def test_identical_experts_have_full_consensus():
    j = {("x", "y"): 3, ("x", "z"): 5, ("y", "z"): 2}
    r = group_priorities({"a": j, "b": j, "c": j}, expert_weights={"a": 1, "b": 2, "c": 3})
    assert r.diversity["beta"] == pytest.approx(1.0) and r.diversity["consensus"] == pytest.approx(1.0)
    np.testing.assert_allclose(r.pair_dispersion.to_numpy(), 1.0)
    assert (r.dispersion["sd"] < 1e-12).all()


def test_diversity_bounds():
    # two experts with opposite certainties: β between 1 and K = 2
    d = shannon_diversity(np.array([[0.9, 0.1], [0.1, 0.9]]))
    assert 1.0 < d["beta"] <= 2.0 and 0.0 <= d["consensus"] < 1.0


def test_group_errors():
    with pytest.raises(DataError, match="expert 'e2' compared"):
        group_priorities({"e1": {("a", "b"): 2}, "e2": {("a", "c"): 2}})
    with pytest.raises(DataError, match=r"no weight for expert\(s\) \['e2'\]"):
        group_priorities({"e1": {("a", "b"): 2}, "e2": {("a", "b"): 3}}, expert_weights={"e1": 1})
    with pytest.raises(OptionError, match="aggregation must be one of"):
        group_priorities({"e1": {("a", "b"): 2}}, aggregation="mean")  # type: ignore[arg-type]
