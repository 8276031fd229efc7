#!/usr/bin/env python3
"""The instructions the NativeAOT stdio server executes a call, for each protocol era (docs/benchmarks.md, "Protocol eras").

Timings on a shared 2-core machine swing by 20% from run to run, more than the differences this bench looks for.
Instructions counted by valgrind do not: the same build fed the same requests gives the same count to within 0.05%
whatever else runs, so two builds (or two kinds of request) can be compared while the machine is busy. They are not
time (a memcmp instruction is not a cache miss), so a claim about speed still needs a timed run; they say where the work is.

samples/QuickStart is published as NativeAOT with its symbols (valgrind cannot read the DWARF the linker writes, so the
debug sections are stripped and the symbol table kept), then fed a file of requests on stdin, its answers to /dev/null,
under `valgrind --tool=callgrind`. Per call = (instructions of the run - those of a run with no call) / calls. Kinds:
  legacy  session `tools/call add` (after initialize)
  modern  2026-07-28 `tools/call add` (params._meta on each)
  sized   session `tools/call echo` with the bytes of the 2026-07-28 add in and out (compare_eras.py's "sized")
  echo    session `tools/call echo` of an 8-character message and an empty pad: "sized" without its extra bytes
so modern - legacy is what a 2026-07-28 call costs more, and sized - echo what that many more bytes cost a session call.
With --by-function, the functions whose own instructions a call differ most between two kinds. With --cache, valgrind
also simulates this machine's first-level data cache (32 KiB, 8-way, 64-byte lines; 1 MiB behind it) and counts its
misses a call: each one is a wait of a dozen cycles or more that no instruction count shows (docs/benchmarks.md, "The
call's own bytes").

  python3 bench/Eras/count_instructions.py [--calls 50000] [--build DIR | --server BINARY] [--by-function modern legacy] [--cache]
Needs valgrind (Debian: apt-get install valgrind).
"""
import argparse, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_eras import ROOT, size_match, stdio_request, stdio_answer_ok  # noqa: E402

INITIALIZE = (b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},'
              b'"clientInfo":{"name":"erabench","version":"1"}}}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
KINDS = ["legacy", "modern", "sized", "echo"]


def publish_with_symbols(out, project=os.path.join(ROOT, "samples", "QuickStart"), name="QuickStart"):
    """NativeAOT `project` (QuickStart by default) keeping its symbol table, without the debug sections valgrind's reader refuses."""
    binary = os.path.join(out, name)
    stripped = binary + ".sym"
    if not os.path.exists(stripped):
        subprocess.run(["dotnet", "publish", project, "-r", "linux-x64", "-c", "Release", "-p:PublishAot=true",
                        "-p:StripSymbols=false", "-o", out, "-nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["objcopy", "--strip-debug", binary, stripped], check=True)
    return stripped


def requests(kind, calls, sized):
    """The input of one run: the session handshake for a session kind, then `calls` requests (ids 1..calls)."""
    head = b"" if kind == "modern" else INITIALIZE
    if kind == "echo":
        sized, kind = (0, 0), "sized"
    return head + b"".join(stdio_request(kind, i, sized) for i in range(1, calls + 1)), kind, sized


CACHE_SIMULATION = ["--cache-sim=yes", "--D1=32768,8,64", "--LL=1048576,16,64"]


def count(server, data, work, tag, cache=False):
    """Runs the server under callgrind on `data`; returns (instructions, first-level data misses or None, answers,
    callgrind output file)."""
    source = os.path.join(work, tag + ".jsonl")
    with open(source, "wb") as f:
        f.write(data)
    profile = os.path.join(work, tag + ".callgrind")
    answers = os.path.join(work, tag + ".out")
    with open(source, "rb") as stdin, open(answers, "wb") as stdout:
        run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}"] + (CACHE_SIMULATION if cache else []) + [server],
                             stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=work)
    refs = re.search(rb"I\s+refs:\s+([\d,]+)", run.stderr)
    if run.returncode != 0 or not refs:
        raise RuntimeError(f"valgrind failed on {tag}: {run.stderr[-600:].decode(errors='replace')}")
    misses = re.search(rb"D1\s+misses:\s+([\d,]+)", run.stderr) if cache else None
    with open(answers, "rb") as f:
        lines = f.read().splitlines()
    number = lambda m: int(m.group(1).replace(b",", b""))
    return number(refs), number(misses) if misses else None, lines, profile


def self_costs(profile):
    """Each function's own instructions in a callgrind output (callgrind_annotate's flat list)."""
    text = subprocess.run(["callgrind_annotate", "--threshold=100", profile], capture_output=True, text=True, check=True).stdout
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+(?:\S*?:)?(.*?)(\s+\[.*\])?$", line)
        if m and "PROGRAM TOTALS" not in line:
            name = re.sub(r"^\?\?\?:", "", m.group(2))
            costs[name] = costs.get(name, 0) + int(m.group(1).replace(",", ""))
    return costs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50000)
    parser.add_argument("--build", default=os.path.join(tempfile.gettempdir(), "mcpforge-era-instructions"))
    parser.add_argument("--server", help="a QuickStart binary valgrind can read (default: publish one into --build)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--by-function", nargs=2, metavar=("KIND", "BASELINE"))
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cache", action="store_true", help="also count first-level data cache misses (simulated)")
    args = parser.parse_args()
    server = os.path.abspath(args.server) if args.server else publish_with_symbols(args.build)
    work = tempfile.mkdtemp(prefix="mcpforge-instructions-")
    sized = size_match(server)

    empty_session, missed_session, _, _ = count(server, INITIALIZE, work, "baseline-session", args.cache)
    empty_modern, missed_modern, _, _ = count(server, b"", work, "baseline-modern", args.cache)
    results = {}
    for kind in args.kinds.split(","):
        data, request_kind, request_sized = requests(kind, args.calls, sized)
        total, missed, answers, profile = count(server, data, work, kind, args.cache)
        calls = [a for a in answers if b'"id":0,' not in a]
        if len(calls) != args.calls or not stdio_answer_ok(request_kind, args.calls, calls[-1]):
            raise RuntimeError(f"{kind}: {len(calls)} answers, the last {calls[-1][:200] if calls else b''}")
        baseline, missed_baseline = (empty_modern, missed_modern) if kind == "modern" else (empty_session, missed_session)
        in_bytes = (len(data) - (0 if kind == "modern" else len(INITIALIZE))) / args.calls
        out_bytes = sum(len(a) + 1 for a in calls) / args.calls
        results[kind] = {"per_call": (total - baseline) / args.calls, "in": in_bytes, "out": out_bytes, "profile": profile,
                         "misses": (missed - missed_baseline) / args.calls if args.cache else None}

    print(f"NativeAOT samples/QuickStart over stdio, {args.calls:,} calls a kind, instructions counted by valgrind (callgrind):")
    cache = " first-level data misses a call (simulated) |" if args.cache else ""
    print("| request | bytes in / out a call | instructions a call | vs session add |" + cache)
    print("|---|---:|---:|---:|" + ("---:|" if args.cache else ""))
    labels = {"legacy": "2025-11-25 session, add", "modern": "2026-07-28 request, add",
              "sized": "2025-11-25 session, echo of the 2026-07-28 bytes", "echo": "2025-11-25 session, echo of 8 characters"}
    base = results.get("legacy", {}).get("per_call")
    for kind, r in results.items():
        ratio = f"{r['per_call'] / base:.3f}" if base else "-"
        misses = f" {r['misses']:.1f} |" if args.cache else ""
        print(f"| {labels[kind]} | {r['in']:.0f} / {r['out']:.0f} | {r['per_call']:,.0f} | {ratio} |" + misses)
    if "sized" in results and "echo" in results:
        extra_bytes = results["sized"]["in"] + results["sized"]["out"] - results["echo"]["in"] - results["echo"]["out"]
        extra = results["sized"]["per_call"] - results["echo"]["per_call"]
        print(f"sized - echo: {extra:,.0f} instructions for {extra_bytes:.0f} more bytes in and out ({extra / extra_bytes:.1f} a byte)")

    if args.by_function:
        kind, baseline = args.by_function
        a, b = self_costs(results[baseline]["profile"]), self_costs(results[kind]["profile"])
        names = sorted(set(a) | set(b), key=lambda n: -abs(b.get(n, 0) - a.get(n, 0)))
        print(f"\nOwn instructions a call, {kind} - {baseline} (largest differences first):")
        print(f"| {kind} - {baseline} | {baseline} | {kind} | function |")
        print("|---:|---:|---:|---|")
        for name in names[:args.top]:
            x, y = a.get(name, 0) / args.calls, b.get(name, 0) / args.calls
            print(f"| {y - x:+,.0f} | {x:,.0f} | {y:,.0f} | {name[:110]} |")


if __name__ == "__main__":
    sys.exit(main())
