#!/usr/bin/env bash
# Runs the official MCP conformance suite against samples/Everything over Streamable HTTP on 127.0.0.1, one endpoint
# serving both protocol eras: first the JIT build, then the NativeAOT binary (whose publish must have no warning).
# Per build, five runs against the same URL:
#   0.1.16        --suite all                                the session era as the 2025 suite checks it (32 scenarios)
#   0.2.0-alpha.12 --requirements 2025-11-25                 the frozen 2025-11-25 set, at the session wire
#   0.2.0-alpha.12 --requirements 2026-07-28                 the frozen 2026-07-28 set, at the per-request wire
#   0.2.0-alpha.12 --suite all --spec-version 2025-11-25     everything, pending scenarios included
#   0.2.0-alpha.12 --suite all --spec-version 2026-07-28     likewise for 2026-07-28
#   0.2.0-alpha.12 --scenario tasks-…  (each of the ten)        the tasks extension (docs/tasks.md), on the per-request wire
# Every check counts; a WARNING counts as a failure (the target is none); there is no expected-failures file. The
# extension scenarios (tasks-*, sep-2640-skills-*), which --requirements runs unscored, are reported on a line of their
# own in those legs and not counted there; the tasks scenarios are counted in their own leg, each run with --scenario and
# no --spec-version (which would print SKIPPED and exit 0 without running them).
# Usage: eng/conformance.sh [jit|aot|both]   (default both; CONFORMANCE_OUT=folder keeps the checks.json files)
# Last line: "conformance: N passed, N failed". Exit 1 when anything failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
which_builds="${1:-both}"
out="${CONFORMANCE_OUT:-$root/TestResults/conformance}"
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=eng/conformance-suite.sh
source "$root/eng/conformance-suite.sh"

# run_suites LABEL COMMAND... : starts the server on a free loopback port and runs every leg against it.
run_suites() {
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
  run_legs "$label" "http://127.0.0.1:$port/mcp"
  run_tasks_leg "$label" "http://127.0.0.1:$port/mcp"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rm -rf "$work"
}

if [ "$which_builds" != aot ]; then
  jit="samples/Everything/bin/Debug/net10.0/Everything.dll"
  [ -f "$jit" ] || dotnet build samples/Everything -c Debug -warnaserror -nologo -v q >/dev/null
  run_suites jit dotnet "$root/$jit"
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
    run_suites aot "$aot/Everything"
  fi
fi

echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
