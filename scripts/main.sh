#!/usr/bin/env bash
# Set up and run the main job on the shipped data (the README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export MPLBACKEND=Agg
OUT=${1:-out}
mkdir -p "$OUT"
export REGINT_STORE=${REGINT_STORE:-$OUT/store.duckdb}
.venv/bin/regint data show grp_per_capita --regions RU-SMO,RU-PSK,RU-BRY --years 2023
.venv/bin/regint data gaps --heatmap "$OUT/gaps"
