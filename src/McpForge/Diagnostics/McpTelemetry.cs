using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpForge.Diagnostics;

/// <summary>
/// The <c>McpForge</c> meter and activity source, named after the OpenTelemetry semantic conventions for MCP where they
/// exist (<c>mcp.server.operation.duration</c>, <c>mcp.server.session.duration</c>, the <c>mcp.*</c>, <c>gen_ai.*</c>,
/// <c>error.type</c> and <c>rpc.response.status_code</c> attributes) and <c>mcpforge.*</c> where they do not. With no
/// listener attached nothing is measured or allocated: every use first asks <see cref="IsOn"/>.
/// </summary>
public static class McpTelemetry
{
    /// <summary>The name of the meter and of the activity source: what OpenTelemetry is told to collect.</summary>
    public const string Name = "McpForge";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>("mcp.server.operation.duration", "s",
        "MCP request duration as observed on the server, from the time it was received until its response was sent.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    internal static readonly Histogram<double> SessionDuration = Meter.CreateHistogram<double>("mcp.server.session.duration", "s",
        "The duration of the MCP session as observed on the server.");

    internal static readonly UpDownCounter<long> ActiveRequests = Meter.CreateUpDownCounter<long>("mcpforge.server.requests.active", "{request}",
        "Requests received whose response has not been sent.");

    internal static readonly Counter<long> Responses = Meter.CreateCounter<long>("mcpforge.server.responses", "{response}",
        "Responses sent, by JSON-RPC error code (rpc.response.status_code; OK for a result).");

    internal static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>("mcpforge.server.tool.calls", "{call}",
        "tools/call by outcome (mcpforge.tool.outcome: success, tool_error, invalid_arguments, exception, timeout, cancelled, serialization_failure, forbidden).");

    internal static readonly Counter<long> SerializationFailures = Meter.CreateCounter<long>("mcpforge.server.serialization.failures", "{failure}",
        "Results that could not be written (the response became -32603).");

    /// <summary><c>mcpforge.server.bytes.received</c>: a transport adds the bytes of each message it reads (tag <c>network.transport</c>).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental(Transports.TransportApi.DiagnosticId, UrlFormat = Transports.TransportApi.Url)]
    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("mcpforge.server.bytes.received", "By",
        "Bytes of the JSON-RPC messages received.");

    /// <summary><c>mcpforge.server.bytes.sent</c>: a transport adds the bytes of each message it writes (tag <c>network.transport</c>).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental(Transports.TransportApi.DiagnosticId, UrlFormat = Transports.TransportApi.Url)]
    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("mcpforge.server.bytes.sent", "By",
        "Bytes of the JSON-RPC messages sent.");

    internal static readonly UpDownCounter<long> ActiveSessions = Meter.CreateUpDownCounter<long>("mcpforge.server.sessions.active", "{session}",
        "Sessions open.");

    /// <summary>True when anything listens: a meter listener on the request instruments, or an activity listener.</summary>
    internal static bool IsOn =>
        OperationDuration.Enabled || ToolCalls.Enabled || Responses.Enabled || ActiveRequests.Enabled || Source.HasListeners();

    internal static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
