#!/usr/bin/env bash
# `npm run build`: everything the package ships, in dist/:
#   dist/widget/    the widget's browser bundle (vite.config.ts), served at /widget/
#   dist/console/   the staff console (vite.console.config.ts), served at /admin/
#   dist/sdk/, dist/server/, dist/widget-esm/
#                   ESM JavaScript and .d.ts (tsc -b tsconfig.build.json): the
#                   package's exports, and `node dist/server/main.js`
#   dist/custom-elements.json
#                   the Custom Elements Manifest (custom-elements-manifest.config.mjs)
# tsc builds incrementally; `--clean` (npm pack and publish, through prepack)
# first removes its output, so no file of a deleted source ships.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

phase() { printf '\n==> %s\n' "$*" >&2; }

phase "widget and staff console (vite build → dist/widget/, dist/console/)"
npx --no -- vite build
npx --no -- vite build -c vite.console.config.ts

if [[ ${1:-} == --clean ]]; then rm -rf dist/sdk dist/server dist/widget-esm; fi
phase "ESM and .d.ts (tsc -b tsconfig.build.json → dist/sdk/, dist/server/, dist/widget-esm/)"
npx --no -- tsc -b tsconfig.build.json

phase "Custom Elements Manifest (→ dist/custom-elements.json)"
npx --no -- cem analyze --config custom-elements-manifest.config.mjs --quiet
