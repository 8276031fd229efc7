using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.ReliabilityTests.Faults;

/// <summary>Completions that the client's notifications/cancelled race: every one of 10,000 calls has exactly one outcome.</summary>
public sealed class CancellationRaceTests
{
    [Fact]
    public async Task Ten_thousand_cancellations_racing_completions_give_each_call_exactly_one_outcome()
    {
        const int calls = 10_000;
        var outcomes = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "McpForge" && instrument.Name == "mcpforge.server.tool.calls") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? tool = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "gen_ai.tool.name") tool = tag.Value as string;
                if (tag.Key == "mcpforge.tool.outcome") outcome = tag.Value as string;
            }
            if (tool != "race" || outcome is null) return;
            lock (outcomes) outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + (int)value;
        });
        listener.Start();

        var server = McpServer.CreateBuilder("race", "1.0.0").AddTools<RaceTools>().Configure(o => o.ErrorLog = TextWriter.Null).Build();
        var input = new Pipe();
        var output = new Pipe();
        var serving = server.RunAsync(input.Reader.AsStream(), output.Writer.AsStream());
        var requests = new StringBuilder();
        requests.Append("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""").Append('\n');
        for (var i = 0; i < calls; i++)
        {
            // A third complete at once, the rest after 1 or 2 ms: the cancellation lands before, during or after.
            requests.Append($$$$"""{"jsonrpc":"2.0","id":{{{{i}}}},"method":"tools/call","params":{"name":"race","arguments":{"milliseconds":{{{{i % 3}}}}}}}""").Append('\n');
            requests.Append($$$"""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{{{i}}},"reason":"race"}}""").Append('\n');
        }
        var writing = Task.Run(async () =>
        {
            await input.Writer.WriteAsync(Encoding.UTF8.GetBytes(requests.ToString()));
            await input.Writer.CompleteAsync();
        });

        var answered = new HashSet<long>();
        using (var reader = new StreamReader(output.Reader.AsStream()))
        {
            var readAll = Task.Run(async () =>
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    using var message = JsonDocument.Parse(line);
                    var id = message.RootElement.GetProperty("id");
                    if (id.ValueKind == JsonValueKind.String) continue; // initialize
                    Assert.True(answered.Add(id.GetInt64()), "two responses for id " + id);
                    Assert.Equal("done", message.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
                }
            });
            await serving.WaitAsync(TimeSpan.FromSeconds(60));
            await output.Writer.CompleteAsync();
            await readAll.WaitAsync(TimeSpan.FromSeconds(30));
        }
        await writing;

        lock (outcomes)
        {
            var success = outcomes.GetValueOrDefault("success");
            var cancelled = outcomes.GetValueOrDefault("cancelled");
            Assert.Equal(answered.Count, success);
            Assert.Equal(calls, success + cancelled);
            Assert.Equal(["cancelled", "success"], new SortedSet<string>(outcomes.Keys));
            Assert.True(cancelled > 0 && success > 0, $"{success} completed, {cancelled} cancelled: the race did not happen both ways");
        }
    }
}

/// <summary>The tool the race test calls.</summary>
public sealed partial class RaceTools
{
    /// <summary>Completes at once (0), or after a delay that observes cancellation.</summary>
    [McpTool("race")]
    public static async Task<string> Race(int milliseconds, CancellationToken cancellationToken)
    {
        if (milliseconds > 0) await Task.Delay(milliseconds, cancellationToken);
        return "done";
    }
}
