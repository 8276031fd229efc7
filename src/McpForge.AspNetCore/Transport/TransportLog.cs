using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// The transport's log events, on the server's own logger (category <c>McpForge</c>) with the event ids McpForge gives them
/// (docs/observability.md): 7 for a refused message, 8 for a transport warning.
/// </summary>
internal static partial class TransportLog
{
    /// <summary>OpenTelemetry's <c>network.transport</c> of every HTTP message, for the byte counters.</summary>
    public static readonly KeyValuePair<string, object?> TcpTag = new("network.transport", "tcp");

    [LoggerMessage(7, LogLevel.Debug, "Message refused with {Code}: {Details}")]
    public static partial void Refused(ILogger logger, int code, string details);

    [LoggerMessage(8, LogLevel.Warning, "{What}")]
    public static partial void Warning(ILogger logger, string what);
}
