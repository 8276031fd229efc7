#!/usr/bin/env bash
# Runs the whole CI again and again on the same commit (docs/reliability.md, "Repeated runs"): each round clones this
# repository's HEAD into a fresh folder and runs `CI=true bash .ci/run` there (install, build, every test project, the
# conformance legs JIT and NativeAOT, the scale-out leg), then writes one line: the round, the commit, its summary line
# ("N passed, N failed, N skipped"), the conformance and scale-out totals inside it, and its seconds. A round whose run fails keeps its log in artifacts/repeat-ci/.
#   eng/repeat-ci.sh [rounds=20]
# A round takes 12–21 minutes on a 2-core machine (docs/reliability.md); run nothing else beside it.
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
out=$PWD/artifacts/repeat-ci
rm -rf "$out" && mkdir -p "$out"
commit=$(git rev-parse --short HEAD)
started=$(date +%s)
failing=0
for round in $(seq 1 "$rounds"); do
  t0=$(date +%s)
  clone=$(mktemp -d /tmp/mcpforge-ci.XXXXXX)
  git clone -q . "$clone" && git -C "$clone" checkout -q "$commit"
  (cd "$clone" && CI=true bash .ci/run > "$out/round-$round.log" 2>&1)
  rc=$?
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/round-$round.log" | tail -n 1)
  legs=$(grep -E '^(conformance|scale-out): [0-9]+ passed' "$out/round-$round.log" | tr '\n' ';')
  echo "round $round: $commit ${summary:-no summary line} ($legs) exit=$rc seconds=$(( $(date +%s) - t0 ))"
  if [ "$rc" -eq 0 ] && [[ "$summary" == *" 0 failed"* ]]; then rm -f "$out/round-$round.log"; else failing=$((failing + 1)); fi
  rm -rf "$clone"
done
echo "$rounds rounds of $commit, $failing with a failure, $(( $(date +%s) - started )) s (failing logs in $out)"
[ "$failing" -eq 0 ]
