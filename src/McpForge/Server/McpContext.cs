using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Tools;
using Microsoft.Extensions.Logging;

namespace McpForge;

/// <summary>
/// What a tool can do besides returning a result: report progress, log to the client, ask the client for
/// something (sampling, elicitation, roots), and learn about the client and the request. Declare a parameter of
/// this type to receive it; it is not part of the input schema.
/// </summary>
public sealed partial class McpContext
{
    private readonly McpSession _session;
    private readonly McpToolCall _call;
    private ILogger? _logger;

    internal McpContext(McpSession session, McpToolCall call)
    {
        _session = session;
        _call = call;
    }

    /// <summary>The id of the request being served.</summary>
    public RequestId RequestId => _call.RequestId;

    /// <summary>Cancelled when the client cancels the request or it times out.</summary>
    public CancellationToken CancellationToken => _call.CancellationToken;

    /// <summary>The protocol version agreed with the client.</summary>
    public string ProtocolVersion => _session.ProtocolVersion ?? McpProtocolVersions.Latest;

    /// <summary>
    /// The authenticated caller (its claims: subject, scopes, …) when the transport authenticates (Streamable HTTP with
    /// authentication, docs/authorization.md); null over stdio, whose server runs as the user who started it.
    /// </summary>
    public System.Security.Claims.ClaimsPrincipal? User => _call.User;

    /// <summary>The client's name and version.</summary>
    public McpClientInfo? ClientInfo => _session.ClientInfo;

    /// <summary>What the client declared it can do (<c>roots</c>, <c>sampling</c>, <c>elicitation</c>).</summary>
    public McpClientCapabilities ClientCapabilities => _session.ClientCapabilities;

    /// <summary>The server, for notifications to clients (<see cref="McpServer.NotifyResourceUpdatedAsync"/>).</summary>
    public McpServer Server => _session.Server;

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _session.Server.Services;

    /// <summary>True when the client asked for progress (sent a <c>progressToken</c>); otherwise progress reports are dropped.</summary>
    public bool ProgressRequested => _call.ProgressToken.IsValid;

    /// <summary>
    /// Sends <c>notifications/progress</c> for this request, if the client asked for progress. The token is echoed
    /// with the JSON type the client gave it (integer or string). Progress should increase with each report;
    /// nothing is sent once the call has finished.
    /// </summary>
    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null)
    {
        if (!_call.ProgressToken.IsValid || !_call.IsRunning)
        {
            return ValueTask.CompletedTask;
        }
        _session.SendNotification("notifications/progress"u8, _call.RequestId, (_call.ProgressToken, progress, total, message), static (w, s) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("progressToken"u8);
            s.ProgressToken.WriteTo(w);
            w.WriteNumber("progress"u8, s.progress);
            if (s.total is double total) w.WriteNumber("total"u8, total);
            if (s.message is not null) w.WriteString("message"u8, s.message);
            w.WriteEndObject();
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends <c>notifications/message</c> to the client when <paramref name="level"/> is at least the level it set
    /// with <c>logging/setLevel</c> (default <see cref="McpLogLevel.Info"/>). Over Streamable HTTP it travels on this
    /// request's stream.
    /// </summary>
    public ValueTask LogAsync(McpLogLevel level, string message, string? logger = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _session.SendLog(level, message, logger, _call.RequestId);
        return ValueTask.CompletedTask;
    }

    /// <summary>Logs at <see cref="McpLogLevel.Debug"/>.</summary>
    public ValueTask LogDebugAsync(string message) => LogAsync(McpLogLevel.Debug, message);

    /// <summary>Logs at <see cref="McpLogLevel.Info"/>.</summary>
    public ValueTask LogInfoAsync(string message) => LogAsync(McpLogLevel.Info, message);

    /// <summary>Logs at <see cref="McpLogLevel.Warning"/>.</summary>
    public ValueTask LogWarningAsync(string message) => LogAsync(McpLogLevel.Warning, message);

    /// <summary>Logs at <see cref="McpLogLevel.Error"/>.</summary>
    public ValueTask LogErrorAsync(string message) => LogAsync(McpLogLevel.Error, message);

    /// <summary>
    /// An <see cref="ILogger"/> whose entries reach this client as <c>notifications/message</c> (with the tool's name as
    /// the <c>logger</c>), at or above the level the client set; <see cref="ILogger.IsEnabled"/> answers from that level,
    /// so disabled entries cost nothing. Use it to hand a client-visible logger to library code.
    /// </summary>
    public ILogger Logger => _logger ??= new ClientLogger(_session, _call.Tool.Name, _call.RequestId);

    /// <summary>
    /// Ends this request's Streamable HTTP stream for now (SSE polling, SEP-1699) while the tool keeps running: the
    /// client reconnects after the retry interval with <c>Last-Event-ID</c> and receives the progress, logs and result
    /// sent meanwhile. Frees the connection during long work. Returns false, and does nothing, where the transport
    /// cannot resume the stream (stdio, stateless HTTP, a client older than 2025-11-25, no event store).
    /// </summary>
    public bool CloseSseStream() => _call.IsRunning && _session.EndStreamForPolling(_call.RequestId);
}
