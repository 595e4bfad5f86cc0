"""Benchmark: the full analytical report (full Monte Carlo sizes) in Russian and English, HTML + PDF + XLSX.

Target: at most 60 s on a 2-core machine. Run: ``python benchmarks/bench_report.py [--out DIR] [--fast]``.
The store is ``$REGINT_STORE`` (default: a fresh one in a temporary folder, filled from the shipped data).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: temporary)")
    parser.add_argument("--fast", action="store_true", help="small Monte Carlo sizes (as the tests)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("REGINT_STORE", str(Path(tmp) / "store.duckdb"))
        out = args.out or Path(tmp) / "report"
        from regint.data.api import open_store
        from regint.report.build import build_report
        from regint.report.collect import Sizes

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
        files = build_report(("RU-SMO", "BY-VI"), langs=("ru", "en"), out=out,
                             sizes=Sizes.fast() if args.fast else Sizes.full(), progress=tick)
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
