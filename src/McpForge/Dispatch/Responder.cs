using System;
using System.Globalization;
using System.Text.Json;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Dispatch;

/// <summary>
/// The one way messages leave a connection. Every response is written whole into a pooled buffer, given the
/// 2026-07-28 fields when its request is modern (<c>resultType</c>, cache hints, <c>_meta</c> server identity), ends
/// the request's telemetry, goes to the transport, and is traced. Notifications take the same road.
/// </summary>
internal readonly struct Responder(McpConnection connection)
{
    private McpServer Server => connection.Server;

    /// <summary>A result whose members <paramref name="writeMembers"/> writes inside the result object.</summary>
    public void Result<TState>(RequestId id, ClientProfile? client, in ResultFields fields, TState state, Action<Utf8JsonWriter, TState> writeMembers)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartResult(w, id);
            w.WriteStartObject();
            writeMembers(w, state);
            EndResult(buffer, client, fields);
            SendResult(id, buffer);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>An empty result (<c>{}</c>, or only the 2026-07-28 fields).</summary>
    public void EmptyResult(RequestId id, ClientProfile? client) => Result(id, client, ResultFields.Complete, 0, static (_, _) => { });

    /// <summary>
    /// Ends the result a call wrote through <see cref="McpCall.BeginResult"/> and sends it; a result that outgrows
    /// <see cref="McpServerOptions.MaxResponseBytes"/> while it is finished is answered with -32603 instead.
    /// </summary>
    public void FinishResult(McpCall call, MessageBuffer result, in ResultFields fields, string what, string name)
    {
        try
        {
            EndResult(result, call.Client, fields);
        }
        catch (ResponseTooLargeException ex)
        {
            ResponseTooLarge(call.RequestId, what, name, ex.Limit);
            return;
        }
        SendResult(call.RequestId, result);
    }

    /// <summary>
    /// -32603 for a result over <see cref="McpServerOptions.MaxResponseBytes"/>: "the result of <paramref name="what"/>
    /// '<paramref name="name"/>'" (given apart, so that no call builds that text unless it fails).
    /// </summary>
    public void ResponseTooLarge(RequestId id, string what, string name, long limit) =>
        Error(id, JsonRpcErrorCode.InternalError, string.Create(CultureInfo.InvariantCulture,
            $"The result of {what} '{name}' is over the limit of {limit} bytes (McpServerOptions.MaxResponseBytes); writing stopped there."));

    /// <summary>An error whose data is <c>{"details": …}</c>.</summary>
    public void Error(RequestId id, int code, string details) => Error(id, code, details, 0, null);

    /// <summary>An error whose data has <c>details</c> (unless null) and what <paramref name="writeData"/> adds.</summary>
    public void Error<TState>(RequestId id, int code, string? details, TState state, Action<Utf8JsonWriter, TState>? writeData)
    {
        if (IsRefusal(code))
        {
            Diagnostics.McpLog.Refused(Server.Logger, code, details ?? JsonRpcWriter.MessageText(code)); // the client's doing, not a failure: Debug
        }
        Write(id, code, details, state, writeData);
    }

    /// <summary>-32601 with <c>{"method": …}</c>.</summary>
    public void MethodNotFound(RequestId id, string method)
    {
        Diagnostics.McpLog.Refused(Server.Logger, JsonRpcErrorCode.MethodNotFound, method);
        Write(id, JsonRpcErrorCode.MethodNotFound, null, method, static (w, m) => w.WriteString("method"u8, m));
    }

    private void Write<TState>(RequestId id, int code, string? details, TState state, Action<Utf8JsonWriter, TState>? writeData)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartError(w, id, code);
            if (details is not null) w.WriteString("details"u8, details);
            writeData?.Invoke(w, state);
            JsonRpcWriter.EndError(w);
            Send(id, buffer.WrittenSpan, code);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Sends a notification whose params <paramref name="writeParams"/> writes, on the stream of <paramref name="relatedRequest"/>.</summary>
    public void Notification<TState>(ReadOnlySpan<byte> method, RequestId relatedRequest, TState state, Action<Utf8JsonWriter, TState> writeParams)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            JsonRpcWriter.StartNotification(buffer.Json, method);
            writeParams(buffer.Json, state);
            JsonRpcWriter.EndMessage(buffer.Json);
            connection.Sink.Send(buffer.WrittenSpan, McpMessageRoute.NotificationFor(relatedRequest));
            Server.Tracer?.Outgoing(connection.SessionId, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Sends <c>notifications/message</c> (the caller checked that the client wants <paramref name="level"/>).</summary>
    public void Log(Protocol.McpLogLevel level, string message, string? logger, RequestId relatedRequest) =>
        Notification("notifications/message"u8, relatedRequest, (level, message, logger), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("level"u8, Protocol.McpLogLevels.Name(s.level));
            if (s.logger is not null) w.WriteString("logger"u8, s.logger);
            w.WriteString("data"u8, s.message);
            w.WriteEndObject();
        });

    /// <summary>Sends the response to <paramref name="id"/>, a result or an error of <paramref name="errorCode"/>: it ends that request.</summary>
    public void Send(RequestId id, ReadOnlySpan<byte> message, int errorCode = 0)
    {
        // The request's span and measurements end before the client can see the response, so whoever reads the
        // response (a test, a client that then reads the server's metrics) finds the request over.
        connection.Telemetry.Complete(id, message);
        connection.Sink.Send(message, McpMessageRoute.ResponseTo(id, errorCode));
        Server.Tracer?.Outgoing(connection.SessionId, message);
    }

    /// <summary>
    /// Sends a result <see cref="EndResult"/> closed. A sink that batches takes its body and its end apart, so the end is
    /// copied once, unless something must read the whole response first (an observed request, the message trace).
    /// </summary>
    private void SendResult(RequestId id, MessageBuffer result)
    {
        if (connection.Sink is IMcpSplitMessageSink split && Server.Tracer is null && !connection.Telemetry.Observing)
        {
            split.Send(result.Body, result.End, McpMessageRoute.ResponseTo(id));
            return;
        }
        Send(id, result.WrittenSpan);
    }

    // The names and values of the 2026-07-28 fields, encoded once: a result then copies them without checking them for escapes.
    private static readonly JsonEncodedText s_resultType = JsonEncodedText.Encode("resultType"u8);
    private static readonly JsonEncodedText s_complete = JsonEncodedText.Encode("complete"u8);
    private static readonly JsonEncodedText s_inputRequired = JsonEncodedText.Encode("input_required"u8);
    private static readonly JsonEncodedText s_task = JsonEncodedText.Encode("task"u8);
    private static readonly JsonEncodedText s_ttlMs = JsonEncodedText.Encode("ttlMs"u8);
    private static readonly JsonEncodedText s_cacheScope = JsonEncodedText.Encode("cacheScope"u8);
    private static readonly JsonEncodedText s_public = JsonEncodedText.Encode("public"u8);
    private static readonly JsonEncodedText s_private = JsonEncodedText.Encode("private"u8);
    private static readonly JsonEncodedText s_meta = JsonEncodedText.Encode("_meta"u8);

    /// <summary>
    /// Closes a result object: the 2026-07-28 fields for a modern client, then the braces. Throws
    /// <see cref="ResponseTooLargeException"/> when the result is over its buffer's limit.
    /// </summary>
    private void EndResult(MessageBuffer buffer, ClientProfile? client, in ResultFields fields)
    {
        var w = buffer.Json;
        if (client is { IsModern: true })
        {
            var identity = Server.Options.ServerInfoInResults;
            if (fields.IsPlainComplete)
            {
                // Most results: the same members close every one of them, so they are copied as written when the server was built.
                buffer.CompleteWith(identity ? Server.CompleteResultEnd : s_completeResultEndWithoutIdentity);
                return;
            }
            w.WriteString(s_resultType, fields.IsTask ? s_task : fields.IsInputRequired ? s_inputRequired : s_complete);
            if (fields.HasCacheHints)
            {
                w.WriteNumber(s_ttlMs, fields.TtlMs);
                w.WriteString(s_cacheScope, fields.Scope == McpCacheScope.Public ? s_public : s_private);
            }
            if (fields.Subscription.IsValid)
            {
                w.WriteStartObject(s_meta);
                w.WritePropertyName("io.modelcontextprotocol/subscriptionId"u8);
                fields.Subscription.WriteTo(w);
                if (identity)
                {
                    w.WritePropertyName("io.modelcontextprotocol/serverInfo"u8);
                    w.WriteRawValue(Server.Implementation, skipInputValidation: true);
                }
                w.WriteEndObject();
            }
            else if (identity)
            {
                w.WritePropertyName(s_meta);
                w.WriteRawValue(Server.ResultMeta, skipInputValidation: true);
            }
        }
        w.WriteEndObject();
        JsonRpcWriter.EndMessage(w);
        w.Flush(); // into the buffer now, so that a result over the limit is refused here (ResponseTooLargeException)
    }

    /// <summary>The end of a complete 2026-07-28 result with no cache hints when results do not name the server (comma first, as <see cref="McpServer.CompleteResultEnd"/>).</summary>
    private static readonly byte[] s_completeResultEndWithoutIdentity = ",\"resultType\":\"complete\"}}"u8.ToArray();

    /// <summary>Codes that say the client sent something wrong (logged at Debug), as opposed to a server failure.</summary>
    private static bool IsRefusal(int code) => code is JsonRpcErrorCode.ParseError or JsonRpcErrorCode.InvalidRequest
        or JsonRpcErrorCode.MethodNotFound or JsonRpcErrorCode.InvalidParams or JsonRpcErrorCode.ServerBusy
        or JsonRpcErrorCode.HeaderMismatch or JsonRpcErrorCode.MissingRequiredClientCapability or JsonRpcErrorCode.UnsupportedProtocolVersion;
}
