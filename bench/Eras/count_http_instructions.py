#!/usr/bin/env python3
"""The instructions the NativeAOT Streamable HTTP server executes a request, for each protocol era and for the Kestrel
ceiling (docs/benchmarks.md, "Protocol eras").

Timed HTTP runs on a 2-core machine swing by 20% and need the machine to themselves; this counts instead, under valgrind
(callgrind), what the server process executes for one request on a keep-alive connection: bench/HttpServer (QuickStart's
tools) and the do-nothing Kestrel ceiling of ../shared/bench/http/ceiling-kestrel, each published as NativeAOT with its
symbol table, are sent `tools/call add` one request at a time by this script (a plain HTTP/1.1 client on one socket,
every answer checked). Each kind runs twice, with FEW and MANY requests; (instructions of MANY - those of FEW) / (MANY -
FEW) is the cost of a request, with start-up, the first request's set-up and shutdown cancelled out. Kinds:
  legacy   2025-11-25 session `add` (Mcp-Session-Id; initialize before the count)
  modern   2026-07-28 `add` (no session: `_meta`, MCP-Protocol-Version, Mcp-Method and Mcp-Name on each request)
  ceiling  the Kestrel ceiling answering the same 2026-07-28 request
The thread pool's spinning while it waits for work is switched off (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0): under
valgrind it would count the client's slowness. Both servers run the workstation GC (DOTNET_gcServer=0): the server GC that
ASP.NET Core projects default to exits at once under valgrind. Kestrel's once-a-second heartbeat still counts, a few instructions a
request, and the thread pool's wake-ups vary with timing: one run's counts move by up to 2%, so each kind runs --runs
times (interleaved) and the report gives medians, with every run's count.

  python3 bench/Eras/count_http_instructions.py [--few 300] [--many 1500] [--runs 3] [--build DIR] [--by-function modern legacy]
Needs valgrind (Debian: apt-get install valgrind).
"""
import argparse, json, os, re, signal, socket, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_eras import META, ROOT, SHARED, free_port  # noqa: E402
from count_instructions import publish_with_symbols, self_costs  # noqa: E402

KINDS = ["legacy", "modern", "ceiling"]
# The _meta of compare_eras.py's 2026-07-28 requests, in the compact form clients send.
META_MEMBER = '"_meta":' + json.dumps(META, separators=(",", ":"))


class Connection:
    """One keep-alive HTTP/1.1 connection: a request, then its whole answer (Content-Length or chunked)."""

    def __init__(self, port):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.pending = b""

    def post(self, body, headers):
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.socket.sendall((f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             f"Accept: application/json, text/event-stream\r\n{head}Content-Length: {len(body)}\r\n\r\n").encode() + body)
        while b"\r\n\r\n" not in self.pending:
            self.receive()
        head, self.pending = self.pending.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = int(lines[0].split(" ")[1])
        fields = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        if "content-length" in fields:
            return status, fields, self.take(int(fields["content-length"]))
        if fields.get("transfer-encoding") == "chunked":
            body = b""
            while True:
                while b"\r\n" not in self.pending:
                    self.receive()
                size, self.pending = self.pending.split(b"\r\n", 1)
                chunk = self.take(int(size, 16) + 2)[:-2]
                if not chunk:
                    return status, fields, body
                body += chunk
        return status, fields, b""

    def take(self, count):
        while len(self.pending) < count:
            self.receive()
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def receive(self):
        data = self.socket.recv(65536)
        if not data:
            raise RuntimeError("the server closed the connection")
        self.pending += data


def add(i, modern):
    params = f'"name":"add","arguments":{{"a":{i},"b":7}}' + ("," + META_MEMBER if modern else "")
    return f'{{"jsonrpc":"2.0","id":{i},"method":"tools/call","params":{{{params}}}}}'.encode()


def drive(kind, port, calls):
    """Opens the connection (and the session of a legacy run), then sends `calls` requests, each answer checked."""
    connection = Connection(port)
    headers = {"MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "add"}
    if kind == "legacy":
        status, fields, _ = connection.post(b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",'
                                            b'"capabilities":{},"clientInfo":{"name":"erabench","version":"1"}}}', {})
        headers = {"MCP-Protocol-Version": "2025-11-25", "Mcp-Session-Id": fields["mcp-session-id"]}
        connection.post(b'{"jsonrpc":"2.0","method":"notifications/initialized"}', headers)
    for i in range(1, calls + 1):
        status, _, body = connection.post(add(i, kind != "legacy"), headers)
        if status != 200 or f'"text":"{i + 7}"'.encode() not in body:
            raise RuntimeError(f"{kind} request {i}: HTTP {status}, {body[:200]!r}")
    connection.socket.close()


def count(kind, server, calls, work):
    """Runs the server under callgrind for `calls` requests; returns (instructions, callgrind output file)."""
    port = free_port()
    profile = os.path.join(work, f"{kind}-{calls}.callgrind")
    env = dict(os.environ, DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="0", DOTNET_gcServer="0")
    process = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", server, "--urls", f"http://127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{server} did not listen on {port}")
                time.sleep(0.2)
        drive(kind, port, calls)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=300)
    total = re.search(rb"I\s+refs:\s+([\d,]+)", stderr)
    if not total:
        raise RuntimeError(f"no callgrind total for {kind}: {stderr[-400:]!r}")
    return int(total.group(1).replace(b",", b"")), profile


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--few", type=int, default=300)
    parser.add_argument("--many", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3, help="rounds over the kinds; the report gives each kind's median")
    parser.add_argument("--build", help="where the two servers are published (default: a new temporary folder)")
    parser.add_argument("--kinds", nargs="+", default=KINDS, choices=KINDS)
    parser.add_argument("--by-function", nargs=2, metavar=("A", "B"), choices=KINDS)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    args.build = args.build or tempfile.mkdtemp(prefix="mcpforge-http-instructions-build-")
    servers = {
        "ours": publish_with_symbols(os.path.join(args.build, "ours"), os.path.join(ROOT, "bench", "HttpServer"), "mcpforge-http-bench"),
        "ceiling": publish_with_symbols(os.path.join(args.build, "ceiling"), os.path.join(SHARED, "ceiling-kestrel"), "ceiling-kestrel"),
    }
    work = tempfile.mkdtemp(prefix="mcpforge-http-instructions-")
    runs, profiles = {kind: [] for kind in args.kinds}, {}
    for _ in range(args.runs):
        for kind in args.kinds:
            server = servers["ceiling" if kind == "ceiling" else "ours"]
            few, few_profile = count(kind, server, args.few, work)
            many, many_profile = count(kind, server, args.many, work)
            runs[kind].append((many - few) / (args.many - args.few))
            profiles[kind] = (few_profile, many_profile)
    per_request = {kind: statistics.median(values) for kind, values in runs.items()}
    print(f"NativeAOT Streamable HTTP, one keep-alive connection, {args.many} - {args.few} requests a kind, medians of {args.runs} runs, "
          "instructions counted by valgrind (callgrind):")
    print("| request | instructions a request | runs | vs session add |")
    print("|---|---:|---|---:|")
    names = {"legacy": "2025-11-25 session, add", "modern": "2026-07-28 request, add", "ceiling": "Kestrel ceiling, the 2026-07-28 add"}
    base = per_request.get("legacy")
    for kind in args.kinds:
        ratio = f"{per_request[kind] / base:.3f}" if base else "-"
        spread = ", ".join(f"{v:,.0f}" for v in runs[kind])
        print(f"| {names[kind]} | {per_request[kind]:,.0f} | {spread} | {ratio} |")
    if "modern" in per_request and "ceiling" in per_request:
        print(f"ceiling / 2026-07-28: {per_request['ceiling'] / per_request['modern']:.3f} (the share of the ceiling's rate a request of this cost would reach)")
    if args.by_function:
        a, b = args.by_function
        own = {}
        for kind in (a, b):
            few, many = (self_costs(p) for p in profiles[kind])
            own[kind] = {n: (many.get(n, 0) - few.get(n, 0)) / (args.many - args.few) for n in set(few) | set(many)}
        names = sorted(set(own[a]) | set(own[b]), key=lambda n: -abs(own[a].get(n, 0) - own[b].get(n, 0)))
        print(f"\nOwn instructions a request in the last run, {a} - {b} (largest differences first):")
        print(f"| {a} - {b} | {b} | {a} | function |")
        print("|---:|---:|---:|---|")
        for name in names[:args.top]:
            x, y = own[a].get(name, 0), own[b].get(name, 0)
            print(f"| {x - y:+,.0f} | {y:,.0f} | {x:,.0f} | {name[:110]} |")
    print("HTTP_INSTRUCTIONS_JSON " + json.dumps(per_request))


if __name__ == "__main__":
    main()
