"""Reference tests of the Leontief/Ghosh model against published tables (sources cited at each test)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regint.models.inputoutput import IOTable, ghosh_inverse, leontief_inverse, technical_coefficients

SECTORS = ["agriculture_group", "manufacturing_group", "construction_group", "trade_group",
           "business_services_group", "other_services_group"]
ROWS = ["cpa_a", "cpa_c", "cpa_f", "cpa_g_i", "cpa_business", "cpa_other"]


# --- Miller & Blair (2009), ch. 2, two-sector example (typed in; also ../shared/reference/io_miller_blair) ---
def test_miller_blair_two_sector_typed_in() -> None:
    # Miller & Blair, Input-Output Analysis, ch. 2: Z = [[150, 500], [200, 100]], x = (1000, 2000).
    t = IOTable(np.array([[150.0, 500.0], [200.0, 100.0]]), np.array([1000.0, 2000.0]), labels=["s1", "s2"])
    np.testing.assert_allclose(t.A.to_numpy(), [[0.15, 0.25], [0.20, 0.05]], atol=1e-12)
    np.testing.assert_allclose(t.L.to_numpy(), [[1.2541254, 0.330033], [0.2640264, 1.122112]], atol=1e-6)
    np.testing.assert_allclose(t.output_multipliers.to_numpy(), [1.518152, 1.452145], atol=1e-6)
    # new final demand f = (600, 1500) → x = (1247.524752, 1841.584158)
    np.testing.assert_allclose(t.impact(np.array([600.0, 1500.0])).output.to_numpy(),
                               [1247.524752, 1841.584158], atol=1e-6)


def test_miller_blair_shared_csv(reference: Path) -> None:
    # ../shared/reference/io_miller_blair/EXPECTED.md (IO1), tolerance 1e-6.
    d = pd.read_csv(reference / "io_miller_blair" / "miller_blair_2sector.csv", index_col=0)
    Z = d[["sector1", "sector2"]]
    t = IOTable(Z, d["total_output"])
    np.testing.assert_allclose(t.L.to_numpy(), [[1.2541254, 0.330033], [0.2640264, 1.122112]], atol=1e-6)
    np.testing.assert_allclose(t.impact(d["final_demand"]).output.to_numpy(), d["total_output"].to_numpy(), atol=1e-6)


# --- Eurostat Manual of Supply, Use and IO Tables (2008), ch. 15 (Beutel), Germany 1995, Table 15.4 ---
@pytest.fixture(scope="module")
def germany(reference: Path) -> IOTable:
    d = pd.read_csv(reference / "io_eurostat_germany1995" / "germany_1995_beutel_table15_4.csv").set_index("t_rows2")
    Z = pd.DataFrame(d.loc[ROWS, SECTORS].to_numpy(float), index=SECTORS, columns=SECTORS)
    hh = pd.Series(d.loc[ROWS, "consumption_expenditure_household"].to_numpy(float), index=SECTORS)
    return IOTable(Z, d.loc["P1", SECTORS], value_added=d.loc["B1G", SECTORS], employment=d.loc["EMP", SECTORS],
                   compensation=d.loc["D1", SECTORS], household=hh, unit="mln EUR")


def test_eurostat_input_coefficients(germany: IOTable) -> None:
    # Eurostat Manual (2008) Table 15.6, p. 485: a11 = 0.0258, a22 = 0.2822, a33 = 0.0158.
    A = germany.A.to_numpy()
    assert np.round(np.diag(A)[:3], 4).tolist() == [0.0258, 0.2822, 0.0158]
    np.testing.assert_allclose(A, technical_coefficients(germany.Z.to_numpy(), germany.x.to_numpy()))


def test_eurostat_leontief_inverse(germany: IOTable) -> None:
    # Eurostat Manual (2008) Table 15.10, p. 488: diagonal 1.0339, 1.4292, 1.0289, 1.1784, 1.4126, 1.0515.
    assert np.round(np.diag(germany.L.to_numpy()), 4).tolist() == [1.0339, 1.4292, 1.0289, 1.1784, 1.4126, 1.0515]


def test_eurostat_output_multipliers(germany: IOTable) -> None:
    # Eurostat Manual (2008) ch. 15.3, output multipliers (column sums of Table 15.10).
    assert np.round(germany.output_multipliers.to_numpy(), 4).tolist() == [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]


def test_eurostat_gva_multipliers(germany: IOTable) -> None:
    # Eurostat Manual (2008) ch. 15.3, GVA multipliers (as pinned in rOpenGov/iotables tests).
    assert np.round(germany.gva_multipliers.to_numpy(), 4).tolist() == [0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199]


def test_eurostat_employment_multipliers(germany: IOTable) -> None:
    # Eurostat Manual (2008) ch. 15.3, employment multipliers, thousand persons per mln EUR.
    assert np.round(germany.employment_multipliers.to_numpy(), 4).tolist() == [0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242]


def test_eurostat_ghosh_inverse(germany: IOTable) -> None:
    # Eurostat Manual (2008) ch. 15.4, Ghosh inverse, agriculture column: 1.0339, 0.0118, 0.0037, 0.0103, 0.0117, 0.0043.
    G = germany.G.to_numpy()
    assert np.round(G[:, 0], 4).tolist() == [1.0339, 0.0118, 0.0037, 0.0103, 0.0117, 0.0043]
    # Row sums (forward linkages, not normalised) published as 2.1126, 1.6691, 1.3558, 1.5848, 2.1037, 1.2106;
    # the manufacturing value 1.6691 does not match the table (1.6910 here; iotables notes the same mismatch).
    sums = np.round(G.sum(axis=1), 4)
    assert sums[[0, 2, 3, 4, 5]].tolist() == [2.1126, 1.3558, 1.5848, 2.1037, 1.2106]
    x = germany.x.to_numpy()
    np.testing.assert_allclose(G, np.diag(1 / x) @ germany.L.to_numpy() @ np.diag(x), atol=1e-10)


def test_eurostat_pure_functions_agree(germany: IOTable) -> None:
    A = germany.A.to_numpy()
    np.testing.assert_allclose(leontief_inverse(A), np.linalg.inv(np.eye(6) - A), atol=1e-12)
    np.testing.assert_allclose(ghosh_inverse(germany.B.to_numpy()), germany.G.to_numpy(), atol=1e-12)


def test_eurostat_linkages_and_key_sectors(germany: IOTable) -> None:
    bl = germany.backward_linkages
    assert bl.mean() == pytest.approx(1.0)
    np.testing.assert_allclose(bl.to_numpy(), germany.output_multipliers.to_numpy() / germany.output_multipliers.mean())
    assert germany.forward_linkages.mean() == pytest.approx(1.0)
    assert germany.key_sectors == ["agriculture_group", "manufacturing_group"]


def test_eurostat_type_ii_not_below_type_i(germany: IOTable) -> None:
    t1, t2 = germany.type_i_multipliers, germany.type_ii_multipliers
    assert (t2.to_numpy() >= t1.to_numpy() - 1e-12).all()
    res = germany.multipliers()
    assert "Key sectors" in res.summary() and res.to_frame().attrs["unavailable"] == []
