#!/usr/bin/env bash
# A fleet on one machine (docs/scale-out.md): redis-server, three NativeAOT samples/Everything instances configured
# through the environment only (McpForge__Redis__Configuration, __InstanceUrl, __ForwardingKey), and haproxy in front
# with plain round robin and no stickiness, all on 127.0.0.1 with free ports. Through the proxy it runs the official
# conformance suite's legs (eng/conformance-suite.sh, as eng/conformance.sh runs them on one instance), then the
# scenarios of eng/scaleout_scenarios.py (an answer, a resume and a resource update crossing instances, kill -9 of an
# owner mid-call, DELETE everywhere, a rolling restart under a client calling in a loop).
# Reuses the NativeAOT binary eng/conformance.sh published (artifacts/everything-aot), else publishes it.
# Every process it starts is stopped by its pid on exit. Needs redis-server and haproxy (.ci/run installs them).
# Usage: eng/scaleout.sh   (SCALEOUT_OUT=folder keeps the logs and checks)
# Last line: "scale-out: N passed, N failed". Exit 1 when anything failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${SCALEOUT_OUT:-$root/TestResults/scaleout}"
rm -rf "$out"
mkdir -p "$out"
# shellcheck source=eng/conformance-suite.sh
source "$root/eng/conformance-suite.sh"
began=$(date +%s)

for tool in redis-server redis-cli haproxy; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "scale-out: $tool is not installed (apt-get install redis-server haproxy)" >&2
    echo "scale-out: 0 passed, 1 failed"
    exit 1
  fi
done

aot="$root/artifacts/everything-aot/Everything"
if [ ! -x "$aot" ]; then
  dotnet publish samples/Everything -r linux-x64 -p:PublishAot=true -o "$root/artifacts/everything-aot" -nologo >"$out/aot-publish.log" 2>&1
  if [ $? -ne 0 ] || grep -qE ': warning [A-Z]+[0-9]+' "$out/aot-publish.log"; then
    echo "scale-out: the NativeAOT publish failed or warned:" >&2
    tail -n 20 "$out/aot-publish.log" >&2
    echo "scale-out: 0 passed, 1 failed"
    exit 1
  fi
fi

work="$(mktemp -d)"
pids=()
stop_all() {
  local pid f
  for f in "$work"/*.pid; do [ -f "$f" ] && pids+=("$(cat "$f")"); done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_for() { # wait_for WHAT COMMAND... : up to 20 s
  local what="$1"; shift
  for _ in $(seq 1 200); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "scale-out: $what did not come up" >&2
  return 1
}

fail_setup() {
  echo "scale-out: $1" >&2
  echo "scale-out: 0 passed, 1 failed"
  exit 1
}

# 1. Redis: loopback only, nothing persisted. The scenario that restarts it empty starts it again from the same
# configuration file and writes the new pid to the same file, so stop_all stops whichever runs last.
redis_port="$(free_port)"
cat >"$work/redis.conf" <<EOF
bind 127.0.0.1
port $redis_port
save ""
appendonly no
protected-mode yes
daemonize no
EOF
redis-server "$work/redis.conf" >>"$out/redis.log" 2>&1 &
echo $! >"$work/redis.pid"
export SCALEOUT_REDIS_CONF="$work/redis.conf" SCALEOUT_REDIS_PIDFILE="$work/redis.pid" SCALEOUT_REDIS_LOG="$out/redis.log"
wait_for "redis-server" redis-cli -p "$redis_port" ping || fail_setup "redis-server did not start"

# 2. Three instances, configured through the environment only.
export McpForge__Redis__Configuration="127.0.0.1:$redis_port"
McpForge__Redis__ForwardingKey="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export McpForge__Redis__ForwardingKey
export SCALEOUT_INSTANCE_COMMAND="$aot"
fleet="$work/fleet"
: >"$fleet"
for name in a b c; do
  port="$(free_port)"
  (cd "$work" && McpForge__Redis__InstanceUrl="http://127.0.0.1:$port" exec "$aot" --urls "http://127.0.0.1:$port" \
    >>"$work/$name.pid.log" 2>&1) &
  echo $! >"$work/$name.pid"
  echo "$name $port $work/$name.pid" >>"$fleet"
  eval "port_$name=$port"
done
for name in a b c; do
  p="port_$name"
  wait_for "instance $name" curl -sf "http://127.0.0.1:${!p}/health" || fail_setup "instance $name did not start: $(tail -n 5 "$work/$name.pid.log")"
done

# 3. haproxy: round robin per request, no stickiness; a request that finds an instance gone or stopping (503) is
# retried on another.
proxy_port="$(free_port)"
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 512
defaults
  mode http
  timeout connect 1s
  timeout client 65s
  timeout server 65s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response 503
frontend mcp_front
  bind 127.0.0.1:$proxy_port
  default_backend mcp
backend mcp
  balance roundrobin
  option httpchk GET /health
  default-server inter 500ms fall 2 rise 1
  http-response set-header X-Served-By %[srv_name]
  server a 127.0.0.1:$port_a check
  server b 127.0.0.1:$port_b check
  server c 127.0.0.1:$port_c check
EOF
haproxy -db -f "$work/haproxy.cfg" >"$out/haproxy.log" 2>&1 &
pids+=($!)
wait_for "haproxy" curl -sf "http://127.0.0.1:$proxy_port/health" || fail_setup "haproxy did not start: $(tail -n 5 "$out/haproxy.log")"
echo "scale-out: redis 127.0.0.1:$redis_port, instances a b c at $port_a $port_b $port_c, haproxy at $proxy_port"

# 4. The conformance suite through the proxy.
run_legs "scale-out" "http://127.0.0.1:$proxy_port/mcp"
# The tasks extension through the proxy: each poll, answer and cancel reaches an instance other than the one running
# the task as often as not, and is forwarded there (docs/scale-out.md, "Tasks").
run_tasks_leg "scale-out" "http://127.0.0.1:$proxy_port/mcp"

# 5. The scenarios.
python3 "$root/eng/scaleout_scenarios.py" "http://127.0.0.1:$proxy_port" "$fleet" >"$out/scenarios.txt" 2>&1
scenarios_rc=$?
cat "$out/scenarios.txt"
s_line="$(tail -n 1 "$out/scenarios.txt")"
s_passed="$(sed -n 's/^scenarios: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$s_line")"
s_failed="$(sed -n 's/^scenarios: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$s_line")"
if [ -z "$s_passed" ]; then s_passed=0; s_failed=1; fi
[ "$scenarios_rc" -ne 0 ] && [ "$s_failed" -eq 0 ] && s_failed=1
passed=$((passed + s_passed))
failed=$((failed + s_failed))
cp "$work"/*.pid.log "$out/" 2>/dev/null

echo "scale-out: took $(( $(date +%s) - began )) s"
echo "scale-out: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
