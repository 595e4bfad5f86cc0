"""Peak memory and time of importing one large tidy CSV into a store (issue 24: a 200 MB CSV, memory bounded).

SYNTHETIC DATA, for measuring only: a deterministic tidy CSV of monthly wages (``RU-SMO`` … ``BY-HM``, 2000–2024,
plausible values in roubles, ``source`` ids ``bench0`` … ``benchN`` so that every key is unique) of about
``--mb`` megabytes, written once under ``--workdir``. It describes no real economy and is never imported into
a store anyone uses.

The import runs in a child process (the loader, the schema and plausibility checks, the conflict check against
the store and the one-transaction write), and the parent reports the child's peak resident memory
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``, Linux: kilobytes) with the wall time.

Usage::

    python benchmarks/bench_import_memory.py --mb 200 --workdir /tmp/regint-bench-import

Prints one JSON line: ``{"mb": ..., "rows": ..., "seconds": ..., "peak_rss_mb": ..., "store": ...}``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REGIONS = ("RU-SMO", "RU-PSK", "RU-BRY", "RU", "BY-VI", "BY-MA", "BY-HO", "BY-MI", "BY-HM", "BY")
HEADER = "region;indicator;period;value;unit;currency;source;status\n"


def write_csv(path: Path, megabytes: float) -> int:
    """Write the synthetic CSV (deterministic) and return its number of data rows."""
    target = int(megabytes * 1024 * 1024)
    periods = [f"{y}-{m:02d}" for y in range(2000, 2025) for m in range(1, 13)]
    rows, size, source = 0, 0, 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        while size < target:
            block = []
            for region in REGIONS:
                for k, period in enumerate(periods):
                    value = 8000 + (rows + k * 37 + source * 101) % 90000 + 0.5
                    block.append(f"{region};wage_nominal;{period};{value};RUB per month;RUB;bench{source};official\n")
            text = "".join(block)
            fh.write(text)
            size += len(text)
            rows += len(block)
            source += 1
    return rows


CHILD = """
import sys, time
from regint.data.store import Store
t = time.perf_counter()
report = Store(sys.argv[1], fill_default=False, on_wait=None).import_file(sys.argv[2])
print(report.rows, time.perf_counter() - t, flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/regint-bench-import"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    csv = args.workdir / f"synthetic_wages_{args.mb:g}mb.csv"
    if not csv.exists():
        write_csv(csv, args.mb)
    store = args.workdir / "bench.duckdb"
    store.unlink(missing_ok=True)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(store), str(csv)], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        raise SystemExit(out.returncode)
    rows, seconds = out.stdout.split()
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"mb": round(csv.stat().st_size / 1024 / 1024, 1), "rows": int(rows),
                      "import_seconds": round(float(seconds), 1), "wall_seconds": round(wall, 1),
                      "peak_rss_mb": round(peak_kb / 1024, 1), "store_mb": round(store.stat().st_size / 1e6, 1)}))


if __name__ == "__main__":
    main()
