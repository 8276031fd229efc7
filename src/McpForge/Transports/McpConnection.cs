using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Connections;
using McpForge.Diagnostics;
using McpForge.Dispatch;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Transports;

/// <summary>
/// One client connection as a transport sees it — a stdio process, a Streamable HTTP session, or a single modern HTTP
/// request. It reads each message's envelope, decides its era (a <c>_meta</c> protocol-version claim makes a request
/// modern, anything else belongs to the legacy session <c>initialize</c> opened), admits the requests that run user
/// code, dispatches every request through the same <see cref="RequestDispatcher"/>, and cancels them. Both eras may
/// share one connection: a stdio client can open a session and send modern requests beside it.
/// </summary>
/// <remarks>
/// A request runs on the transport's read loop until it first awaits, as in ASP.NET Core; synchronous tools and the
/// built-in methods therefore answer without a thread hop.
/// </remarks>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public sealed class McpConnection
{
    private LegacySession? _legacy;

    /// <param name="server">The server.</param>
    /// <param name="sink">Where outgoing messages go.</param>
    /// <param name="transport">OpenTelemetry's <c>network.transport</c>: <c>pipe</c> (stdio) or <c>tcp</c> (HTTP).</param>
    /// <param name="sessionId">The Streamable HTTP session id, or null.</param>
    /// <param name="canNotify">False when the transport cannot reach a legacy client outside a request (stateless HTTP).</param>
    public McpConnection(McpServer server, IMcpMessageSink sink, string transport = "pipe", string? sessionId = null, bool canNotify = true)
    {
        Server = server;
        Sink = sink;
        Transport = transport;
        SessionId = sessionId;
        CanNotify = canNotify;
        Telemetry = new RequestTelemetry(transport, sessionId);
        Admission = new RequestAdmission(this);
    }

    internal McpServer Server { get; }

    internal IMcpMessageSink Sink { get; }

    /// <summary>The transport, as OpenTelemetry's <c>network.transport</c> names it.</summary>
    internal string Transport { get; }

    /// <summary>The Streamable HTTP session id, or null.</summary>
    internal string? SessionId { get; }

    /// <summary>What owns the tasks an anonymous session makes (docs/tasks.md): the session id, else a random key of this connection.</summary>
    internal string OwnerKey => _ownerKey ??= SessionId ?? Tasks.TaskHost.NewTaskId();

    private string? _ownerKey;

    /// <summary>
    /// False when the transport has no way to reach a legacy client outside a request (stateless HTTP): its session then
    /// declares neither subscriptions nor list changes, and refuses <c>resources/subscribe</c>.
    /// </summary>
    internal bool CanNotify { get; }

    /// <summary>When the connection started (<see cref="System.Diagnostics.Stopwatch"/> ticks), for <c>mcp.server.session.duration</c>.</summary>
    internal long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The one way messages leave this connection (a view of it: nothing is allocated for it).</summary>
    internal Responder Responder => new(this);

    internal RequestAdmission Admission { get; }

    internal InFlightRequests InFlight { get; } = new();

    internal RequestTelemetry Telemetry { get; }

    /// <summary>The session <c>initialize</c> opened on this connection, or null.</summary>
    internal LegacySession? Legacy => Volatile.Read(ref _legacy);

    /// <summary>Installs the session <c>initialize</c> opened; false when one exists already.</summary>
    internal bool TryOpenLegacy(LegacySession session) => Interlocked.CompareExchange(ref _legacy, session, null) is null;

    /// <summary>Completes when the transport can take more output (a stdio client that stops reading holds tools here).</summary>
    internal ValueTask WaitForOutputRoomAsync() => Sink.WaitForRoomAsync();

    /// <summary>Handles one complete incoming message (without its line ending), as stdio reads them. Never throws for bad input.</summary>
    public void HandleMessage(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty || message.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return; // An empty line carries no message; JSON-RPC has nothing to answer.
        }

        JsonRpcEnvelope envelope;
        try
        {
            envelope = ReadEnvelope(Server, message);
        }
        catch (JsonException ex)
        {
            Server.Tracer?.Incoming(SessionId, message);
            Responder.Error(default, JsonRpcErrorCode.ParseError, "The message is not valid JSON: " + ex.Message);
            return;
        }
        try
        {
            if (envelope.Kind == JsonRpcMessageKind.Request && MethodTable.Get(envelope.Method).Has(MethodTraits.RunsHandler)
                && (envelope.HasModernClaim || Legacy is not null))
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
            McpLog.Failed(Server.Logger, "handling a message", ex);
            if (envelope.Kind == JsonRpcMessageKind.Request) Responder.Error(envelope.Id, JsonRpcErrorCode.InternalError, "The server failed to handle the request: " + ex.Message);
        }
    }

    /// <summary>A stdio request that runs user code: now when a slot is free, later from the queue, or refused as busy.</summary>
    private void Admit(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, McpCaller caller)
    {
        switch (Admission.TryAdmit(envelope.Id, message, caller))
        {
            case RequestAdmission.Decision.RunNow:
                try
                {
                    Dispatch(envelope, message, caller);
                }
                finally
                {
                    Admission.EndAdmission();
                }
                return;
            case RequestAdmission.Decision.Busy:
                Server.Tracer?.Incoming(SessionId, message);
                RefuseBusy(envelope.Id, envelope.HasModernClaim);
                return;
        }
    }

    /// <summary>A queued stdio message whose turn came (<see cref="RequestAdmission"/>).</summary>
    internal void RunQueued(byte[] buffer, int length, McpCaller caller)
    {
        var message = buffer.AsSpan(0, length);
        JsonRpcEnvelope envelope = default;
        try
        {
            envelope = ReadEnvelope(Server, message);
            Dispatch(envelope, message, caller);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // It was read once before it was queued, with the same limits, so this is a handler's bug (as in HandleMessage).
            McpLog.Failed(Server.Logger, "starting a queued request", ex);
            Responder.Error(envelope.Id, JsonRpcErrorCode.InternalError, "The server failed to handle the request: " + ex.Message);
        }
    }

    /// <summary>
    /// Every slot is taken and the queue is full, and the server rejects: -32004 in a session; a modern request, which
    /// must not get a code from -32000 to -32019, gets -32603 saying the same (Streamable HTTP answers 429 itself).
    /// </summary>
    internal void RefuseBusy(RequestId id, bool modern) =>
        Responder.Error(id, modern ? JsonRpcErrorCode.InternalError : JsonRpcErrorCode.ServerBusy, RequestAdmission.BusyDetails(Server.Options));

    /// <summary>
    /// Handles a message whose envelope the transport already read (Streamable HTTP reads it to route the reply), from
    /// <paramref name="caller"/> as the transport authenticated it.
    /// </summary>
    public void Dispatch(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, McpCaller caller)
    {
        Server.Tracer?.Incoming(SessionId, message);
        switch (envelope.Kind)
        {
            case JsonRpcMessageKind.Invalid:
                Responder.Error(envelope.Id, JsonRpcErrorCode.InvalidRequest, envelope.Problem!);
                return;
            case JsonRpcMessageKind.Response:
                // Only a legacy session sends the client requests; a modern client is never asked anything this way.
                if (Legacy?.ClientRequests.TryComplete(envelope, message) != true) McpLog.UnmatchedResponse(Server.Logger, envelope.Id.ToString());
                return;
            case JsonRpcMessageKind.Notification:
                HandleNotification(envelope, envelope.Params(message));
                return;
        }
        var @params = envelope.Params(message);
        if (envelope.HasModernClaim)
        {
            if (!ModernGate.CheckMeta(Server, envelope, message, out var client, out var refusal))
            {
                Serve(envelope, @params, null, caller, refusal);
                return;
            }
            Serve(envelope, @params, client, caller, default);
            return;
        }
        Serve(envelope, @params, null, caller, default);
    }

    /// <summary>A modern request whose <c>_meta</c> the transport already checked (Streamable HTTP runs the gate between its header checks).</summary>
    public void DispatchModern(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, in McpRequestMeta meta, McpCaller caller)
    {
        Server.Tracer?.Incoming(SessionId, message);
        Serve(envelope, envelope.Params(message), meta.Client, caller, default);
    }

    /// <summary>
    /// Serves one request, observed when something listens: a modern one (<paramref name="modern"/>, from its
    /// <c>_meta</c>) or one of the legacy session. <paramref name="refusal"/> is a modern request's malformed <c>_meta</c>.
    /// </summary>
    private void Serve(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params, ClientProfile? modern, McpCaller caller, McpRefusal refusal)
    {
        var id = envelope.Id;
        var name = envelope.Method == McpMethod.Unknown ? envelope.UnknownMethodName ?? "unknown" : MethodTable.Name(envelope.Method);
        // Telemetry costs nothing unless something listens: then the request gets a span and its measurements.
        var previousActivity = Telemetry.Start(name, id, @params, modern?.ProtocolVersion ?? Legacy?.Client.ProtocolVersion, out var observing);
        try
        {
            if (refusal.Code != 0)
            {
                Responder.Error(id, refusal.Code, refusal.Details, refusal, McpRefusal.WriteData);
            }
            else if (modern is not null)
            {
                ServeModern(envelope, @params, modern, caller);
            }
            else
            {
                ServeLegacy(envelope, @params, caller);
            }
        }
        catch (JsonException ex)
        {
            // The envelope was valid JSON, so this is a params shape the handler could not read.
            Responder.Error(id, JsonRpcErrorCode.InvalidParams, "The params could not be read: " + ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            McpLog.Failed(Server.Logger, "handling " + name, ex);
            Responder.Error(id, JsonRpcErrorCode.InternalError, ex.Message);
        }
        finally
        {
            // The read loop goes on to other requests: the span stays current only in this request's own flow.
            if (observing) System.Diagnostics.Activity.Current = previousActivity;
        }
    }

    /// <summary>A request of the 2026-07-28 era: its <c>_meta</c> says everything; nothing is taken from earlier requests.</summary>
    private void ServeModern(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params, ClientProfile client, McpCaller caller)
    {
        if (!ModernGate.CheckVersion(client, out var refusal)
            || !ModernGate.CheckMethod(Server, envelope, out refusal))
        {
            Responder.Error(envelope.Id, refusal.Code, refusal.Details, refusal, McpRefusal.WriteData);
            return;
        }
        Dispatch(envelope, @params, client, caller);
    }

    /// <summary>A request of the session <c>initialize</c> opened (or opens), as 2025-11-25 and earlier define them.</summary>
    private void ServeLegacy(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params, McpCaller caller)
    {
        var id = envelope.Id;
        var info = MethodTable.Get(envelope.Method);
        if (envelope.Method == McpMethod.Unknown)
        {
            Responder.MethodNotFound(id, envelope.UnknownMethodName!);
            return;
        }
        if (info.Has(MethodTraits.Notification))
        {
            Responder.Error(id, JsonRpcErrorCode.InvalidRequest, $"'{info.Name}' is a notification and must not have an id.");
            return;
        }
        switch (envelope.Method)
        {
            case McpMethod.Initialize:
                LegacySession.Open(this, id, @params);
                return;
            case McpMethod.Ping:
                Responder.EmptyResult(id, Legacy?.Client);
                return;
        }
        if (Legacy is not { } session)
        {
            // Neither a 2026-07-28 request (no _meta claim) nor a request of an open session.
            Responder.Error(id, JsonRpcErrorCode.InvalidParams,
                $"'{info.Name}' has no \"params._meta\" naming \"io.modelcontextprotocol/protocolVersion\" (MCP 2026-07-28), and no session is open: send 'initialize' first (MCP 2025-11-25 and earlier); only 'ping' may precede it.");
            return;
        }
        if (!info.Has(MethodTraits.Legacy) || !ServerCapabilities.Has(Server, info.Feature))
        {
            // A method of the other era, or of a capability the server did not declare, does not exist for this client.
            Responder.MethodNotFound(id, info.Name);
            return;
        }
        switch (envelope.Method)
        {
            case McpMethod.LoggingSetLevel:
                session.SetLevel(id, @params);
                return;
            case McpMethod.ResourcesSubscribe:
                session.Subscribe(id, @params, subscribe: true, caller);
                return;
            case McpMethod.ResourcesUnsubscribe:
                session.Subscribe(id, @params, subscribe: false, caller);
                return;
        }
        Dispatch(envelope, @params, session.Client, caller);
    }

    private void Dispatch(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params, ClientProfile client, McpCaller caller)
    {
        if (MethodTable.Get(envelope.Method).Has(MethodTraits.Notification))
        {
            Responder.Error(envelope.Id, JsonRpcErrorCode.InvalidRequest, $"'{MethodTable.Name(envelope.Method)}' is a notification and must not have an id.");
            return;
        }
        RequestDispatcher.Dispatch(new IncomingRequest
        {
            Connection = this,
            Id = envelope.Id,
            Method = envelope.Method,
            Client = client,
            Caller = caller,
            Params = @params,
            KnownMetaAt = envelope.MetaStart - envelope.ParamsStart,
            KnownMetaLength = envelope.KnownMeta is null ? 0 : envelope.MetaLength,
            PlainNameAt = envelope.McpNameStart - envelope.ParamsStart,
            PlainNameLength = envelope.IsPlainCall ? envelope.McpNameLength : 0,
            PlainArgumentsAt = envelope.ArgumentsStart - envelope.ParamsStart,
            PlainArgumentsLength = envelope.ArgumentsLength,
        });
    }

    private void HandleNotification(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params)
    {
        if (envelope.Method != McpMethod.NotificationsCancelled) return; // others are ignored, as JSON-RPC requires
        try
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
                    if (!InFlight.TryCancel(requestId)) Admission.TryCancelQueued(requestId);
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A malformed notification cannot be answered; it is dropped.
        }
    }

    /// <summary>
    /// Reads the envelope of a message <paramref name="server"/> received, as <see cref="JsonRpcEnvelope.Read(ReadOnlySpan{byte}, int)"/>
    /// does with the server's <see cref="McpServerOptions.MaxJsonDepth"/>, except that a <c>params._meta</c> repeating
    /// the last 2026-07-28 client's, byte for byte, is stepped over unread (it was found valid before): a 2026-07-28 client
    /// sends the same one on every request. Throws <see cref="JsonException"/> when the bytes are not one JSON value.
    /// </summary>
    public static JsonRpcEnvelope ReadEnvelope(McpServer server, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(server);
        return JsonRpcEnvelope.Read(message, server.Options.MaxJsonDepth, server.ModernClients.Known);
    }

    /// <summary>
    /// Reads the <c>params._meta</c> of the 2026-07-28 request <paramref name="envelope"/> read from <paramref name="message"/>
    /// (present and well-formed, else -32602 with HTTP 400), for a transport that checks its own headers against it
    /// before <see cref="DispatchModern"/>. A <c>_meta</c> that repeats the one before is not read again.
    /// </summary>
    public static bool TryReadModernMeta(McpServer server, in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, out McpRequestMeta meta, out McpRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(server);
        var read = ModernGate.CheckMeta(server, envelope, message, out var client, out refusal);
        meta = read ? new McpRequestMeta(client!) : default;
        return read;
    }

    /// <summary>
    /// The checks a 2026-07-28 request passes after its <c>_meta</c>: its <paramref name="protocolVersion"/> is served per
    /// request (-32022, HTTP 400), and its method exists in that era on <paramref name="server"/> (-32601, HTTP 404).
    /// </summary>
    public static bool CheckModernTarget(McpServer server, in JsonRpcEnvelope envelope, string protocolVersion, out McpRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(server);
        return ModernGate.CheckVersion(protocolVersion, out refusal) && ModernGate.CheckMethod(server, envelope, out refusal);
    }

    /// <summary>True once <c>initialize</c> opened a session on this connection (or <see cref="OpenStatelessSession"/> or <see cref="TryRestoreSession"/> did).</summary>
    public bool HasSession => Legacy is not null;

    /// <summary>The protocol version the session agreed on, or null before <c>initialize</c>.</summary>
    public string? SessionProtocolVersion => Legacy?.Client.ProtocolVersion;

    /// <summary>The log level the session's client set (<c>logging/setLevel</c>), or null.</summary>
    public McpForge.Protocol.McpLogLevel? SessionLogLevel => Legacy?.Client.LogLevel;

    /// <summary>The resource URIs the session's client subscribed to, as of now (empty without a session).</summary>
    public IReadOnlyList<string> SessionSubscriptions => Legacy is { } legacy ? [.. legacy.SubscribedUris] : [];

    /// <summary>
    /// Opens a session without a handshake, for a transport that serves every message on its own (stateless Streamable
    /// HTTP): no client capabilities, nothing sent outside a request. False when a session is open already.
    /// </summary>
    public bool OpenStatelessSession(string protocolVersion) => TryOpenLegacy(LegacySession.Stateless(this, protocolVersion));

    /// <summary>
    /// Opens a session from what another process kept of it (a fleet taking a session over): the client's
    /// <c>initialize</c> params, the agreed version, its log level and subscriptions. False when they do not read as a session.
    /// </summary>
    public bool TryRestoreSession(ReadOnlySpan<byte> initializeParams, string protocolVersion, McpForge.Protocol.McpLogLevel? logLevel,
        IEnumerable<string> subscriptions) =>
        LegacySession.TryRestore(this, initializeParams, protocolVersion, logLevel, subscriptions);

    /// <summary>
    /// Waits for a slot among the connection's <see cref="McpServerOptions.MaxConcurrentRequests"/> for a request the
    /// transport dispatches itself (<see cref="Dispatch(in JsonRpcEnvelope, ReadOnlySpan{byte}, McpCaller)"/>); false when the queue is full and the server rejects (answer
    /// <see cref="BusyDetails"/>). After true, call <see cref="EndTurn"/> once the request is dispatched.
    /// </summary>
    public ValueTask<bool> WaitTurnAsync(RequestId id, McpCaller caller, CancellationToken cancellationToken) =>
        Admission.WaitTurnAsync(id, caller, cancellationToken);

    /// <summary>Ends the turn <see cref="WaitTurnAsync"/> gave, once its request was dispatched.</summary>
    public void EndTurn() => Admission.EndAdmission();

    /// <summary>Why a request was refused as busy, for the transport's own answer (HTTP 429).</summary>
    public string BusyDetails => RequestAdmission.BusyDetails(Server.Options);

    /// <summary>Cancels request <paramref name="id"/> if it is in flight (its client went away); false when it is not.</summary>
    public bool TryCancel(RequestId id) => InFlight.TryCancel(id);

    /// <summary>Answers a message that was too large to read (its id is unknown, so the error carries none).</summary>
    public void RejectOversizedMessage() =>
        Responder.Error(default, JsonRpcErrorCode.InvalidRequest, string.Create(CultureInfo.InvariantCulture,
            $"The message exceeds the maximum size of {Server.Options.MaxMessageBytes} bytes (McpServerOptions.MaxMessageBytes)."));

    /// <summary>Cancels every request in flight (the connection is ending): each token fires and none is answered.</summary>
    public void CancelAll() => InFlight.CancelAll();

    /// <summary>Asks the transport to end the stream of <paramref name="request"/> until the client resumes it.</summary>
    internal bool EndStreamForPolling(RequestId request) => Sink.EndStreamForPolling(request);

    /// <summary>
    /// Refuses a request for a component the caller may not use: the transport answers it (Streamable HTTP: 403
    /// <c>insufficient_scope</c> naming the missing scopes); otherwise it is a -32003 error.
    /// </summary>
    internal void Forbid(RequestId id, McpCaller caller, McpComponent component, string kind)
    {
        var requirement = component.Authorization!;
        var missing = caller.Missing(requirement);
        var details = missing.Count > 0
            ? $"The {kind} '{component.Name}' needs the scope{(missing.Count == 1 ? "" : "s")} '{string.Join(' ', missing)}', which the access token does not grant."
            : $"The {kind} '{component.Name}' is not allowed for this caller (policy '{string.Join("', '", requirement.Policies)}').";
        // The challenge names every scope the component needs (not only the missing ones): a client asks for that set.
        if (Sink.Forbid(id, missing.Count > 0 ? requirement.Scopes : [], details))
        {
            Telemetry.Complete(id, JsonRpcErrorCode.Forbidden);
            return;
        }
        Responder.Error(id, JsonRpcErrorCode.Forbidden, details);
    }
}
