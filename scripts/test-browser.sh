#!/usr/bin/env bash
# `npm run test:browser` (called by scripts/test.sh): the widget and the staff console in real Chromium.
#   1. install Debian's Chromium when missing (as root; test tools' own browser
#      downloads fail on this network)
#   2. npm run build (dist/widget/, dist/console/, and the package: dist/sdk/, dist/server/, dist/widget-esm/)
#   3. browser tests: web-test-runner over widget/**/*.test.ts and
#      test/browser/**/*.test.ts (the console's under test/browser/console/),
#      the API mocked with msw, axe-core on each step, page and dialog
#   4. the end-to-end tests: the real server on PGlite in Chromium — a booking
#      through the hosted page, and every page of the staff console
#      (test/e2e/console-*.test.ts: axe at 1024/1440 px, light and dark)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

phase() { printf '\n==> %s\n' "$*" >&2; }

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
if [[ ! -x $CHROME_PATH ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    phase "installing Chromium (apt-get install chromium)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Chromium not found at $CHROME_PATH: install Debian's chromium package (as root: apt-get install -y chromium) or set CHROME_PATH" >&2
    exit 1
  fi
fi

phase "build (npm run build: the widget and the staff console, the package's ESM, .d.ts and element manifest)"
bash scripts/build.sh >&2
export OPUS_BUILT=1 # test/e2e/package.test.ts packs this build instead of building again

phase "browser tests (web-test-runner, Chromium at $CHROME_PATH)"
npx --no -- web-test-runner --config web-test-runner.config.mjs

phase "end-to-end tests (server on PGlite + hosted page and staff console in Chromium)"
# Two files at a time: each starts its own server, data directory and Chromium.
node --import tsx --test --test-concurrency=2 --test-timeout=300000 test/e2e/*.test.ts
