using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace McpForge.Soak;

/// <summary>The server's memory after <see cref="Calls"/> calls (or sessions): its managed heap after a full collection, and its resident set.</summary>
public sealed record MemorySample(long Calls, double Seconds, long HeapBytes, long RssBytes)
{
    /// <summary>Reads the text the <c>memory</c> tool of tests/Fixtures/ReliabilityServer answers with.</summary>
    public static MemorySample FromProbe(long calls, double seconds, string probeText)
    {
        using var document = JsonDocument.Parse(probeText);
        var root = document.RootElement;
        return new MemorySample(calls, seconds, root.GetProperty("heapBytes").GetInt64(), root.GetProperty("rssBytes").GetInt64());
    }

    public static void WriteCsv(string path, IEnumerable<MemorySample> samples)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("calls,seconds,heap_bytes,rss_bytes");
        foreach (var s in samples)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Calls},{s.Seconds:0.000},{s.HeapBytes},{s.RssBytes}"));
        }
    }
}

/// <summary>
/// Whether memory plateaued: the samples after a warm-up (the JIT, pools and caches reaching their working size)
/// compared at the start and the end of what is left, plus the least-squares slope over it.
/// </summary>
public sealed record MemoryTrend(long HeapAtStart, long HeapAtEnd, long RssAtStart, long RssAtEnd, double HeapBytesPerThousandCalls, long MaxHeap, long MaxRss)
{
    public long HeapGrowth => HeapAtEnd - HeapAtStart;

    public long RssGrowth => RssAtEnd - RssAtStart;

    /// <param name="samples">At least four samples, in order.</param>
    /// <param name="warmup">The share of samples left out at the start.</param>
    public static MemoryTrend Of(IReadOnlyList<MemorySample> samples, double warmup = 0.3)
    {
        if (samples.Count < 4) throw new ArgumentException("A trend needs at least four samples.", nameof(samples));
        var settled = samples.Skip(Math.Min(samples.Count - 3, (int)Math.Ceiling(samples.Count * warmup))).ToList();
        var window = Math.Max(1, Math.Min(3, settled.Count / 3));
        // The least of a few samples at each end: a collection that ran just before one probe is noise, not growth.
        long Least(IEnumerable<MemorySample> part, Func<MemorySample, long> value) => part.Min(value);
        return new MemoryTrend(
            Least(settled.Take(window), s => s.HeapBytes), Least(settled.TakeLast(window), s => s.HeapBytes),
            Least(settled.Take(window), s => s.RssBytes), Least(settled.TakeLast(window), s => s.RssBytes),
            Slope(settled) * 1000, samples.Max(s => s.HeapBytes), samples.Max(s => s.RssBytes));
    }

    private static double Slope(IReadOnlyList<MemorySample> samples)
    {
        var meanX = samples.Average(s => (double)s.Calls);
        var meanY = samples.Average(s => (double)s.HeapBytes);
        var num = samples.Sum(s => (s.Calls - meanX) * (s.HeapBytes - meanY));
        var den = samples.Sum(s => (s.Calls - meanX) * (s.Calls - meanX));
        return den == 0 ? 0 : num / den;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"heap {Mib(HeapAtStart)} -> {Mib(HeapAtEnd)} MiB after warm-up ({HeapGrowth:+#,0;-#,0;0} bytes, slope {HeapBytesPerThousandCalls:0.0} bytes per 1,000), rss {Mib(RssAtStart)} -> {Mib(RssAtEnd)} MiB, max heap {Mib(MaxHeap)} MiB, max rss {Mib(MaxRss)} MiB");

    internal static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture);
}
