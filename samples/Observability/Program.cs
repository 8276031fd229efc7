using System;
using System.Linq;
using McpForge;
using McpForge.AspNetCore;
using McpForge.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// An MCP server whose metrics and traces OpenTelemetry collects (docs/observability.md):
//   dotnet run --project samples/Observability -- --urls http://127.0.0.1:3004            OTLP to http://localhost:4317
//   dotnet run --project samples/Observability -- --urls http://127.0.0.1:3004 --console  print them instead
var console = args.Contains("--console");
var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--console").ToArray());
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics =>
    {
        metrics.AddMeter(McpTelemetry.Name);   // "McpForge": every instrument the server has
        if (console) metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 1000);
        else metrics.AddOtlpExporter();
    })
    .WithTracing(tracing =>
    {
        tracing.AddSource(McpTelemetry.Name);  // one SERVER span per request, under the client's traceparent
        tracing.AddSource(WeatherTools.Source.Name);
        if (console) tracing.AddConsoleExporter();
        else tracing.AddOtlpExporter();
    });
builder.Services.AddMcpServer("observability", "1.0.0", mcp => mcp
    .AddGeneratedComponents()
    .Configure(o => o.SlowRequestThreshold = TimeSpan.FromSeconds(1)));
var app = builder.Build();
app.MapMcp("/mcp");
app.MapMcpHealth();
app.Run();
