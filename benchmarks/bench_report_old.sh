#!/usr/bin/env bash
# The command of the 38.6 s figure (benchmarks/RESULTS.md, "before the study layer"), run today on this machine:
# the report benchmark of commit 8d32350 (the last commit before the study layer), with this checkout's
# environment (.venv), so that the report of today's code is measured side by side with it (issue 17).
#
#   bash benchmarks/bench_report_old.sh            # prints the old benchmark's step times and total
#   python benchmarks/bench_report.py --old-seconds S   # today's report against half of S
#
# The old code runs from a temporary git worktree (needs the repository's history) on a store of its own,
# filled from the data it shipped. Nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=8d32350
WORK=$(mktemp -d /tmp/regint-bench-old.XXXXXX)
trap 'git worktree remove --force "$WORK/tree" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add --detach "$WORK/tree" "$OLD" >/dev/null 2>&1
export MPLBACKEND=Agg
export REGINT_STORE="$WORK/store.duckdb"
PYTHONPATH="$WORK/tree/src" .venv/bin/python "$WORK/tree/benchmarks/bench_report.py" --out "$WORK/report"
