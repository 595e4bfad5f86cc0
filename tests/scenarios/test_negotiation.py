"""Issue 19: register of measures, sustained targets, accounts per side, the pair's own trade, base year and timing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regint.scenarios import (
    SHIPPED,
    BaselineValue,
    ScenarioError,
    brute_force,
    fastest_path,
    levers_from_frame,
    parse_target,
    scenario_from_mapping,
    shipped_scenario,
    simulate,
)
from regint.scenarios.accounts import (
    cost_in_own_currency,
    discount_factors,
    npv_by_split,
    side_accounts,
    side_flows,
    side_yearly,
)
from regint.scenarios.baseline import carry_forward
from regint.scenarios.pairtrade import gravity_shares, pair_trade_share
from regint.scenarios.targets import sustained

YEARS = np.arange(2024, 2046)


# -- register of measures -----------------------------------------------------------------------------------
def test_register_names_the_acts_of_the_measures_in_force(catalogue):
    reg = catalogue.register().set_index("id")
    assert set(catalogue.in_force_ids) == {"equal_labour_rights", "payments_national"}
    labour = reg.loc["equal_labour_rights"]
    assert "arts. 96–98" in labour["act"] and "Union State" in labour["act"] and labour["act_date"] == "2000-01-26"
    assert "https://" in labour["status_source"] and "«" in labour["status_source"]
    assert "https://" in reg.loc["payments_national", "status_source"]
    assert set(reg["status"]) == {"in_force", "agreed", "proposed"}
    assert not any(catalogue[i].in_force for i in catalogue.proposable().ids)


def test_a_measure_in_force_cannot_be_started_by_a_scenario(catalogue):
    spec = scenario_from_mapping({"name": "x", "years": {"start": 2024, "end": 2030},
                                  "levers": {"payments_national": {"intensity": 1.0, "start": 2027}}})
    with pytest.raises(ScenarioError, match=r"levers.payments_national: lever 'payments_national' is already in force"):
        spec.schedule(catalogue)


def _powerful_in_force(catalogue):
    """The catalogue with the in-force settlement measure given the largest trade-cost cut of all (test input)."""
    frame = pd.read_csv(catalogue.source, keep_default_na=False, dtype={"prerequisites": str, "act_date": str})
    row = frame["id"] == "payments_national"
    frame.loc[row, ["effect_low", "effect_central", "effect_high"]] = [30.0, 40.0, 50.0]
    return levers_from_frame(frame, source="test")


def test_a_measure_in_force_is_never_chosen_by_the_fastest_path(catalogue, baseline, params):
    cat = _powerful_in_force(catalogue)
    for target in ("price_gap<=0.18", "score>=75", "wage_gap<=0.09"):
        res = fastest_path(cat, baseline, params, target, YEARS, budget_annual=2000, budget_total=20000,
                           first_start=2027)
        assert not set(res.plan.starts) & set(cat.in_force_ids)
        assert set(res.plan.excluded) == set(cat.in_force_ids)
        assert all(s >= 2027 for s in res.plan.starts.values())


def test_brute_force_agrees_without_the_measures_in_force(catalogue, baseline, params):
    ids = ["customs_digital", "tech_regulation", "payments_national", "tourism_people"]
    cat = _powerful_in_force(catalogue).subset(ids)
    years = np.arange(2024, 2036)
    fp = fastest_path(cat, baseline, params, "price_gap<=0.18", years, budget_annual=400, first_start=2027, hold=2)
    assert fp.plan.reach_year == brute_force(cat, baseline, params, "price_gap<=0.18", years, budget_annual=400,
                                             first_start=2027, hold=2)
    assert "payments_national" not in fp.plan.starts


# -- sustained targets --------------------------------------------------------------------------------------
def test_sustained_needs_consecutive_years_within_the_horizon():
    met = np.array([[0, 1, 0, 0, 1, 1, 1], [1, 1, 0, 1, 1, 0, 1], [0, 0, 0, 0, 0, 1, 1]], dtype=bool)
    got = sustained(met, 3)
    assert got.tolist()[0] == [False, False, False, False, True, False, False]
    assert not got[1].any()  # never three in a row
    assert not got[2].any()  # the run is cut by the horizon
    assert (sustained(met, 1) == met).all()


def _result_with_path(spec, catalogue, baseline, params, path):
    res = simulate(spec, catalogue, baseline, params, n_draws=4, seed=1)
    n = res.n_draws
    outcomes = dict(res.outcomes)
    outcomes["wage_gap"] = np.tile(path, (n, 1))
    central = dict(res.central)
    central["wage_gap"] = path
    from dataclasses import replace

    return replace(res, outcomes=outcomes, central=central)


def test_a_target_met_for_one_year_is_not_reached(catalogue, baseline, params):
    spec = scenario_from_mapping({"name": "t", "years": {"start": 2024, "end": 2033}, "targets": ["wage_gap<=0.09"]})
    path = np.full(10, 0.12)
    path[3] = 0.05  # one year below the target
    res = _result_with_path(spec, catalogue, baseline, params, path)
    assert np.isnan(res.reach_years("wage_gap<=0.09")).all()
    assert res.probability_by("wage_gap<=0.09").max() == 0.0
    assert res.probability("wage_gap<=0.09").iloc[3] == 1.0  # met that year, yet not reached
    path[3:6] = 0.05  # three years running: reached in the first of them
    res = _result_with_path(spec, catalogue, baseline, params, path)
    assert (res.reach_years("wage_gap<=0.09") == 2027).all()
    assert res.target_table().loc[0, "central_year"] == 2027


def test_targets_relative_to_the_inertial_path(catalogue, baseline, params):
    t = parse_target("wage_gap<=inertial-0.01 for 2y")
    assert (t.relative, t.value, t.hold, str(t)) == (True, -0.01, 2, "wage_gap<=inertial-0.01 for 2y")
    assert parse_target("trade>=inertial*1.1").relation == "*"
    inert = shipped_scenario("inertial")
    res = simulate(inert, catalogue, baseline, params, n_draws=50, seed=3)
    assert res.probability_by("score>=inertial+0.5").max() == 0.0  # no measure: never above its own path
    acc = simulate(shipped_scenario("accelerated"), catalogue, baseline, params, n_draws=50, seed=3)
    assert acc.probability_by("score>=inertial+0.5").iloc[-1] > 0.5
    with pytest.raises(ScenarioError, match="relative to the inertial path"):
        t.met(np.zeros(3))


@pytest.mark.parametrize("name", SHIPPED)
def test_no_shipped_target_is_met_by_the_inertial_central_run(name, catalogue, baseline, params):
    res = simulate(shipped_scenario(name), catalogue, baseline, params, n_draws=20, seed=2)
    table = res.target_table()
    assert table["result"].all() and table["without_measures"].isna().all()
    assert (table["hold"] == 3).all()


def test_a_target_met_without_measures_is_flagged(catalogue, baseline, params):
    spec = scenario_from_mapping({"name": "easy", "years": {"start": 2024, "end": 2045},
                                  "targets": ["wage_gap<=0.5"]})
    table = simulate(spec, catalogue, baseline, params, n_draws=10, seed=1).target_table()
    assert table.loc[0, "without_measures"] == 2024 and not table.loc[0, "result"]


def test_the_widening_wage_gap_is_a_finding(catalogue, baseline, params):
    gaps = simulate(shipped_scenario("moderate"), catalogue, baseline, params, n_draws=10, seed=1).gap_findings()
    row = gaps.set_index("outcome").loc["wage_gap"]
    assert row["widens_again"] and row["end"] > row["min"] + 0.005


# -- timing --------------------------------------------------------------------------------------------------
def test_measures_are_moved_to_the_first_measure_year_keeping_their_order():
    spec = scenario_from_mapping({"name": "m", "years": {"start": 2024, "end": 2045},
                                  "levers": {"customs_digital": {"intensity": 1.0, "start": 2025},
                                             "border_m1": {"intensity": 1.0, "start": 2027}}})
    timed, note = spec.timed(2024, 2027)
    assert dict(timed.levers) == {"customs_digital": (1.0, 2027), "border_m1": (1.0, 2029)}
    assert timed.start == 2024 and "moved 2 year(s) later" in note
    same, none = timed.timed(2024, 2027)
    assert none is None and dict(same.levers) == dict(timed.levers)


def test_carry_forward_rule():
    values = {
        "grp_pc_usd_ru": BaselineValue(1000.0, "src", "data", 2021, "store"),
        "price_level_ru": BaselineValue(0.3, "src", "derived", 2022, "store"),
        "wage_usd_ru": BaselineValue(600.0, "src", "data", 2024, "store"),
        "population_by": BaselineValue(1e6, "src", "estimate", 2019, "store"),
    }
    out, msgs = carry_forward(values, 2024, {"grp_growth_ru": 0.02, "population_growth_by": -0.01})
    assert out["grp_pc_usd_ru"].value == pytest.approx(1000 * 1.02 ** 3)
    assert out["grp_pc_usd_ru"].year == 2021 and out["grp_pc_usd_ru"].status == "derived"
    assert "carried from 2021 to 2024 at +2.00% a year (grp_growth_ru)" in out["grp_pc_usd_ru"].note
    assert out["price_level_ru"].value == 0.3 and "kept unchanged" in out["price_level_ru"].note
    assert out["wage_usd_ru"] is values["wage_usd_ru"]
    assert out["population_by"].status == "estimate" and "dated: 5 years" in out["population_by"].note
    assert len(msgs) == 3


# -- the pair's own trade ------------------------------------------------------------------------------------
def test_gravity_shares_typed_example():
    # sizes 100 and 50 at 100 and 200 km, δ = 1: pulls 1.0 and 0.25, shares 0.8 and 0.2 (by hand)
    s = gravity_shares(pd.Series({"a": 100.0, "b": 50.0}), pd.Series({"a": 100.0, "b": 200.0}), 1.0)
    assert s.to_dict() == pytest.approx({"a": 0.8, "b": 0.2})
    # a contiguity coefficient of ln 2 doubles the bordering region's pull: 2 / (2 + 0.25)
    s2 = gravity_shares(pd.Series({"a": 100.0, "b": 50.0}), pd.Series({"a": 100.0, "b": 200.0}), 1.0,
                        adjacent=pd.Series({"a": True, "b": False}), adjacency=np.log(2.0))
    assert s2["a"] == pytest.approx(2 / 2.25)
    with pytest.raises(ScenarioError, match="positive distance"):
        gravity_shares(pd.Series({"a": 1.0}), pd.Series({"a": 0.0}), 1.0)


def test_pair_trade_share_spans_both_estimates_and_the_elasticity_range():
    mass = pd.Series({"BY-VI": 1.0, "BY-HM": 3.0})
    dist = pd.Series({"BY-VI": 150.0, "BY-HM": 350.0})
    est = pair_trade_share(1000.0, (0.5, 1.0, 1.5), partner="BY-VI", partner_mass=mass, partner_distance=dist)
    p = est.parameter
    assert p.status == "estimate" and "gravity allocation" in p.source
    assert p.low < p.central < p.high
    central_share = (1 / 150) / (1 / 150 + 3 / 350)
    assert p.central == pytest.approx(central_share)
    assert est.pair_trade_usd == pytest.approx(1000 * central_share)


def test_own_pair_figure_replaces_the_allocation(catalogue, baseline, params):
    spec = shipped_scenario("moderate")
    own = baseline.with_values(pair_trade_usd=BaselineValue(500.0, "user", "data", 2024, "scenario file"))
    a = simulate(spec, catalogue, own, params, n_draws=5, seed=1)
    assert np.allclose(a.inertial["trade"][:, 0], 500.0)
    b = simulate(spec, catalogue, baseline, params, n_draws=5, seed=1)
    assert np.allclose(b.inertial["trade"][:, 0], baseline["trade_usd"] * b.draws["pair_trade_share"])


# -- benefits and costs per side -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def moderate_run(catalogue, baseline, params):
    return simulate(shipped_scenario("moderate"), catalogue, baseline, params, n_draws=200, seed=7)


def test_discount_factors_typed_example():
    # −100 now, +60 in each of the next two years at 10 %: NPV = 60/1.1 + 60/1.21 − 100 = 4.1322 (by hand)
    d = discount_factors(np.array([2026, 2027, 2028]), 0.10, 2026)
    assert float(np.array([-100.0, 60.0, 60.0]) @ d) == pytest.approx(4.132231, abs=1e-6)
    with pytest.raises(ScenarioError, match="discount rate"):
        discount_factors(np.array([2026]), 1.5, 2026)


def test_accounts_per_side_in_own_currency(moderate_run, baseline):
    acc = side_accounts(moderate_run, 0.05, 2026)
    ru = acc[(acc["side"] == "ru") & (acc["currency"] == "RUB")].set_index("item")
    by = acc[(acc["side"] == "by") & (acc["currency"] == "BYN")].set_index("item")
    usd = acc[(acc["side"] == "by") & (acc["currency"] == "USD")].set_index("item")
    assert by.loc["npv", "central"] == pytest.approx(usd.loc["npv", "central"] * baseline["fx_byn_usd"])
    for t in (ru, by):
        assert t.loc["npv", "p5"] <= t.loc["npv", "value"] <= t.loc["npv", "p95"]
        assert t.loc["npv", "central"] == pytest.approx(t.loc["benefit_pv", "central"] - t.loc["cost_pv", "central"])
    # the cost of the Russian side in RUB is the catalogue's mln RUB share, undiscounted
    ben, cost = side_flows(moderate_run, "ru")
    assert ru.loc["cost_sum", "central"] == pytest.approx(float(moderate_run.central["cost_ru"].sum()))
    # the dashboard's per-year cost in the side's currency sums to the accounts' undiscounted cost
    by_cost, cur = cost_in_own_currency(moderate_run.central["cost_by"], "by", moderate_run.baseline)
    assert cur == "BYN" and by.loc["cost_sum", "central"] == pytest.approx(float(by_cost.sum()))
    assert cost_in_own_currency(moderate_run.central["cost_ru"], "ru", moderate_run.baseline)[1] == "RUB"
    yearly = side_yearly(moderate_run, 0.05, 2026)
    assert set(yearly["item"]) == {"benefit", "cost", "net", "cumulative", "discounted_cumulative"}
    assert set(yearly.loc[yearly["side"] == "by", "currency"]) == {"BYN"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s1=st.floats(0.0, 1.0), s2=st.floats(0.0, 1.0), rate=st.sampled_from([0.0, 0.03, 0.05, 0.1]))
def test_raising_a_sides_cost_share_moves_npv_one_for_one(moderate_run, s1, s2, rate):
    lo, hi = sorted((s1, s2))
    d = discount_factors(moderate_run.years, rate, 2026)
    npv = {}
    for share in (lo, hi):
        for side in ("ru", "by"):
            ben, cost = side_flows(moderate_run, side, share)
            npv[side, share] = (ben - cost) @ d
    d_ru, d_by = npv["ru", hi] - npv["ru", lo], npv["by", hi] - npv["by", lo]
    assert np.all(d_ru <= 1e-9) and np.all(d_by >= -1e-9)
    assert np.allclose(d_ru, -d_by, atol=1e-9)
    fx = moderate_run.baseline["fx_rub_usd"]
    shared_pv = moderate_run.outcomes["cost_shared"] @ d / fx
    assert np.allclose(d_ru, -(hi - lo) * shared_pv, atol=1e-9)


def test_npv_by_split_runs_from_zero_to_one(moderate_run):
    frame = npv_by_split(moderate_run, 0.05, base=2026)
    assert frame["share_ru"].min() == 0.0 and frame["share_ru"].max() == 1.0
    ru = frame[frame["side"] == "ru"].set_index("share_ru")["central"]
    by = frame[frame["side"] == "by"].set_index("share_ru")["central"]
    assert ru.is_monotonic_decreasing and by.is_monotonic_increasing
    assert (ru + by).round(6).nunique() == 1  # the total does not depend on the split


# -- on the shipped data ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped_study(tmp_path_factory):
    """The study of Smolensk–Vitebsk on the shipped dataset (fresh store), report date 30 June 2026, fast sizes."""
    import datetime as dt

    from regint.data.api import load_panel
    from regint.data.store import Store
    from regint.study import Settings, Study

    store = Store(tmp_path_factory.mktemp("store") / "store.duckdb")
    try:
        panel = load_panel(store=store)
    finally:
        store.close()
    return Study(Settings.fast(report_date=dt.date(2026, 6, 30)), panel)


def test_on_the_shipped_data_targets_mean_something_and_paths_start_after_the_report_year(shipped_study):
    sb = shipped_study.scenarios.value
    assert sb is not None, shipped_study.scenarios.reason
    # the latest year with wages for both sides (Belstat portal and Rosstat reach 2025 in the shipped data)
    wages = shipped_study.panel[shipped_study.panel["indicator"] == "wage_nominal"]
    annual = wages[wages["period"].astype(str).str.fullmatch(r"\d{4}")]
    both = set.intersection(*(set(annual.loc[annual["region"] == r, "period"].astype(int)) for r in shipped_study.pair))
    assert sb.base_year == max(both) and sb.first_measure_year == 2027
    assert sb.met_without_measures == ()
    for run in sb.runs:
        assert run.targets["result"].all()
        assert int(run.result.years[0]) == sb.base_year
        assert all(yr >= 2027 for inten, yr in run.spec.levers.values() if inten > 0)
    for fr in sb.fastest_runs:
        assert all(s >= 2027 for s in fr.path.plan.starts.values())
        assert not set(fr.path.plan.starts) & {"payments_national", "equal_labour_rights"}
        if fr.path.plan.starts:
            assert fr.probability_by.is_monotonic_increasing
    # the pair's trade is an estimate, well below Smolensk's trade with all of Belarus
    share = next(r.result.parameters["pair_trade_share"] for r in sb.runs)
    assert share.status == "estimate" and 0 < share.low < share.central < share.high < 1
    assert set(sb.register["status"]) == {"in_force", "agreed", "proposed"}
    acc = sb.runs[-1].accounts
    assert set(acc.loc[acc["side"] == "by", "currency"]) == {"BYN", "USD", ""}
    wage = sb.runs[0].gaps.set_index("outcome").loc["wage_gap"]
    assert wage["widens_again"]


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_fastest_path_to_a_target_relative_to_the_inertial_path(catalogue, baseline, params, method):
    res = fastest_path(catalogue, baseline, params, "score>=inertial+1 for 2y", YEARS, budget_annual=2000,
                       first_start=2027, method=method)
    plan = res.plan
    assert plan.reach_year is not None and plan.reach_year >= 2028 and plan.hold == 2
    assert plan.starts and min(plan.starts.values()) >= 2027
    assert float(plan.spend_ru.sum() + plan.spend_by.sum()) == pytest.approx(plan.total_cost)
