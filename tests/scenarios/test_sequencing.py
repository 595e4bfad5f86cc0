"""The fastest path: exact (enumeration + MILP) equals brute force on small catalogues; heuristic is valid."""

from __future__ import annotations

import numpy as np
import pytest

from regint.scenarios import brute_force, fastest_path
from regint.scenarios.sequencing import PlanningProblem  # noqa: F401  (public for advanced use)

YEARS = np.arange(2025, 2035)
FOUR = ("customs_digital", "border_m1", "tech_regulation", "procurement_access")
# Cases where the budget binds (160 mln RUB a year: digital customs and technical regulation cannot run
# together) and where the prerequisite chain customs_digital → border_m1 binds (mode complete vs started).
CASES = [
    (FOUR, "price_gap<=0.18", None, None, "complete"),
    (FOUR, "price_gap<=0.18", 160.0, None, "complete"),
    (FOUR, "price_gap<=0.18", 160.0, None, "started"),
    (FOUR, "trade_change>=0.2", 160.0, None, "started"),
    (FOUR, "price_gap<=0.176", None, None, "complete"),
    (FOUR, "price_gap<=0.176", None, None, "started"),
    (FOUR, "price_gap<=0.176", 700.0, None, "started"),
    (FOUR, "price_gap<=0.176", 200.0, None, "complete"),
    (FOUR, "price_gap<=0.18", 700.0, 400.0, "complete"),
    (("customs_digital", "tech_regulation", "labour_mobility", "payments_national", "tourism_people"),
     "wage_gap<=0.10", 60.0, None, "complete"),
]
EXPECTED_BINDING = {1: 2029, 4: 2030, 5: 2029}  # reach years that show the budget / chain binding


@pytest.mark.parametrize(("ids", "target", "annual", "total", "mode"), CASES)
def test_exact_equals_brute_force(catalogue, baseline, params, ids, target, annual, total, mode):
    sub = catalogue.subset(ids)
    years = YEARS if len(ids) <= 4 else YEARS[:6]
    exact = fastest_path(sub, baseline, params, target, years, budget_annual=annual, budget_total=total,
                         prerequisite_mode=mode, method="exact")
    brute = brute_force(sub, baseline, params, target, years, budget_annual=annual, budget_total=total,
                        prerequisite_mode=mode)
    assert exact.plan.reach_year == brute
    heur = fastest_path(sub, baseline, params, target, years, budget_annual=annual, budget_total=total,
                        prerequisite_mode=mode, method="heuristic")
    if brute is not None:
        assert heur.plan.reach_year is None or heur.plan.reach_year >= brute


def test_binding_cases_are_binding(catalogue, baseline, params):
    for i, year in EXPECTED_BINDING.items():
        ids, target, annual, total, mode = CASES[i]
        res = fastest_path(catalogue.subset(ids), baseline, params, target, YEARS, budget_annual=annual,
                           budget_total=total, prerequisite_mode=mode, method="exact")
        assert res.plan.reach_year == year


def test_plan_respects_budget_and_prerequisites(catalogue, baseline, params):
    res = fastest_path(catalogue, baseline, params, "price_gap<=0.18", np.arange(2025, 2046), budget_annual=1500)
    plan = res.plan
    assert plan.spend.max() <= 1500 + 1e-6
    st = plan.starts
    for lid, s in st.items():
        for pre in catalogue[lid].prerequisites:
            assert pre in st and s >= st[pre] + catalogue[pre].lag
    assert any("Binding" in e or "already" in e for e in plan.explanation)


def test_exact_on_shipped_catalogue_finds_critical_chain(catalogue, baseline, params):
    res = fastest_path(catalogue, baseline, params, "trade_change>=0.25", np.arange(2025, 2046),
                       budget_annual=2000)
    assert res.plan.reach_year is not None
    text = " ".join(res.plan.explanation)
    assert "critical chain" in text
    assert "Without" in text
