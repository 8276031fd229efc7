#!/usr/bin/env bash
# Coverage-guided fuzzing of McpForge with AFL++ through SharpFuzz (the long form; CI runs the bounded property tests
# in tests/McpForge.ReliabilityTests on the same targets).
# Usage: eng/fuzz.sh <target> [seconds=600]      targets: message tool-arguments resource-uri prompt-arguments
#                                                         uri-template accept last-event-id http
# Installs afl++ (Debian) and the sharpfuzz instrumenter (NuGet tool) when missing, publishes tests/Fuzz/McpForge.Fuzz,
# instruments McpForge.dll and McpForge.AspNetCore.dll, runs afl-fuzz from tests/Fuzz/corpus/<target> for the given
# time, then prints the executions, paths and crashes; crashing inputs are in artifacts/fuzz/<target>/default/crashes
# (replay one: dotnet artifacts/fuzz/bin/McpForge.Fuzz.dll <target> --replay <file>). A fixed finding is kept in
# tests/Fuzz/regressions/<target>/, which the CI property tests replay.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: eng/fuzz.sh <target> [seconds]}"
seconds="${2:-600}"
work="$root/artifacts/fuzz"
tools="$work/tools"

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# One instrumented build serves every target; FUZZ_REBUILD=1 (or a missing build) makes a new one.
if [ "${FUZZ_REBUILD:-0}" = 1 ] || [ ! -f "$work/bin/.instrumented" ]; then
  rm -rf "$work/bin"
  dotnet publish "$root/tests/Fuzz/McpForge.Fuzz" -c Release -o "$work/bin" -nologo -v q >/dev/null
  for assembly in McpForge.dll McpForge.AspNetCore.dll; do
    "$tools/sharpfuzz" "$work/bin/$assembly" >/dev/null
  done
  touch "$work/bin/.instrumented"
fi

out="$work/$target"
rm -rf "$out"
mkdir -p "$out"
# .NET is neither an AFL-compiled binary nor a fork server of its own: SharpFuzz's out-of-process runner is both.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
timeout --signal=INT "$((seconds + 30))" afl-fuzz -V "$seconds" -t 10000 -m none -i "$root/tests/Fuzz/corpus/$target" -o "$out" \
  -- dotnet "$work/bin/McpForge.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 || true

stats="$out/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not run; its log:" >&2
  tail -n 30 "$out/afl.log" >&2
  exit 1
fi
execs="$(sed -n 's/^execs_done *: *//p' "$stats")"
paths="$(sed -n 's/^corpus_count *: *//p' "$stats")"
crashes="$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)"
hangs="$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)"
echo "fuzz $target: $execs inputs executed in ${seconds} s, $paths paths, $crashes crashes, $hangs hangs"
[ "$crashes" -eq 0 ]
