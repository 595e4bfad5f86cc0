"""General-equilibrium counterfactuals of structural gravity (Anderson & van Wincoop 2003; Yotov et al. 2016, Ch. 2).

Reference: the book's conditional-GE step (Ch. 2, Application 1 "Trade without borders", authors' do-file Step
III.a) re-estimates PPML with the counterfactual trade costs as an offset; its fitted flows must equal the
fixed point of :func:`conditional_ge` started from the baseline PPML fit. Properties: unchanged costs return the
baseline exactly; a lower bilateral cost raises that pair's trade; results are finite and homogeneous.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regint.errors import DataError, OptionError
from regint.models.gravity import ge_counterfactual, ppml
from regint.models.gravity_ge import (
    cost_change_from_coefficient,
    cost_change_from_tariff,
    trade_matrix,
)


@pytest.fixture(scope="module")
def book2006(reference: Path):
    path = reference / "gravity_yotov2016" / "agtpa_applications.csv.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    raw = pd.read_csv(path)
    d = raw[raw["year"] == 2006].reset_index(drop=True)
    d = d.assign(log_dist=np.log(d["dist"]), intl=(d["exporter"] != d["importer"]).astype(float))
    res = ppml(d, "trade ~ log_dist + cntg + intl | exporter + importer")
    return d, res


def test_conditional_ge_equals_ppml_with_offset(book2006) -> None:
    import pyfixest as pf

    d, res = book2006
    fitted = d.assign(trade=res.fitted)
    countries, X = trade_matrix(fitted)
    _, D = trade_matrix(d.assign(trade=d["intl"]))
    T_hat = cost_change_from_coefficient(res.coef["intl"], D)  # remove all international borders
    ge = ge_counterfactual(X, T_hat, kind="conditional", countries=countries, reference="DEU")
    # the book's way: PPML of the actual flows on exporter and importer FE with ln t_CFL as offset
    b = res.coef
    d2 = d.assign(ln_t=b["log_dist"] * d["log_dist"] + b["cntg"] * d["cntg"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyfixest's pandas-3 deprecation notices
        fit = pf.fepois("trade ~ 1 | exporter + importer", data=d2, offset="ln_t", iwls_tol=1e-10)
    book = d2.assign(x=fit.predict(type="response"))
    _, X_book = trade_matrix(book.assign(trade=book["x"]))
    np.testing.assert_allclose(ge.counterfactual, X_book, rtol=1e-4)
    # no borders: international trade rises for every country
    assert (ge.to_frame()["exports"] > 0).all()


def test_full_endowment_without_borders_raises_welfare(book2006) -> None:
    d, res = book2006
    countries, X = trade_matrix(d.assign(trade=res.fitted))
    _, D = trade_matrix(d.assign(trade=d["intl"]))
    ge = ge_counterfactual(X, cost_change_from_coefficient(res.coef["intl"], D), sigma=7,
                           kind="full", countries=countries, reference="DEU")
    table = ge.to_frame()
    assert ge.converged
    assert (table["real_output"] > 0).all()
    assert np.isfinite(table.to_numpy()).all()
    assert ge.imr_change[countries.index("DEU")] == pytest.approx(1.0)
    # market clearing: Y'_i = p_i Y_i
    np.testing.assert_allclose(ge.counterfactual.sum(axis=1), ge.price_change * X.sum(axis=1), rtol=1e-9)


# ---------------------------------------------------------------------------------------------------------
# properties


def _matrices(n: int):
    return arrays(np.float64, (n, n), elements=st.floats(0.5, 100.0))


@st.composite
def economies(draw):
    n = draw(st.integers(2, 6))
    X = draw(_matrices(n))
    X[np.diag_indices(n)] *= draw(st.floats(1.0, 20.0))
    i = draw(st.integers(0, n - 1))
    j = draw(st.integers(0, n - 2))
    j = j if j < i else j + 1
    factor = draw(st.floats(1.05, 3.0))
    return X, (i, j), factor


@settings(max_examples=60, deadline=None)
@given(economies(), st.sampled_from(["full", "conditional"]))
def test_unchanged_costs_return_the_baseline_exactly(econ, kind) -> None:
    X, _, _ = econ
    ge = ge_counterfactual(X, np.ones_like(X), kind=kind)
    assert np.array_equal(ge.counterfactual, X)
    assert np.array_equal(ge.price_change, np.ones(len(X)))
    assert ge.iterations == 1


@settings(max_examples=60, deadline=None)
@given(economies(), st.sampled_from(["full", "conditional"]), st.floats(1.5, 12.0))
def test_removing_a_friction_raises_the_pairs_trade(econ, kind, sigma) -> None:
    X, (i, j), factor = econ
    T = np.ones_like(X)
    T[i, j] = factor
    ge = ge_counterfactual(X, T, kind=kind, sigma=sigma)
    assert ge.converged
    # nominal flows depend on the numeraire; the pair's share in the importer's expenditure does not
    assert ge.counterfactual[i, j] / ge.counterfactual[:, j].sum() > X[i, j] / X[:, j].sum()
    table = ge.to_frame()
    cols = ["exports", "imports", "output", "omr", "imr"] + (["real_output", "welfare"] if kind == "full" else [])
    assert np.isfinite(table[cols].to_numpy()).all()
    if kind == "conditional":
        np.testing.assert_allclose(ge.counterfactual.sum(axis=1), X.sum(axis=1), rtol=1e-9)
        np.testing.assert_allclose(ge.counterfactual.sum(axis=0), X.sum(axis=0), rtol=1e-9)


@settings(max_examples=30, deadline=None)
@given(economies(), st.floats(0.01, 1e4))
def test_changes_do_not_depend_on_units(econ, scale) -> None:
    X, (i, j), factor = econ
    T = np.ones_like(X)
    T[i, j] = factor
    a = ge_counterfactual(X, T).to_frame()
    b = ge_counterfactual(X * scale, T).to_frame()
    np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), rtol=1e-6, atol=1e-8)


def test_cost_change_builders() -> None:
    D = np.array([[0, 1], [1, 0]])
    np.testing.assert_allclose(cost_change_from_coefficient(-2.0, D), [[1, np.exp(2)], [np.exp(2), 1]])
    np.testing.assert_allclose(cost_change_from_coefficient(-2.0, D, new_beta=-1.0)[0, 1], np.exp(1))
    cut = cost_change_from_tariff(-0.1, D.astype(bool), sigma=5)
    assert cut[0, 1] == pytest.approx(0.9 ** -4) and cut[0, 0] == 1


def test_ge_input_errors() -> None:
    X = np.array([[10.0, 1.0], [2.0, 8.0]])
    with pytest.raises(OptionError, match="kind must be one of"):
        ge_counterfactual(X, np.ones((2, 2)), kind="partial")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="must match trade"):
        ge_counterfactual(X, np.ones((3, 3)))
    with pytest.raises(DataError, match="positive domestic flows"):
        ge_counterfactual(np.array([[0.0, 1.0], [2.0, 8.0]]), np.ones((2, 2)))
    with pytest.raises(DataError, match="reference 'XX'"):
        ge_counterfactual(X, np.ones((2, 2)), countries=["A", "B"], reference="XX")
    with pytest.raises(DataError, match="missing"):
        trade_matrix(pd.DataFrame({"exporter": ["A"], "importer": ["B"], "trade": [1.0]}))
