"""Benchmark of the index Monte Carlo: 10,000 variants of a 100-unit × 40-indicator × 10-year panel.

SYNTHETIC DATA, for speed only: deterministic random numbers (seed 2024), not a statement about any region.
Target (issue "Composite integration index ..."): at most 10 s on a 2-core machine.

Run: ``python benchmarks/bench_index.py``

The products in the simulation are small (rows × ≤ 10 children × a few hundred variants), so OpenBLAS runs
single-threaded here: its worker threads busy-wait and slow down badly when the two cores are shared with
other processes. Set ``OPENBLAS_NUM_THREADS`` yourself to override.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported

import time  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from regint.index import Framework, IndexSpec, UncertaintySpec, build_index, uncertainty_analysis

N_UNITS, N_IND, N_YEARS, N_DIMS = 100, 40, 10, 6
TARGET_RUNS = 10_000


def synthetic_panel(seed: int = 2024) -> tuple[pd.DataFrame, Framework]:
    """A deterministic synthetic panel with 5 % gaps and a 6-dimension framework (labelled synthetic)."""
    rng = np.random.default_rng(seed)
    units = [f"SYN{u:03d}" for u in range(N_UNITS)]
    years = list(range(2010, 2010 + N_YEARS))
    codes = [f"ind{i:02d}" for i in range(N_IND)]
    level = rng.lognormal(0.0, 0.5, size=(N_UNITS, 1, N_IND))
    trend = 1.0 + 0.02 * rng.standard_normal((N_UNITS, 1, N_IND)) * np.arange(N_YEARS)[None, :, None]
    values = level * trend * rng.lognormal(0.0, 0.1, size=(N_UNITS, N_YEARS, N_IND))
    values[rng.random(values.shape) < 0.05] = np.nan
    index = pd.MultiIndex.from_product([units, years], names=["unit", "year"])
    data = pd.DataFrame(values.reshape(-1, N_IND), index=index, columns=codes)
    rows = [{"code": "INDEX", "parent": "", "weight": 1}]
    rows += [{"code": f"dim{d}", "parent": "INDEX", "weight": 1} for d in range(N_DIMS)]
    rows += [{"code": c, "parent": f"dim{i % N_DIMS}", "weight": 1 + (i % 3),
              "direction": -1 if i % 7 == 0 else 1} for i, c in enumerate(codes)]
    return data, Framework.from_frame(pd.DataFrame(rows), origin="synthetic benchmark")


def main() -> None:
    data, framework = synthetic_panel()
    spec = IndexSpec(impute="interpolate")
    n_factors = 4
    n = -(-TARGET_RUNS // (n_factors + 2))
    t0 = time.perf_counter()
    nominal = build_index(data, framework, spec)
    result = uncertainty_analysis(data, framework, spec, UncertaintySpec(n=n, seed=1), nominal=nominal)
    elapsed = time.perf_counter() - t0
    runs = result.ranks.shape[1]
    print("SYNTHETIC DATA (deterministic, for speed only)")
    print(f"panel: {N_UNITS} units x {N_IND} indicators x {N_YEARS} years; base sample N = {n}, "
          f"factors = {len(result.factors)}, variants = {runs}")
    print(result.sensitivity.round(3).to_string())
    print(f"elapsed: {elapsed:.2f} s for {runs} variants (target <= 10 s) -> {'OK' if elapsed <= 10 else 'SLOW'}")


if __name__ == "__main__":
    main()
