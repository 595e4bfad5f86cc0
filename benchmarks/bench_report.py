"""Benchmark: the full analytical report (full Monte Carlo sizes) in Russian and English, HTML + PDF + XLSX.

Target (issue 17): at most half of the time of the report before the study layer, measured side by side on the
same machine with that figure's command (``bash benchmarks/bench_report_old.sh``; 38.6 s when it was recorded
in benchmarks/RESULTS.md, on the packages of the time). Run:
``python benchmarks/bench_report.py [--out DIR] [--fast] [--pair RU-SMO:BY-VI] [--old-seconds S]``.
The store is ``$REGINT_STORE`` (default: a fresh one in a temporary folder, filled from the shipped data).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

#: The figure recorded before the study layer (benchmarks/RESULTS.md); ``--old-seconds`` gives today's run of it.
OLD_SECONDS = 38.6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: temporary)")
    parser.add_argument("--fast", action="store_true", help="small Monte Carlo sizes (as the tests)")
    parser.add_argument("--pair", default="RU-SMO:BY-VI", help="the pair (RUSSIAN:BELARUSIAN region codes)")
    parser.add_argument("--old-seconds", type=float, default=OLD_SECONDS,
                        help="seconds of the old report's command on this machine (bench_report_old.sh)")
    args = parser.parse_args()
    target = args.old_seconds / 2
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
              f"(target: half of the old command's {args.old_seconds:.1f} s = {target:.1f} s: "
              f"{'met' if total <= target else 'NOT met'})")
        for (lang, fmt_), path in files.files.items():
            print(f"  {lang} {fmt_}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
