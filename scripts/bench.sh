#!/usr/bin/env bash
# `npm run bench`: runs every test/bench/*.ts with `node --import tsx`, one
# after another. Each prints `name: value` lines to stdout, which this script
# passes through untouched (everything else goes to stderr); it fails if any
# benchmark fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

phase() { printf '==> %s\n' "$*" >&2; }

export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  phase "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund >&2
fi

# No benchmark needs PostgreSQL yet. When one does, start it like scripts/test.sh:
#   bash scripts/postgres.sh start; trap 'bash scripts/postgres.sh stop' EXIT
#   export TEST_DATABASE_URL="$(bash scripts/postgres.sh url)"

shopt -s nullglob
benches=(test/bench/*.ts)
shopt -u nullglob
if [[ ${#benches[@]} -eq 0 ]]; then
  phase "no benchmarks in test/bench/"
  exit 0
fi

failed=()
for bench in "${benches[@]}"; do
  phase "$bench"
  if ! node --import tsx "$bench"; then
    failed+=("$bench")
    phase "FAILED: $bench"
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  phase "${#failed[@]} of ${#benches[@]} benchmarks failed: ${failed[*]}"
  exit 1
fi
