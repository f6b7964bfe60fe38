#!/usr/bin/env bash
# The one test command (`npm test`, and CI through .ci/run):
#   1. install node dependencies when needed (npm ci)
#   2. start a throwaway PostgreSQL server (scripts/postgres.sh) and export
#      TEST_DATABASE_URL; it is stopped on exit
#   3. typecheck
#   4. run every *.test.ts under sdk/, server/ and test/ with Node's test runner
#   5. browser tests in headless Chromium and the end-to-end test (scripts/test-browser.sh)
#
# Set TEST_DATABASE_URL yourself to use a server you already run instead.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root="$PWD"

phase() { printf '\n==> %s\n' "$*" >&2; }

# Long steps run in the background and are waited for, so that INT/TERM
# (Ctrl-C, `timeout`, npm forwarding a signal) stop them at once instead of
# after they finish; the EXIT trap then stops PostgreSQL.
child=''
run() {
  "$@" &
  child=$!
  wait "$child" # under `set -e` a failure exits with the command's status
  child=''
}
on_signal() {
  if [[ -n $child ]]; then kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  exit "$1"
}
stop_postgres() { :; }
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_postgres
  exit "$status"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# ----------------------------------------------------------- dependencies
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  phase "installing dependencies (npm ci)"
  run npm ci --no-audit --no-fund
else
  phase "dependencies are up to date"
fi

# ------------------------------------------------------------- PostgreSQL
if [[ -n ${TEST_DATABASE_URL:-} ]]; then
  phase "PostgreSQL: using TEST_DATABASE_URL from the environment"
else
  phase "PostgreSQL: starting a throwaway server"
  # A server of our own for this run, so concurrent runs don't stop each
  # other's; if this run is killed outright, the next start cleans it up.
  export OPUS_PG_STATE_FILE="${TMPDIR:-/tmp}/opus-booking-postgres-test-$$.state"
  export OPUS_PG_OWNER_PID=$$
  stop_postgres() { bash "$repo_root/scripts/postgres.sh" stop || true; }
  bash scripts/postgres.sh start
  TEST_DATABASE_URL="$(bash scripts/postgres.sh url)"
  export TEST_DATABASE_URL
  printf '    TEST_DATABASE_URL=%s\n' "$TEST_DATABASE_URL" >&2
fi

# -------------------------------------------------------------- typecheck
phase "typecheck (tsc --noEmit -p tsconfig.json)"
run npx --no -- tsc --noEmit -p tsconfig.json

# ------------------------------------------------------------ node tests
shopt -s globstar nullglob
test_files=()
for file in sdk/**/*.test.ts server/**/*.test.ts test/**/*.test.ts; do
  case $file in
    node_modules/* | */node_modules/*) continue ;;
    test/bench/* | test/browser/* | test/e2e/*) continue ;; # benchmarks: npm run bench; browser and e2e tests: below
  esac
  test_files+=("$file")
done
shopt -u globstar nullglob

# A test that never settles (say, a pool left open) fails after 10 minutes instead of holding CI.
node_test_flags=(--import tsx --test --test-timeout=600000)
if node --help 2>/dev/null | grep -q -- '--test-concurrency'; then
  node_test_flags+=(--test-concurrency=2)
fi

if [[ ${#test_files[@]} -eq 0 ]]; then
  phase "node tests: no *.test.ts files under sdk/, server/ or test/ - nothing to run"
else
  phase "node tests (${#test_files[@]} files): node ${node_test_flags[*]}"
  run node "${node_test_flags[@]}" "${test_files[@]}"
fi

# ---------------------------------------------------------- browser tests
# The widget in real headless Chromium (Debian's package, installed when
# missing) and the end-to-end booking through the hosted page.
phase "browser and end-to-end tests (scripts/test-browser.sh)"
run bash scripts/test-browser.sh

phase "all tests passed"
