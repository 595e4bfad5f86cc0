"""Shapley / dominance decomposition of R² and the change decomposition: hand cases and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.errors import ModelError
from regint.models.factors import fit_panel
from regint.models.factors_importance import change_decomposition, factor_importance, shapley_r2


def _r2(y: np.ndarray, x: np.ndarray) -> float:
    b = np.linalg.lstsq(x, y, rcond=None)[0]
    return 1 - float(np.sum((y - x @ b) ** 2) / np.sum(y ** 2))


def test_two_regressors_by_hand() -> None:
    # Shapley with two players: phi_1 = [R2(1) + (R2(12) - R2(2))] / 2 (Israeli 2007, eq. 4).
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 2))
    x[:, 1] += 0.6 * x[:, 0]
    y = 1.0 * x[:, 0] + 0.5 * x[:, 1] + rng.normal(size=200)
    x, y = x - x.mean(0), y - y.mean()
    r1, r2, r12 = _r2(y, x[:, [0]]), _r2(y, x[:, [1]]), _r2(y, x)
    imp = shapley_r2(y, x, ["a", "b"])
    assert imp.shapley["a"] == pytest.approx((r1 + r12 - r2) / 2)
    assert imp.shapley["b"] == pytest.approx((r2 + r12 - r1) / 2)
    assert imp.r2 == pytest.approx(r12)
    assert imp.conditional.loc["a", "size_0"] == pytest.approx(r1)
    assert imp.conditional.loc["a", "size_1"] == pytest.approx(r12 - r2)


def test_orthogonal_regressors_get_their_simple_r2() -> None:
    x = np.array([[1, 1], [1, -1], [-1, 1], [-1, -1]], dtype=float)
    y = np.array([3.0, 1.0, -1.0, -3.0])  # = 2 x1 + 1 x2, R2 = 1, r2_1 = 0.8, r2_2 = 0.2
    imp = shapley_r2(y, x, ["x1", "x2"])
    np.testing.assert_allclose(imp.shapley.to_numpy(), [0.8, 0.2])
    assert bool(imp.complete.loc["x1", "x2"]) and not bool(imp.complete.loc["x2", "x1"])


@settings(max_examples=25, deadline=None)
@given(k=st.integers(1, 5), seed=st.integers(0, 10_000), scale=st.floats(0.1, 100))
def test_shapley_sums_to_r2_is_nonnegative_and_scale_free(k: int, seed: int, scale: float) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(40, k))
    y = x @ rng.normal(size=k) + rng.normal(size=40)
    x, y = x - x.mean(0), y - y.mean()
    imp = shapley_r2(y, x, [f"f{i}" for i in range(k)])
    assert imp.shapley.sum() == pytest.approx(_r2(y, x), abs=1e-10)
    assert (imp.shapley >= -1e-12).all()
    np.testing.assert_allclose(shapley_r2(y, x * scale, list(imp.shapley.index)).shapley, imp.shapley,
                               atol=1e-9)
    # general dominance = mean of the conditional dominances over subset sizes
    np.testing.assert_allclose(imp.conditional.mean(axis=1), imp.shapley, atol=1e-12)


def test_too_many_factors_is_refused() -> None:
    with pytest.raises(ModelError, match="at most 12"):
        shapley_r2(np.zeros(20), np.zeros((20, 13)), [str(i) for i in range(13)])


def _panel(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = pd.MultiIndex.from_product([[f"e{i}" for i in range(8)], range(2000, 2012)], names=["entity", "year"])
    df = pd.DataFrame({"x1": rng.normal(size=len(idx)), "x2": rng.normal(size=len(idx))}, index=idx)
    df["y"] = 2 * df["x1"] - df["x2"] + rng.normal(size=len(idx)) + np.repeat(rng.normal(size=8), 12)
    return df


@pytest.mark.parametrize("effects", ["twoways", "entity", "pooled"])
def test_change_decomposition_adds_up(effects: str) -> None:
    res = fit_panel(_panel(), "y", ["x1", "x2"], effects=effects, bootstrap=0)  # type: ignore[arg-type]
    dec = change_decomposition(res, "e3")
    np.testing.assert_allclose(dec.drop(columns="total").sum(axis=1), dec["total"], atol=1e-9)
    imp = factor_importance(res)
    assert imp.shapley.sum() == pytest.approx(res.r2_within)
    with pytest.raises(ModelError, match="not in the estimation sample"):
        change_decomposition(res, "nope")


def test_fit_panel_drops_absorbed_regressors_with_reason_and_bootstraps() -> None:
    df = _panel()
    df["common"] = np.tile(np.arange(12.0), 8)  # one value per year: absorbed by year effects
    res = fit_panel(df, "y", ["x1", "x2", "common"], effects="twoways", bootstrap=199)
    assert "common" not in res.params.index
    assert any(n == "common" and "absorbed" in why for n, why in res.honesty.dropped)
    assert res.boot_pvalues is not None and res.boot_pvalues["x1"] < 0.05
    ci = res.conf_int()
    assert (ci["lower"] < res.params).all() and (res.params < ci["upper"]).all()
    assert "Webb" in res.boot_weights  # 8 clusters
    assert "only 8 clusters" in res.summary()
