"""Hierarchic composition against published examples."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from regint.errors import DataError
from regint.experts.hierarchy import Hierarchy


def test_leader_example_matches_ahpy():
    """Wikipedia 'Analytic hierarchy process – leader example' as run in the AHPy README
    (github.com/PhilipGriffith/AHPy, 'Choosing a leader'; eigenvector, Saaty 2005 RI, 3 dp):
    target Nell .493, Moll .358, Sue .150; criteria Experience .548, Charisma .270, Education .127, Age .056,
    CR .044; Experience local Nell .717 Moll .217 Sue .066 (CR .035); Education global Sue .093 Moll .024
    Nell .010 (CR .062). Wikipedia prints Dick .493, Tom .358, Harry .149 for the same judgements."""
    h = Hierarchy("Criteria")
    h.compare("Criteria", {("Experience", "Education"): 4, ("Experience", "Charisma"): 3, ("Experience", "Age"): 7,
                           ("Education", "Charisma"): 1 / 3, ("Education", "Age"): 3, ("Charisma", "Age"): 5})
    h.compare("Experience", {("Moll", "Nell"): 1 / 4, ("Moll", "Sue"): 4, ("Nell", "Sue"): 9})
    h.compare("Education", {("Moll", "Nell"): 3, ("Moll", "Sue"): 1 / 5, ("Nell", "Sue"): 1 / 7})
    h.compare("Charisma", {("Moll", "Nell"): 5, ("Moll", "Sue"): 9, ("Nell", "Sue"): 4})
    h.compare("Age", {("Moll", "Nell"): 1 / 3, ("Moll", "Sue"): 5, ("Nell", "Sue"): 9})
    r = h.solve(ri="saaty2005")
    tol = 1.5e-3  # published to 3 dp
    assert r.leaves["Nell"] == pytest.approx(0.493, abs=tol)
    assert r.leaves["Moll"] == pytest.approx(0.358, abs=tol)
    assert r.leaves["Sue"] == pytest.approx(0.150, abs=tol)
    crit = r.local_weights("Criteria")
    for k, v in {"Experience": 0.548, "Charisma": 0.270, "Education": 0.127, "Age": 0.056}.items():
        assert crit[k] == pytest.approx(v, abs=tol)
    assert r.nodes["Criteria"].cr == pytest.approx(0.044, abs=1e-3)
    assert r.nodes["Experience"].cr == pytest.approx(0.035, abs=1e-3)
    assert r.nodes["Education"].cr == pytest.approx(0.062, abs=1e-3)
    edu = r.elements[r.elements["parent"] == "Education"].set_index("element")["global_weight"]
    np.testing.assert_allclose(edu[["Sue", "Moll", "Nell"]], [0.093, 0.024, 0.010], atol=tol)
    assert r.leaves.sum() == pytest.approx(1.0)
    assert "Nell" in r.summary()


VEHICLES = ("Accord Sedan", "Accord Hybrid", "Pilot", "CR-V", "Element", "Odyssey")


def _vehicle(values):
    return dict(zip(itertools.combinations(VEHICLES, 2), values, strict=True))


def test_car_example_three_levels_matches_ahpy():
    """Wikipedia 'Analytic hierarchy process – car example' (Haas & Meixner) as run in the AHPy README
    ('Purchasing a vehicle'; eigenvector, 3 dp): criteria Cost .510, Safety .234, Capacity .215, Style .041;
    Cost's sub-criteria Price .488, Fuel .252, Resale .161, Maintenance .100; target weights Odyssey .219,
    Accord Sedan .215, CR-V .167, Accord Hybrid .150, Element .144, Pilot .106."""
    h = Hierarchy("Criteria")
    h.compare("Criteria", {("Cost", "Safety"): 3, ("Cost", "Style"): 7, ("Cost", "Capacity"): 3,
                           ("Safety", "Style"): 9, ("Safety", "Capacity"): 1, ("Style", "Capacity"): 1 / 7})
    h.compare("Cost", {("Price", "Fuel"): 2, ("Price", "Maintenance"): 5, ("Price", "Resale"): 3,
                       ("Fuel", "Maintenance"): 2, ("Fuel", "Resale"): 2, ("Maintenance", "Resale"): 1 / 2})
    h.compare("Capacity", {("Cargo", "Passenger"): 1 / 5})
    h.compare("Price", _vehicle((9, 9, 1, 1 / 2, 5, 1, 1 / 9, 1 / 9, 1 / 7, 1 / 9, 1 / 9, 1 / 7, 1 / 2, 5, 6)))
    h.compare("Safety", _vehicle((1, 5, 7, 9, 1 / 3, 5, 7, 9, 1 / 3, 2, 9, 1 / 8, 2, 1 / 8, 1 / 9)))
    h.compare("Passenger", _vehicle((1, 1 / 2, 1, 3, 1 / 2, 1 / 2, 1, 3, 1 / 2, 2, 6, 1, 3, 1 / 2, 1 / 6)))
    h.compare("Fuel", _vehicle((1 / 1.13, 1.41, 1.15, 1.24, 1.19, 1.59, 1.3, 1.4, 1.35, 1 / 1.23, 1 / 1.14,
                                1 / 1.18, 1.08, 1.04, 1 / 1.04)))
    h.compare("Resale", _vehicle((3, 4, 1 / 2, 2, 2, 2, 1 / 5, 1, 1, 1 / 6, 1 / 2, 1 / 2, 4, 4, 1)))
    h.compare("Maintenance", _vehicle((1.5, 4, 4, 4, 5, 4, 4, 4, 5, 1, 1.2, 1, 1, 3, 2)))
    h.compare("Style", _vehicle((1, 7, 5, 9, 6, 7, 5, 9, 6, 1 / 6, 3, 1 / 3, 7, 5, 1 / 5)))
    h.compare("Cargo", _vehicle((1, 1 / 2, 1 / 2, 1 / 2, 1 / 3, 1 / 2, 1 / 2, 1 / 2, 1 / 3, 1, 1, 1 / 2, 1,
                                 1 / 2, 1 / 2)))
    r = h.solve()
    tol = 1.5e-3
    for k, v in {"Cost": 0.510, "Safety": 0.234, "Capacity": 0.215, "Style": 0.041}.items():
        assert r.local_weights("Criteria")[k] == pytest.approx(v, abs=tol)
    for k, v in {"Price": 0.488, "Fuel": 0.252, "Resale": 0.161, "Maintenance": 0.100}.items():
        assert r.local_weights("Cost")[k] == pytest.approx(v, abs=tol)
    expected = {"Odyssey": 0.219, "Accord Sedan": 0.215, "CR-V": 0.167, "Accord Hybrid": 0.150,
                "Element": 0.144, "Pilot": 0.106}
    for k, v in expected.items():
        assert r.leaves[k] == pytest.approx(v, abs=tol)
    assert r.global_weight("Price") == pytest.approx(0.249, abs=tol)
    assert r.leaves.sum() == pytest.approx(1.0)


def test_direct_priorities_and_errors():
    h = Hierarchy("G").compare("G", {("a", "b"): 3}).set_priorities("a", {"x": 2, "y": 2})
    h.set_priorities("b", {"x": 1.0, "y": 3.0})
    r = h.solve()
    assert r.leaves["x"] == pytest.approx(0.75 * 0.5 + 0.25 * 0.25)
    with pytest.raises(DataError, match="not reachable from the goal"):
        Hierarchy("G").compare("G", {("a", "b"): 2}).compare("zz", {("p", "q"): 2}).solve()
    with pytest.raises(DataError, match="has no comparison"):
        Hierarchy("G").compare("H", {("a", "b"): 2}).solve()
    with pytest.raises(DataError, match="cycle"):
        Hierarchy("G").compare("G", {("a", "b"): 2}).compare("a", {("G", "c"): 2}).solve()
