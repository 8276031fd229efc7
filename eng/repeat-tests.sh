#!/usr/bin/env bash
# Runs test projects again and again to catch tests that pass only on a quiet machine (docs/reliability.md, "Repeated
# runs"). Builds once, then each round runs the projects two at a time (the load of eng/test.sh) and writes one line:
# passed, failed, skipped (from the TRX files), seconds and load. A failing round keeps its TRX files and outputs.
#   eng/repeat-tests.sh [rounds=20] [project ...]
# The default projects are every test project but McpForge.Cli.Tests and McpForge.IntegrationTests, whose packing,
# templates and NativeAOT publishes take 18 minutes a run on a 2-core machine.
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
shift || true
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(McpForge.Tests McpForge.Generators.Tests McpForge.Analyzers.Tests McpForge.AspNetCore.Tests McpForge.ReliabilityTests
            McpForge.Hosting.Tests McpForge.AspNetCore.Redis.Tests McpForge.Testing.Tests)
fi
out=artifacts/repeat-tests
rm -rf "$out" && mkdir -p "$out"
eng/npm-packages.sh # the TypeScript clients and servers that McpForge.Cli.Tests and McpForge.IntegrationTests run
dotnet build Framework.sln -c Debug -warnaserror -v q -nologo 2>&1 | tail -n 3
started=$(date +%s)
failing=0
for round in $(seq 1 "$rounds"); do
  t0=$(date +%s)
  results="$out/round-$round"
  mkdir -p "$results"
  printf '%s\n' "${projects[@]}" | xargs -P2 -I{} sh -c \
    "dotnet test tests/{} --no-build -c Debug --logger 'trx;LogFileName={}.trx' --results-directory '$results' > '$results/{}.out' 2>&1"
  line=$(python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    counters = re.search(r'<Counters total="\d+" executed="\d+" passed="(\d+)" failed="(\d+)"', text)
    if counters:
        passed += int(counters.group(1))
        failed += int(counters.group(2))
    skipped += text.count('outcome="NotExecuted"')
    for name in re.findall(r'testName="([^"]*)"[^>]*outcome="Failed"', text):
        print("  failed: " + name, file=sys.stderr)
print(f"passed={passed} failed={failed} skipped={skipped}")
PY
)
  echo "round $round: $line seconds=$(( $(date +%s) - t0 )) load=$(cut -d' ' -f1 /proc/loadavg)"
  if [[ "$line" == *"failed=0 "* ]]; then rm -rf "$results"; else failing=$((failing + 1)); fi
done
echo "$rounds rounds, $failing with a failure, $(( $(date +%s) - started )) s (kept in $out)"
[ "$failing" -eq 0 ]
