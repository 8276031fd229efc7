#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed, N skipped".
# Usage: eng/test.sh [extra dotnet test arguments]
# Counts come from the TRX file each test project writes (Directory.Build.targets), never from console text.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/TestResults"
rm -rf "$results"
# The official TypeScript SDK client, which the integration tests use as a real MCP host, and the npm
# server-everything, a server that is not McpForge's for the mcpforge doctor tests.
if [ ! -d tests/client-ts/node_modules/@modelcontextprotocol/sdk ] || [ ! -d tests/client-ts/node_modules/@modelcontextprotocol/server-everything ]; then
  npm ci --prefix tests/client-ts --no-audit --no-fund --loglevel=error 2>&1 | tail -n 2
fi
dotnet build Framework.sln -c Debug -warnaserror 2>&1 | tail -n 3
build_rc=${PIPESTATUS[0]}
dotnet test Framework.sln --no-build -c Debug "$@"
rc=$?
[ "$build_rc" -ne 0 ] && rc=$build_rc
python3 - "$results" "$rc" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
results_dir, rc = sys.argv[1], int(sys.argv[2])
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
for f in files:
    for r in ET.parse(f).getroot().iter(ns + "UnitTestResult"):
        o = r.get("outcome", "")
        if o == "Passed": passed += 1
        elif o in ("NotExecuted", "Inconclusive", "Pending", "NotRunnable"): skipped += 1
        else: failed += 1
if rc != 0 and failed == 0:
    failed = 1  # a build error or a crashed test host is never reported green
    print(f"dotnet test exited {rc} with no failing test recorded ({len(files)} TRX files)", file=sys.stderr)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if (failed or rc or passed + failed == 0) else 0)
PY
