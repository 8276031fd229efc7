#!/usr/bin/env python3
"""One server, both MCP protocol eras, measured in the same run (docs/benchmarks.md, "Protocol eras").

HTTP (needs wrk): bench/HttpServer as NativeAOT, loaded with `tools/call add` as 2025-11-25 session requests (a session per
connection, ../../../shared/bench/http/driver/mcp_add_load.lua) and as 2026-07-28 requests (mcp_add_modern.lua), beside
the do-nothing Kestrel ceiling of ../../../shared/bench/http/ceiling-kestrel answering the same 2026-07-28 bodies. Every
answer is checked. Runs interleave the three; the report gives medians and the ratios the claims rest on.

stdio: samples/QuickStart as NativeAOT, the same `add` as session requests and as 2026-07-28 requests, one in flight
(sequential) and in bursts encoded beforehand (pipelined), over real pipes, with the server's CPU time a call.

With --pin, each server runs on CPU 0 and its load (wrk, or this script's stdio client) on CPU 1, so that what the load
generator spends cannot be taken from the server: a 2026-07-28 request is more bytes for wrk to write than a session one,
and on a shared 2-core machine that alone moves the server's throughput. Without it, both share every core.

  python3 bench/Eras/compare_eras.py [--runs 3] [--duration 10] [--calls 20000] [--pin]
"""
import argparse, http.client, json, os, re, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "bench", "http"))
SERVER_CPU, LOAD_CPU = [], []  # taskset prefixes, set by --pin
META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "erabench", "version": "1"}}


def publish(project, out):
    if os.path.exists(out):
        return
    subprocess.run(["dotnet", "publish", project, "-r", "linux-x64", "-c", "Release", "-p:PublishAot=true", "-o", out, "-nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, port):
    process = subprocess.Popen(SERVER_CPU + command + ["--urls", f"http://127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=tempfile.mkdtemp())
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process
        except OSError:
            time.sleep(0.01)
    process.kill()
    raise RuntimeError(f"{command} did not listen on {port}")


def post(port, body, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/mcp", json.dumps(body), {"Content-Type": "application/json", "Accept": "application/json, text/event-stream", **headers})
    response = connection.getresponse()
    data = response.read()
    session = response.getheader("Mcp-Session-Id")
    connection.close()
    return response.status, data, session


def sessions(port, count):
    ids = []
    for i in range(count):
        status, _, session = post(port, {"jsonrpc": "2.0", "id": i, "method": "initialize",
                                         "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "erabench", "version": "1"}}}, {})
        if status != 200 or not session:
            raise RuntimeError(f"initialize gave HTTP {status}")
        post(port, {"jsonrpc": "2.0", "method": "notifications/initialized"}, {"Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"})
        ids.append(session)
    return ids


def wrk(port, script, connections, duration, extra):
    output = subprocess.run(LOAD_CPU + ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s", script, f"http://127.0.0.1:{port}/mcp", "--"] + extra,
                            capture_output=True, text=True, check=True).stdout
    line = next(l for l in output.splitlines() if "BENCH_JSON" in l)
    result = json.loads(line.split(" ", 1)[1])
    if result.get("bad") or result.get("non200") or (result["errors"] if isinstance(result["errors"], int) else sum(result["errors"].values())):
        raise RuntimeError(f"{script}: wrong answers or errors: {line}")
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def http_run(kind, command, duration, connection_levels):
    port = free_port()
    process = start(command, port)
    try:
        if kind == "legacy":
            script, extra = os.path.join(SHARED, "driver", "mcp_add_load.lua"), ["2025-11-25", "1"] + sessions(port, max(connection_levels))
        else:
            script, extra = os.path.join(os.path.dirname(__file__), "mcp_add_modern.lua"), []
        wrk(port, script, max(connection_levels), max(3, duration // 2), extra)  # warm-up
        results = {}
        for c in connection_levels:
            # The server's CPU time a request (user + system, /proc): what the server spends, whatever wrk, which shares
            # the machine's cores, leaves it.
            before = cpu_seconds(process.pid)
            results[c] = wrk(port, script, c, duration, extra)
            results[c]["server_cpu_us"] = (cpu_seconds(process.pid) - before) * 1e6 / results[c]["requests"]
        return results
    finally:
        process.terminate()
        process.wait(10)


def cpu_seconds(pid):
    """User and system CPU time a process has used so far (/proc/PID/stat, fields 14 and 15, in clock ticks)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stdio_run(kind, binary, calls, burst):
    process = subprocess.Popen(SERVER_CPU + [binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=tempfile.mkdtemp())
    def send(message):
        process.stdin.write((json.dumps(message, separators=(",", ":")) + "\n").encode())
    def call(i):
        params = {"name": "add", "arguments": {"a": i, "b": 7}}
        if kind == "modern":
            params["_meta"] = META
        send({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": params})
    try:
        if kind == "legacy":
            send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "erabench", "version": "1"}}})
            process.stdin.flush()
            process.stdout.readline()
            send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        for i in range(1, 1001):  # warm-up
            call(i)
            process.stdin.flush()
            process.stdout.readline()
        started = time.perf_counter()
        for i in range(1, calls + 1):
            call(i)
            process.stdin.flush()
            answer = process.stdout.readline()
            if b'"text":"' + str(i + 7).encode() + b'"' not in answer:
                raise RuntimeError(f"wrong answer: {answer[:200]}")
        sequential = calls / (time.perf_counter() - started)
        # The burst is encoded before the clock starts, so the client's JSON encoding (a 2026-07-28 request is three times the
        # bytes of a session one) is not what is measured; it is written from another thread while this one reads:
        # written whole before any answer is read, it would fill both pipes (the server stops reading while its answers
        # go unread) and neither side would move. The server's own CPU time over the burst (user + system, from /proc)
        # is the per-call cost that does not depend on the client at all.
        lines = []
        for i in range(1, burst + 1):
            params = {"name": "add", "arguments": {"a": i, "b": 7}}
            if kind == "modern":
                params["_meta"] = META
            lines.append((json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": params}, separators=(",", ":")) + "\n").encode())
        blob = b"".join(lines)
        def write_burst():
            for offset in range(0, len(blob), 1 << 16):
                process.stdin.write(blob[offset:offset + (1 << 16)])
            process.stdin.flush()
        writer = threading.Thread(target=write_burst)
        cpu_before = cpu_seconds(process.pid)
        started = time.perf_counter()
        writer.start()
        last = b""
        for _ in range(burst):
            last = process.stdout.readline()
        writer.join()
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(process.pid) - cpu_before
        if b'"text":"' + str(burst + 7).encode() + b'"' not in last:
            raise RuntimeError(f"wrong last answer: {last[:200]}")
        pipelined = burst / elapsed
        return {"sequential": sequential, "pipelined": pipelined, "server_cpu_us": cpu * 1e6 / burst}
    finally:
        process.stdin.close()
        process.wait(10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--burst", type=int, default=100000)
    parser.add_argument("--build", default=os.path.join(tempfile.gettempdir(), "mcpforge-era-bench"))
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--pin", action="store_true", help="servers on CPU 0, their load on CPU 1")
    args = parser.parse_args()
    if args.pin:
        # taskset execs the program, so the process's pid (read for its CPU time) is the server's own.
        SERVER_CPU[:] = ["taskset", "-c", "0"]
        LOAD_CPU[:] = ["taskset", "-c", "1"]
        os.sched_setaffinity(0, {1})  # this script is the stdio client

    publish(os.path.join(ROOT, "bench", "HttpServer"), os.path.join(args.build, "http"))
    publish(os.path.join(SHARED, "ceiling-kestrel"), os.path.join(args.build, "ceiling"))
    publish(os.path.join(ROOT, "samples", "QuickStart"), os.path.join(args.build, "stdio"))
    ours = [os.path.join(args.build, "http", "mcpforge-http-bench")]
    ceiling = [os.path.join(args.build, "ceiling", "ceiling-kestrel")]
    quickstart = os.path.join(args.build, "stdio", "QuickStart")

    levels = [1, 32]
    http_results = {"ceiling": [], "legacy": [], "modern": []}
    stdio_results = {"legacy": [], "modern": []}
    for run in range(args.runs):
        order = ["ceiling", "legacy", "modern"]
        order = order[run % 3:] + order[:run % 3]
        if not args.skip_http:
            for kind in order:
                http_results[kind].append(http_run(kind, ceiling if kind == "ceiling" else ours, args.duration, levels))
        for kind in (["legacy", "modern"] if run % 2 == 0 else ["modern", "legacy"]):
            stdio_results[kind].append(stdio_run(kind, quickstart, args.calls, args.burst))

    median = lambda values: statistics.median(values)
    report = {"http": {}, "stdio": {}}
    if not args.skip_http:
        placement = "servers on CPU 0, wrk on CPU 1" if args.pin else "servers and wrk sharing every core"
        print(f"Streamable HTTP, tools/call add, NativeAOT, {args.runs} runs x {args.duration} s, {placement}, medians:")
        print("| server | c | req/s | p50 µs | p99 µs | server CPU a request |")
        print("|---|---|---|---|---|---|")
        for kind in ["ceiling", "legacy", "modern"]:
            for c in levels:
                rps = median([r[c]["rps"] for r in http_results[kind]])
                p50 = median([r[c]["p50_us"] for r in http_results[kind]])
                p99 = median([r[c]["p99_us"] for r in http_results[kind]])
                cpu = median([r[c]["server_cpu_us"] for r in http_results[kind]])
                report["http"][f"{kind}-c{c}"] = {"rps": rps, "p50_us": p50, "p99_us": p99, "server_cpu_us": cpu}
                print(f"| {kind} | {c} | {rps:,.0f} | {p50:,.0f} | {p99:,.0f} | {cpu:.1f} µs |")
        for c in levels:
            m, l, k = (report["http"][f"{x}-c{c}"]["rps"] for x in ("modern", "legacy", "ceiling"))
            mc, lc = (report["http"][f"{x}-c{c}"]["server_cpu_us"] for x in ("modern", "legacy"))
            print(f"c={c}: 2026-07-28 / session {m / l:.2f}x; 2026-07-28 / ceiling {m / k:.2f}; server CPU a request 2026-07-28 / session {mc / lc:.2f}")
    print(f"stdio, tools/call add, NativeAOT, {args.runs} runs, {'server on CPU 0, client on CPU 1' if args.pin else 'server and client sharing every core'}, medians (calls/s):")
    for kind in ["legacy", "modern"]:
        seq = median([r["sequential"] for r in stdio_results[kind]])
        pipe = median([r["pipelined"] for r in stdio_results[kind]])
        cpu = median([r["server_cpu_us"] for r in stdio_results[kind]])
        report["stdio"][kind] = {"sequential": seq, "pipelined": pipe, "server_cpu_us": cpu}
        print(f"| {kind} | sequential {seq:,.0f} | pipelined {pipe:,.0f} | server CPU {cpu:.2f} µs a call |")
    s = report["stdio"]
    print(f"2026-07-28 / session: sequential {s['modern']['sequential'] / s['legacy']['sequential']:.3f}, pipelined {s['modern']['pipelined'] / s['legacy']['pipelined']:.3f}, "
          f"server CPU a call {s['modern']['server_cpu_us'] / s['legacy']['server_cpu_us']:.3f}")
    print("ERABENCH_REPORT " + json.dumps(report))


if __name__ == "__main__":
    sys.exit(main())
