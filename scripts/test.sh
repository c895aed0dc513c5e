#!/usr/bin/env bash
# Runs every test: installs Azurite (npm ci), restores, checks formatting, starts a private in-memory Azurite on
# free ports, runs all test projects against it, stops it by PID and prints the totals as one line.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/install.sh || exit 1
# The browser tests drive Debian's chromium (no Playwright browser download); CI runs as root, so it is installed here.
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) || exit 1
  else
    echo "/usr/bin/chromium is missing: run 'sudo apt-get install -y --no-install-recommends chromium' for the browser tests" >&2
    exit 1
  fi
fi
dotnet restore Readiness.slnx --verbosity quiet || exit 1
dotnet build Readiness.slnx --no-restore --verbosity quiet -nologo || exit 1
if ! dotnet format Readiness.slnx --verify-no-changes --no-restore --verbosity quiet; then
  echo "dotnet format found changes to make: run 'dotnet format Readiness.slnx'" >&2
  exit 1
fi

azurite_pid=""
stop_azurite() { [[ -n "$azurite_pid" ]] && kill "$azurite_pid" 2>/dev/null; wait "$azurite_pid" 2>/dev/null; azurite_pid=""; }
trap stop_azurite EXIT
blob=$(scripts/free-port.sh); queue=$(scripts/free-port.sh); table=$(scripts/free-port.sh)
mkdir -p .azurite
node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose --inMemoryPersistence \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >.azurite/test-azurite.log 2>&1 &
azurite_pid=$!
for port in "$blob" "$queue" "$table"; do
  for _ in $(seq 1 300); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export READINESS_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"

log=$(mktemp)
dotnet test Readiness.slnx --no-build --verbosity quiet -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
stop_azurite

# One line with the totals of every test project, so a run that executed nothing shows.
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i + 1))
      if ($i == "Failed:") failed += $(i + 1)
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
if ! grep -qE '(Passed|Failed)! +- +Failed:' "$log"; then
  echo "no test project reported results" >&2
  status=1
fi
rm -f "$log"
exit "$status"
