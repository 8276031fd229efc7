#!/usr/bin/env bash
# The long form of the HTTP load (CI runs 10 s in tests/McpForge.ReliabilityTests): 200 concurrent Streamable HTTP
# clients, each with its own session, calling echo back to back for 60 s against the NativeAOT build of
# tests/Fixtures/ReliabilityServer; prints requests/s, errors and latency percentiles.
# Usage: eng/load.sh [clients=200] [seconds=60]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
aot="$root/artifacts/soak/aot"
[ -x "$aot/ReliabilityServer" ] || dotnet publish "$root/tests/Fixtures/ReliabilityServer" -c Release -r linux-x64 -p:PublishAot=true -o "$aot" -nologo -v q >/dev/null
dotnet build "$root/tests/Soak/McpForge.Soak" -c Release -nologo -v q >/dev/null
dotnet "$root/tests/Soak/McpForge.Soak/bin/Release/net10.0/McpForge.Soak.dll" load --clients "${1:-200}" --seconds "${2:-60}" -- "$aot/ReliabilityServer"
