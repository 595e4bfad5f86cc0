"""MICMAC on a hand-computed example."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from regint.errors import DataError
from regint.experts.micmac import micmac

matplotlib.use("Agg")

# Direct influences (row influences column), Godet's 0–3 scale.
M = np.array([[0, 3, 2, 1], [1, 0, 3, 0], [0, 1, 0, 2], [0, 0, 1, 0]])


def test_micmac_by_hand():
    """Hand computation. Direct: influence (row sums) A 6, B 4, C 3, D 1 (mean 3.5); dependence (column sums)
    A 1, B 4, C 6, D 3 (mean 3.5) → A driver, B relay, C dependent, D autonomous.
    M² = [[3,2,10,4],[0,6,2,7],[1,0,5,0],[0,1,0,2]]: row sums 19 15 6 3, column sums 4 9 17 13 — the
    dependence order changes (C, D, B, A instead of C, B, D, A).
    M³ = [[2,19,16,23],[6,2,25,4],[0,8,2,11],[1,0,5,0]]: row sums 60 37 21 6, column sums 9 29 48 38 — both
    orders as at M², so the rankings are stable at power 3. Means 31 and 31 → A, B drivers; C, D dependent."""
    r = micmac(M, ["A", "B", "C", "D"])
    t = r.table
    assert list(t["influence_direct"]) == [6, 4, 3, 1] and list(t["dependence_direct"]) == [1, 4, 6, 3]
    assert list(t["class_direct"]) == ["driver", "relay", "dependent", "autonomous"]
    assert r.power == 3 and r.converged
    np.testing.assert_allclose(t["influence_indirect"], np.array([60, 37, 21, 6]) / 124 * 1000)
    np.testing.assert_allclose(t["dependence_indirect"], np.array([9, 29, 48, 38]) / 124 * 1000)
    assert list(t["class_indirect"]) == ["driver", "driver", "dependent", "dependent"]
    assert "B (relay → driver)" in r.summary()
    ax = r.plot(lang="ru")
    assert ax.get_xlabel() == "Зависимость"


def test_micmac_acyclic_and_errors():
    chain = np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0]])
    r = micmac(chain)
    assert r.converged and r.notes
    with pytest.raises(DataError, match=r"cell \(F1 → F1\) = 2: a factor does not influence itself"):
        micmac([[2, 1], [1, 0]])
    with pytest.raises(DataError, match=r"cell \(F2 → F1\) = -1"):
        micmac([[0, 1], [-1, 0]])
