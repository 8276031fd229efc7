using System;
using System.Collections.Generic;
using System.Diagnostics;
using McpForge;
using McpForge.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using QuickStart;

// QuickStart with OpenTelemetry listening:
//   mcpforge-telemetry-bench            metrics and traces: every instrument aggregated, every request's span sampled
//   mcpforge-telemetry-bench metrics    the meter only
//   mcpforge-telemetry-bench traces     the activity source only
// Metrics go to an in-memory exporter read every 10 s; spans end in a processor that counts them, so the figures
// are the SDK's and McpForge's cost without an exporter's I/O.
var mode = args.Length > 0 ? args[0] : "all";
using var meters = mode is "all" or "metrics"
    ? Sdk.CreateMeterProviderBuilder()
        .AddMeter(McpTelemetry.Name)
        .AddInMemoryExporter(new List<Metric>(), reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000)
        .Build()
    : null;
using var tracer = mode is "all" or "traces"
    ? Sdk.CreateTracerProviderBuilder()
        .AddSource(McpTelemetry.Name)
        .SetSampler(new AlwaysOnSampler())
        .AddProcessor(new CountingProcessor())
        .Build()
    : null;

await McpServer.CreateBuilder("quickstart", "1.0.0")
    .AddTools<QuickStartTools>()
    .Build()
    .RunStdioAsync();

/// <summary>Ends every span with a count, as an exporter's batch would take it, without the export.</summary>
internal sealed class CountingProcessor : BaseProcessor<Activity>
{
    private long _ended;

    public override void OnEnd(Activity data) => _ended++;
}
