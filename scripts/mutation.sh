#!/usr/bin/env bash
# Mutation testing of the core's rules (not part of scripts/test.sh: a full run takes tens of minutes). Stryker.NET,
# pinned as a local tool in .config/dotnet-tools.json, mutates src/Readiness.Core/Normalization/, Scoring/ and
# Registry/, runs tests/Readiness.Core.Tests against every mutant and prints the mutation score per folder, of all
# mutants and of the mutants some test covers. Reports and the list of survivors go to StrykerOutput/ (ignored).
#
#   scripts/mutation.sh                   all three folders
#   scripts/mutation.sh Scoring Registry  only these folders (while working on their tests)
#   MUTATION_CONCURRENCY=1 scripts/mutation.sh   test runners at once (default 2)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

folders=("$@")
[[ ${#folders[@]} -gt 0 ]] || folders=(Normalization Scoring Registry)
mutate=()
for folder in "${folders[@]}"; do
  case "$folder" in
    Normalization | Scoring | Registry) mutate+=(--mutate "**/$folder/**/*.cs") ;;
    *) echo "unknown folder '$folder': expected Normalization, Scoring or Registry" >&2; exit 2 ;;
  esac
done

out="$root/StrykerOutput"
rm -rf "$out"
dotnet tool restore --verbosity quiet
(
  cd tests/Readiness.Core.Tests
  dotnet stryker --project Readiness.Core.csproj "${mutate[@]}" \
    --reporter progress --reporter json --reporter html \
    --concurrency "${MUTATION_CONCURRENCY:-2}" --output "$out" --skip-version-check
)

# Score per folder from Stryker's JSON report: detected = killed + timeout; the score counts every valid mutant, the
# covered score leaves out those no test reaches. Survivors are listed one per line for the next test to write.
node - "$out/reports/mutation-report.json" "$out/survivors.txt" <<'EOF'
const fs = require('fs');
const [reportPath, survivorsPath] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const rows = new Map();
const survivors = [];
const row = name => rows.get(name) ?? rows.set(name, { killed: 0, survived: 0, noCoverage: 0 }).get(name);
for (const [path, file] of Object.entries(report.files)) {
  const relative = path.replaceAll('\\', '/').replace(/^.*?src\/Readiness\.Core\//, '');
  const folder = relative.split('/')[0];
  for (const m of file.mutants) {
    const counts = [row(folder), row('total')];
    if (m.status === 'Killed' || m.status === 'Timeout') counts.forEach(c => c.killed++);
    else if (m.status === 'Survived') counts.forEach(c => c.survived++);
    else if (m.status === 'NoCoverage') counts.forEach(c => c.noCoverage++);
    else continue;
    if (m.status !== 'Killed' && m.status !== 'Timeout') {
      const text = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
      survivors.push(`${relative}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}: ${text}`);
    }
  }
}
const pct = (n, d) => (d === 0 ? '-' : ((100 * n) / d).toFixed(1) + ' %');
const names = [...rows.keys()].filter(n => n !== 'total').sort().concat('total').filter(n => rows.get(n).killed + rows.get(n).survived + rows.get(n).noCoverage > 0);
console.log('\nfolder          mutants  killed  survived  no-coverage    score  of covered');
for (const name of names) {
  const c = rows.get(name);
  const all = c.killed + c.survived + c.noCoverage;
  console.log(
    name.padEnd(14) + String(all).padStart(9) + String(c.killed).padStart(8) + String(c.survived).padStart(10) +
      String(c.noCoverage).padStart(13) + pct(c.killed, all).padStart(9) + pct(c.killed, c.killed + c.survived).padStart(12));
}
fs.writeFileSync(survivorsPath, survivors.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).join('\n') + '\n');
console.log(`\n${survivors.length} mutants not detected: ${survivorsPath}; report: ${reportPath.replace(/json$/, 'html')}`);
EOF
