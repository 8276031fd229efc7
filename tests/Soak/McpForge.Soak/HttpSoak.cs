using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Soak;

/// <summary>
/// Rounds of many Streamable HTTP sessions against one server: each round opens all its sessions (all open at once),
/// calls <c>echo</c> and <c>add</c> in each, then closes every one with DELETE; the server's memory is read after each
/// round. A server that kept anything per session would grow by the round.
/// </summary>
public static class HttpSoak
{
    public static async Task<SoakResult> RunAsync(Uri endpoint, int rounds, int sessionsPerRound, Action<MemorySample>? progress = null, int parallelism = 32)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = parallelism, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var samples = new List<MemorySample>();
        async Task SampleAsync(long sessions)
        {
            var probe = new McpHttpClient(http, endpoint);
            await probe.OpenAsync().ConfigureAwait(false);
            var text = McpHttpClient.Text(await probe.CallAsync(1, "memory", "{}").ConfigureAwait(false));
            await probe.CloseAsync().ConfigureAwait(false);
            var sample = MemorySample.FromProbe(sessions, clock.Elapsed.TotalSeconds, text);
            samples.Add(sample);
            progress?.Invoke(sample);
        }

        await SampleAsync(0).ConfigureAwait(false);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        var working = Stopwatch.StartNew();
        for (var round = 1; round <= rounds; round++)
        {
            working.Start();
            var sessions = new McpHttpClient[sessionsPerRound];
            await Parallel.ForAsync(0, sessionsPerRound, options, async (i, cancellationToken) =>
            {
                var client = new McpHttpClient(http, endpoint);
                await client.OpenAsync(cancellationToken).ConfigureAwait(false);
                var echo = McpHttpClient.Text(await client.CallAsync(1, "echo", $$"""{"message":"session {{i}}"}""", cancellationToken).ConfigureAwait(false));
                var sum = McpHttpClient.Text(await client.CallAsync(2, "add", string.Create(CultureInfo.InvariantCulture, $$"""{"a":{{i}},"b":{{round}}}"""), cancellationToken).ConfigureAwait(false));
                if (echo != "session " + i || sum != (i + round).ToString(CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"session {i} of round {round} got '{echo}' and '{sum}'");
                }
                sessions[i] = client;
            }).ConfigureAwait(false);
            await Parallel.ForAsync(0, sessionsPerRound, options, async (i, cancellationToken) =>
                await sessions[i].CloseAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            working.Stop();
            await SampleAsync((long)round * sessionsPerRound).ConfigureAwait(false);
        }
        return new SoakResult((long)rounds * sessionsPerRound, working.Elapsed.TotalSeconds, samples);
    }
}
