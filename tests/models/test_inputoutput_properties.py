"""Property tests (hypothesis) of the invariants of the Leontief model and the FLQ."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regint.errors import ModelError
from regint.models.inputoutput import (
    IOTable,
    flq,
    leontief_inverse,
    regional_coefficients,
    slq,
    spectral_radius,
)

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


@st.composite
def productive_tables(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Random flows Z (n, n) and output x with value added > 0, so every column of A sums below 1."""
    n = draw(st.integers(2, 7))
    Z = draw(arrays(float, (n, n), elements=st.floats(0, 1000, allow_nan=False)))
    va = draw(arrays(float, (n,), elements=st.floats(1, 1000, allow_nan=False)))
    return Z, Z.sum(axis=0) + va


@SETTINGS
@given(productive_tables())
def test_column_sums_below_one_and_L_at_least_identity(table: tuple[np.ndarray, np.ndarray]) -> None:
    Z, x = table
    t = IOTable(Z, x)
    assert (t.A.sum(axis=0) < 1).all()
    L = t.L.to_numpy()
    assert (L >= np.eye(len(x)) - 1e-9).all()  # L = I + A + A² + … ≥ I for non-negative productive A


@SETTINGS
@given(productive_tables(), st.floats(-1e4, 1e4), st.floats(-1e4, 1e4))
def test_impact_is_linear(table: tuple[np.ndarray, np.ndarray], a: float, b: float) -> None:
    Z, x = table
    t = IOTable(Z, x, value_added=x - Z.sum(axis=0))
    rng = np.random.default_rng(0)
    f1, f2 = rng.normal(size=len(x)), rng.normal(size=len(x))
    combined = t.impact(a * f1 + b * f2).output.to_numpy()
    separate = a * t.impact(f1).output.to_numpy() + b * t.impact(f2).output.to_numpy()
    np.testing.assert_allclose(combined, separate, rtol=1e-8, atol=1e-6 * (abs(a) + abs(b) + 1))


@SETTINGS
@given(productive_tables(), st.floats(0.0, 0.99), st.floats(0.001, 1.0))
def test_flq_never_above_national(table: tuple[np.ndarray, np.ndarray], delta: float, size: float) -> None:
    Z, x = table
    A = Z / x
    rng = np.random.default_rng(1)
    regional = rng.uniform(0, 10, size=len(x))
    national = regional + rng.uniform(0.1, 10, size=len(x))
    R = regional_coefficients(A, flq(slq(regional, national), size, delta))
    assert (R <= A + 1e-15).all() and (R >= 0).all()


@SETTINGS
@given(productive_tables(), st.floats(0.05, 0.9))
def test_type_ii_at_least_type_i(table: tuple[np.ndarray, np.ndarray], wage_share: float) -> None:
    Z, x = table
    va = x - Z.sum(axis=0)
    comp = wage_share * va
    hh = comp * 0.5  # households spend half their income on domestic products
    t = IOTable(Z, x, value_added=va, compensation=comp, household=hh)
    t1, t2 = t.type_i_multipliers, t.type_ii_multipliers
    assert (t2.to_numpy() >= t1.to_numpy() - 1e-9).all()


def test_productive_table_with_a_column_sum_above_one_is_inverted() -> None:
    """Hawkins & Simon (1949); Miller & Blair (2009), appendix 2.1, pp. 58-60: column sums below one are
    sufficient for productiveness, not necessary; the condition is rho(A) < 1. Hand example (typed here, not
    data): lower-triangular A with column sums 1.33, 1.0, 0.3, eigenvalues = its diagonal, rho = 0.3. Before the
    fix leontief_inverse refused it ("input coefficients of 0 (1.3300) sum to 1 or more")."""
    from regint.models.inputoutput import hawkins_simon_minors

    A = np.array([[0.2, 0.0, 0.0], [1.13, 0.2, 0.0], [0.0, 0.8, 0.3]])
    np.testing.assert_allclose(A.sum(axis=0), [1.33, 1.0, 0.3])
    assert spectral_radius(A) == pytest.approx(0.3)
    np.testing.assert_allclose(hawkins_simon_minors(A), [0.8, 0.64, 0.448])
    # (I - A)^-1 by forward substitution: l11 = l22 = 1/0.8, l21 = 1.13/0.8^2, l33 = 1/0.7,
    # l32 = 0.8 l22 / 0.7, l31 = 0.8 l21 / 0.7.
    expected = np.array([[1.25, 0, 0], [1.765625, 1.25, 0], [0.8 * 1.765625 / 0.7, 0.8 * 1.25 / 0.7, 1 / 0.7]])
    np.testing.assert_allclose(leontief_inverse(A), expected, rtol=1e-12, atol=1e-14)


def test_flows_with_negative_value_added_still_give_the_inverse() -> None:
    # farm uses 110 of inputs for 100 of output (value added -10), yet rho(A) = 0.616 < 1.
    Z = pd.DataFrame([[50.0, 10], [60, 10]], index=["farm", "mill"], columns=["farm", "mill"])
    t = IOTable(Z, pd.Series([100.0, 100.0], index=["farm", "mill"]))
    assert (t.L.to_numpy() >= 0).all()
    np.testing.assert_allclose(t.L.to_numpy(), np.linalg.inv(np.eye(2) - t.A.to_numpy()))


def test_column_check_on_request_names_the_sector() -> None:
    from regint.models.inputoutput import check_productive

    A = np.array([[0.5, 0.1], [0.6, 0.1]])
    with pytest.raises(ModelError, match=r"input coefficients of farm \(1.1000\) sum to 1 or more"):
        check_productive(A, ["farm", "mill"], columns=True)


def test_spectral_radius_reported() -> None:
    A = np.array([[0.5, 0.6], [0.6, 0.5]])  # column sums 1.1 but checked by ρ only
    from regint.models.inputoutput import check_productive

    with pytest.raises(ModelError, match=r"spectral radius of A is 1.100000 ≥ 1"):
        check_productive(A, columns=False)
    with pytest.raises(ModelError, match="singular"):
        leontief_inverse(np.array([[1.0, 0.0], [0.0, 0.5]]), check=False)
