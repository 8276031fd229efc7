#!/usr/bin/env python3
"""The NativeAOT stdio server alone on long pipelined bursts, both protocol eras (docs/benchmarks.md, "Protocol eras").

compare_eras.py drives one server process from Python, every kind in turns of tens of milliseconds. Here `cat` feeds a
file of requests through a pipe to samples/QuickStart and another `cat` drains its answers to /dev/null: the server, on
CPU 0, is the only thing that can be slow (both `cat`s share CPU 1), each kind has a process of its own, and a burst of
a million calls lasts more than a second. The pipes are made
as a client makes them (64 KiB); the server grows them itself (McpServerOptions.StdioPipeBytes). Each run reports the
server's wall time, user and system time a call (from wait4); kinds alternate within each round, and the ratio of the
2026-07-28 rate to the session rate is taken run by run, so that the machine's drift, which moves both runs of a
round alike, mostly cancels. The answers are not checked here (compare_eras.py and count_instructions.py check them).

  python3 bench/Eras/stdio_burst.py [--calls 1000000] [--rounds 10] [--build DIR | --server LABEL=BINARY ...]
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_eras import ROOT, publish, stdio_request  # noqa: E402
from count_instructions import INITIALIZE  # noqa: E402

KINDS = ["legacy", "modern"]


def write_requests(work, calls):
    """One file a kind: the session handshake for the session kind, then `calls` tools/call add requests."""
    paths = {}
    for kind in KINDS:
        path = os.path.join(work, kind + ".jsonl")
        with open(path, "wb") as f:
            if kind != "modern":
                f.write(INITIALIZE)
            for i in range(1, calls + 1):
                f.write(stdio_request(kind, i, None))
        paths[kind] = path
    return paths


def run(binary, requests):
    """cat REQUESTS | server | cat > /dev/null; returns the server's (wall, user, system) seconds."""
    into_read, into_write = os.pipe()
    out_read, out_write = os.pipe()
    feeder = subprocess.Popen(["taskset", "-c", "1", "cat", requests], stdout=into_write)
    os.close(into_write)
    started = time.perf_counter()
    server = subprocess.Popen(["taskset", "-c", "0", binary], stdin=into_read, stdout=out_write, stderr=subprocess.DEVNULL,
                              cwd=tempfile.mkdtemp())
    os.close(into_read)
    os.close(out_write)
    drain = subprocess.Popen(["taskset", "-c", "1", "cat"], stdin=out_read, stdout=subprocess.DEVNULL)
    os.close(out_read)
    _, status, usage = os.wait4(server.pid, 0)
    wall = time.perf_counter() - started
    drain.wait()
    feeder.wait()
    if status != 0:
        raise RuntimeError(f"{binary} exited with status {status}")
    return wall, usage.ru_utime, usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--build", default=os.path.join(tempfile.gettempdir(), "mcpforge-era-bench"))
    parser.add_argument("--server", action="append", metavar="LABEL=BINARY", help="servers to compare (default: QuickStart published into --build)")
    args = parser.parse_args()
    if args.server:
        servers = [tuple(s.split("=", 1)) for s in args.server]
    else:
        publish(os.path.join(ROOT, "samples", "QuickStart"), os.path.join(args.build, "stdio"))
        servers = [("QuickStart", os.path.join(args.build, "stdio", "QuickStart"))]
    work = tempfile.mkdtemp(prefix="mcpforge-stdio-burst-")
    requests = write_requests(work, args.calls)
    results = {}
    for round_ in range(args.rounds):
        for label, binary in servers:
            kinds = KINDS if round_ % 2 == 0 else KINDS[::-1]
            for kind in kinds:
                results.setdefault((label, kind), []).append(run(binary, requests[kind]))
    per_call = lambda seconds: seconds * 1e6 / args.calls
    print(f"NativeAOT samples/QuickStart over stdio, bursts of {args.calls:,} pipelined calls fed by cat, server on CPU 0, "
          f"{args.rounds} rounds, medians a call:")
    print("| server | request | wall µs | user µs | system µs | calls/s |")
    print("|---|---|---:|---:|---:|---:|")
    for label, _ in servers:
        for kind in KINDS:
            runs = results[(label, kind)]
            wall = statistics.median(r[0] for r in runs)
            print(f"| {label} | {kind} | {per_call(wall):.3f} | {per_call(statistics.median(r[1] for r in runs)):.3f} | "
                  f"{per_call(statistics.median(r[2] for r in runs)):.3f} | {args.calls / wall:,.0f} |")
    for label, _ in servers:
        ratios = [legacy[0] / modern[0] for legacy, modern in zip(results[(label, "legacy")], results[(label, "modern")])]
        print(f"{label}: 2026-07-28 rate / session rate, run by run: median {statistics.median(ratios):.3f} "
              f"(runs {min(ratios):.3f}–{max(ratios):.3f})")


if __name__ == "__main__":
    main()
