#!/usr/bin/env bash
# `npm run bench:load`: the load benchmark (test/bench/load/load.ts) on a
# throwaway PostgreSQL server of its own, stopped on exit. It prints
# `name: value` lines on stdout (everything else goes to stderr).
# LOAD_SECONDS sets how long each load runs (default 15).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  printf '==> installing dependencies (npm ci)\n' >&2
  npm ci --no-audit --no-fund >&2
fi

export OPUS_PG_STATE_FILE="${TMPDIR:-/tmp}/opus-booking-postgres-bench-load-$$.state"
export OPUS_PG_OWNER_PID=$$
trap 'bash scripts/postgres.sh stop || true' EXIT
bash scripts/postgres.sh start
DATABASE_URL="$(bash scripts/postgres.sh url)"
export DATABASE_URL

node --import tsx test/bench/load/load.ts
