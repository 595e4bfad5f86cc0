"""Validation of the lever catalogue, scenario files, parameters and targets: clear errors naming file and key."""

from __future__ import annotations

import pandas as pd
import pytest

from regint.errors import OptionError
from regint.scenarios import (
    SHIPPED,
    ScenarioError,
    levers_from_frame,
    load_levers,
    load_scenario,
    parse_target,
    scenario_from_mapping,
    shipped_scenario,
)
from regint.scenarios.parameters import Parameter


def test_shipped_catalogue_every_number_has_a_source(catalogue):
    frame = catalogue.to_frame()
    assert len(frame) == 11 and frame["status"].isin(["in_force", "agreed", "proposed"]).all()
    assert {"border_m1", "customs_digital", "labour_mobility", "joint_investment"} <= set(frame["id"])
    for _, r in frame.iterrows():
        assert r["effect_status"] in ("cited", "derived", "assumption")
        if r["effect_status"] == "assumption":
            assert "ASSUMPTION" in r["effect_source"].upper()
        assert len(r["cost_source"]) > 10
    assert catalogue.topological_order().index("customs_digital") < catalogue.topological_order().index("border_m1")


def test_catalogue_error_names_row_and_field(catalogue):
    frame = load_levers().to_frame()  # round trip via the CSV columns
    raw = pd.read_csv(catalogue.source, keep_default_na=False)
    bad = raw.copy()
    bad.loc[2, "effect_low"] = 9.0  # border_m1: low above central
    with pytest.raises(ScenarioError, match=r"row 4, field \(row\).*effect_low <= effect_central"):
        levers_from_frame(bad, source="levers.csv")
    bad = raw.copy()
    bad.loc[0, "mechanism"] = "magic"
    with pytest.raises(ScenarioError, match=r"levers.csv, row 2, field mechanism.*Fix:"):
        levers_from_frame(bad, source="levers.csv")
    bad = raw.copy()
    bad.loc[1, "prerequisites"] = "nonexistent"
    with pytest.raises(ScenarioError, match=r"unknown prerequisites \['nonexistent'\]"):
        levers_from_frame(bad, source="levers.csv")
    bad = raw.copy()
    bad.loc[1, "prerequisites"] = "border_m1"  # customs_digital <-> border_m1
    with pytest.raises(ScenarioError, match="cycle"):
        levers_from_frame(bad, source="levers.csv")
    assert len(frame) == len(raw)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_validate(name, catalogue):
    spec = shipped_scenario(name)
    intensity, start = spec.schedule(catalogue)
    assert spec.start == 2024 and spec.end == 2045 and spec.hold == 3
    assert (intensity == 0).all() if name == "inertial" else (intensity > 0).any()
    assert spec.check_prerequisites(catalogue) == []


def test_scenario_errors_name_key_and_fix(tmp_path):
    base = {"name": "x", "years": {"start": 2025, "end": 2045}}
    with pytest.raises(ScenarioError, match=r"years: .*end \(2020\) must be after start.*Fix:"):
        scenario_from_mapping({**base, "years": {"start": 2025, "end": 2020}}, path="s.toml")
    with pytest.raises(ScenarioError, match=r"file s.toml, levers.border_m1.intensity: .*less than or equal to 1"):
        scenario_from_mapping({**base, "levers": {"border_m1": {"intensity": 2, "start": 2026}}}, path="s.toml")
    spec = scenario_from_mapping({**base, "levers": {"teleport": {"intensity": 1, "start": 2026}}}, path="s.toml")
    with pytest.raises(ScenarioError, match=r"levers.teleport: lever 'teleport' is not in the catalogue"):
        spec.schedule(load_levers())
    with pytest.raises(ScenarioError, match=r"parameters.theta.source: an overridden range needs its source"):
        scenario_from_mapping({**base, "parameters": {"theta": {"central": 6.0}}}).parameters(
            {"theta": Parameter("theta", 4, 5, 8, source="x", status="cited")})
    p = tmp_path / "bad.toml"
    p.write_text("name = 'x'\n[years\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="file bad.toml: not valid TOML"):
        load_scenario(p)
    with pytest.raises(ScenarioError, match=r"baseline.values.wage_usd_by.status"):
        scenario_from_mapping({**base, "baseline": {"values": {"wage_usd_by": {"value": 500, "source": "press",
                                                                               "status": "guess"}}}})


def test_parameter_and_target_validation():
    with pytest.raises(ScenarioError, match="needs low <= central <= high"):
        Parameter("x", 2, 1, 3)
    with pytest.raises(OptionError, match=r"distribution must be one of \{'pert', 'triangular', 'fixed'\}; got 'normal'"):
        Parameter("x", 1, 2, 3, distribution="normal")  # type: ignore[arg-type]
    assert parse_target("wage_gap <= 10%").value == pytest.approx(0.10)
    assert str(parse_target("score>=75")) == "score>=75"
    with pytest.raises(ScenarioError, match="cannot read the target"):
        parse_target("wage gap small")
    with pytest.raises(ScenarioError, match="unknown outcome 'happiness'"):
        parse_target("happiness>=1", ("score",))
