using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace McpForge.Benchmarks;

/// <summary>
/// An A/B comparison that stays meaningful on a busy machine: the contenders run in alternating short blocks, so a
/// load spike hits both alike, and each block's time per operation gives one ratio; the median ratio over all blocks
/// is reported with the medians of time and of bytes allocated per operation. BenchmarkDotNet measures each benchmark
/// in its own long stretch, which a noisy neighbour can skew one way.
/// </summary>
internal static class Interleaved
{
    public static void Run(int rounds = 41, int operations = 4000)
    {
        var benchmarks = new ToolCallBenchmarks();
        benchmarks.Setup();
        var contenders = new (string Name, Action Run)[]
        {
            ("System.Text.Json source-generated: bind + write", () => benchmarks.SystemTextJson_source_generated()),
            ("McpForge generated: bind + write", () => benchmarks.McpForge_generated()),
            ("McpForge: whole tools/call", () => benchmarks.McpForge_ToolsCall()),
            ("Official SDK 2.4.0: InvokeAsync", () => benchmarks.OfficialSdk_ToolsCall().AsTask().GetAwaiter().GetResult()),
        };
        var (times, bytes) = Measure(contenders, rounds, operations);
        Report(contenders, times, bytes, "System.Text.Json");
        var forgeVsStj = Median(times[0].Zip(times[1], (stj, forge) => stj / forge));
        var sdkVsForge = Median(times[3].Zip(times[2], (sdk, forge) => sdk / forge));
        Console.WriteLine($"McpForge generated is {forgeVsStj:F2}x as fast as System.Text.Json source-generated (median of per-round ratios).");
        Console.WriteLine($"A whole McpForge tools/call is {sdkVsForge:F2}x as fast as the official SDK's InvokeAsync.");
    }

    /// <summary>The two eras of <see cref="ProtocolEraBenchmarks"/> (request bytes to response bytes), and a session request as large as a 2026-07-28 one, interleaved.</summary>
    public static void RunEras(int rounds = 41, int operations = 20000)
    {
        var benchmarks = new ProtocolEraBenchmarks();
        benchmarks.Setup();
        var contenders = new (string Name, Action Run)[]
        {
            ("2025-11-25 session: tools/call add", () => benchmarks.Legacy()),
            ("2026-07-28 request: tools/call add", () => benchmarks.Modern()),
            ("2025-11-25 session: the same, request as large as 2026-07-28", () => benchmarks.Padded()),
        };
        var (times, bytes) = Measure(contenders, rounds, operations);
        Report(contenders, times, bytes, "session");
    }

    /// <summary>One era's call alone, in a loop for <paramref name="seconds"/>: something steady for <c>perf record</c> to sample.</summary>
    public static void LoopEra(string era, int seconds)
    {
        var benchmarks = new ProtocolEraBenchmarks();
        benchmarks.Setup();
        Action run = era == "modern" ? () => benchmarks.Modern() : era == "padded" ? () => benchmarks.Padded() : () => benchmarks.Legacy();
        var watch = Stopwatch.StartNew();
        long calls = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            Block(run, 10000);
            calls += 10000;
        }
        Console.WriteLine($"{era}: {calls} calls, {watch.Elapsed.TotalNanoseconds / calls:F0} ns a call");
    }

    private static (List<double>[] Times, List<double>[] Bytes) Measure((string Name, Action Run)[] contenders, int rounds, int operations)
    {
        var times = contenders.Select(_ => new List<double>()).ToArray();
        var bytes = contenders.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < 3; i++) foreach (var c in contenders) Block(c.Run, operations); // warm up and tier up
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < contenders.Length; k++)
            {
                // Alternate the order each round, so neither side always runs first.
                var index = round % 2 == 0 ? k : contenders.Length - 1 - k;
                var (ns, allocated) = Block(contenders[index].Run, operations);
                times[index].Add(ns);
                bytes[index].Add(allocated);
            }
        }
        Console.WriteLine($"Interleaved: {rounds} rounds of {operations} operations per contender, medians.");
        return (times, bytes);
    }

    /// <summary>A table of the medians, each contender against the first (<paramref name="baseline"/>).</summary>
    private static void Report((string Name, Action Run)[] contenders, List<double>[] times, List<double>[] bytes, string baseline)
    {
        Console.WriteLine($"| contender | time/op | allocated/op | time vs {baseline} | bytes vs {baseline} |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var k = 0; k < contenders.Length; k++)
        {
            var timeRatio = Median(times[k].Zip(times[0], (a, b) => a / b));
            var byteRatio = Median(bytes[k]) / Median(bytes[0]);
            Console.WriteLine($"| {contenders[k].Name} | {Median(times[k]) / 1000:F2} µs | {Median(bytes[k]):F0} B | {timeRatio:F2} | {byteRatio:F2} |");
        }
    }

    private static (double NanosecondsPerOperation, double BytesPerOperation) Block(Action run, int operations)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++) run();
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (watch.Elapsed.TotalNanoseconds / operations, (double)allocated / operations);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
