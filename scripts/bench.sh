#!/usr/bin/env bash
# The benchmark command: bash scripts/bench.sh
#
# Builds both benchmark projects in Release, runs the end-to-end benchmark (bench/Readiness.EndToEnd: generates the
# data deterministically, starts its own in-memory Azurite on free ports of 127.0.0.1 and stops it by pid, measures
# every stage against a ceiling measured in the same run) and then the BenchmarkDotNet micro-benchmarks
# (bench/Readiness.Benchmarks, short job), and writes bench/results/latest.md with every figure, ceiling, ratio,
# target and PASS/MISS. Takes about 10 minutes on 2 cores. Not part of the test command (scripts/test.sh).
#
# Options (environment): BENCH_RUNS (single-regency runs, default 30), BENCH_SKIP_MICRO=1 (end-to-end only).
# Needs ../shared/data/regencies.csv and provinces.csv (or READINESS_SHARED_DATA pointing at them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="bench/results"
mkdir -p "$results"
pid_file="$results/azurite.pid.tmp"
partial="$results/latest.md.tmp"
micro_dir="$(mktemp -d)"

# The end-to-end program stops its Azurite itself; this catches an interrupted run. Only that pid is ever killed.
cleanup() {
  if [[ -s "$pid_file" ]]; then
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  fi
  rm -rf "$micro_dir"
}
trap cleanup EXIT

scripts/install.sh
dotnet build bench/Readiness.EndToEnd/Readiness.EndToEnd.csproj -c Release --verbosity quiet -nologo
dotnet build bench/Readiness.Benchmarks/Readiness.Benchmarks.csproj -c Release --verbosity quiet -nologo

echo "== End-to-end benchmark"
dotnet bench/Readiness.EndToEnd/bin/Release/net10.0/Readiness.EndToEnd.dll \
  --out "$partial" --pid-file "$pid_file" --runs "${BENCH_RUNS:-30}"

{
  cat "$partial"
  echo
  echo "## Micro-benchmarks (BenchmarkDotNet, short job)"
  echo
  if [[ "${BENCH_SKIP_MICRO:-0}" == "1" ]]; then
    echo "Skipped (BENCH_SKIP_MICRO=1)."
  fi
} >"$results/latest.md.next"

if [[ "${BENCH_SKIP_MICRO:-0}" != "1" ]]; then
  echo "== BenchmarkDotNet micro-benchmarks (short job)"
  dotnet bench/Readiness.Benchmarks/bin/Release/net10.0/Readiness.Benchmarks.dll \
    --filter '*' --job short --artifacts "$micro_dir"
  {
    echo "The national file from memory: raw CsvHelper (every field materialized), CsvHelper spans only, Sep, and the"
    echo "reader's two passes; then the per-cell number and period parsers."
    for report in "$micro_dir"/results/*-report-github.md; do
      echo
      cat "$report"
    done
  } >>"$results/latest.md.next"
fi

mv "$results/latest.md.next" "$results/latest.md"
rm -f "$partial"
echo "Wrote $results/latest.md"
