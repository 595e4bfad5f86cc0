"""Invariants of the index stages (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regint.index import Framework, mazziotta_pareto, normalise, weighted_arithmetic_mean
from regint.index.framework import rescale_weights
from regint.index.sobol import radial_matrices, saltelli_design, sobol_indices

FAST = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)


@FAST
@given(arrays(np.float64, st.tuples(st.integers(2, 30), st.integers(1, 5)), elements=values),
       st.sampled_from([1, -1]), st.tuples(st.floats(-10, 10), st.floats(0.5, 100)))
def test_minmax_and_rank_in_range(x: np.ndarray, direction: int, bounds: tuple[float, float]) -> None:
    lo, width = bounds
    frame = pd.DataFrame(x, columns=[f"i{j}" for j in range(x.shape[1])])
    dirs = dict.fromkeys(frame.columns, direction)
    mm = normalise(frame, "minmax", direction=dirs, bounds=(lo, lo + width)).to_numpy()
    tol = 1e-9 * max(1.0, abs(lo) + width)
    assert np.all(mm >= lo - tol) and np.all(mm <= lo + width + tol)
    rk = normalise(frame, "rank", direction=dirs).to_numpy()
    assert np.all(rk > 0) and np.all(rk <= 100)


@FAST
@given(st.lists(st.integers(1, 5), min_size=1, max_size=5), st.data())
def test_weights_sum_to_one_within_parents(sizes: list[int], data: st.DataObject) -> None:
    rows = [{"code": "I", "parent": "", "weight": 1}]
    for d, k in enumerate(sizes):
        rows.append({"code": f"D{d}", "parent": "I", "weight": data.draw(positive)})
        rows += [{"code": f"x{d}_{j}", "parent": f"D{d}", "weight": data.draw(positive)} for j in range(k)]
    fw = Framework.from_frame(pd.DataFrame(rows))
    w = fw.weights
    sums = w.groupby(fw.table.loc[w.index, "parent"]).sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    assert (w > 0).all()
    np.testing.assert_allclose(rescale_weights(w * 7.0, fw), w)


@FAST
@given(arrays(np.float64, st.tuples(st.integers(1, 20), st.integers(1, 6)), elements=values), st.data())
def test_arithmetic_mean_between_min_and_max(x: np.ndarray, data: st.DataObject) -> None:
    w = np.array([data.draw(positive) for _ in range(x.shape[1])])
    y = weighted_arithmetic_mean(x, w)
    tol = 1e-9 * (1 + np.abs(x).max())
    assert np.all(y >= x.min(axis=1) - tol) and np.all(y <= x.max(axis=1) + tol)


@FAST
@given(arrays(np.float64, st.tuples(st.integers(1, 20), st.integers(1, 6)), elements=positive), st.data())
def test_mazziotta_pareto_not_above_arithmetic_mean(x: np.ndarray, data: st.DataObject) -> None:
    w = np.array([data.draw(positive) for _ in range(x.shape[1])])
    assert np.all(mazziotta_pareto(x, w) <= weighted_arithmetic_mean(x, w) + 1e-9 * x.max())


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.lists(st.floats(0.0, 3.0), min_size=3, max_size=3), st.floats(0.0, 3.0), st.integers(0, 2**16))
def test_sobol_first_order_not_above_total(coef: list[float], interaction: float, seed: int) -> None:
    """Y = sum c_i x_i + g x_1 x_2 on U(0,1)^3; S_i <= S_Ti up to the Monte Carlo error."""
    n = 2048
    a, b = saltelli_design(n, [1, 1, 1], seed)

    def model(u: np.ndarray) -> np.ndarray:
        return u @ np.asarray(coef) + interaction * u[:, 0] * u[:, 1]

    f_ab = np.stack([model(m) for m in radial_matrices(a, b, [1, 1, 1])])
    s1, total = sobol_indices(model(a), model(b), f_ab)
    ok = ~np.isnan(s1)
    assert np.all(s1[ok] <= total[ok] + 0.03)
