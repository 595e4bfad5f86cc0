#!/usr/bin/env bash
# Set up and run the whole test suite (the README's test command; .ci/run calls this): lint, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export MPLBACKEND=Agg
.venv/bin/ruff check src tests
.venv/bin/mypy
(cd src && ../.venv/bin/lint-imports --no-cache --config ../pyproject.toml)
.venv/bin/python -m pytest -q -n 2 -p no:cacheprovider "$@"
