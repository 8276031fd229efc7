using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Tools;

namespace McpForge.Server;

/// <summary>
/// One client connection: the protocol state (initialization, negotiated version, log level) and the requests
/// in flight. Transports hand it complete messages; it answers through an <see cref="IMessageSink"/>.
/// </summary>
/// <remarks>
/// A request runs on the transport's read loop until it first awaits, as in ASP.NET Core; synchronous tools and
/// the built-in methods therefore answer without a thread hop. Calls that go asynchronous are tracked until
/// their single outcome (completed, cancelled by the client, or timed out) is decided.
/// </remarks>
internal sealed partial class McpSession
{
    private readonly IMessageSink _sink;
    private readonly ConcurrentDictionary<RequestId, McpToolCall> _inFlight = new();
    private readonly object _capacityGate = new();
    private TaskCompletionSource? _drainWaiter;
    private int _pendingResponses;
    private volatile bool _initialized;
    private volatile int _logLevel = (int)McpLogLevel.Info;

    public McpSession(McpServer server, IMessageSink sink, bool canNotify = true, string transport = "pipe", string? sessionId = null)
    {
        Server = server;
        _sink = sink;
        CanNotify = canNotify;
        Transport = transport;
        SessionId = sessionId;
    }

    /// <summary>The transport, as OpenTelemetry's <c>network.transport</c> names it: <c>pipe</c> (stdio) or <c>tcp</c> (HTTP).</summary>
    public string Transport { get; }

    /// <summary>The Streamable HTTP session id, or null.</summary>
    public string? SessionId { get; }

    /// <summary>When the session started (<see cref="System.Diagnostics.Stopwatch"/> ticks), for <c>mcp.server.session.duration</c>.</summary>
    public long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>
    /// False when the transport has no way to reach the client outside a request (stateless HTTP): the session then
    /// declares neither subscriptions nor list changes, and refuses <c>resources/subscribe</c>.
    /// </summary>
    public bool CanNotify { get; }

    /// <summary>
    /// Marks a session initialized without an <c>initialize</c> exchange, for stateless HTTP where every request comes
    /// on its own: the version is the request's <c>MCP-Protocol-Version</c> header (or 2025-03-26, as the spec says),
    /// and the client declared no capabilities, so it is never sent requests of the server's own.
    /// </summary>
    public void InitializeStateless(string protocolVersion)
    {
        ProtocolVersion = protocolVersion;
        ClientInfo = new McpClientInfo(string.Empty, string.Empty);
        _initialized = true;
    }

    public McpServer Server { get; }

    /// <summary>The protocol version agreed at <c>initialize</c>, or null before it.</summary>
    public string? ProtocolVersion { get; private set; }

    /// <summary>The client's <c>clientInfo</c>, or null before <c>initialize</c>.</summary>
    public McpClientInfo? ClientInfo { get; private set; }

    /// <summary>The least severe level the client wants in <c>notifications/message</c>.</summary>
    public McpLogLevel LogLevel => (McpLogLevel)_logLevel;

    /// <summary>Completes when the transport can take more output (a stdio client that stops reading holds tools here).</summary>
    internal ValueTask WaitForOutputRoomAsync() => _sink.WaitForRoomAsync();

    /// <summary>Handles one complete incoming message (without its line ending). Never throws for bad input.</summary>
    public void HandleMessage(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty || message.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return; // An empty line carries no message; JSON-RPC has nothing to answer.
        }
        if (!System.Text.Unicode.Utf8.IsValid(message))
        {
            Server.Tracer?.Incoming(SessionId, message);
            SendError(default, JsonRpcErrorCode.ParseError, "The message is not valid UTF-8.");
            return;
        }

        JsonRpcEnvelope envelope;
        try
        {
            envelope = JsonRpcEnvelope.Read(message, Server.Options.MaxJsonDepth);
        }
        catch (JsonException ex)
        {
            Server.Tracer?.Incoming(SessionId, message);
            SendError(default, JsonRpcErrorCode.ParseError, "The message is not valid JSON: " + ex.Message);
            return;
        }
        try
        {
            if (envelope.Kind == JsonRpcMessageKind.Request && TakesSlot(envelope.Method) && _initialized)
            {
                Admit(envelope, message, McpCaller.Unchecked);
                return;
            }
            Dispatch(envelope, message, McpCaller.Unchecked);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The last line of defence: a message that breaks a handler must not end the read loop (and the server).
            // Every such case is a bug; the fuzz targets treat the -32603 as a finding.
            LogException("handling a message", ex);
            if (envelope.Kind == JsonRpcMessageKind.Request) SendError(envelope.Id, JsonRpcErrorCode.InternalError, "The server failed to handle the request: " + ex.Message);
        }
    }

    /// <summary>
    /// Handles a message whose envelope the transport already read (Streamable HTTP reads it to route the reply), from
    /// <paramref name="caller"/> as the transport authenticated it.
    /// </summary>
    internal void Dispatch(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, McpCaller caller)
    {
        Server.Tracer?.Incoming(SessionId, message);
        switch (envelope.Kind)
        {
            case JsonRpcMessageKind.Invalid:
                SendError(envelope.Id, JsonRpcErrorCode.InvalidRequest, envelope.Problem!);
                return;
            case JsonRpcMessageKind.Response:
                HandleResponse(envelope, message);
                return;
            case JsonRpcMessageKind.Notification:
                HandleNotification(envelope, envelope.Params(message));
                return;
            default:
                HandleRequest(envelope, envelope.Params(message), caller);
                return;
        }
    }

    /// <summary>Answers a message that was too large to read (its id is unknown, so the error carries none).</summary>
    public void RejectOversizedMessage() =>
        SendError(default, JsonRpcErrorCode.InvalidRequest, string.Create(CultureInfo.InvariantCulture,
            $"The message exceeds the maximum size of {Server.Options.MaxMessageBytes} bytes (McpServerOptions.MaxMessageBytes)."));

    private void HandleRequest(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params, McpCaller caller)
    {
        var id = envelope.Id;
        // Telemetry costs nothing unless something listens: then the request gets a span and its measurements.
        var previousActivity = StartObserving(envelope, @params, out var observing);
        try
        {
            switch (envelope.Method)
            {
                case McpMethod.Unknown:
                    SendMethodNotFound(id, envelope.UnknownMethodName!);
                    return;
                case McpMethod.NotificationsInitialized:
                case McpMethod.NotificationsCancelled:
                    SendError(id, JsonRpcErrorCode.InvalidRequest, $"'{MethodName(envelope.Method)}' is a notification and must not have an id.");
                    return;
                case McpMethod.Initialize:
                    HandleInitialize(id, @params);
                    return;
                case McpMethod.Ping:
                    SendEmptyResult(id);
                    return;
            }

            if (!_initialized)
            {
                SendError(id, JsonRpcErrorCode.InvalidRequest,
                    $"'{MethodName(envelope.Method)}' was received before 'initialize'. Send 'initialize' first; only 'ping' may precede it.");
                return;
            }

            switch (envelope.Method)
            {
                case McpMethod.ToolsList or McpMethod.ToolsCall when Server.ToolCount == 0:
                case McpMethod.PromptsList or McpMethod.PromptsGet when Server.PromptCount == 0:
                case McpMethod.ResourcesList or McpMethod.ResourcesTemplatesList or McpMethod.ResourcesRead
                    or McpMethod.ResourcesSubscribe or McpMethod.ResourcesUnsubscribe when Server.ResourceCount == 0:
                case McpMethod.CompletionComplete when !Server.HasCompletions:
                    // The server did not declare the capability, so the method does not exist for this client.
                    SendMethodNotFound(id, MethodName(envelope.Method));
                    return;
                case McpMethod.ToolsList:
                    HandleList(id, @params, Server.Tools.All, "tools"u8, caller);
                    return;
                case McpMethod.ToolsCall:
                    HandleToolsCall(id, @params, caller);
                    return;
                case McpMethod.PromptsList:
                    HandleList(id, @params, Server.Prompts.All, "prompts"u8, caller);
                    return;
                case McpMethod.PromptsGet:
                    HandlePromptsGet(id, @params, caller);
                    return;
                case McpMethod.ResourcesList:
                    HandleList(id, @params, Server.Resources.Resources, "resources"u8, caller);
                    return;
                case McpMethod.ResourcesTemplatesList:
                    HandleList(id, @params, Server.Resources.Templates, "resourceTemplates"u8, caller);
                    return;
                case McpMethod.ResourcesRead:
                    HandleResourcesRead(id, @params, caller);
                    return;
                case McpMethod.CompletionComplete:
                    HandleComplete(id, @params, caller);
                    return;
                case McpMethod.ResourcesSubscribe:
                    HandleSubscription(id, @params, subscribe: true, caller);
                    return;
                case McpMethod.ResourcesUnsubscribe:
                    HandleSubscription(id, @params, subscribe: false, caller);
                    return;
                case McpMethod.LoggingSetLevel:
                    HandleSetLevel(id, @params);
                    return;
            }
        }
        catch (JsonException ex)
        {
            // The envelope was valid JSON, so this is a params shape the handler could not read.
            SendError(id, JsonRpcErrorCode.InvalidParams, "The params could not be read: " + ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogException("handling " + MethodName(envelope.Method), ex);
            SendError(id, JsonRpcErrorCode.InternalError, ex.Message);
        }
        finally
        {
            // The read loop goes on to other requests: the span stays current only in this request's own flow.
            if (observing) System.Diagnostics.Activity.Current = previousActivity;
        }
    }

    private void HandleNotification(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params)
    {
        try
        {
            switch (envelope.Method)
            {
                case McpMethod.NotificationsCancelled:
                    HandleCancelled(@params);
                    break;
                case McpMethod.NotificationsInitialized:
                    break;
                default:
                    break; // Unknown notifications are ignored, as JSON-RPC requires (nothing may answer them).
            }
        }
        catch (JsonException)
        {
            // A malformed notification cannot be answered; it is dropped.
        }
    }

    private void HandleInitialize(RequestId id, ReadOnlySpan<byte> @params)
    {
        if (_initialized)
        {
            SendError(id, JsonRpcErrorCode.InvalidRequest, "The session is already initialized.");
            return;
        }

        string? requested = null;
        string? clientName = null, clientVersion = null;
        var capabilities = McpClientCapabilities.None;
        if (!TryStartParams(id, @params, out var reader)) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("protocolVersion"u8))
            {
                reader.Read();
                requested = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("capabilities"u8))
            {
                reader.Read();
                capabilities = ReadClientCapabilities(ref reader);
            }
            else if (reader.ValueTextEquals("clientInfo"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isName = reader.ValueTextEquals("name"u8);
                        var isVersion = reader.ValueTextEquals("version"u8);
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            if (isName) clientName = reader.GetString();
                            else if (isVersion) clientVersion = reader.GetString();
                        }
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (requested is null)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams, "initialize requires \"protocolVersion\" (a string).");
            return;
        }

        ProtocolVersion = McpProtocolVersions.Negotiate(requested);
        ClientInfo = new McpClientInfo(clientName ?? string.Empty, clientVersion ?? string.Empty);
        ClientCapabilities = capabilities;
        _initialized = true;
        Diagnostics.McpLog.SessionStarted(Server.Logger, Transport, ClientInfo.Name, ClientInfo.Version, ProtocolVersion);

        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartResult(w, id);
            w.WriteStartObject();
            w.WriteString("protocolVersion"u8, ProtocolVersion);
            // Exactly what this server has: a client must not be told about methods that answer -32601.
            w.WriteStartObject("capabilities"u8);
            if (Server.HasCompletions)
            {
                w.WriteStartObject("completions"u8);
                w.WriteEndObject();
            }
            w.WriteStartObject("logging"u8);
            w.WriteEndObject();
            if (Server.PromptCount > 0)
            {
                w.WriteStartObject("prompts"u8);
                w.WriteBoolean("listChanged"u8, CanNotify);
                w.WriteEndObject();
            }
            if (Server.ResourceCount > 0)
            {
                w.WriteStartObject("resources"u8);
                w.WriteBoolean("subscribe"u8, CanNotify);
                w.WriteBoolean("listChanged"u8, CanNotify);
                w.WriteEndObject();
            }
            if (Server.ToolCount > 0)
            {
                w.WriteStartObject("tools"u8);
                w.WriteBoolean("listChanged"u8, CanNotify);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("serverInfo"u8);
            w.WriteString("name"u8, Server.Name);
            w.WriteString("version"u8, Server.Version);
            w.WriteEndObject();
            if (Server.Options.Instructions is { } instructions)
            {
                w.WriteString("instructions"u8, instructions);
            }
            w.WriteEndObject();
            JsonRpcWriter.EndMessage(w);
            SendResponse(id, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>A page of a list method (<c>tools/list</c>, <c>prompts/list</c>): precomputed descriptors, written as they are.</summary>
    private void HandleList(RequestId id, ReadOnlySpan<byte> @params, McpComponent[] items, ReadOnlySpan<byte> arrayName, McpCaller caller)
    {
        if (caller.Checks) items = Array.FindAll(items, item => caller.IsAllowed(item.Authorization)); // each caller sees what it may use
        var offset = 0;
        if (!@params.IsEmpty)
        {
            if (!TryStartParams(id, @params, out var reader)) return;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("cursor"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Null && !TryDecodeCursor(ref reader, items.Length, out offset))
                    {
                        SendError(id, JsonRpcErrorCode.InvalidParams, "The cursor is not one this server issued.");
                        return;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        var end = Math.Min(items.Length, offset + Server.Options.PageSize);
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartResult(w, id);
            w.WriteStartObject();
            w.WriteStartArray(arrayName);
            for (var i = offset; i < end; i++)
            {
                w.WriteRawValue(items[i].ListEntryFor(Server.Options.SchemaStyle), skipInputValidation: true);
            }
            w.WriteEndArray();
            if (end < items.Length)
            {
                w.WriteString("nextCursor"u8, end.ToString(CultureInfo.InvariantCulture));
            }
            w.WriteEndObject();
            JsonRpcWriter.EndMessage(w);
            SendResponse(id, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Cursors are the decimal offset of the next page; anything else was not issued by this server.</summary>
    private static bool TryDecodeCursor(ref Utf8JsonReader reader, int count, out int offset)
    {
        offset = 0;
        return reader.TokenType == JsonTokenType.String
            && !reader.ValueIsEscaped
            && int.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset >= 0 && offset < count;
    }

    private void HandleSetLevel(RequestId id, ReadOnlySpan<byte> @params)
    {
        if (!TryStartParams(id, @params, out var reader)) return;
        McpLogLevel? level = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLevel = reader.ValueTextEquals("level"u8);
            reader.Read();
            if (isLevel && reader.TokenType == JsonTokenType.String)
            {
                level = McpLogLevels.Parse(ref reader);
            }
            reader.Skip();
        }
        if (level is not McpLogLevel value)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams,
                "logging/setLevel requires \"level\": one of debug, info, notice, warning, error, critical, alert, emergency.");
            return;
        }
        _logLevel = (int)value;
        SendEmptyResult(id);
    }

    private void HandleCancelled(ReadOnlySpan<byte> @params)
    {
        if (@params.IsEmpty) return;
        var reader = new Utf8JsonReader(@params);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isRequestId = reader.ValueTextEquals("requestId"u8);
            reader.Read();
            if (isRequestId && RequestId.TryRead(ref reader, out var requestId))
            {
                // A cancellation for a request that already finished, or never arrived, is ignored (MCP cancellation §).
                if (!TryCancel(requestId)) TryCancelQueued(requestId);
            }
            reader.Skip();
        }
    }

    /// <summary>
    /// Cancels a call in flight as <c>notifications/cancelled</c> does: its token fires and it gets no response.
    /// False when no such call is running (it finished, or never went asynchronous).
    /// </summary>
    internal bool TryCancel(RequestId requestId)
    {
        if (!_inFlight.TryGetValue(requestId, out var call) || !call.TryFinish(McpToolCall.CancelledByClient))
        {
            return false;
        }
        _inFlight.TryRemove(new(requestId, call));
        ResponseDecided(call);
        Diagnostics.McpLog.Cancelled(Server.Logger, requestId.ToString(), "tools/call " + call.Tool.Name);
        _sink.Abandon(requestId);
        if (Volatile.Read(ref _observed) > 0 && TryTakeOperation(requestId) is { } operation) operation.Cancelled();
        Server.Deadlines.Remove(call);
        call.CancelToken();
        return true;
    }

    /// <summary>Cancels every call in flight (the session is ending): each token fires and none is answered.</summary>
    internal void CancelAll()
    {
        foreach (var id in _inFlight.Keys)
        {
            TryCancel(id);
        }
    }

    /// <summary>Starts reading params that must be an object; answers -32602 and returns false otherwise.</summary>
    private bool TryStartParams(RequestId id, ReadOnlySpan<byte> @params, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(@params.IsEmpty ? "{}"u8 : @params);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        SendError(id, JsonRpcErrorCode.InvalidParams, "\"params\" must be an object.");
        return false;
    }

    internal static string MethodName(McpMethod method) => method switch
    {
        McpMethod.Initialize => "initialize",
        McpMethod.Ping => "ping",
        McpMethod.ToolsList => "tools/list",
        McpMethod.ToolsCall => "tools/call",
        McpMethod.PromptsList => "prompts/list",
        McpMethod.PromptsGet => "prompts/get",
        McpMethod.ResourcesList => "resources/list",
        McpMethod.ResourcesTemplatesList => "resources/templates/list",
        McpMethod.ResourcesRead => "resources/read",
        McpMethod.CompletionComplete => "completion/complete",
        McpMethod.ResourcesSubscribe => "resources/subscribe",
        McpMethod.ResourcesUnsubscribe => "resources/unsubscribe",
        McpMethod.LoggingSetLevel => "logging/setLevel",
        McpMethod.NotificationsInitialized => "notifications/initialized",
        McpMethod.NotificationsCancelled => "notifications/cancelled",
        _ => "unknown",
    };

    internal void SendError(RequestId id, int code, string details)
    {
        if (code is JsonRpcErrorCode.ParseError or JsonRpcErrorCode.InvalidRequest or JsonRpcErrorCode.MethodNotFound
            or JsonRpcErrorCode.InvalidParams or JsonRpcErrorCode.ServerBusy)
        {
            Diagnostics.McpLog.Refused(Server.Logger, code, details); // what the client sent, not a server failure: Debug
        }
        var buffer = MessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteError(buffer.Json, id, code, details);
            SendResponse(id, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    private void SendMethodNotFound(RequestId id, string method)
    {
        Diagnostics.McpLog.Refused(Server.Logger, JsonRpcErrorCode.MethodNotFound, method);
        var buffer = MessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteMethodNotFound(buffer.Json, id, method);
            SendResponse(id, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    private void SendEmptyResult(RequestId id)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartResult(w, id);
            w.WriteStartObject();
            w.WriteEndObject();
            JsonRpcWriter.EndMessage(w);
            SendResponse(id, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>
    /// Refuses a request for a component the caller may not use: the transport answers it (Streamable HTTP: 403
    /// <c>insufficient_scope</c> naming the missing scopes); otherwise it is a -32003 error.
    /// </summary>
    private void SendForbidden(RequestId id, McpCaller caller, McpComponent component, string kind)
    {
        var requirement = component.Authorization!;
        var missing = caller.Missing(requirement);
        var details = missing.Count > 0
            ? $"The {kind} '{component.Name}' needs the scope{(missing.Count == 1 ? "" : "s")} '{string.Join(' ', missing)}', which the access token does not grant."
            : $"The {kind} '{component.Name}' is not allowed for this caller (policy '{string.Join("', '", requirement.Policies)}').";
        // The challenge names every scope the component needs (not only the missing ones): a client asks for that set.
        if (_sink.Forbid(id, missing.Count > 0 ? requirement.Scopes : [], details))
        {
            if (Volatile.Read(ref _observed) > 0 && TryTakeOperation(id) is { } operation) operation.Complete(JsonRpcErrorCode.Forbidden);
            return;
        }
        SendError(id, JsonRpcErrorCode.Forbidden, details);
    }

    /// <summary>
    /// Ends the result a call wrote and sends it; a result that outgrows <see cref="McpServerOptions.MaxResponseBytes"/>
    /// while it is finished is answered with -32603 instead.
    /// </summary>
    private void SendResult(McpCall call, MessageBuffer result, string subject)
    {
        ReadOnlySpan<byte> message;
        try
        {
            JsonRpcWriter.EndMessage(result.Json);
            message = result.WrittenSpan;
        }
        catch (ResponseTooLargeException ex)
        {
            SendResponseTooLarge(call.RequestId, subject, ex.Limit);
            return;
        }
        SendResponse(call.RequestId, message);
    }

    private void SendResponseTooLarge(RequestId id, string subject, long limit) =>
        SendError(id, JsonRpcErrorCode.InternalError, string.Create(CultureInfo.InvariantCulture,
            $"The result of {subject} is over the limit of {limit} bytes (McpServerOptions.MaxResponseBytes); writing stopped there."));

    /// <summary>Sends the response to <paramref name="id"/> (a result or an error): it ends that request.</summary>
    private void SendResponse(RequestId id, ReadOnlySpan<byte> message)
    {
        // The request's span and measurements end before the client can see the response, so whoever reads the
        // response (a test, a client that then reads the server's metrics) finds the request over.
        if (Volatile.Read(ref _observed) > 0 && TryTakeOperation(id) is { } operation) operation.Complete(message);
        _sink.Send(message, MessageRoute.ResponseTo(id));
        Server.Tracer?.Outgoing(SessionId, message);
    }

    /// <summary>Sends a <c>notifications/…/list_changed</c> (no params) once the client is initialized.</summary>
    internal void NotifyListChanged(ReadOnlySpan<byte> method)
    {
        if (!_initialized) return;
        SendNotification(method, default, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });
    }

    /// <summary>Sends <c>notifications/message</c> when <paramref name="level"/> is at least the level the client set.</summary>
    internal void SendLog(McpLogLevel level, string message, string? logger, RequestId relatedRequest)
    {
        if (level < LogLevel || !_initialized) return;
        SendNotification("notifications/message"u8, relatedRequest, (level, message, logger), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("level"u8, McpLogLevels.Name(s.level));
            if (s.logger is not null) w.WriteString("logger"u8, s.logger);
            w.WriteString("data"u8, s.message);
            w.WriteEndObject();
        });
    }

    /// <summary>Asks the transport to end the stream of <paramref name="request"/> until the client resumes it.</summary>
    internal bool EndStreamForPolling(RequestId request) => _sink.EndStreamForPolling(request);

    /// <summary>True once <c>initialize</c> succeeded.</summary>
    internal bool IsInitialized => _initialized;

    /// <summary>Sends a notification whose params <paramref name="writeParams"/> writes.</summary>
    internal void SendNotification<TState>(ReadOnlySpan<byte> method, RequestId relatedRequest, TState state, Action<Utf8JsonWriter, TState> writeParams)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            JsonRpcWriter.StartNotification(buffer.Json, method);
            writeParams(buffer.Json, state);
            JsonRpcWriter.EndMessage(buffer.Json);
            _sink.Send(buffer.WrittenSpan, MessageRoute.NotificationFor(relatedRequest));
            Server.Tracer?.Outgoing(SessionId, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    private void LogException(string what, Exception exception) => Diagnostics.McpLog.Failed(Server.Logger, what, exception);

    /// <summary>Warns when a call took longer than <see cref="McpServerOptions.SlowRequestThreshold"/> (the guide's "slow responses").</summary>
    private void WarnIfSlow(McpCall call, string method, string target)
    {
        if (Server.Options.SlowRequestThreshold is not TimeSpan threshold) return;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(call.StartedAt);
        if (elapsed > threshold && Server.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            Diagnostics.McpLog.SlowRequest(Server.Logger, method, target, call.RequestId.ToString(), elapsed.TotalMilliseconds, threshold.TotalMilliseconds);
        }
    }
}
