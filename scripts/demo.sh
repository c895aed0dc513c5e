#!/usr/bin/env bash
# The main job on a fresh clone: installs Azurite, builds, and runs the operator CLI's demo against a local Azurite
# (which the demo starts if none is listening, and stops again).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install.sh
exec dotnet run --project cli -- demo "$@"
