"""Benchmark of regint.scenarios: Monte Carlo of 10,000 draws × 20 years and the fastest-path search.

Inputs are the shipped lever catalogue, the shipped parameters and the labelled fallback baseline
(``data/baseline.toml``) — no store access. Targets (issue "Scenarios ..."): Monte Carlo ≤ 2 s; fastest-path
search over the shipped catalogue (10 levers, exact: 2^10 lever sets + MILP) ≤ 10 s.

Run: ``python benchmarks/bench_scenarios.py``
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported

import time  # noqa: E402

import numpy as np  # noqa: E402

from regint.scenarios import (  # noqa: E402
    ScenarioSpec,
    default_baseline,
    default_parameters,
    fastest_path,
    load_levers,
    shipped_scenario,
    simulate,
)


def main() -> None:
    cat, base, params = load_levers(), default_baseline(), default_parameters()
    acc = shipped_scenario("accelerated")
    spec = ScenarioSpec("bench", 2026, 2045, acc.levers)  # 20 years
    simulate(spec, cat, base, params, n_draws=100, seed=1)  # warm-up
    best = np.inf
    for _ in range(3):
        t = time.perf_counter()
        res = simulate(spec, cat, base, params, n_draws=10_000, seed=2025)
        best = min(best, time.perf_counter() - t)
    print(f"Monte Carlo: {res.n_draws:,} draws × {len(res.years)} years × {len(cat)} levers: {best:.3f} s "
          f"(target ≤ 2 s) {'OK' if best <= 2 else 'SLOW'}")
    years = np.arange(2025, 2046)
    for target, budget in (("wage_gap<=0.10", 2000.0), ("price_gap<=0.175", 1500.0), ("score>=74", 1000.0),
                           ("trade_change>=0.3", 800.0)):
        for method in ("exact", "heuristic"):
            t = time.perf_counter()
            r = fastest_path(cat, base, params, target, years, budget_annual=budget, method=method)
            dt = time.perf_counter() - t
            print(f"Fastest path {target:<18} budget {budget:>6,.0f}/y {method:<9}: reach {r.plan.reach_year}, "
                  f"{len(r.plan.starts)} levers, {r.milp_calls} MILP solves, {dt:.3f} s (target ≤ 10 s) "
                  f"{'OK' if dt <= 10 else 'SLOW'}")


if __name__ == "__main__":
    main()
