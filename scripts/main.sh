#!/usr/bin/env bash
# Set up and run the main job: the full analytical report (Russian and English; HTML, PDF, XLSX) on the shipped
# data. The README's first command. Output: out/report/ (the store of observations: out/store.duckdb).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export MPLBACKEND=Agg
OUT=${1:-out}
mkdir -p "$OUT"
export REGINT_STORE=${REGINT_STORE:-$OUT/store.duckdb}
.venv/bin/regint report --lang both --out "$OUT/report"
.venv/bin/regint data gaps --heatmap "$OUT/report/gaps" > "$OUT/report/gaps.txt"
echo "Report written to $OUT/report (report_ru.*, report_en.*)"
