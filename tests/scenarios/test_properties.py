"""Invariants of the scenario chain (hypothesis where inputs vary)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.scenarios import (
    LeverArrays,
    ScenarioSpec,
    deterministic,
    sample_parameters,
    shipped_scenario,
    simulate,
)
from regint.scenarios.chain import aggregate_multiplier, trade_response
from regint.scenarios.engine import all_parameters, central_draws, project


def test_no_levers_gives_the_inertial_path_exactly(catalogue, baseline, params):
    inertial = shipped_scenario("inertial")
    zero = ScenarioSpec("zero", 2024, 2045, {lid: (0.0, 2026) for lid in catalogue.ids})
    a = deterministic(inertial, catalogue, baseline, params)
    b = deterministic(zero, catalogue, baseline, params)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    assert not np.any(a["gva_ru"]) and not np.any(a["trade_change"]) and not np.any(a["cost_by"])
    yrs = np.arange(2024, 2046)  # inertial GRP per capita = base × (1+g)^(t − t0)
    expected = baseline["grp_pc_usd_ru"] * (1 + params["grp_growth_ru"].central) ** (yrs - baseline.year)
    np.testing.assert_allclose(a["grp_pc_ru"], expected, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(c1=st.floats(0.0, 0.2), c2=st.floats(0.0, 0.2), theta=st.floats(1.0, 10.0))
def test_trade_change_is_monotone_in_the_cut(c1, c2, theta):
    lo, hi = sorted((c1, c2))
    assert trade_response(np.log1p(-hi), theta) >= trade_response(np.log1p(-lo), theta) >= 0.0
    assert trade_response(np.log1p(-lo), theta) == pytest.approx((1 - lo) ** (-theta) - 1)


@settings(max_examples=25, deadline=None)
@given(a=st.floats(0.0, 1.0), b=st.floats(0.0, 1.0))
def test_outcomes_monotone_in_the_friction_cut(catalogue, baseline, params, a, b):
    lo, hi = sorted((a, b))
    allp = all_parameters(catalogue, params)
    draws = {k: np.repeat(v, 2) for k, v in central_draws(allp).items()}
    k = catalogue.index("border_m1")
    inten = np.zeros((2, len(catalogue)))
    inten[:, k] = (lo, hi)
    out = project(baseline, LeverArrays.from_catalogue(catalogue), np.arange(2025, 2046), draws, inten,
                  np.full(len(catalogue), 2025))
    for o in ("trade", "exports_gain_ru", "exports_gain_by", "output_ru", "output_by", "gva_ru", "gva_by",
              "grp_pc_ru", "grp_pc_by", "jobs_by"):
        assert np.all(out[o][1] >= out[o][0] - 1e-9), o
    assert np.all(out["price_gap"][1] <= out["price_gap"][0] + 1e-12)


def test_same_seed_same_draws(catalogue, baseline, params, moderate):
    allp = all_parameters(catalogue, params)
    d1, d2 = sample_parameters(allp, 500, 7), sample_parameters(allp, 500, 7)
    d3 = sample_parameters(allp, 500, 8)
    assert all(np.array_equal(d1[k], d2[k]) for k in allp)
    assert not np.array_equal(d1["theta"], d3["theta"])
    r1 = simulate(moderate, catalogue, baseline, params, n_draws=500, seed=7)
    r2 = simulate(moderate, catalogue, baseline, params, n_draws=500, seed=7, chunk=123)
    np.testing.assert_array_equal(r1.outcomes["wage_gap"], r2.outcomes["wage_gap"])


def test_zero_variance_mean_equals_deterministic(catalogue, baseline, params, moderate):
    fixed = {k: p.at(p.central) for k, p in params.items()}
    cat0 = type(catalogue)(tuple(type(lv)(**{**lv.__dict__, "effect": lv.effect.at(lv.effect.central),
                                              "cost": lv.cost.at(lv.cost.central)}) for lv in catalogue))
    res = simulate(moderate, cat0, baseline, fixed, n_draws=200, seed=1)
    det = deterministic(moderate, cat0, baseline, fixed)
    for k, v in det.items():
        np.testing.assert_allclose(res.outcomes[k].mean(axis=0), v, rtol=1e-12, atol=1e-9)


def test_pert_draws_respect_range_and_mean(params):
    p = params["theta"]
    x = p.sample(200_000, np.random.default_rng(0))
    assert x.min() >= p.low and x.max() <= p.high
    assert x.mean() == pytest.approx((p.low + 4 * p.central + p.high) / 6, rel=5e-3)


def test_benefits_by_side_and_target_probability(catalogue, baseline, params, moderate):
    from regint.scenarios import benefit_cost_table

    res = simulate(moderate, catalogue, baseline, params, n_draws=2000, seed=3)
    tab = benefit_cost_table(res)
    assert set(tab["region"]) == {"RU-SMO", "BY-VI"}
    assert {"exports", "output", "gva", "jobs", "budget_cost"} <= set(tab["item"])
    assert (tab["p5"] <= tab["value"] + 1e-9).all() and (tab["value"] <= tab["p95"] + 1e-9).all()
    p = res.probability_by("score>=75")
    assert p.is_monotonic_increasing and 0 <= p.iloc[-1] <= 1
    # costs of the two sides add up to the catalogue costs × intensity (central run, total-basis levers)
    total = res.central["cost_ru"].sum() + res.central["cost_by"].sum()
    assert total > 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(1.0, 3.0), st.floats(0.01, 1.0)), min_size=1, max_size=20))
def test_aggregate_multiplier_is_a_weighted_mean(pairs):
    m = np.array([p[0] for p in pairs])
    s = np.array([p[1] for p in pairs])
    agg = aggregate_multiplier(m, s)
    assert m.min() - 1e-12 <= agg <= m.max() + 1e-12
