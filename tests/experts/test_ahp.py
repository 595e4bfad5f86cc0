"""AHP priorities and consistency of one matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.errors import DataError, OptionError, ScaleWarning
from regint.experts.ahp import (
    check_pairwise,
    from_judgements,
    most_inconsistent,
    priorities,
    random_index,
    revision_candidates,
)

DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]


@pytest.fixture(scope="module")
def drinks(reference):
    path = reference / "ahp_saaty_drinks" / "drinks_matrix.csv"
    return pd.read_csv(path).to_numpy(dtype=float)


def test_drinks_eigenvector_matches_saaty_2008(drinks):
    """Saaty (2008) Int. J. Services Sciences 1(1): 83–98, drinks example (../shared/reference/ahp_saaty_drinks)."""
    r = priorities(drinks, DRINKS, method="eigenvector", ri="saaty1980")
    recomputed = [0.177457, 0.019149, 0.041831, 0.116417, 0.189572, 0.128781, 0.326793]
    published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    np.testing.assert_allclose(r.weights, recomputed, atol=1e-6)
    np.testing.assert_allclose(r.weights, published, atol=5e-4)
    assert r.lambda_max == pytest.approx(7.176629, abs=1e-6)
    assert r.ci == pytest.approx(0.029438, abs=1e-6)
    assert r.cr == pytest.approx(0.022302, abs=1e-6)
    assert priorities(drinks, DRINKS, ri="saaty2005").cr == pytest.approx(0.021806, abs=1e-6)
    assert r.acceptable
    assert "water" in r.summary() and "CR = 0.0223" in r.summary()


def test_drinks_geometric_mean(drinks):
    """Row geometric means of the drinks matrix as recomputed in EXPECTED.md."""
    r = priorities(drinks, DRINKS, method="geometric")
    np.testing.assert_allclose(r.weights, [0.178723, 0.018461, 0.042234, 0.116498, 0.191136, 0.128625, 0.324323],
                               atol=1e-6)


def test_random_index_tables():
    assert random_index(3, "saaty1980") == 0.58 and random_index(3, "saaty2005") == 0.52
    assert np.isnan(random_index(16))
    with pytest.raises(OptionError, match=r"ri must be one of \{'saaty1980', 'saaty2005'\}; got 'dd'"):
        random_index(4, "dd")  # type: ignore[arg-type]


def test_reciprocity_error_names_the_cell():
    a = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 2, 1]])
    with pytest.raises(DataError, match=r"not reciprocal at cell \(z, y\): it is 2 but 1/\(y, z\) = 1/2"):
        check_pairwise(a, ["x", "y", "z"])


def test_scale_and_diagonal_errors():
    with pytest.raises(DataError, match=r"cell \(x, y\) = 12 is outside Saaty's scale"):
        check_pairwise([[1, 12], [1 / 12, 1]], ["x", "y"])
    with pytest.raises(DataError, match=r"cell \(y, y\) = 2: the diagonal must be 1"):
        check_pairwise([[1, 2], [0.5, 2]], ["x", "y"])
    with pytest.raises(OptionError, match="method must be one of"):
        priorities([[1, 2], [0.5, 1]], method="power")  # type: ignore[arg-type]


def test_upper_triangle_suffices():
    a = np.array([[1, 3, 5], [np.nan, 1, 2], [np.nan, np.nan, 1]])
    full = check_pairwise(a).to_numpy()
    assert full[2, 0] == pytest.approx(1 / 5) and full[2, 1] == pytest.approx(1 / 2)


def test_harker_recovers_consistent_matrix():
    """Harker (1987): a missing judgement of a consistent matrix is recovered exactly (priorities unchanged)."""
    w = np.array([0.4, 0.3, 0.2, 0.1])
    a = np.outer(w, 1 / w)
    a[0, 3] = a[3, 0] = np.nan
    for method in ("eigenvector", "geometric"):
        r = priorities(a, method=method)
        np.testing.assert_allclose(r.weights, w, atol=1e-10)
        assert r.n_missing == 1 and r.completed[0, 3] == pytest.approx(4.0)
        assert r.cr == pytest.approx(0.0, abs=1e-10)


def test_incomplete_matches_ahpy_readme_example():
    """AHPy README (PhilipGriffith/AHPy, 'missing pairwise comparisons'; Bozóki, Fülöp & Rónyai 2010, Example 3):
    dropping (c, d) from the complete matrix moves the weights from b .3917 a .3742 d .1349 c .0991 to
    b .392 a .3738 d .1357 c .0985. AHPy completes by minimising λmax, which Harker's method does not do even
    for n = 4: Harker's weights (.3736, .3921, .0982, .1361) differ from AHPy's by up to 4e-4."""
    comp = {("a", "b"): 1, ("a", "c"): 5, ("a", "d"): 2, ("b", "c"): 3, ("b", "d"): 4, ("c", "d"): 3 / 4}
    full = priorities(comp, ["a", "b", "c", "d"])
    np.testing.assert_allclose(full.weights, [0.3742, 0.3917, 0.0991, 0.1349], atol=1.5e-4)
    del comp[("c", "d")]
    harker = priorities(comp, ["a", "b", "c", "d"])
    np.testing.assert_allclose(harker.weights, [0.3738, 0.392, 0.0985, 0.1357], atol=1.5e-3)
    assert np.max(np.abs(harker.weights - [0.3738, 0.392, 0.0985, 0.1357])) > 3e-4
    optimal = priorities(comp, ["a", "b", "c", "d"], completion="lambda_max")
    np.testing.assert_allclose(optimal.weights, [0.3738, 0.392, 0.0985, 0.1357], atol=6e-5)
    assert optimal.completion == "lambda_max" and "Bozóki" in optimal.summary()


def test_lambda_max_completion_matches_bozoki_fulop_ronyai_example_3():
    """Bozóki, Fülöp & Rónyai (2010), Example 3 (p. 332): U with u34 = x missing; their algorithm gives
    x = 0.7302965066047, "equal to van Uden's approximation sqrt(2/5 · 4/3) = 0.73029674334 up to 6 digits";
    AHPy's test_incomplete_example_missing_comparisons: 0.730297106886979. The stationary point of λmax(x) is
    van Uden's value itself (n = 4, one gap: the λmax- and LLSM-optimal completions coincide, Csató et al. 2024),
    so regint is held to it at 1e-9 and to both published values at their own precision (4e-7)."""
    u = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, np.nan], [1 / 2, 1 / 4, np.nan, 1]])
    x = priorities(u, completion="lambda_max").completed[2, 3]
    assert x == pytest.approx(np.sqrt(8 / 15), abs=1e-9)
    assert x == pytest.approx(0.7302965066047, abs=4e-7) and x == pytest.approx(0.730297106886979, abs=4e-7)
    # Harker's completion is another matrix: w3/w4 of Harker's eigenvector = 0.7212.
    assert priorities(u).completed[2, 3] == pytest.approx(0.72124, abs=1e-5)


_HOUSE = {("a", "b"): 5, ("a", "c"): 3, ("a", "d"): 7, ("a", "e"): 6, ("a", "f"): 6, ("b", "d"): 5, ("b", "f"): 3,
          ("c", "e"): 3, ("c", "g"): 6, ("f", "d"): 4, ("g", "a"): 3, ("g", "e"): 5, ("h", "a"): 4, ("h", "b"): 7,
          ("h", "d"): 8, ("h", "f"): 6}
# λmax-optimal completion of the incomplete 8×8 matrix M of Bozóki, Fülöp & Rónyai (2010), Section 6 (Saaty's
# house-buying matrix with 12 judgements deleted), as printed by AHPy's tests/test_ahp.py
# (test_incomplete_housing_missing_comparisons).
_HOUSE_AHPY = {("b", "c"): 0.3300187496240363, ("b", "e"): 1.7197409185349517, ("b", "g"): 0.4663515002203321,
               ("c", "d"): 9.920512661898753, ("c", "f"): 4.852486449214693, ("c", "h"): 0.5696073301509899,
               ("d", "e"): 0.5252768142894285, ("d", "g"): 0.1424438146531802, ("e", "f"): 0.9311973564754218,
               ("e", "h"): 0.10930828182051665, ("f", "g"): 0.2912120796181874, ("g", "h"): 0.4030898885178746}


def test_lambda_max_completion_of_the_incomplete_house_matrix_matches_ahpy():
    labels = list("abcdefgh")
    with pytest.warns(ScaleWarning, match=r"\(c, d\) = 9.92, \(h, e\) = 9.15 outside Saaty's scale"):
        res = priorities(_HOUSE, labels, completion="lambda_max")
    pos = {x: k for k, x in enumerate(labels)}
    for (i, j), value in _HOUSE_AHPY.items():
        assert res.completed[pos[i], pos[j]] == pytest.approx(value, rel=2e-5), (i, j)
    # regint's completion is at least as good: AHPy's values give a λmax no smaller.
    ahpy = res.completed.copy()
    for (i, j), value in _HOUSE_AHPY.items():
        ahpy[pos[i], pos[j]], ahpy[pos[j], pos[i]] = value, 1 / value
    assert res.lambda_max <= float(np.max(np.linalg.eigvals(ahpy).real)) + 1e-12
    assert res.lambda_max == pytest.approx(9.298092, abs=1e-6)


def test_harker_completion_out_of_scale_is_warned_about():
    """The same matrix completed by Harker's method: (c, d) = 21.63 and (c, f) = 11.26, beyond Saaty's 9 —
    before the fix without a word. Harker's λmax (9.4538) is larger than the optimum (9.2981)."""
    with pytest.warns(ScaleWarning, match=r"harker completion puts \(c, d\) = 21.6, \(c, f\) = 11.3"):
        res = priorities(_HOUSE, list("abcdefgh"))
    assert [(i, j) for i, j, _ in res.out_of_scale] == [("c", "d"), ("c", "f"), ("g", "d")]
    assert res.lambda_max == pytest.approx(9.453814, abs=1e-6)
    assert "completed (c, d) = 21.6 is outside Saaty's scale" in res.summary()


def test_completion_in_scale_does_not_warn():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", ScaleWarning)
        priorities({("a", "b"): 3, ("b", "c"): 2, ("a", "d"): 2, ("c", "d"): 1}, list("abcd"), completion="lambda_max")


def test_completion_option_is_validated():
    with pytest.raises(OptionError, match="completion must be one of"):
        priorities([[1, 2], [0.5, 1]], completion="bfr")  # type: ignore[arg-type]


def test_disconnected_judgements_are_refused():
    with pytest.raises(DataError, match=r"do not link \['c', 'd'\] with the other items"):
        priorities({("a", "b"): 2, ("c", "d"): 3}, ["a", "b", "c", "d"])


def test_contradictory_judgements():
    with pytest.raises(DataError, match="contradict each other"):
        from_judgements({("a", "b"): 3, ("b", "a"): 3})


def test_revision_finds_the_planted_judgement():
    w = np.array([0.5, 0.25, 0.15, 0.1])
    a = np.triu(np.outer(w, 1 / w))  # consistent upper triangle, lower one left to the reciprocals
    a[a == 0] = np.nan
    a[1, 3] = 1 / 4  # planted error: consistent value is 2.5
    r = priorities(a)
    first = most_inconsistent(r)
    assert (first["row"], first["column"]) == ("x2", "x4")
    # one step moves the judgement towards the implied ratio of the (distorted) priorities
    assert first["suggested"] > 1 / 4 and first["cr_after"] < r.cr / 2
    table = revision_candidates(r)
    assert table["cr_after"].iloc[0] < r.cr


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=1.0, max_value=3.0), min_size=2, max_size=9))
def test_consistent_matrix_has_cr_zero_and_weights_sum_to_one(raw):
    w = np.asarray(raw)
    a = np.outer(w, 1 / w)
    for method in ("eigenvector", "geometric"):
        r = priorities(a, method=method)
        assert r.weights.sum() == pytest.approx(1.0)
        assert r.cr == pytest.approx(0.0, abs=1e-9)
        np.testing.assert_allclose(r.weights, w / w.sum(), atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([1 / 9, 1 / 5, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0]), min_size=3, max_size=10))
def test_any_reciprocal_matrix_gives_positive_weights_summing_to_one(upper):
    n = 5
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = upper[k % len(upper)]
            a[j, i] = 1 / a[i, j]
            k += 1
    for method in ("eigenvector", "geometric"):
        r = priorities(a, method=method)
        assert r.weights.sum() == pytest.approx(1.0) and (r.weights > 0).all()
        assert r.lambda_max >= n - 1e-9 and r.cr >= -1e-12
