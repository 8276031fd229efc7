#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed, N skipped". The official MCP
# conformance suite runs last (eng/conformance.sh), then the same suite and the scale-out scenarios against a fleet
# behind haproxy (eng/scaleout.sh); each of their checks counts as one test in that line.
# Usage: eng/test.sh [extra dotnet test arguments]
# Counts come from the TRX file each test project writes (Directory.Build.targets), never from console text.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/TestResults"
rm -rf "$results"
eng/npm-packages.sh
dotnet build Framework.sln -c Debug -warnaserror 2>&1 | tail -n 3
build_rc=${PIPESTATUS[0]}
dotnet test Framework.sln --no-build -c Debug "$@"
rc=$?
[ "$build_rc" -ne 0 ] && rc=$build_rc
# The conformance suite against samples/Everything (JIT and NativeAOT): each of its checks counts as a test.
mkdir -p "$results"
CONFORMANCE_OUT="$results/conformance" eng/conformance.sh > "$results/conformance.log" 2>&1
cat "$results/conformance.log"
conformance_line="$(tail -n 1 "$results/conformance.log")"
conformance_passed="$(sed -n 's/^conformance: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$conformance_line")"
conformance_failed="$(sed -n 's/^conformance: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$conformance_line")"
if [ -z "$conformance_passed" ]; then conformance_passed=0; conformance_failed=1; fi
# A fleet behind a proxy (eng/scaleout.sh): the suite's legs through haproxy and the scale-out scenarios, each check
# and scenario one test in the line. It reuses the NativeAOT binary conformance.sh published.
SCALEOUT_OUT="$results/scaleout" eng/scaleout.sh > "$results/scaleout.log" 2>&1
cat "$results/scaleout.log"
scaleout_line="$(tail -n 1 "$results/scaleout.log")"
scaleout_passed="$(sed -n 's/^scale-out: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$scaleout_line")"
scaleout_failed="$(sed -n 's/^scale-out: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$scaleout_line")"
if [ -z "$scaleout_passed" ]; then scaleout_passed=0; scaleout_failed=1; fi
conformance_passed=$((conformance_passed + scaleout_passed))
conformance_failed=$((conformance_failed + scaleout_failed))
python3 - "$results" "$rc" "$conformance_passed" "$conformance_failed" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
results_dir, rc = sys.argv[1], int(sys.argv[2])
conformance_passed, conformance_failed = int(sys.argv[3]), int(sys.argv[4])  # the suite's checks and the fleet's
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
for f in files:
    for r in ET.parse(f).getroot().iter(ns + "UnitTestResult"):
        o = r.get("outcome", "")
        if o == "Passed": passed += 1
        elif o in ("NotExecuted", "Inconclusive", "Pending", "NotRunnable"): skipped += 1
        else: failed += 1
passed += conformance_passed
failed += conformance_failed
if rc != 0 and failed == 0:
    failed = 1  # a build error or a crashed test host is never reported green
    print(f"dotnet test exited {rc} with no failing test recorded ({len(files)} TRX files)", file=sys.stderr)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if (failed or rc or passed + failed == 0) else 0)
PY
