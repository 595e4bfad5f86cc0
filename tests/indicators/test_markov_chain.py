"""Markov chain summaries against giddy (PySAL) test values, Kemeny & Snell and R ``markovchain``."""

from __future__ import annotations

import numpy as np
import pytest

from regint.errors import DataError
from regint.indicators.markov_chain import (
    communication_classes,
    ergodic_distributions,
    first_passage_times,
    sojourn_times,
)

# Kemeny & Snell's Land of Oz chain (rain, nice, snow), as in giddy/tests/test_ergodic.py.
OZ = np.array([[0.5, 0.25, 0.25], [0.5, 0.0, 0.5], [0.25, 0.25, 0.5]])
# giddy/tests/test_ergodic.py: two closed classes {0, 1} and {2}; P3 = P2 with an empty last row.
P2 = np.array([[0.5, 0.5, 0.0], [0.3, 0.7, 0.0], [0.0, 0.0, 1.0]])
P3 = np.array([[0.5, 0.5, 0.0], [0.3, 0.7, 0.0], [0.0, 0.0, 0.0]])


def test_land_of_oz_matches_kemeny_snell_and_giddy() -> None:
    # Kemeny & Snell (1967), p. 218; giddy test_steady_state, test_fmpt; R markovchain meanFirstPassageTime
    # (off-diagonal) and meanRecurrenceTime (diagonal 2.5, 5, 2.5).
    np.testing.assert_allclose(ergodic_distributions(OZ), [[0.4, 0.2, 0.4]])
    expected = np.array([[2.5, 4.0, 10 / 3], [8 / 3, 5.0, 8 / 3], [10 / 3, 4.0, 2.5]])
    np.testing.assert_allclose(first_passage_times(OZ), expected, rtol=1e-12)
    # giddy sojourn_time docstring: array([2., 1., 2.])
    np.testing.assert_allclose(sojourn_times(OZ), [2.0, 1.0, 2.0])


def test_reducible_chain_has_one_ergodic_distribution_per_closed_class() -> None:
    # giddy test_steady_state_general: [[0.375, 0.625, 0], [0, 0, 1]]; with fill_empty_classes for P3 the same.
    # R markovchain steadyStates gives the same two rows (in the other order).
    np.testing.assert_allclose(ergodic_distributions(P2), [[0.375, 0.625, 0.0], [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(ergodic_distributions(P3), [[0.375, 0.625, 0.0], [0.0, 0.0, 1.0]])
    # giddy steady_state_general docstring: [[0.28571429, 0.71428571, 0], [0, 0, 1]]
    p = np.array([[0.5, 0.5, 0.0], [0.2, 0.8, 0.0], [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(ergodic_distributions(p), [[2 / 7, 5 / 7, 0.0], [0.0, 0.0, 1.0]])
    # giddy test_fmpt_general and fmpt_general docstring
    inf = np.inf
    np.testing.assert_allclose(first_passage_times(P2), [[8 / 3, 2.0, inf], [10 / 3, 1.6, inf], [inf, inf, 1.0]])
    np.testing.assert_allclose(first_passage_times(P3), [[8 / 3, 2.0, inf], [10 / 3, 1.6, inf], [inf, inf, 1.0]])
    np.testing.assert_allclose(first_passage_times(p), [[3.5, 2.0, inf], [5.0, 1.4, inf], [inf, inf, 1.0]])


def test_transient_states_reach_the_absorbing_class_in_finite_time() -> None:
    # giddy Markov docstring, reducible chain c = [['b','a','a'],['c','c','a'],['c','b','c']]: classes a, b, c;
    # a absorbing, {b, c} transient. R markovchain meanAbsorptionTime: b 2.333333, c 2.666667 (giddy's
    # fmpt_general returns inf here: it only computes passages inside a communicating class).
    p = np.array([[1.0, 0.0, 0.0], [0.5, 0.0, 0.5], [1 / 3, 1 / 3, 1 / 3]])
    classes = communication_classes(p)
    assert [(c.tolist(), closed) for c, closed in classes] == [([0], True), ([1, 2], False)]
    np.testing.assert_allclose(ergodic_distributions(p), [[1.0, 0.0, 0.0]])
    m = first_passage_times(p)
    np.testing.assert_allclose(m[:, 0], [1.0, 7 / 3, 8 / 3])
    assert np.isinf(m[:, 1:]).all()  # once absorbed in a, b and c are never reached again
    # giddy sojourn_time docstring, empty last row read as absorbing: array([2., 1., inf])
    np.testing.assert_allclose(sojourn_times(np.array([[0.5, 0.25, 0.25], [0.5, 0.0, 0.5], [0, 0, 0]])),
                               [2.0, 1.0, np.inf])


def test_bad_transition_matrices_are_refused() -> None:
    with pytest.raises(DataError, match="row 1 of the transition matrix sums to 0.9"):
        sojourn_times(np.array([[1.0, 0.0], [0.4, 0.5]]))
    with pytest.raises(DataError, match="must be square"):
        ergodic_distributions(np.ones((2, 3)) / 3)
    with pytest.raises(DataError, match=r"cell \(0, 1\) = -0.5 is negative"):
        first_passage_times(np.array([[1.5, -0.5], [0.5, 0.5]]))
