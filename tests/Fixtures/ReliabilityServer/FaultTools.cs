using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using McpForge;
using McpForge.Protocol;

namespace ReliabilityServer;

/// <summary>Tools that misbehave the ways real ones do, and probes the tests read the server's state with.</summary>
public sealed partial class FaultTools
{
    private static int s_cancellations;
    private static int s_hangsStarted;
    private static int s_abortedRequests;
    private static int s_running;
    private static int s_peak;
    private static TaskCompletionSource s_changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Throws.</summary>
    [McpTool("throws")]
    public static string Throws() => throw new InvalidOperationException("deliberate failure");

    /// <summary>Never returns, but notices its token.</summary>
    [McpTool("hangs")]
    public static async Task<string> Hangs(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_hangsStarted);
        Changed();
        // Counted as the token fires, on the thread that cancels it: by the time the server's cancel returns, the count has
        // moved, so a test that knows the server is done with something can read whether it cancelled the call.
        using var counted = cancellationToken.Register(static () =>
        {
            Interlocked.Increment(ref s_cancellations);
            Changed();
        });
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "unreachable";
    }

    /// <summary>Never returns and ignores its token: only the server can give its slot back.</summary>
    [McpTool("ignores_cancellation")]
    public static Task<string> IgnoresCancellation() => new TaskCompletionSource<string>().Task;

    /// <summary>How many calls of <c>hangs</c> started so far: the signal that the server is running one.</summary>
    [McpTool("hangs_started")]
    public static int HangsStarted() => Volatile.Read(ref s_hangsStarted);

    /// <summary>How many calls of <c>hangs</c> saw their token cancelled so far.</summary>
    [McpTool("cancellations")]
    public static int Cancellations() => Volatile.Read(ref s_cancellations);

    /// <summary>
    /// How many HTTP requests ended with their client gone (<c>--count-aborted</c>): the server's signal that it saw a client
    /// leave and is done with that request (Program.cs counts them as their handler returns).
    /// </summary>
    public static int AbortedRequests() => Volatile.Read(ref s_abortedRequests);

    /// <summary>An HTTP request ended after its client went away.</summary>
    public static void RequestEndedAborted()
    {
        Interlocked.Increment(ref s_abortedRequests);
        Changed();
    }

    /// <summary>
    /// Waits until the counter <paramref name="counter"/> (<c>hangs_started</c>, <c>cancellations</c> or <c>aborted_requests</c>) is at least <paramref name="atLeast"/>, or
    /// <paramref name="timeoutMs"/> passed, and answers its value then. The signal tests wait on instead of polling: each
    /// counter wakes the waiters when it moves. Its own time limit, so a short <c>--tool-timeout-ms</c> does not cut it.
    /// </summary>
    [McpTool("wait_for", TimeoutMs = 60_000)]
    public static async Task<int> WaitFor(string counter, int atLeast, int timeoutMs, CancellationToken cancellationToken)
    {
        Func<int> read = counter switch
        {
            "hangs_started" => HangsStarted,
            "cancellations" => Cancellations,
            "aborted_requests" => AbortedRequests,
            _ => throw new ArgumentException("No counter " + counter, nameof(counter)),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeoutMs);
        while (true)
        {
            // Taken before the counter is read: a move after the read completes this one, so none is missed.
            var changed = Volatile.Read(ref s_changed).Task;
            var value = read();
            if (value >= atLeast) return value;
            try
            {
                await changed.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return read(); // timed out: the caller sees the value fall short
            }
        }
    }

    /// <summary>Wakes every <c>wait_for</c> call to read its counter again.</summary>
    private static void Changed() =>
        Interlocked.Exchange(ref s_changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Content blocks of 64 KiB without end: only the response limit stops it.</summary>
    [McpTool("endless")]
    public static IEnumerable<ContentBlock> Endless()
    {
        var block = new string('x', 64 * 1024);
        while (true) yield return new TextContent(block);
    }

    /// <summary>Writes a mebibyte to stdout (the server keeps it off the wire), then answers.</summary>
    [McpTool("prints")]
    public static string Prints()
    {
        var line = new string('p', 1023);
#pragma warning disable MCPF0011 // On purpose: the test proves stdout stays clean.
        for (var i = 0; i < 1024; i++) Console.WriteLine(line);
        Console.Out.Flush();
#pragma warning restore MCPF0011
        return "printed";
    }

    /// <summary>Answers with <paramref name="bytes"/> characters after going asynchronous, as I/O-bound tools do.</summary>
    [McpTool("payload")]
    public static async Task<string> Payload(int bytes)
    {
        await Task.Yield();
        return new string('y', bytes);
    }

    /// <summary>Sleeps, counting how many run at once (<c>peak_concurrency</c> reads the most).</summary>
    [McpTool("slow")]
    public static async Task<string> Slow(int milliseconds, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref s_running);
        for (var peak = Volatile.Read(ref s_peak); running > peak; peak = Volatile.Read(ref s_peak))
        {
            if (Interlocked.CompareExchange(ref s_peak, running, peak) == peak) break;
        }
        try
        {
            await Task.Delay(milliseconds, cancellationToken);
            return "slept";
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }

    /// <summary>The most <c>slow</c> calls that ran at once since the last reading, which resets it.</summary>
    [McpTool("peak_concurrency")]
    public static int PeakConcurrency() => Interlocked.Exchange(ref s_peak, 0);

    /// <summary>
    /// The process's memory: the managed heap after a full, compacting collection (what is really kept), the GC's
    /// committed bytes, and the resident set, as JSON text.
    /// </summary>
    [McpTool("memory")]
    public static string Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"heapBytes":{{info.HeapSizeBytes}},"committedBytes":{{info.TotalCommittedBytes}},"rssBytes":{{Environment.WorkingSet}},"gen2Collections":{{GC.CollectionCount(2)}}}""");
    }
}
