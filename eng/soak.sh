#!/usr/bin/env bash
# The long forms of the soaks (CI runs 100,000 calls and 4 rounds in tests/McpForge.ReliabilityTests):
#   1,000,000 tools/call over stdio against QuickStart's tools built with NativeAOT, memory read every 10,000 calls;
#   10 rounds of 1,000 Streamable HTTP sessions opened, used and closed, memory read after each round.
# Writes docs/reliability/soak-{stdio,http}.{csv,png} and prints one summary line per soak.
# Usage: eng/soak.sh [calls=1000000] [rounds=10]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
calls="${1:-1000000}"
rounds="${2:-10}"
out="$root/docs/reliability"
aot="$root/artifacts/soak/aot"
mkdir -p "$out"
# The server: tests/Fixtures/ReliabilityServer is QuickStart's tools, unchanged, plus a memory probe and fault tools.
dotnet publish "$root/tests/Fixtures/ReliabilityServer" -c Release -r linux-x64 -p:PublishAot=true -o "$aot" -nologo -v q >/dev/null
dotnet build "$root/tests/Soak/McpForge.Soak" -c Release -nologo -v q >/dev/null
soak="$root/tests/Soak/McpForge.Soak/bin/Release/net10.0/McpForge.Soak.dll"
dotnet "$soak" stdio --calls "$calls" --every 10000 --out "$out" -- "$aot/ReliabilityServer" --stdio
dotnet "$soak" http --rounds "$rounds" --sessions 1000 --out "$out" -- "$aot/ReliabilityServer"
