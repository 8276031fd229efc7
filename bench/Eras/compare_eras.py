#!/usr/bin/env python3
"""One server, both MCP protocol eras, measured in the same run (docs/benchmarks.md, "Protocol eras").

HTTP (needs wrk): bench/HttpServer as NativeAOT, loaded with `tools/call add` as 2025-11-25 session requests (a session per
connection) and as 2026-07-28 requests, beside the do-nothing Kestrel ceiling of ../../../shared/bench/http/ceiling-kestrel
answering the same 2026-07-28 bodies, and "sized": session requests whose body and answer have the bytes of the 2026-07-28
ones (an `echo` and a `_meta` pad), so that what is left between the two is the era and not the revision's bytes. One wrk
script, eras_load.lua, sends every kind and checks every answer, so that the load generator spends the same on each
kind but for their bytes. Runs interleave the four; the report gives medians and the ratios the claims rest on, and those ratios taken run by
run (each run's 2026-07-28 rate over the same run's session rate, median and range), in which the machine's drift from
one run to the next, which moves every rate of a run alike, mostly cancels.

stdio: samples/QuickStart as NativeAOT, the same `add` as session requests and as 2026-07-28 requests, one in flight
(sequential) and in bursts encoded beforehand (pipelined), over real pipes, with the server's CPU time a call. A third
kind, "sized", is a session request with the bytes of the 2026-07-28 one in and out (an `echo` whose message makes up
the longer answer, a `_meta` pad the longer request): what the revision's bytes cost, apart from anything the era does.
One server process serves every kind, the era per message, and the kinds take turns of tens of milliseconds (--turns a
run); besides the ratios of each run, the report gives the ratio turn by turn, neighbours in time compared.

With --pin, each server runs on CPU 0 and its load (wrk, or this script's stdio client) on CPU 1, so that what the load
generator spends cannot be taken from the server: a 2026-07-28 request is more bytes for wrk to write than a session one,
and on a shared 2-core machine that alone moves the server's throughput. Without it, both share every core.

  python3 bench/Eras/compare_eras.py [--runs 3] [--duration 10] [--calls 20000] [--burst 300000] [--turns 20] [--pin] [--skip-http]
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
    connection.request("POST", "/mcp", body if isinstance(body, bytes) else json.dumps(body), {"Content-Type": "application/json", "Accept": "application/json, text/event-stream", **headers})
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


def http_size_match(port, session):
    """The (message, pad) of eras_load.lua's "sized" requests that make a session request's body and its answer as long as a 2026-07-28
    add and its answer (eras_load.lua's "modern", same id), measured on the server itself. The bodies are those the scripts send."""
    id = 100000001
    meta = ('"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},'
            '"io.modelcontextprotocol/clientInfo":{"name":"erabench","version":"1"}}')
    modern = f'{{"jsonrpc":"2.0","id":{id},"method":"tools/call","params":{{"name":"add","arguments":{{"a":{id % 1000003},"b":7}},{meta}}}}}'.encode()
    sized = lambda message, pad: (f'{{"jsonrpc":"2.0","id":{id},"method":"tools/call","params":{{"name":"echo","arguments":'
                                  f'{{"message":"{id}{"x" * message}"}},"_meta":{{"pad":"{"y" * pad}"}}}}}}').encode()
    status, modern_answer, _ = post(port, modern, {"MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "add"})
    session_headers = {"MCP-Protocol-Version": "2025-11-25", "Mcp-Session-Id": session}
    status2, base_answer, _ = post(port, sized(0, 0), session_headers)
    if status != 200 or status2 != 200:
        raise RuntimeError(f"sizing: HTTP {status} and {status2}")
    message = len(modern_answer) - len(base_answer)
    pad = len(modern) - len(sized(message, 0))
    if message < 0 or pad < 0:
        raise RuntimeError(f"cannot size a session request like a 2026-07-28 one: message {message}, pad {pad}")
    status, answer, _ = post(port, sized(message, pad), session_headers)
    if status != 200 or len(answer) != len(modern_answer):
        raise RuntimeError(f"sizing: HTTP {status}, answer of {len(answer)} bytes against {len(modern_answer)}")
    return message, pad


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
        script = os.path.join(os.path.dirname(__file__), "eras_load.lua")
        if kind == "legacy":
            extra = ["session"] + sessions(port, max(connection_levels))
        elif kind == "sized":
            ids = sessions(port, max(connection_levels))
            extra = ["sized"] + [str(n) for n in http_size_match(port, ids[0])] + ids
        else:
            extra = ["modern"]
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


def cpu_seconds_exact(pid):
    """The CPU time all of a process's threads have used so far, to the nanosecond (the first field of each thread's
    /proc/PID/task/TID/schedstat): a turn of tens of milliseconds is a few clock ticks of /proc/PID/stat. A thread that
    ended is not counted; the server's threads live as long as it does."""
    total = 0
    for thread in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{thread}/schedstat") as f:
                total += int(f.read().split()[0])
        except FileNotFoundError:
            pass  # the thread ended since the listing
    return total / 1e9


def stdio_request(kind, i, sized):
    """One tools/call line. "modern" and "legacy" call add(i, 7), the first as a 2026-07-28 request, the second in a
    session. "sized" is a session request of the same bytes in and out as the 2026-07-28 one: echo of a message as long as
    the 2026-07-28 answer's extra bytes, with a _meta pad making up the rest of the request (see size_match)."""
    if kind == "sized":
        message, pad = sized
        params = {"name": "echo", "arguments": {"message": f"{i:08d}" + "x" * message}, "_meta": {"pad": "y" * pad}}
    else:
        params = {"name": "add", "arguments": {"a": i, "b": 7}}
        if kind == "modern":
            params["_meta"] = META
    return (json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": params}, separators=(",", ":")) + "\n").encode()


def stdio_answer_ok(kind, i, answer):
    expected = f"{i:08d}" if kind == "sized" else str(i + 7)
    return b'"text":"' + expected.encode() in answer


def initialize(process):
    process.stdin.write(b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"erabench","version":"1"}}}\n')
    process.stdin.flush()
    process.stdout.readline()
    process.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')


def size_match(binary):
    """The (message, pad) lengths that make a "sized" session request and its answer as long as a 2026-07-28 add and its
    answer, measured on the server itself (one of each, id 50000)."""
    process = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=tempfile.mkdtemp())
    try:
        def exchange(line):
            process.stdin.write(line)
            process.stdin.flush()
            return process.stdout.readline()
        modern_line = stdio_request("modern", 50000, None)
        modern_answer = exchange(modern_line)
        initialize(process)
        base_line = stdio_request("sized", 50000, (0, 0))
        message = len(modern_answer) - len(exchange(base_line))
        pad = len(modern_line) - len(stdio_request("sized", 50000, (message, 0)))
        if message < 0 or pad < 0:
            raise RuntimeError(f"cannot size a session request like a 2026-07-28 one: message {message}, pad {pad}")
        return message, pad
    finally:
        process.stdin.close()
        process.wait(10)


def stdio_run(kinds, binary, calls, burst, sized, turns):
    """Every kind from one server process, the era per message as a dual-era stdio server serves them: a session is opened
    (initialize), and its requests and 2026-07-28 ones then share the same pipes, the same process and its warm caches.
    The kinds take turns, `turns` times in a rotating order: first `calls / turns` calls one in flight (sequential) a
    turn, then `burst / turns` pipelined. A turn lasts tens of milliseconds, so neighbouring turns meet the same state of
    the machine, which drifts from one second to the next: measured one kind after another in processes of their own,
    seconds apart, the sequential ratio of a run ranged from 0.67 to 1.57 (docs/benchmarks.md). Returns each kind's rates,
    the server's CPU a call and the turns' times."""
    process = subprocess.Popen(SERVER_CPU + [binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=tempfile.mkdtemp())
    try:
        initialize(process)
        for kind in kinds:
            for i in range(1, 1001):  # warm-up
                process.stdin.write(stdio_request(kind, i, sized))
                process.stdin.flush()
                process.stdout.readline()
        per_turn, burst_turn = calls // turns, burst // turns
        # Encoded before any clock starts: json.dumps of a 2026-07-28 request (its _meta) costs this client about 3 µs more
        # than a session one's, and one call in flight waits for the client as much as for the server.
        lines = {kind: [stdio_request(kind, i, sized) for i in range(1, per_turn + 1)] for kind in kinds}
        blobs = {kind: b"".join(stdio_request(kind, i, sized) for i in range(1, burst_turn + 1)) for kind in kinds}
        sequential = {kind: [] for kind in kinds}
        pipelined = {kind: [] for kind in kinds}
        cpu = {kind: 0.0 for kind in kinds}
        answer_bytes = {kind: 0 for kind in kinds}
        orders = [kinds[turn % len(kinds):] + kinds[:turn % len(kinds)] for turn in range(turns)]
        for order in orders:
            for kind in order:
                sequential[kind].append(sequential_turn(process, kind, lines[kind]))
        for order in orders:
            for kind in order:
                cpu_before = cpu_seconds_exact(process.pid)
                elapsed, answered = pipelined_turn(process, kind, blobs[kind], burst_turn)
                cpu[kind] += cpu_seconds_exact(process.pid) - cpu_before
                pipelined[kind].append(elapsed)
                answer_bytes[kind] += answered
        # One call in flight waits on two wake-ups, whose cost on this VM jumps between about 18 and 50 µs a call from one
        # turn to the next, whatever the request: the sequential rate is that of the median turn, and the turns' own times
        # go along, so that the report can compare kinds turn by turn (neighbours in time meet the same state).
        return {kind: {"sequential": per_turn / statistics.median(sequential[kind]), "pipelined": burst_turn * turns / sum(pipelined[kind]),
                       "server_cpu_us": cpu[kind] * 1e6 / (burst_turn * turns), "bytes_in": len(blobs[kind]) / burst_turn,
                       "bytes_out": answer_bytes[kind] / (burst_turn * turns),
                       "turns": {"sequential": sequential[kind], "pipelined": pipelined[kind]}} for kind in kinds}
    finally:
        process.stdin.close()
        process.wait(10)


def sequential_turn(process, kind, lines):
    """Seconds for `lines`, one in flight, every answer checked."""
    started = time.perf_counter()
    for i, line in enumerate(lines, 1):
        process.stdin.write(line)
        process.stdin.flush()
        answer = process.stdout.readline()
        if not stdio_answer_ok(kind, i, answer):
            raise RuntimeError(f"wrong answer: {answer[:200]}")
    return time.perf_counter() - started


def pipelined_turn(process, kind, blob, count):
    """Seconds for the `count` requests of `blob` sent as one burst, and the bytes of the answers. The burst is written
    from another thread while this one reads: written whole before any answer is read, it would fill both pipes (the
    server stops reading while its answers go unread) and neither side would move. Both sides go straight to the pipes'
    descriptors in large pieces (a slice of a memoryview copies nothing; answers are counted by their newlines, and only
    the last is parsed), so that the client's cost a byte, which a 2026-07-28 burst pays on three times the bytes of a
    session one, stays far below the server's: read line by line, the client was busy enough to set part of the rate."""
    view = memoryview(blob)
    into, out = process.stdin.fileno(), process.stdout.fileno()
    def write_burst():
        offset = 0
        while offset < len(view):
            offset += os.write(into, view[offset:offset + (1 << 20)])
    writer = threading.Thread(target=write_burst)
    started = time.perf_counter()
    writer.start()
    answers = 0
    answer_bytes = 0
    tail = b""
    while answers < count:
        chunk = os.read(out, 1 << 20)
        if not chunk:
            raise RuntimeError(f"the server closed its output after {answers} of {count} answers")
        answers += chunk.count(b"\n")
        answer_bytes += len(chunk)
        tail = (tail + chunk[-4096:])[-4096:]
    writer.join()
    elapsed = time.perf_counter() - started
    last = tail.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    if answers != count or not stdio_answer_ok(kind, count, last):
        raise RuntimeError(f"{answers} answers for {count} requests; last: {last[:200]}")
    return elapsed, answer_bytes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--burst", type=int, default=300000)
    parser.add_argument("--turns", type=int, default=20, help="stdio: how many turns the kinds take in a run")
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
    http_results = {"ceiling": [], "legacy": [], "modern": [], "sized": []}
    stdio_results = {"legacy": [], "modern": [], "sized": []}
    sized = size_match(quickstart)
    for run in range(args.runs):
        order = ["ceiling", "legacy", "modern", "sized"]
        order = order[run % 4:] + order[:run % 4]
        if not args.skip_http:
            for kind in order:
                http_results[kind].append(http_run(kind, ceiling if kind == "ceiling" else ours, args.duration, levels))
        stdio_order = ["legacy", "modern", "sized"]
        for kind, result in stdio_run(stdio_order[run % 3:] + stdio_order[:run % 3], quickstart, args.calls, args.burst, sized, args.turns).items():
            stdio_results[kind].append(result)

    median = lambda values: statistics.median(values)
    report = {"http": {}, "stdio": {}}
    if not args.skip_http:
        placement = "servers on CPU 0, wrk on CPU 1" if args.pin else "servers and wrk sharing every core"
        print(f"Streamable HTTP, tools/call add, NativeAOT, {args.runs} runs x {args.duration} s, {placement}, medians:")
        print("| server | c | req/s | p50 µs | p99 µs | server CPU a request |")
        print("|---|---|---|---|---|---|")
        for kind in ["ceiling", "legacy", "modern", "sized"]:
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
            z, zc = (report["http"][f"sized-c{c}"][x] for x in ("rps", "server_cpu_us"))
            print(f"c={c}: 2026-07-28 / session {m / l:.2f}x; 2026-07-28 / ceiling {m / k:.2f}; server CPU a request 2026-07-28 / session {mc / lc:.2f}; "
                  f"2026-07-28 / session of the same bytes {m / z:.2f}x, server CPU {mc / zc:.2f}")
        for c in levels:
            # The rate of the same run's 2026-07-28 and session (and ceiling) measurements, one ratio a run: the machine's
            # drift between runs, which moves every rate of a run alike, mostly cancels in it.
            by_session = paired(http_results, "modern", "legacy", lambda r: r[c]["rps"])
            by_ceiling = paired(http_results, "modern", "ceiling", lambda r: r[c]["rps"])
            report["http"][f"paired-c{c}"] = {"modern_by_session": by_session, "modern_by_ceiling": by_ceiling}
            print(f"c={c}, the ratios of each run: 2026-07-28 / session {spread(by_session)}; 2026-07-28 / ceiling {spread(by_ceiling)}")
    print(f"stdio, tools/call add, NativeAOT, {args.runs} runs, {'server on CPU 0, client on CPU 1' if args.pin else 'server and client sharing every core'}, medians (calls/s):")
    labels = {"legacy": "session, add", "modern": "2026-07-28, add", "sized": "session, echo of the same bytes"}
    print("| request | bytes in / out a call | sequential | pipelined | server CPU a call |")
    print("|---|---|---|---|---|")
    for kind in ["legacy", "modern", "sized"]:
        seq = median([r["sequential"] for r in stdio_results[kind]])
        pipe = median([r["pipelined"] for r in stdio_results[kind]])
        cpu = median([r["server_cpu_us"] for r in stdio_results[kind]])
        bytes_in, bytes_out = stdio_results[kind][0]["bytes_in"], stdio_results[kind][0]["bytes_out"]
        report["stdio"][kind] = {"sequential": seq, "pipelined": pipe, "server_cpu_us": cpu, "bytes_in": bytes_in, "bytes_out": bytes_out}
        print(f"| {labels[kind]} | {bytes_in:.0f} / {bytes_out:.0f} | {seq:,.0f} | {pipe:,.0f} | {cpu:.2f} µs |")
    s = report["stdio"]
    for other in ["legacy", "sized"]:
        print(f"2026-07-28 / {labels[other]}: sequential {s['modern']['sequential'] / s[other]['sequential']:.3f}, "
              f"pipelined {s['modern']['pipelined'] / s[other]['pipelined']:.3f}, server CPU a call {s['modern']['server_cpu_us'] / s[other]['server_cpu_us']:.3f}")
    for measure in ["sequential", "pipelined"]:
        ratios = paired(stdio_results, "modern", "legacy", lambda r: r[measure])
        # The same turn's session time over its 2026-07-28 time (the rate ratio), for every turn of every run.
        turns = [session / modern for a, b in zip(stdio_results["modern"], stdio_results["legacy"])
                 for modern, session in zip(a["turns"][measure], b["turns"][measure])]
        report["stdio"][f"paired-{measure}"] = ratios
        report["stdio"][f"turns-{measure}"] = turns
        quartiles = statistics.quantiles(turns, n=4)
        print(f"2026-07-28 / session, add, {measure}, the ratios of each run: {spread(ratios)}; turn by turn ({len(turns)} turns): "
              f"median {statistics.median(turns):.3f} (middle half {quartiles[0]:.3f}–{quartiles[2]:.3f})")
    print("ERABENCH_REPORT " + json.dumps(report))


def paired(results, kind, other, value):
    """One ratio a run: `kind`'s value over `other`'s, both measured in that run."""
    return [value(a) / value(b) for a, b in zip(results[kind], results[other])]


def spread(ratios):
    """The median of the runs' ratios, and their range."""
    return f"{statistics.median(ratios):.3f} (runs {min(ratios):.3f}–{max(ratios):.3f})"


if __name__ == "__main__":
    sys.exit(main())
