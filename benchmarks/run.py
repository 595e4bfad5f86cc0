"""regint's benchmark suite: one entry point, one table on screen, one JSON file.

Sections (each case runs in its own process, so that its peak memory -- the child's ``ru_maxrss`` from
``os.wait4`` -- is its own):

1. ``flows``     trade indicators (RCA + Grubel-Lloyd + trade intensity) on a SYNTHETIC flow table of about
                 ``--rows`` rows (default 100 million) as Parquet under ``--workdir``: regint's engine against
                 hand-written DuckDB SQL (naive and tuned) and plain pandas (benchmarks/bench_flows.py);
2. ``gravity``   PPML on the Yotov et al. panel and on a 2-million-row SYNTHETIC panel against calling pyfixest
                 directly (benchmarks/bench_gravity.py);
3. ``index``     the composite index uncertainty analysis (benchmarks/bench_index.py);
4. ``scenarios`` scenario Monte Carlo (benchmarks/bench_scenarios.py);
5. ``report``    the full report (benchmarks/bench_report.py);
6. ``web``       the dashboard's scenario callback (benchmarks/bench_web.py).

A section whose script is absent is listed as skipped with the reason. Synthetic data are labelled so: they
measure speed and say nothing about any economy.

Usage::

    nice python benchmarks/run.py                       # full size (100 M rows; a few minutes to generate)
    python benchmarks/run.py --rows 2000000 --only flows   # quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SECTIONS = ("flows", "gravity", "index", "scenarios", "report", "web")
FLOW_VARIANTS = ("engine", "engine-anykeys", "sql-naive", "sql-tuned", "pandas")


@dataclass
class Case:
    """One measured process."""

    section: str
    case: str
    seconds: float | None = None
    peak_rss_gb: float | None = None
    status: str = "ok"
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    command: str = ""
    output_tail: list[str] = field(default_factory=list)


def measure(cmd: list[str], timeout: float) -> tuple[int, float, float, str, str]:
    """Run ``cmd``; return (exit code, wall seconds, peak RSS in GB, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=HERE.parent)
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, wall, usage.ru_maxrss / 1024**2, out.read().decode(errors="replace"),
                err.read().decode(errors="replace"))


def _last_json(text: str) -> dict[str, Any]:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def run_case(section: str, case: str, cmd: list[str], timeout: float, repeat: int = 1) -> Case:
    """Run a case ``repeat`` times; report the median wall time and the largest peak RSS."""
    shown = shlex.join([Path(cmd[0]).name, *cmd[1:]])
    walls, peaks, details = [], [], []
    for _ in range(repeat):
        code, wall, peak, out, err = measure(cmd, timeout)
        if code != 0:
            reason = "timed out" if code == -signal.SIGKILL else f"exit code {code}"
            tail = (err or out).strip().splitlines()[-6:]
            print(f"[{section}] {case}: {reason}", file=sys.stderr, flush=True)
            return Case(section, case, status="failed", note=f"{reason}: {tail[-1] if tail else ''}",
                        command=shown, output_tail=tail, peak_rss_gb=peak)
        walls.append(wall)
        peaks.append(peak)
        details.append(_last_json(out))
        tail = out.strip().splitlines()[-12:]
    print(f"[{section}] {case}: {statistics.median(walls):.1f} s, peak {max(peaks):.2f} GB", file=sys.stderr,
          flush=True)
    detail = details[len(details) // 2] if details else {}
    if details and "seconds" in details[0]:
        detail = {**detail, "seconds": {k: statistics.median(d["seconds"][k] for d in details)
                                        for k in details[0]["seconds"]}}
    return Case(section, case, seconds=statistics.median(walls), peak_rss_gb=max(peaks), detail=detail,
                command=shown, output_tail=tail, note=f"median of {repeat}" if repeat > 1 else "")


def flows_section(args: argparse.Namespace) -> list[Case]:
    script = str(HERE / "bench_flows.py")
    base = ["--workdir", str(args.workdir), "--rows", str(args.rows), "--seed", str(args.seed)]
    cases = [run_case("flows", "generate synthetic Parquet", [sys.executable, script, "generate", *base],
                      timeout=3600)]
    manifest = cases[0].detail
    if cases[0].status == "ok":
        cases[0].note = (f"SYNTHETIC: {manifest.get('rows', 0):,} rows, {manifest.get('products')} products, "
                         f"{manifest.get('bytes', 0) / 1e9:.2f} GB Parquet")
        if manifest.get("generate_seconds") is not None:
            cases[0].seconds = manifest["generate_seconds"]
            cases[0].note += " (first run; reused after)"
    for variant in FLOW_VARIANTS:
        if variant == "pandas" and args.rows > args.pandas_max_rows:
            cases.append(Case("flows", variant, status="skipped",
                              note=f"{args.rows:,} rows > --pandas-max-rows {args.pandas_max_rows:,} (needs "
                                   "~18 GB at 100 M rows); see the smaller run"))
            continue
        case = run_case("flows", variant, [sys.executable, script, variant, *base], timeout=3600,
                        repeat=args.repeat)
        if case.status == "ok":
            s = case.detail.get("seconds", {})
            case.note = ", ".join(f"{k} {v:.2f}" for k, v in s.items() if k != "total") + (
                f"; {case.note}" if case.note else "")
        cases.append(case)
    _flow_ratios(cases)
    return cases


def _flow_ratios(cases: list[Case]) -> None:
    total = {c.case: c.detail.get("seconds", {}).get("total") for c in cases if c.status == "ok"}
    engine = total.get("engine")
    if engine:
        for other in ("sql-naive", "sql-tuned", "pandas"):
            if total.get(other):
                for c in cases:
                    if c.case == "engine":
                        c.detail.setdefault("speedup", {})[f"vs {other}"] = total[other] / engine


def script_section(section: str, script: str, extra: list[str], timeout: float) -> list[Case]:
    path = HERE / script
    if not path.exists():
        return [Case(section, script, status="skipped", note=f"benchmarks/{script} not written yet")]
    return [run_case(section, script, [sys.executable, str(path), *extra], timeout=timeout)]


def environment() -> dict[str, Any]:
    import importlib.metadata as md

    versions = {}
    for pkg in ("regint", "duckdb", "ibis-framework", "sqlglot", "pyarrow", "pandas", "numpy", "pyfixest",
                "pyspark"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = None
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "memory_gb": round(mem_gb, 1), "load_average_at_start": os.getloadavg(), "versions": versions}


def print_table(cases: list[Case]) -> None:
    header = f"{'section':<10} {'case':<28} {'seconds':>9} {'peak GB':>8}  {'status':<8} note"
    print(header)
    print("-" * len(header))
    for c in cases:
        secs = "" if c.seconds is None else f"{c.seconds:9.2f}"
        peak = "" if c.peak_rss_gb is None else f"{c.peak_rss_gb:8.2f}"
        print(f"{c.section:<10} {c.case:<28} {secs:>9} {peak:>8}  {c.status:<8} {c.note}")
        inner = c.detail.get("seconds", {}).get("total")
        if inner is not None and c.section == "flows":
            print(f"{'':<10} {'  (indicators, in-process)':<28} {inner:9.2f}")
    for c in cases:
        if c.detail.get("speedup"):
            print("engine speed-up: " + ", ".join(f"{k} {v:.2f}x" for k, v in c.detail["speedup"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000_000, help="rows of the synthetic flow table")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "regint-bench")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each flow variant (median reported)")
    parser.add_argument("--pandas-max-rows", type=int, default=30_000_000,
                        help="skip the pandas baseline above this many rows (memory)")
    parser.add_argument("--gravity-rows", type=int, default=2_000_000)
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to run")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        parser.error(f"--only: unknown section(s) {unknown}; choose from {list(SECTIONS)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    env = environment()
    cases: list[Case] = []
    plan = {
        "flows": lambda: flows_section(args),
        "gravity": lambda: script_section("gravity", "bench_gravity.py",
                                          ["--rows", str(args.gravity_rows), "--repeat", "1"], 7200),
        "index": lambda: script_section("index", "bench_index.py", [], 1800),
        "scenarios": lambda: script_section("scenarios", "bench_scenarios.py", [], 1800),
        "report": lambda: script_section("report", "bench_report.py", [], 1800),
        "web": lambda: script_section("web", "bench_web.py", [], 1800),
    }
    for section in SECTIONS:
        if section in only:
            cases.extend(plan[section]())
    print_table(cases)
    result = {"command": shlex.join(["python", "benchmarks/run.py", *sys.argv[1:]]), "started": started,
              "environment": env, "synthetic_label": "flows and gravity use SYNTHETIC data for speed only",
              "cases": [asdict(c) for c in cases]}
    args.json.write_text(json.dumps(result, indent=2, default=str))
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
