"""`pair_io_analysis`: the one input-output pipeline of the CLI and the report, on frames only."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError
from regint.models.inputoutput import NationalIOData
from regint.models.inputoutput.pipeline import pair_io_analysis, regional_structure

LAB = ["A", "C", "G"]


def _national() -> NationalIOData:
    # A three-sector table (illustrative numbers): Z, output, GVA, compensation, household demand.
    idx = pd.Index(LAB, name="code")
    Z = pd.DataFrame([[10.0, 30, 5], [20, 60, 25], [10, 30, 20]], index=idx, columns=idx)
    x = pd.Series([100.0, 300, 150], index=idx)
    va = x - Z.sum(axis=0)
    fd = pd.DataFrame({"household": x - Z.sum(axis=1)}, index=idx)
    return NationalIOData(Z=Z, x=x, value_added=va, final_demand=fd, primary_inputs=pd.DataFrame([va, x]),
                          labels=pd.DataFrame({"code": LAB, "name_ru": ["agri", "manuf", "trade"]}),
                          compensation=va * 0.5, year=2021, unit="mln RUB")


def _obs(region: str, indicator: str, value: float, period: str = "2021") -> dict:
    return {"region": region, "indicator": indicator, "period": period, "value": value, "unit": "mln RUB",
            "location": f"{indicator}!{region}"}


PROXY_PANEL = pd.DataFrame([
    _obs("RU-SMO", "agri_output", 4.0), _obs("RU", "agri_output", 100.0),
    _obs("RU-SMO", "shipments_C", 3.0), _obs("RU", "shipments_C", 300.0),
    _obs("RU-SMO", "grp", 2.0, "2020"), _obs("RU", "grp", 100.0, "2020"),
])


def test_structure_from_the_proxies_of_the_panel() -> None:
    res = pair_io_analysis(_national(), PROXY_PANEL, region="RU-SMO", partner="BY-VI")
    assert res.structure.source == "proxies"
    # A: 4 / 100 = 4 %, C: 3 / 300 = 1 %, G (no proxy): the GRP share 2 / 100 = 2 %; GVA = share × national GVA
    nat_gva = _national().value_added
    expected = pd.Series([0.04, 0.01, 0.02], index=LAB) * nat_gva
    assert res.structure.activity.to_numpy() == pytest.approx(expected.to_numpy())
    assert any("sections WITHOUT a regional proxy — G — are ASSUMED" in a for a in res.assumptions)
    assert res.assumptions[-1].startswith("Example shock: +1,000 mln RUB of final demand; shock sector C")
    assert set(res.regional) == {"RU-SMO", "BY-VI"} and set(res.impacts) == {"RU-SMO", "BY-VI"}
    imp = res.impacts["RU-SMO"].sum()
    assert imp["delta_final_demand"] == pytest.approx(1000.0)
    assert 1000.0 <= imp["output"] <= 1000.0 * res.national_multipliers.frame.loc["C", "output"] + 1e-9
    assert list(res.multiplier_frames()) == ["national", "RU-SMO", "BY-VI"]
    assert res.sensitivity.shape[0] > 1 and not res.warnings


def test_the_panel_structure_wins_over_the_proxies_and_a_given_one_over_both() -> None:
    rows = [_obs("RU-SMO", f"grp_structure_{s}", v, "2019") for s, v in zip(LAB, (10.0, 50, 40), strict=True)]
    panel = pd.concat([PROXY_PANEL, pd.DataFrame(rows)], ignore_index=True)
    res = pair_io_analysis(_national(), panel, region_share=0.02)
    assert res.structure.source == "store" and res.structure.messages == (
        "Regional GVA structure of RU-SMO from the store, 2019.",)
    given = pd.Series({"A": 1.0, "C": 1.0, "G": 1.0})
    choice = regional_structure(panel, "RU-SMO", 2021, _national().to_iotable(), structure=given)
    assert choice.source == "given" and choice.activity.tolist() == [1.0, 1.0, 1.0]


def test_without_regional_data_the_national_structure_is_assumed_and_said() -> None:
    for panel in (None, PROXY_PANEL.iloc[0:0]):
        res = pair_io_analysis(_national(), panel)
        assert res.structure.source == "national" and res.structure.activity is None
        assert "national structure assumed" in res.warnings[-1]
        assert any("RU-SMO: regional GVA structure by activity not available" in a for a in res.assumptions)
    res = pair_io_analysis(_national(), PROXY_PANEL, region="BY-MA")
    assert "activity proxies are Rosstat tables of Russian regions only" in " ".join(res.warnings)


def test_national_structure_gives_the_national_multipliers_with_slq() -> None:
    # SLQ with the national structure and no size adjustment: every quotient is 1, regional = national.
    res = pair_io_analysis(_national(), None, method="slq")
    np.testing.assert_allclose(res.regional["RU-SMO"].frame["output"], res.national_multipliers.frame["output"])


def test_bad_options_are_named() -> None:
    with pytest.raises(DataError, match=r"shock sector 'X' is not a section of the table; sections: \['A', 'C', 'G'\]"):
        pair_io_analysis(_national(), None, shock_sector="x")
    with pytest.raises(ValueError, match="method must be one of"):
        pair_io_analysis(_national(), None, method="lq")
