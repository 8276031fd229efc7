#!/usr/bin/env python3
"""One instance against a fleet of three behind haproxy, in one run (docs/benchmarks.md, "Scale-out").

samples/Everything as NativeAOT (artifacts/everything-aot, as eng/conformance.sh publishes it), loaded by wrk with
2025-11-25 session requests `tools/call test_simple_text` (mcp_call_load.lua: every answer checked), one session per
connection. Measured, each after a warm-up:
  single        one instance, no Redis, wrk straight at it
  single+proxy  the same instance behind haproxy (what the proxy alone costs)
  fleet+proxy   three instances joined through redis-server behind haproxy with plain round robin; sessions opened
                through the proxy, so owners are spread and about 2 requests in 3 are forwarded
  owner         the fleet, every session owned by instance a, wrk straight at a (no forward)
  forwarded     the same sessions, wrk straight at instance b (every request forwarded to a)
Redis round trips per request come from `INFO commandstats` before and after each fleet run: the routing lookup is
one script (EVALSHA), which commandstats also counts as the HMGET and GET it runs inside; all commands are shown too
(the instances' lease renewals, a few per second, are among them).

  python3 bench/ScaleOut/compare_fleet.py [--duration 10] [--connections 32]
Needs wrk, redis-server, redis-cli and haproxy on PATH.
"""
import argparse, http.client, json, os, secrets, socket, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.join(ROOT, "artifacts", "everything-aot", "Everything")
SCRIPT = os.path.join(os.path.dirname(__file__), "mcp_call_load.lua")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, process):
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"process {process.args} exited with {process.returncode}")
            time.sleep(0.01)
    raise RuntimeError(f"nothing listens on {port}")


def start(command, port, env=None):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.mkdtemp(),
                               env={**os.environ, **(env or {})})
    wait_port(port, process)
    return process


def post(port, body, session=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    if session:
        headers.update({"Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"})
    connection.request("POST", "/mcp", json.dumps(body), headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("Mcp-Session-Id")


def sessions(port, count):
    ids = []
    for i in range(count):
        status, session = post(port, {"jsonrpc": "2.0", "id": i, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "fleetbench", "version": "1"}}})
        if status != 200 or not session:
            raise RuntimeError(f"initialize gave HTTP {status}")
        post(port, {"jsonrpc": "2.0", "method": "notifications/initialized"}, session)
        ids.append(session)
    return ids


def wrk(port, connections, duration, ids):
    output = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", SCRIPT, f"http://127.0.0.1:{port}/mcp", "--"] + ids,
                            capture_output=True, text=True, check=True).stdout
    line = next(l for l in output.splitlines() if l.startswith("BENCH_JSON"))
    result = json.loads(line.split(" ", 1)[1])
    if result["bad"] or result["non200"] or result["errors"]:
        raise RuntimeError(f"wrong answers or errors: {line}")
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def redis_calls(port):
    """(round trips, commands): a script (EVAL/EVALSHA) is one round trip however many commands it runs inside, and
    commandstats counts those inner commands too."""
    out = subprocess.run(["redis-cli", "-p", str(port), "INFO", "commandstats"], capture_output=True, text=True, check=True).stdout
    scripts = commands = 0
    for line in out.splitlines():
        if not line.startswith("cmdstat_") or line.startswith("cmdstat_info:"):
            continue
        calls = int(line.split("calls=", 1)[1].split(",", 1)[0])
        commands += calls
        if line.startswith(("cmdstat_eval:", "cmdstat_evalsha:")):
            scripts += calls
    return scripts, commands


def haproxy(servers, port, work):
    config = os.path.join(work, f"haproxy-{port}.cfg")
    with open(config, "w") as f:
        f.write(f"""global
  maxconn 1024
defaults
  mode http
  timeout connect 1s
  timeout client 65s
  timeout server 65s
frontend f
  bind 127.0.0.1:{port}
  default_backend mcp
backend mcp
  balance roundrobin
""" + "".join(f"  server s{i} 127.0.0.1:{p}\n" for i, p in enumerate(servers)))
    return start(["haproxy", "-db", "-f", config], port)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not os.path.exists(BINARY):
        subprocess.run(["dotnet", "publish", "samples/Everything", "-r", "linux-x64", "-p:PublishAot=true", "-o", os.path.dirname(BINARY), "-nologo", "-v", "q"],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp()
    processes = []
    results = {}
    c, d = args.connections, args.duration

    def measure(name, port, ids, redis_port=None):
        wrk(port, c, max(3, d // 3), ids)  # warm-up
        before = redis_calls(redis_port) if redis_port else None
        result = wrk(port, c, d, ids)
        if redis_port:
            after = redis_calls(redis_port)
            result["redis_scripts_per_request"] = (after[0] - before[0]) / result["requests"]
            result["redis_commands_per_request"] = (after[1] - before[1]) / result["requests"]
        results[name] = result
        print(f"{name:13} {result['rps']:9.0f} req/s  p50 {result['p50_us'] / 1000:6.2f} ms  p99 {result['p99_us'] / 1000:6.2f} ms"
              + (f"  redis round trips/request {result['redis_scripts_per_request']:.3f} (commands {result['redis_commands_per_request']:.3f})"
                 if redis_port else ""), flush=True)

    try:
        single_port = free_port()
        processes.append(start([BINARY, "--urls", f"http://127.0.0.1:{single_port}"], single_port))
        single_ids = sessions(single_port, c)
        measure("single", single_port, single_ids)
        proxy1 = free_port()
        processes.append(haproxy([single_port], proxy1, work))
        measure("single+proxy", proxy1, single_ids)
        for p in processes:
            p.terminate()
            p.wait(10)
        processes.clear()

        redis_port = free_port()
        processes.append(start(["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "", "--appendonly", "no"], redis_port))
        fleet_env = {"McpForge__Redis__Configuration": f"127.0.0.1:{redis_port}", "McpForge__Redis__ForwardingKey": secrets.token_hex(32)}
        ports = [free_port() for _ in range(3)]
        for p in ports:
            processes.append(start([BINARY, "--urls", f"http://127.0.0.1:{p}"], p, {**fleet_env, "McpForge__Redis__InstanceUrl": f"http://127.0.0.1:{p}"}))
        proxy3 = free_port()
        processes.append(haproxy(ports, proxy3, work))
        measure("fleet+proxy", proxy3, sessions(proxy3, c), redis_port)
        owned_by_a = sessions(ports[0], c)
        measure("owner", ports[0], owned_by_a, redis_port)
        measure("forwarded", ports[1], owned_by_a, redis_port)
    finally:
        for p in processes:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()

    r = results
    print()
    print(f"fleet of three behind haproxy / one instance behind haproxy: {r['fleet+proxy']['rps'] / r['single+proxy']['rps']:.2f}x req/s")
    print(f"forwarded / owner: {r['forwarded']['rps'] / r['owner']['rps']:.2f}x req/s, p50 +{(r['forwarded']['p50_us'] - r['owner']['p50_us']) / 1000:.2f} ms")
    print("BENCH_JSON " + json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
