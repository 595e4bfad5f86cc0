"""Benchmark: the full analytical report (full Monte Carlo sizes) in Russian and English, HTML + PDF + XLSX.

Target: at most half of the 38.6 s measured before the study layer (benchmarks/RESULTS.md), on the same 2-core
machine. Run: ``python benchmarks/bench_report.py [--out DIR] [--fast] [--pair RU-SMO:BY-VI]``.
The store is ``$REGINT_STORE`` (default: a fresh one in a temporary folder, filled from the shipped data).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

#: Half of the figure measured before the study layer (38.6 s, benchmarks/RESULTS.md).
TARGET_SECONDS = 38.6 / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: temporary)")
    parser.add_argument("--fast", action="store_true", help="small Monte Carlo sizes (as the tests)")
    parser.add_argument("--pair", default="RU-SMO:BY-VI", help="the pair (RUSSIAN:BELARUSIAN region codes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("REGINT_STORE", str(Path(tmp) / "store.duckdb"))
        out = args.out or Path(tmp) / "report"
        from regint.data.api import open_store
        from regint.report.build import build_report
        from regint.study import MonteCarlo, Settings, Study, parse_pair

        t0 = time.perf_counter()
        open_store()
        t_store = time.perf_counter() - t0
        steps: list[tuple[str, float]] = []
        last = [time.perf_counter()]

        def tick(name: str) -> None:
            now = time.perf_counter()
            steps.append((name, now - last[0]))
            last[0] = now

        t1 = time.perf_counter()
        settings = Settings(pair=parse_pair(args.pair), mc=MonteCarlo.fast() if args.fast else MonteCarlo.full())
        study = Study.from_store(settings, progress=tick)
        files = build_report(study, langs=("ru", "en"), out=out, progress=tick)
        total = time.perf_counter() - t1
        for name, secs in steps:
            print(f"  {name:<18} {secs:6.2f} s")
        print(f"store opened in {t_store:.2f} s")
        print(f"report (ru + en; html, pdf, xlsx; {'fast' if args.fast else 'full'} sizes): {total:.1f} s "
              f"(target <= {TARGET_SECONDS:.0f} s: {'met' if total <= TARGET_SECONDS else 'NOT met'})")
        for (lang, fmt_), path in files.files.items():
            print(f"  {lang} {fmt_}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
