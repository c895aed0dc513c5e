#!/usr/bin/env bash
# Serves the app's API (and the portal) locally on http://127.0.0.1:7071 (PORT overrides) through the local host
# (devhost/Readiness.DevHost), with its queue functions running. Storage: AzureWebJobsStorage when it is set, else
# an Azurite already listening on the well-known ports, else a local Azurite started here (data in .azurite/) and
# stopped again, by its PID, when this script ends. The sample registry and the default catalog are loaded into
# empty tables. Extra arguments go to the host (--timers InboxTimer,ScoreTimer runs those timers on their schedules).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
port="${PORT:-7071}"

scripts/install.sh
dotnet build devhost/Readiness.DevHost --verbosity quiet -nologo -clp:ErrorsOnly\;NoSummary
dotnet build cli --verbosity quiet -nologo -clp:ErrorsOnly\;NoSummary

listening() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
azurite_pid=""
host_pid=""
stop() {
  [[ -n "$host_pid" ]] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  # SIGTERM lets Azurite save its tables to .azurite/ before it exits.
  [[ -n "$azurite_pid" ]] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  host_pid=""; azurite_pid=""
}
trap stop EXIT
trap 'exit 130' INT TERM

if listening "$port"; then
  echo "Something already listens on 127.0.0.1:$port: stop it or choose another port (PORT=7072 $0)." >&2
  exit 1
fi

conn=""
if [[ -n "${AzureWebJobsStorage:-}" ]]; then
  echo "Storage: AzureWebJobsStorage from the environment."
  conn=' --connection "$AzureWebJobsStorage"'
elif listening 10002; then
  echo "Storage: the Azurite already listening on 127.0.0.1:10000-10002."
  export AzureWebJobsStorage="UseDevelopmentStorage=true"
else
  mkdir -p .azurite
  node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --location .azurite >.azurite/serve-azurite.log 2>&1 &
  azurite_pid=$!
  for p in 10000 10001 10002; do
    for _ in $(seq 1 300); do listening "$p" && break; sleep 0.1; done
    listening "$p" || { echo "Azurite did not start; see .azurite/serve-azurite.log" >&2; exit 1; }
  done
  echo "Storage: Azurite started here (PID $azurite_pid, data in .azurite/), stopped when this script ends."
  export AzureWebJobsStorage="UseDevelopmentStorage=true"
fi

PORT="$port" dotnet devhost/Readiness.DevHost/bin/Debug/net10.0/Readiness.DevHost.dll --seed-samples "$@" &
host_pid=$!
for _ in $(seq 1 300); do listening "$port" && break; kill -0 "$host_pid" 2>/dev/null || exit 1; sleep 0.1; done

cli="dotnet run --project cli --no-build --"
cat <<TEXT

The API is served on http://127.0.0.1:$port/api/ (Ctrl+C stops it$([[ -n "$azurite_pid" ]] && echo " and the Azurite started here")).
The portal for officers: http://127.0.0.1:$port/api/portal/ (sign in with a key).
Create API keys (each is shown once):
  $cli keys create --admin$conn
  $cli keys create --regency 13.07$conn
Then, for example:
  curl -H "Authorization: Bearer \$KEY" http://127.0.0.1:$port/api/regencies/13.07/uploads
  curl -H "Authorization: Bearer \$KEY" -H "Content-Type: text/csv" --data-binary @samples/13.07-lima-puluh-kota-2024.csv http://127.0.0.1:$port/api/regencies/13.07/uploads
TEXT
wait "$host_pid"
