using System;
using Microsoft.Extensions.Logging;

namespace McpForge.Diagnostics;

/// <summary>
/// Every log event of McpForge, source-generated (<c>[LoggerMessage]</c>): no boxing and no formatting unless the level
/// is enabled. Category <c>McpForge</c>. Event ids are stable; docs/observability.md lists them.
/// </summary>
internal static partial class McpLog
{
    [LoggerMessage(1, LogLevel.Error, "{What} failed")]
    public static partial void Failed(ILogger logger, string what, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "{Method} {Target} (request {RequestId}) took {ElapsedMs:0} ms, over the slow-request threshold of {ThresholdMs:0} ms")]
    public static partial void SlowRequest(ILogger logger, string method, string target, string requestId, double elapsedMs, double thresholdMs);

    [LoggerMessage(3, LogLevel.Warning, "A response with id {RequestId} answers no request this server sent; it was dropped")]
    public static partial void UnmatchedResponse(ILogger logger, string requestId);

    [LoggerMessage(4, LogLevel.Warning, "Tool '{Tool}' (request {RequestId}) did not complete within {TimeoutMs:0} ms; answered -32001 and cancelled")]
    public static partial void ToolTimedOut(ILogger logger, string tool, string requestId, double timeoutMs);

    [LoggerMessage(5, LogLevel.Debug, "Session started over {Transport}: client {ClientName} {ClientVersion}, protocol {ProtocolVersion}")]
    public static partial void SessionStarted(ILogger logger, string transport, string clientName, string clientVersion, string protocolVersion);

    [LoggerMessage(6, LogLevel.Debug, "Request {RequestId} ({Method}) cancelled by the client")]
    public static partial void Cancelled(ILogger logger, string requestId, string method);

    [LoggerMessage(7, LogLevel.Debug, "Message refused with {Code}: {Details}")]
    public static partial void Refused(ILogger logger, int code, string details);

    [LoggerMessage(8, LogLevel.Warning, "{What}")]
    public static partial void TransportWarning(ILogger logger, string what);
}
