using System;
using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Tasks;

namespace McpForge.ReliabilityTests.Cost;

/// <summary>
/// What telemetry costs in allocations per <c>tools/call</c>: nothing while nothing listens, something once a listener
/// takes every instrument and span, and nothing again once it has gone. Measured in process over pipes, with the
/// requests written before the count starts and the responses counted without being decoded, so the bytes counted are
/// the server's. This project runs one test at a time, so no other test allocates meanwhile.
/// </summary>
public sealed class TelemetryCostTests(ITestOutputHelper output)
{
    private const int Calls = 4000;

    // One answered call of `add` with nothing listening allocated 379 bytes on 2026-12-01 (the same in every run; 651
    // before tool timeouts moved to one timer per server), 413 once the core served two protocol eras (2026-12-02: the
    // client profile and era checks of each request), 467 with a DI scope object per call and 419 since a call with
    // nothing to scope makes none (2026-12-03), 371 by 2026-12-05 and 309 since the call keeps four levels of its
    // argument path inline rather than eight (2026-12-05). The slack is for the thread pool's own noise. Telemetry that
    // allocated while off (an McpOperation alone is more than the slack), or any new per-call allocation, breaks it:
    // then measure again and say why in docs/benchmarks.md.
    private const double BudgetPerCall = 350;

    [Fact]
    public async Task A_call_allocates_nothing_for_telemetry_until_something_listens()
    {
        var off = await BytesPerCallAsync();

        double on;
        using (Listen())
        {
            on = await BytesPerCallAsync();
        }
        var offAgain = await BytesPerCallAsync();
        output.WriteLine($"bytes allocated per tools/call: {off:0} with nothing listening, {on:0} with every instrument and span taken, {offAgain:0} after the listeners left");

        Assert.True(off <= BudgetPerCall, $"a call allocated {off:0} bytes with nothing listening (budget {BudgetPerCall})");
        Assert.True(on > off + 200, $"listening added only {on - off:0} bytes a call: the measurement does not see telemetry");
        Assert.True(Math.Abs(offAgain - off) < 64, $"{offAgain:0} bytes a call after the listeners left against {off:0} before");
    }

    /// <summary>Bytes allocated per call over <see cref="Calls"/> calls, after as many to warm up, on a fresh server.</summary>
    private static async Task<double> BytesPerCallAsync()
    {
        var server = McpServer.CreateBuilder("cost", "1.0.0").AddTools<CostTools>().Configure(o => o.ErrorLog = TextWriter.Null).Build();
        var input = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var outputPipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var serving = server.RunAsync(input.Reader.AsStream(), outputPipe.Writer.AsStream());

        await input.Writer.WriteAsync(Encoding.UTF8.GetBytes("""
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}
            {"jsonrpc":"2.0","method":"notifications/initialized"}

            """));
        await ReadLinesAsync(outputPipe.Reader, 1);

        var batch = Requests(Calls);
        await input.Writer.WriteAsync(batch);
        await ReadLinesAsync(outputPipe.Reader, Calls);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await input.Writer.WriteAsync(batch);
        await ReadLinesAsync(outputPipe.Reader, Calls);
        var after = GC.GetTotalAllocatedBytes(precise: true);

        await input.Writer.CompleteAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        return (after - before) / (double)Calls;
    }

    private static byte[] Requests(int count)
    {
        var text = new StringBuilder();
        for (var id = 1; id <= count; id++)
        {
            text.Append("""{"jsonrpc":"2.0","id":""").Append(id).Append(""","method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""").Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Waits for <paramref name="count"/> lines, counting newlines only (nothing decoded, nothing allocated per line).</summary>
    private static async Task ReadLinesAsync(PipeReader reader, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (count > 0)
        {
            var read = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30) - deadline.Elapsed);
            foreach (var segment in read.Buffer)
            {
                count -= segment.Span.Count((byte)'\n');
            }
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted && count > 0) throw new EndOfStreamException($"{count} responses missing");
        }
    }

    /// <summary>Takes every McpForge instrument and every McpForge span, as an OpenTelemetry SDK that collects both does.</summary>
    private static IDisposable Listen()
    {
        var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == McpForge.Diagnostics.McpTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        meters.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        meters.Start();
        var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == McpForge.Diagnostics.McpTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(spans);
        return new Listeners(meters, spans);
    }

    private sealed class Listeners(MeterListener meters, ActivityListener spans) : IDisposable
    {
        public void Dispose()
        {
            meters.Dispose();
            spans.Dispose();
        }
    }
}

public sealed partial class CostTools
{
    /// <summary>Adds two integers.</summary>
    [McpTool("add")]
    public static int Add(int a, int b) => a + b;
}
