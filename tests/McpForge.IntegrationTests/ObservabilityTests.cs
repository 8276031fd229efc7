using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>samples/Observability: OpenTelemetry's own SDK collects McpForge's meter and activity source.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task OpenTelemetry_exports_the_request_span_under_the_clients_trace_and_the_metrics()
    {
        await using var server = await HttpServerProcess.StartAsync("dotnet", RepositoryPaths.BuiltAssembly("samples/Observability", "Observability"), "--console");
        using var http = new HttpClient();
        var client = new McpHttpClient(http, server.Mcp);
        using var initialized = await client.SendAsync(client.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}"""));
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        using var call = await client.SendAsync(client.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"forecast","arguments":{"city":"Oslo"},"_meta":{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}}""", session));
        Assert.Contains("Oslo: sunny", await call.Content.ReadAsStringAsync());

        // The console exporter prints spans at once and metrics every second: each line is awaited as the server prints it
        // (bounded), then the output is read whole.
        string[] expected =
        [
            "Activity.DisplayName:        tools/call forecast",
            "Activity.ParentSpanId:       00f067aa0ba902b7",
            "Activity.TraceId:            4bf92f3577b34da6a3ce929d0e0e4736",
            "Activity.DisplayName:        look up Oslo",
            "Metric Name: mcp.server.operation.duration",
            "gen_ai.tool.name: forecast mcp.method.name: tools/call mcp.protocol.version: 2025-11-25 network.transport: tcp",
            "gen_ai.tool.name: forecast mcpforge.tool.outcome: success",
        ];
        await Task.WhenAll(expected.Select(text => server.WaitForOutputAsync(text, TimeSpan.FromSeconds(15))));
        var output = server.Output;
        foreach (var text in expected) Assert.Contains(text, output);
    }
}
