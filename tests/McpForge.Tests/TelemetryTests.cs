using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Diagnostics;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>Telemetry runs alone: its listeners see the whole process.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// The McpForge meter and activity source, as an OpenTelemetry exporter would see them: the exact instruments, tags
/// and spans of a call that succeeds, one that fails validation, one that throws and one that times out.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();

    public TelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == McpTelemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name is McpTelemetry.Name or "TelemetryTests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    private IEnumerable<Dictionary<string, object?>> Measured(string instrument, string tool) =>
        _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("gen_ai.tool.name"), tool)).Select(m => m.Tags);

    private Activity Span(string name) => Assert.Single(_activities, a => a.DisplayName == name);

    private static string Format(Dictionary<string, object?> tags) => string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value));

    private static async Task<ServerHarness> StartAsync()
    {
        var server = ServerHarness.Start(b => b.AddTools<TelemetryTools>());
        await server.InitializeAsync();
        return server;
    }

    [Fact]
    public async Task A_successful_call_gets_a_server_span_under_the_clients_trace_and_its_measurements()
    {
        await using var server = await StartAsync();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        await server.SendAsync("""{"jsonrpc":"2.0","id":41,"method":"tools/call","params":{"name":"telemetry_ok","arguments":{"n":1},"_meta":{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}}""");
        Assert.Equal("ok 1", ServerHarness.Text(await server.ReadMessageAsync()));

        var span = Span("tools/call telemetry_ok");
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(traceId, span.TraceId.ToHexString());
        Assert.Equal("00f067aa0ba902b7", span.ParentSpanId.ToHexString());
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(
            "gen_ai.operation.name=execute_tool,gen_ai.tool.name=telemetry_ok,jsonrpc.request.id=41,mcp.method.name=tools/call,mcp.protocol.version=2025-11-25,network.transport=pipe",
            string.Join(",", span.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
        // The tool's own spans are children of the call's.
        Assert.Equal(span.SpanId, Span("inner work").ParentSpanId);

        Assert.Equal("gen_ai.tool.name=telemetry_ok,mcp.method.name=tools/call,mcp.protocol.version=2025-11-25,network.transport=pipe",
            Format(Assert.Single(Measured("mcp.server.operation.duration", "telemetry_ok"))));
        Assert.Equal("gen_ai.tool.name=telemetry_ok,mcpforge.tool.outcome=success", Format(Assert.Single(Measured("mcpforge.server.tool.calls", "telemetry_ok"))));
    }

    [Fact]
    public async Task A_call_that_fails_validation_is_a_tool_error_with_outcome_invalid_arguments()
    {
        await using var server = await StartAsync();
        Assert.True((await server.CallToolAsync(42, "telemetry_ok", """{"n":"x"}""")).GetProperty("result").GetProperty("isError").GetBoolean());
        var span = Span("tools/call telemetry_ok");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("tool_error", span.GetTagItem("error.type"));
        Assert.Equal("error.type=tool_error,gen_ai.tool.name=telemetry_ok,mcp.method.name=tools/call,mcp.protocol.version=2025-11-25,network.transport=pipe",
            Format(Assert.Single(Measured("mcp.server.operation.duration", "telemetry_ok"))));
        Assert.Equal("gen_ai.tool.name=telemetry_ok,mcpforge.tool.outcome=invalid_arguments", Format(Assert.Single(Measured("mcpforge.server.tool.calls", "telemetry_ok"))));
    }

    [Fact]
    public async Task A_2026_07_28_call_is_measured_from_its_whole_response()
    {
        // Its result's end is kept apart from the body until the response is read whole; an observed request's is read
        // whole, so the result's isError (in the body) and the client's line (body and end) are both there.
        await using var server = ServerHarness.Start(b => b.AddTools<TelemetryTools>());
        var response = await server.ModernAsync(45, "tools/call", "\"name\":\"telemetry_ok\",\"arguments\":{\"n\":\"x\"}");
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal("complete", response.GetProperty("result").GetProperty("resultType").GetString());
        Assert.Equal("test-server", response.GetProperty("result").GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetProperty("name").GetString());
        Assert.Equal("error.type=tool_error,gen_ai.tool.name=telemetry_ok,mcp.method.name=tools/call,mcp.protocol.version=2026-07-28,network.transport=pipe",
            Format(Assert.Single(Measured("mcp.server.operation.duration", "telemetry_ok"))));
    }

    [Fact]
    public async Task A_call_that_throws_is_a_tool_error_with_outcome_exception()
    {
        await using var server = await StartAsync();
        Assert.Equal("broken on purpose", ServerHarness.Text(await server.CallToolAsync(43, "telemetry_throw", "{}")));
        Assert.Equal("tool_error", Span("tools/call telemetry_throw").GetTagItem("error.type"));
        Assert.Equal("gen_ai.tool.name=telemetry_throw,mcpforge.tool.outcome=exception", Format(Assert.Single(Measured("mcpforge.server.tool.calls", "telemetry_throw"))));
    }

    [Fact]
    public async Task A_call_that_times_out_is_minus_32001_with_outcome_timeout()
    {
        await using var server = await StartAsync();
        Assert.Equal(-32001, (await server.CallToolAsync(44, "telemetry_slow", "{}")).GetProperty("error").GetProperty("code").GetInt32());
        var span = Span("tools/call telemetry_slow");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("Request timed out", span.StatusDescription);
        Assert.Equal("-32001", span.GetTagItem("rpc.response.status_code"));
        Assert.Equal("error.type=-32001,gen_ai.tool.name=telemetry_slow,mcp.method.name=tools/call,mcp.protocol.version=2025-11-25,network.transport=pipe,rpc.response.status_code=-32001",
            Format(Assert.Single(Measured("mcp.server.operation.duration", "telemetry_slow"))));
        Assert.Equal("gen_ai.tool.name=telemetry_slow,mcpforge.tool.outcome=timeout", Format(Assert.Single(Measured("mcpforge.server.tool.calls", "telemetry_slow"))));
        Assert.Contains(_measurements, m => m.Instrument == "mcpforge.server.responses" && Equals(m.Tags["rpc.response.status_code"], "-32001"));
    }

    [Fact]
    public async Task Sessions_bytes_and_requests_in_flight_are_measured()
    {
        await using (var server = await StartAsync())
        {
            await server.RequestAsync(1, "ping");
        }
        Assert.Contains(_measurements, m => m.Instrument == "mcpforge.server.sessions.active" && m.Value == 1);
        Assert.Contains(_measurements, m => m.Instrument == "mcpforge.server.sessions.active" && m.Value == -1);
        Assert.Contains(_measurements, m => m.Instrument == "mcp.server.session.duration" && Equals(m.Tags["mcp.protocol.version"], "2025-11-25"));
        Assert.Contains(_measurements, m => m.Instrument == "mcpforge.server.bytes.received" && m.Value > 0);
        Assert.Contains(_measurements, m => m.Instrument == "mcpforge.server.bytes.sent" && m.Value > 0);
        var inFlight = _measurements.Where(m => m.Instrument == "mcpforge.server.requests.active").Sum(m => m.Value);
        Assert.Equal(0, inFlight); // every request that started also ended
    }

    [Fact]
    public void MCPFORGE_LOG_LEVEL_names_the_built_in_loggers_level()
    {
        var before = Environment.GetEnvironmentVariable("MCPFORGE_LOG_LEVEL");
        try
        {
            foreach (var (text, level) in new[] { ("debug", Microsoft.Extensions.Logging.LogLevel.Debug), ("Info", Microsoft.Extensions.Logging.LogLevel.Information),
                         ("warn", Microsoft.Extensions.Logging.LogLevel.Warning), ("none", Microsoft.Extensions.Logging.LogLevel.None) })
            {
                Environment.SetEnvironmentVariable("MCPFORGE_LOG_LEVEL", text);
                Assert.Equal(level, McpForge.Diagnostics.StderrLogger.FromEnvironment());
            }
            Environment.SetEnvironmentVariable("MCPFORGE_LOG_LEVEL", "loud");
            Assert.Null(McpForge.Diagnostics.StderrLogger.FromEnvironment());
        }
        finally
        {
            Environment.SetEnvironmentVariable("MCPFORGE_LOG_LEVEL", before);
        }
    }
}
