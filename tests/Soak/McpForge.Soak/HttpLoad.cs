using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Soak;

/// <summary>What a load run measured: every request's latency, and every failure.</summary>
public sealed record LoadResult(int Clients, double Seconds, long Requests, long Errors, IReadOnlyList<string> FirstErrors,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Requests / Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Clients} clients, {Seconds:0.0} s: {Requests:#,0} requests ({RequestsPerSecond:#,0}/s), {Errors} errors; latency p50 {P50Ms:0.00} ms, p90 {P90Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms");
}

/// <summary>
/// Many concurrent clients, each with its own Streamable HTTP session and connection, calling <c>echo</c> back to back
/// for a fixed time. A failure (an HTTP error, a JSON-RPC error, a wrong answer) is counted, never retried.
/// </summary>
public static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(Uri endpoint, int clients, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var sessions = new McpHttpClient[clients];
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
        {
            sessions[i] = new McpHttpClient(http, endpoint);
            await sessions[i].OpenAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var latencies = new List<double>[clients];
        var errors = 0L;
        var firstErrors = new List<string>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(4096);
            for (long id = 1; !stop.IsCancellationRequested; id++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var text = McpHttpClient.Text(await sessions[i].CallAsync(id, "echo", $$"""{"message":"c{{i}}-{{id}}"}""").ConfigureAwait(false));
                    if (text != $"c{i}-{id}") throw new InvalidOperationException($"client {i} request {id} got '{text}'");
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    lock (firstErrors)
                    {
                        if (firstErrors.Count < 5) firstErrors.Add(ex.Message);
                    }
                }
            }
        }))).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
            await sessions[i].CloseAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double At(double quantile) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(quantile * all.Length) - 1)];
        return new LoadResult(clients, seconds, all.Length, errors, firstErrors, At(0.50), At(0.90), At(0.99), all.Length == 0 ? double.NaN : all[^1]);
    }
}
