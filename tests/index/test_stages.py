"""Single stages on small typed-in examples (values worked by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError, OptionError
from regint.index import (
    Framework,
    IndexSpec,
    aggregate,
    build_index,
    coherence,
    entropy_weights,
    equal_weights,
    factor_weights,
    impute,
    mazziotta_pareto,
    normalise,
    pca_weights,
    treat_outliers,
    winsorise_coinr,
)
from regint.index._mc_engine import evaluate_variants
from regint.index.coherence import cronbach_alpha
from regint.index.weights import budget_weights


def _panel() -> pd.DataFrame:
    idx = pd.MultiIndex.from_product([["u1", "u2"], [2015, 2016, 2017, 2018]], names=["unit", "year"])
    return pd.DataFrame({"a": [np.nan, 2.0, np.nan, 4.0, 1.0, np.nan, np.nan, 7.0],
                         "b": [1.0, 1.0, 1.0, np.nan, 2.0, 2.0, 2.0, 2.0]}, index=idx)


def _framework() -> Framework:
    return Framework.from_frame(pd.DataFrame([
        {"code": "I", "parent": "", "weight": 1}, {"code": "D1", "parent": "I", "weight": 1},
        {"code": "D2", "parent": "I", "weight": 1}, {"code": "a", "parent": "D1", "weight": 1},
        {"code": "b", "parent": "D1", "weight": 1}, {"code": "c", "parent": "D2", "weight": 1, "direction": -1},
        {"code": "d", "parent": "D2", "weight": 2}]))


def test_locf_and_interpolation() -> None:
    p = _panel()
    locf = impute(p, "locf")
    assert np.isnan(locf.loc[("u1", 2015), "a"])  # leading gap stays
    assert locf.loc[("u1", 2016), "a"] == 2.0 and locf.loc[("u1", 2017), "a"] == 2.0
    assert locf.loc[("u1", 2018), "b"] == 1.0
    lin = impute(p, "interpolate")
    assert lin.loc[("u1", 2017), "a"] == pytest.approx(3.0)
    assert lin.loc[("u2", 2016), "a"] == pytest.approx(3.0) and lin.loc[("u2", 2017), "a"] == pytest.approx(5.0)
    assert np.isnan(lin.loc[("u1", 2018), "b"])  # no extrapolation
    assert list(lin.index) == list(p.index)


def test_time_imputation_needs_panel() -> None:
    with pytest.raises(DataError, match="needs a panel"):
        impute(pd.DataFrame({"a": [1.0, np.nan]}), "locf")
    with pytest.raises(OptionError, match=r"method must be one of .*; got 'knn'"):
        impute(pd.DataFrame({"a": [1.0]}), "knn")  # type: ignore[arg-type]


def test_group_mean_by_year_and_regression() -> None:
    x = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "y": [3.0, 5.0, np.nan, 9.0, 11.0, np.nan]},
                     index=list("abcdef"))
    reg = impute(x, "regression")
    assert reg.loc["c", "y"] == pytest.approx(7.0) and reg.loc["f", "y"] == pytest.approx(13.0)
    groups = pd.Series(["g", "g", "g", "h", "h", "h"], index=list("abcdef"))
    gm = impute(x, "group_mean", groups=groups)
    assert gm.loc["c", "y"] == pytest.approx(4.0) and gm.loc["f", "y"] == pytest.approx(10.0)


def test_log_transform_when_winsorising_fails() -> None:
    x = np.array([1.0] * 60 + [2.0**k for k in range(1, 11)])
    y, rec = winsorise_coinr(x)
    assert rec.flagged and rec.log and rec.winsorised == 0
    np.testing.assert_allclose(y, np.log(x - 1.0 + 1.0))
    _, log = treat_outliers(pd.DataFrame({"x": x}), deflog="none")
    assert not log.at["x", "log"]


def test_normalise_methods() -> None:
    x = pd.DataFrame({"a": [1.0, 2.0, 3.0, 5.0]})
    mm = normalise(x, "minmax", direction={"a": -1})
    np.testing.assert_allclose(mm["a"], [100.0, 75.0, 50.0, 0.0])
    z = normalise(x, "zscore", zscore_params=(100, 10))
    assert z["a"].mean() == pytest.approx(100) and z["a"].std() == pytest.approx(10)
    np.testing.assert_allclose(normalise(x, "rank")["a"], [25, 50, 75, 100])
    np.testing.assert_allclose(normalise(x, "frontier")["a"], [20, 40, 60, 100])
    np.testing.assert_allclose(normalise(x, "target", targets={"a": 3.0})["a"], [0, 50, 100, 100])
    with pytest.raises(DataError, match="needs a finite target"):
        normalise(x, "target")


def test_normalise_base_period_keeps_years_comparable() -> None:
    idx = pd.MultiIndex.from_product([["u1", "u2"], [2015, 2016]])
    x = pd.DataFrame({"a": [10.0, 30.0, 20.0, 40.0]}, index=idx)
    y = normalise(x, "minmax", panel_bounds="base", base_period=2015)
    np.testing.assert_allclose(y["a"], [0.0, 200.0, 100.0, 300.0])
    by_year = normalise(x, "minmax", panel_bounds="by_year")
    np.testing.assert_allclose(by_year["a"], [0.0, 0.0, 100.0, 100.0])
    with pytest.raises(DataError, match="base_period 2000"):
        normalise(x, panel_bounds="base", base_period=2000)


def test_mazziotta_pareto_worked_example() -> None:
    # M = 100, S = sqrt(200/3), cv = S/M, MPI = M - S*cv = 100 - (200/3)/100
    x = np.array([[100.0, 110.0, 90.0]])
    assert mazziotta_pareto(x, np.ones(3))[0] == pytest.approx(100 - 2 / 3)


def test_aggregate_drops_missing_children() -> None:
    fw = _framework()
    data = pd.DataFrame({"a": [10.0, np.nan], "b": [20.0, 40.0], "c": [30.0, 30.0], "d": [60.0, 60.0]})
    out = aggregate(data, fw)
    assert out.loc[0, "D1"] == pytest.approx(15.0) and out.loc[1, "D1"] == pytest.approx(40.0)
    assert out.loc[0, "D2"] == pytest.approx(50.0)
    assert out.loc[0, "I"] == pytest.approx(32.5)
    with pytest.raises(DataError, match="strictly positive"):
        aggregate(data.fillna(0.0).assign(a=0.0), fw, method="geometric")


@pytest.mark.parametrize("method", ["arithmetic", "geometric", "mazziotta_pareto"])
def test_vectorised_engine_matches_aggregate(method: str) -> None:
    rng = np.random.default_rng(3)
    fw = _framework()
    data = pd.DataFrame(rng.uniform(1, 100, (12, 4)), columns=list("abcd"))
    data.iloc[2, 1] = np.nan
    w = fw.weights
    ref = aggregate(data, fw, w, method)  # type: ignore[arg-type]
    node_w = {c: np.full(3, w[c]) for c in w.index}
    got = evaluate_variants(data[fw.indicators].to_numpy(), fw, node_w, method)
    for node in fw.aggregates:
        np.testing.assert_allclose(got[node][:, 0], ref[node], rtol=1e-12)


def test_data_driven_weights() -> None:
    rng = np.random.default_rng(0)
    fw = _framework()
    base = rng.normal(size=50)
    data = pd.DataFrame({"a": base + 0.1 * rng.normal(size=50), "b": base + 0.1 * rng.normal(size=50),
                         "c": rng.normal(size=50), "d": np.r_[np.ones(49), 2.0]})
    for w in (pca_weights(data, fw), factor_weights(data, fw)):
        assert w[["a", "b"]].sum() == pytest.approx(1) and w[["c", "d"]].sum() == pytest.approx(1)
    pos = pd.DataFrame({"a": data["a"] + 10, "b": data["b"] + 10, "c": rng.uniform(1, 100, 50),
                        "d": 50 + 0.01 * rng.uniform(size=50)})
    ent = entropy_weights(pos, fw)
    assert ent["d"] < 0.01  # the nearly uniform indicator (maximal entropy) carries almost no information
    eq = equal_weights(fw)
    assert eq["c"] == pytest.approx(0.5)
    bud = budget_weights(pd.DataFrame({"c": [60, 80], "d": [40, 20]}), fw)
    assert bud["c"] == pytest.approx(0.7)


def test_cronbach_alpha_and_coherence() -> None:
    x = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    assert cronbach_alpha(x) == pytest.approx(1.0)
    # Textbook check: items (2,3,3),(4,4,5),(3,5,4),(5,5,5) → alpha = 0.8 (computed by hand below)
    y = np.array([[2.0, 3.0, 3.0], [4.0, 4.0, 5.0], [3.0, 5.0, 4.0], [5.0, 5.0, 5.0]])
    k, item_var, total_var = 3, y.var(axis=0, ddof=1).sum(), y.sum(axis=1).var(ddof=1)
    assert cronbach_alpha(y) == pytest.approx(k / (k - 1) * (1 - item_var / total_var))
    fw = _framework()
    rng = np.random.default_rng(1)
    data = pd.DataFrame(rng.uniform(1, 100, (20, 4)), columns=list("abcd"))
    res = build_index(data, fw, IndexSpec(treat=False))
    coh = coherence(res.stages["Aggregated"], fw)
    assert set(coh.dimensions.index) == {"D1", "D2", "I"}
    assert coh.dimensions["valid"].all()
    assert "alpha" in coh.summary()


def test_result_object() -> None:
    fw = _framework()
    data = pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 2, 1], "c": [2.0, 1, 3], "d": [5.0, 6, 19]},
                        index=["x", "y", "z"])
    res = build_index(data, fw, IndexSpec(treat=False, weights="equal"))
    frame = res.to_frame()
    assert list(frame.columns[:2]) == ["score", "rank"]
    assert sorted(res.ranks) == [1, 2, 3]
    assert "Composite index 'I'" in res.summary()
    with pytest.raises(OptionError, match="aggregate must be one of"):
        build_index(data, fw, IndexSpec(aggregate="median"))  # type: ignore[arg-type]


def test_goalposts_match_coinr() -> None:
    # COINr tests/testthat/test-normalise.R ("zoom in on some goalpost cases"), gposts = c(0, 10, 1):
    # n_goalposts(1) = 0.1, n_goalposts(11) = 1, n_goalposts(-1) = 0; direction = -1: 0.9, 0, 1.
    data = pd.DataFrame({"x": [1.0, 11.0, -1.0]})
    up = normalise(data, "goalposts", goalposts={"x": (0.0, 10.0)}, bounds=(0.0, 1.0))
    np.testing.assert_allclose(up["x"], [0.1, 1.0, 0.0])
    down = normalise(data, "goalposts", direction={"x": -1}, goalposts={"x": (0.0, 10.0)}, bounds=(0.0, 1.0))
    np.testing.assert_allclose(down["x"], [0.9, 0.0, 1.0])
    # COINr: n_goalposts(x, gposts = c(0.2, 0.8, 10)) = 10 * clip((x - 0.2)/0.6, 0, 1); regint on 0..100
    x = np.array([0.05, 0.2, 0.5, 0.8, 0.95])
    frame = pd.DataFrame({"v": x})
    posts = pd.DataFrame({"lower": [0.2], "upper": [0.8]}, index=["v"])
    got = normalise(frame, "goalposts", goalposts=posts)
    np.testing.assert_allclose(got["v"], 100 * np.clip((x - 0.2) / 0.6, 0, 1))
    loose = normalise(frame, "goalposts", goalposts=posts, truncate=False)
    assert loose["v"].iloc[0] == pytest.approx(-25.0) and loose["v"].iloc[-1] == pytest.approx(125.0)


def test_goalposts_are_fixed_across_years_and_units() -> None:
    # fixed bounds: a unit's score does not depend on the other units or years (unlike min-max)
    panel = _panel().fillna(3.0)
    posts = {"a": (0.0, 10.0), "b": (0.0, 4.0)}
    full = normalise(panel, "goalposts", goalposts=posts, panel_bounds="by_year")
    one = normalise(panel.loc[["u1"]], "goalposts", goalposts=posts)
    pd.testing.assert_frame_equal(full.loc[["u1"]], one)
    with pytest.raises(DataError, match=r"no goalposts for indicators \['b'\]"):
        normalise(panel, "goalposts", goalposts={"a": (0.0, 10.0)})
    with pytest.raises(DataError, match="needs goalposts"):
        normalise(panel, "goalposts")
    with pytest.raises(DataError, match="lower goalpost 5.0 must be below the upper one 1.0"):
        normalise(panel, "goalposts", goalposts={"a": (5.0, 1.0), "b": (0.0, 4.0)})


def test_borda_aggregation_reproduces_the_tennessee_example() -> None:
    # The classic Borda-count example (e.g. Wikipedia "Borda count"; Saari 1995, Basic Geometry of Voting):
    # 42 % Memphis > Nashville > Chattanooga > Knoxville; 26 % Nashville > Chattanooga > Knoxville > Memphis;
    # 15 % Chattanooga > Knoxville > Nashville > Memphis; 17 % Knoxville > Chattanooga > Nashville > Memphis.
    # Points 3-2-1-0 per 100 voters: Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107.
    # Voter groups are the indicators (weights = shares), cities the units; any values in the voters' order.
    cities = ["Memphis", "Nashville", "Chattanooga", "Knoxville"]
    votes = pd.DataFrame({"g42": [4, 3, 2, 1], "g26": [1, 4, 3, 2], "g15": [1, 2, 4, 3], "g17": [1, 2, 3, 4]},
                         index=cities, dtype=float)
    fw = Framework.from_frame(pd.DataFrame([
        {"code": "I", "parent": "", "weight": 1}, {"code": "g42", "parent": "I", "weight": 42},
        {"code": "g26", "parent": "I", "weight": 26}, {"code": "g15", "parent": "I", "weight": 15},
        {"code": "g17", "parent": "I", "weight": 17}]))
    score = aggregate(votes, fw, method="borda")["I"]
    np.testing.assert_allclose(score * 100, [126, 194, 173, 107])
    # only the order counts: stretching one voter's values changes nothing
    assert aggregate(votes * [1, 10, 1, 1], fw, method="borda")["I"].equals(score)
    # COINr n_borda: rank(x, ties.method = "min") - 1; NaN kept
    from regint.index import borda_scores

    np.testing.assert_array_equal(borda_scores(np.array([[3.0], [1.0], [3.0], [2.0], [np.nan]]))[:, 0],
                                  [2, 0, 2, 1, np.nan])


def test_borda_ranks_within_each_year_of_a_panel() -> None:
    idx = pd.MultiIndex.from_product([["u1", "u2", "u3"], [2020, 2021]], names=["unit", "year"])
    data = pd.DataFrame({"a": [1.0, 30, 2, 20, 3, 10], "b": [1.0, 30, 2, 20, 3, 10]}, index=idx)
    fw = Framework.from_frame(pd.DataFrame([
        {"code": "I", "parent": "", "weight": 1}, {"code": "a", "parent": "I", "weight": 1},
        {"code": "b", "parent": "I", "weight": 1}]))
    out = aggregate(data, fw, method="borda")["I"]
    assert out.xs(2020, level="year").tolist() == [0.0, 1.0, 2.0]
    assert out.xs(2021, level="year").tolist() == [2.0, 1.0, 0.0]


def test_build_index_with_goalposts_and_borda() -> None:
    fw = _framework()
    data = pd.DataFrame({"a": [1.0, 5, 9], "b": [2.0, 2, 8], "c": [3.0, 1, 2], "d": [10.0, 20, 30]},
                        index=["x", "y", "z"])
    posts = pd.DataFrame({"lower": [0.0, 0, 0, 0], "upper": [10.0, 10, 4, 40]}, index=list("abcd"))
    res = build_index(data, fw, IndexSpec(normalise="goalposts", aggregate="borda", treat=False), goalposts=posts)
    norm = res.stages["Normalised"]
    np.testing.assert_allclose(norm["a"], [10, 50, 90])
    np.testing.assert_allclose(norm["c"], [25, 75, 50])  # direction -1: (x - 4)/(0 - 4)
    # D1: Borda of a (0, 1, 2) and b (0, 0, 2) -> (0, 0.5, 2); D2: c (0, 2, 1), d (0, 1, 2) weights 1:2 -> (0, 4/3, 5/3)
    agg = res.stages["Aggregated"]
    np.testing.assert_allclose(agg["D1"], [0, 0.5, 2])
    np.testing.assert_allclose(agg["D2"], [0, 4 / 3, 5 / 3])
    np.testing.assert_allclose(agg["I"], [0, 1, 2])  # Borda of D1 (0, 1, 2) and D2 (0, 1, 2)
