#!/usr/bin/env bash
# Installs what the project needs that the .NET SDK does not bring: Azurite and axe-core (the browser tests' checker),
# pinned in package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ ! -x node_modules/.bin/azurite || ! -f node_modules/axe-core/axe.min.js || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
