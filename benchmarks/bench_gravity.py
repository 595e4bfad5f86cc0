"""Overhead of ``regint.models.gravity.ppml`` over calling ``pyfixest.fepois`` directly.

Two cases:

1. the book's panel (Yotov et al. 2016; ../shared/reference/gravity_yotov2016): Table 1 column (4) and Table 3
   column (4) (exporter-year, importer-year and pair fixed effects), when ../shared is present;
2. a deterministic SYNTHETIC panel (for speed only, not data): ``--rows`` rows (default 2,000,000) of
   exporter x importer x year with three sets of fixed effects (exporter-year, importer-year, pair).

Usage::

    python benchmarks/bench_gravity.py [--rows 2000000] [--repeat 3]

Prints median wall times of both (interleaved runs) and regint's own work: the time of ``ppml`` minus the time
spent inside ``pyfixest.fepois`` (the target is <= 10 % of the pyfixest time). On a shared machine the wall-time
difference is dominated by noise in pyfixest's demeaning; the own-work figure is exact.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd


def synthetic_panel(rows: int, seed: int = 12345) -> pd.DataFrame:
    """SYNTHETIC gravity panel with about ``rows`` rows (exporter x importer x year), for timing only."""
    rng = np.random.default_rng(seed)
    years = 20
    n = max(3, int(np.ceil((1 + np.sqrt(1 + 4 * rows / years)) / 2)))  # n (n - 1) years >= rows
    exp_, imp_ = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    off = exp_ != imp_
    exp_, imp_ = exp_[off], imp_[off]
    pairs = len(exp_)
    year = np.repeat(np.arange(years), pairs)[:rows]
    e = np.tile(exp_, years)[:rows]
    i = np.tile(imp_, years)[:rows]
    pair = np.tile(np.arange(pairs), years)[:rows]
    rta = (rng.random(pairs * years)[:rows] < 0.2 + 0.02 * year).astype(float)
    ln_tariff = np.log1p(rng.uniform(0, 0.2, len(year)))
    a_exp = rng.normal(size=n * years)
    a_imp = rng.normal(size=n * years)
    a_pair = rng.normal(scale=1.5, size=pairs)
    eta = 2 + a_exp[e * years + year] + a_imp[i * years + year] + a_pair[pair] + 0.5 * rta - 4 * ln_tariff
    trade = rng.poisson(np.exp(eta)).astype(float)
    return pd.DataFrame({
        "trade": trade, "rta": rta, "ln_tariff": ln_tariff,
        "exp_year": e * years + year, "imp_year": i * years + year, "pair_id": pair,
        "label": "SYNTHETIC",
    })


def book_panel() -> pd.DataFrame | None:
    from regint._paths import shared_dir

    root = shared_dir()
    path = None if root is None else root / "reference" / "gravity_yotov2016" / "agtpa_applications.csv.gz"
    if path is None or not Path(path).exists():
        return None
    raw = pd.read_csv(path)
    d = raw[raw["year"].isin(range(1986, 2007, 4))].reset_index(drop=True)
    year = d["year"].astype(int).astype(str)
    d = d.assign(log_dist=np.log(d["dist"]), exp_year=d["exporter"] + year, imp_year=d["importer"] + year,
                 pair_id=d["pair_id"].astype(int))
    d["pair_id_2"] = np.where(d["exporter"] == d["importer"], "0-intra", d["pair_id"].astype(str))
    return d


def _median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def compare(label: str, data: pd.DataFrame, formula: str, cluster: str, repeat: int) -> None:
    """Time pyfixest directly and through regint, interleaved (the machine's noise hits both alike), and
    measure regint's own work exactly as the wrapper's time minus the time spent inside ``pyfixest.fepois``."""
    import pyfixest as pf

    from regint.models.gravity import ppml

    original = pf.fepois
    inner: list[float] = []

    def timed_fepois(*args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            inner.append(time.perf_counter() - t0)

    def direct() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return original(formula, data=data, vcov={"CRV1": cluster})

    def wrapped() -> object:
        return ppml(data, formula, cluster=cluster)

    direct()  # warm-up (imports, caches)
    t_direct, t_wrapped, own = [], [], []
    pf.fepois = timed_fepois  # type: ignore[assignment]
    try:
        for _ in range(repeat):
            t_direct.append(_median_time(direct, 1))
            inner.clear()
            t = _median_time(wrapped, 1)
            t_wrapped.append(t)
            own.append(t - sum(inner))
    finally:
        pf.fepois = original  # type: ignore[assignment]
    d, w, o = statistics.median(t_direct), statistics.median(t_wrapped), statistics.median(own)
    print(f"{label:<50} rows {len(data):>9,}  pyfixest {d:7.2f} s  regint {w:7.2f} s "
          f"(wall {100 * (w / d - 1):+6.1f} %)  regint's own work {o:6.3f} s = {100 * o / d:5.2f} % of pyfixest")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2_000_000, help="rows of the synthetic panel")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions (median reported)")
    args = parser.parse_args()

    book = book_panel()
    if book is None:
        print("book panel: ../shared absent, skipped")
    else:
        intl = book[book["exporter"] != book["importer"]]
        compare("book Table 1 col (4): exp_year + imp_year", intl,
                "trade ~ log_dist + cntg + lang + clny | exp_year + imp_year", "pair_id", args.repeat)
        compare("book Table 3 col (4): exp_year + imp_year + pair", book,
                "trade ~ rta | exp_year + imp_year + pair_id_2", "pair_id", args.repeat)
    synth = synthetic_panel(args.rows)
    compare("SYNTHETIC panel: exp_year + imp_year + pair", synth,
            "trade ~ rta + ln_tariff | exp_year + imp_year + pair_id", "pair_id", args.repeat)


if __name__ == "__main__":
    main()
