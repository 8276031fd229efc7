using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Tools;

namespace McpForge;

/// <summary>
/// What a tool can do besides returning a result: report progress, log to the client, and learn about the
/// client and the request. Declare a parameter of this type to receive it; it is not part of the input schema.
/// </summary>
public sealed class McpContext
{
    private readonly McpSession _session;
    private readonly McpToolCall _call;

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

    /// <summary>The client's name and version.</summary>
    public McpClientInfo? ClientInfo => _session.ClientInfo;

    /// <summary>The server, for notifications to clients (<see cref="McpServer.NotifyResourceUpdatedAsync"/>).</summary>
    public McpServer Server => _session.Server;

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _session.Server.Services;

    /// <summary>True when the client asked for progress (sent a <c>progressToken</c>); otherwise progress reports are dropped.</summary>
    public bool ProgressRequested => _call.ProgressToken.IsValid;

    /// <summary>
    /// Sends <c>notifications/progress</c> for this request, if the client asked for progress. Progress should
    /// increase with each report; nothing is sent once the call has finished.
    /// </summary>
    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null)
    {
        if (!_call.ProgressToken.IsValid || !_call.IsRunning)
        {
            return ValueTask.CompletedTask;
        }
        _session.SendNotification("notifications/progress"u8, (_call.ProgressToken, progress, total, message), static (w, s) =>
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
    /// with <c>logging/setLevel</c> (default <see cref="McpLogLevel.Info"/>).
    /// </summary>
    public ValueTask LogAsync(McpLogLevel level, string message, string? logger = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (level < _session.LogLevel)
        {
            return ValueTask.CompletedTask;
        }
        _session.SendNotification("notifications/message"u8, (level, message, logger), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("level"u8, McpLogLevels.Name(s.level));
            if (s.logger is not null) w.WriteString("logger"u8, s.logger);
            w.WriteString("data"u8, s.message);
            w.WriteEndObject();
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>What the client declared it can do (<c>roots</c>, <c>sampling</c>, <c>elicitation</c>).</summary>
    public McpClientCapabilities ClientCapabilities => _session.ClientCapabilities;

    /// <summary>
    /// Asks the client for its roots (<c>roots/list</c>). Throws <see cref="InvalidOperationException"/> when the client
    /// did not declare the <c>roots</c> capability, <see cref="McpClientException"/> when it answers with an error, and
    /// <see cref="TimeoutException"/> when it does not answer within <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task<IReadOnlyList<McpRoot>> ListRootsAsync(TimeSpan? timeout = null)
    {
        if ((_session.ClientCapabilities & McpClientCapabilities.Roots) == 0)
        {
            throw new InvalidOperationException("The client did not declare the 'roots' capability, so it cannot be asked for its roots.");
        }
        var result = await _session.SendRequestAsync("roots/list", 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }, timeout ?? TimeSpan.FromSeconds(30), CancellationToken).ConfigureAwait(false);
        var roots = new List<McpRoot>();
        if (result.TryGetProperty("roots"u8, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var root in array.EnumerateArray())
            {
                if (root.TryGetProperty("uri"u8, out var uri) && uri.ValueKind == JsonValueKind.String)
                {
                    roots.Add(new McpRoot(uri.GetString()!, root.TryGetProperty("name"u8, out var name) ? name.GetString() : null));
                }
            }
        }
        return roots;
    }

    /// <summary>
    /// Asks the client's model for a completion (<c>sampling/createMessage</c>): the client may show it to the user
    /// first. Throws <see cref="InvalidOperationException"/> when the client did not declare <c>sampling</c>,
    /// <see cref="McpClientException"/> for an error answer (such as a user's refusal), and <see cref="TimeoutException"/>
    /// when it does not answer within <paramref name="timeout"/> (default 2 minutes).
    /// </summary>
    public async Task<SamplingResult> SampleAsync(IReadOnlyList<PromptMessage> messages, int maxTokens, string? systemPrompt = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        if ((_session.ClientCapabilities & McpClientCapabilities.Sampling) == 0)
        {
            throw new InvalidOperationException("The client did not declare the 'sampling' capability, so it cannot be asked to sample.");
        }
        var result = await _session.SendRequestAsync("sampling/createMessage", (messages, maxTokens, systemPrompt), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("messages"u8);
            foreach (var message in s.messages) message.WriteTo(w);
            w.WriteEndArray();
            w.WriteNumber("maxTokens"u8, s.maxTokens);
            if (s.systemPrompt is not null) w.WriteString("systemPrompt"u8, s.systemPrompt);
            w.WriteEndObject();
        }, timeout ?? TimeSpan.FromMinutes(2), CancellationToken).ConfigureAwait(false);

        var role = result.TryGetProperty("role"u8, out var r) && r.ValueEquals("user"u8) ? Role.User : Role.Assistant;
        var model = result.TryGetProperty("model"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        var stop = result.TryGetProperty("stopReason"u8, out var sr) && sr.ValueKind == JsonValueKind.String ? sr.GetString() : null;
        return new SamplingResult(role, ReadContent(result), model, stop);
    }

    private static ContentBlock ReadContent(JsonElement result)
    {
        if (!result.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Object)
        {
            throw new McpClientException(0, "The sampling result has no content object.");
        }
        var type = content.TryGetProperty("type"u8, out var t) ? t.GetString() : null;
        string Text(string name) => content.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        return type switch
        {
            "text" => new TextContent(Text("text")),
            "image" => new ImageContent(Convert.FromBase64String(Text("data")), Text("mimeType")),
            "audio" => new AudioContent(Convert.FromBase64String(Text("data")), Text("mimeType")),
            _ => throw new McpClientException(0, $"The sampling result has content of type '{type}', which this server does not read."),
        };
    }

    /// <summary>Logs at <see cref="McpLogLevel.Debug"/>.</summary>
    public ValueTask LogDebugAsync(string message) => LogAsync(McpLogLevel.Debug, message);

    /// <summary>Logs at <see cref="McpLogLevel.Info"/>.</summary>
    public ValueTask LogInfoAsync(string message) => LogAsync(McpLogLevel.Info, message);

    /// <summary>Logs at <see cref="McpLogLevel.Warning"/>.</summary>
    public ValueTask LogWarningAsync(string message) => LogAsync(McpLogLevel.Warning, message);

    /// <summary>Logs at <see cref="McpLogLevel.Error"/>.</summary>
    public ValueTask LogErrorAsync(string message) => LogAsync(McpLogLevel.Error, message);
}
