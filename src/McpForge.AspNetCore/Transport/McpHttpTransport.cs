using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Transports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// The Streamable HTTP endpoint of one <c>MapMcp</c> (MCP 2025-11-25, "Transports"): POST carries client messages,
/// GET opens the session's stream or resumes one after <c>Last-Event-ID</c>, DELETE ends the session. Owns the
/// session table and ends idle sessions.
/// </summary>
internal sealed partial class McpHttpTransport : IDisposable
{
    private const string SessionHeader = McpRequestHeaders.SessionIdHeader;
    private const string VersionHeaderName = McpRequestHeaders.ProtocolVersionHeader;
    private readonly ConcurrentDictionary<string, HttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly ITimer _sweeper;
    private readonly long _maxBody;
    // Calls resolve from HttpContext.RequestServices when the server's container is the application's (AddMcpServer).
    private readonly bool _requestScopes;

    public McpHttpTransport(McpServer server, McpHttpOptions options, string path, bool requestScopes,
        ScaleOut.IMcpSessionDirectory? directory = null, ScaleOut.IMcpSessionForwarder? forwarder = null, ScaleOut.IMcpTaskDirectory? tasks = null)
    {
        options.Validate();
        Server = server;
        _requestScopes = requestScopes;
        Options = options;
        Path = path;
        _maxBody = options.MaxRequestBodyBytes ?? server.Options.MaxMessageBytes;
        var shortest = Math.Min(options.SessionIdleTimeout.Ticks, Math.Max(options.ReplayWindow.Ticks, TimeSpan.FromMilliseconds(100).Ticks));
        var period = TimeSpan.FromTicks(Math.Clamp(shortest / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(10).Ticks));
        _time = server.Options.TimeProvider;
        _sweeper = _time.CreateTimer(static state => ((McpHttpTransport)state!).EndIdleSessions(), this, period, period);
        if (directory is not null && !options.Stateless)
        {
            Router = new ScaleOut.SessionRouter(this, directory, forwarder
                ?? throw new InvalidOperationException("A session directory (IMcpSessionDirectory) needs a forwarder (IMcpSessionForwarder) to reach the other instances."), tasks);
        }
    }

    /// <summary>Routes requests to the instance owning their session when the endpoint runs in a fleet; null on its own.</summary>
    internal ScaleOut.SessionRouter? Router { get; }

    public McpServer Server { get; }

    private readonly TimeProvider _time;

    /// <summary>Milliseconds on the server's clock (<see cref="McpServerOptions.TimeProvider"/>): idle sessions and replay windows are measured on it.</summary>
    internal long Now => (long)_time.GetElapsedTime(0).TotalMilliseconds;

    public McpHttpOptions Options { get; }

    /// <summary>The endpoint's path (<c>/mcp</c>), which names its protected resource metadata.</summary>
    public string Path { get; }

    /// <summary>Sessions open now.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>The open session <paramref name="id"/>, or null.</summary>
    internal HttpSession? FindOpenSession(string id) => _sessions.TryGetValue(id, out var session) ? session : null;

    public Task HandleAsync(HttpContext context)
    {
        if (RequestChecks.CheckHostAndOrigin(context, Options) is { } refusal)
        {
            return WriteErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCode.InvalidRequest, refusal);
        }
        if (Options.EnableCors) AddCorsHeaders(context);
        if (context.Request.Method == "OPTIONS" && Options.EnableCors) return HandlePreflightAsync(context);
        return Router is null ? HandleHereAsync(context) : RouteOrHandleAsync(context);
    }

    /// <summary>In a fleet: a request of a session another instance owns goes there (the owner authenticates it).</summary>
    private async Task RouteOrHandleAsync(HttpContext context)
    {
        if (await Router!.RouteAsync(context).ConfigureAwait(false)) return;
        await HandleHereAsync(context).ConfigureAwait(false);
    }

    private Task HandleHereAsync(HttpContext context) =>
        Options.Authentication is null ? HandleAsync(context, McpCaller.Unchecked) : AuthenticateAndHandleAsync(context, Options.Authentication);

    private Task HandleAsync(HttpContext context, McpCaller caller) => context.Request.Method switch
    {
        "POST" => HandlePostAsync(context, caller),
        "GET" => HandleGetAsync(context, caller),
        "DELETE" => HandleDeleteAsync(context, caller),
        _ => MethodNotAllowedAsync(context),
    };

    private async Task HandlePostAsync(HttpContext context, McpCaller caller)
    {
        var request = context.Request;
        if (!RequestChecks.IsJson(request.ContentType))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, JsonRpcErrorCode.InvalidRequest,
                $"Content-Type must be application/json, not '{request.ContentType}'.").ConfigureAwait(false);
            return;
        }
        var accepted = AcceptedMedia.From(request.Headers.Accept);
        if (!accepted.Any)
        {
            await WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, JsonRpcErrorCode.InvalidRequest,
                "Accept must allow application/json and text/event-stream.").ConfigureAwait(false);
            return;
        }
        if (request.ContentLength > _maxBody)
        {
            await WriteTooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        RequestBody body;
        try
        {
            body = await RequestBody.ReadAsync(request, _maxBody).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or BadHttpRequestException)
        {
            return; // the client went away (or sent a broken body) before it finished sending
        }
        try
        {
            if (body.TooLarge)
            {
                await WriteTooLargeAsync(context).ConfigureAwait(false);
                return;
            }
            await HandleMessageAsync(context, body.Bytes, accepted, caller).ConfigureAwait(false);
        }
        finally
        {
            body.Release(request.BodyReader);
        }
    }

    private async Task HandleMessageAsync(HttpContext context, ReadOnlyMemory<byte> body, AcceptedMedia accepted, McpCaller caller)
    {
        if (McpForge.Diagnostics.McpTelemetry.BytesReceived.Enabled)
        {
            McpForge.Diagnostics.McpTelemetry.BytesReceived.Add(body.Length, TransportLog.TcpTag);
        }
        JsonRpcEnvelope envelope;
        try
        {
            envelope = McpConnection.ReadEnvelope(Server, body.Span);
        }
        catch (System.Text.Json.JsonException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.ParseError, "The body is not valid JSON: " + ex.Message).ConfigureAwait(false);
            return;
        }
        if (envelope.Kind == JsonRpcMessageKind.Invalid)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest, envelope.Problem!, envelope.Id).ConfigureAwait(false);
            return;
        }
        if (!_requestScopes || envelope.Kind != JsonRpcMessageKind.Request || !envelope.RunsHandler)
        {
            await RouteAsync(context, envelope, body, accepted, caller).ConfigureAwait(false);
            return;
        }
        // A call runs in the HTTP request's DI scope, which ASP.NET Core disposes when this endpoint returns: wait for it.
        // The scope is made only if the call resolves a service (RequestServices makes it on first access). A handler
        // that first asks after an await reads RequestServices from its own thread: that touches only the request's
        // service feature and registers the scope's disposal, which runs once this endpoint returned (after the call).
        var scope = new McpTransportScope(context, static context => ((HttpContext)context!).RequestServices);
        try
        {
            await RouteAsync(context, envelope, body, accepted, caller.WithServiceScope(scope)).ConfigureAwait(false);
        }
        finally
        {
            await EndRequestScopeAsync(context, scope).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Keeps the request (and its services) until its call ended. The response is complete already unless the handler
    /// still runs after its answer left: the call timed out, the client cancelled it or went away, or the tool closed
    /// its stream to be polled. Then the response is completed first, so the client is not kept waiting for the end of
    /// a stream that has nothing more to carry. Kestrel reads the next request of an HTTP/1.1 connection only once this
    /// one returns, so that connection stays busy until the handler does (HTTP/2 and HTTP/3 streams are independent);
    /// <see cref="McpHttpOptions.UseRequestServices"/> false frees it.
    /// </summary>
    private static async Task EndRequestScopeAsync(HttpContext context, McpTransportScope scope)
    {
        var ended = scope.WhenCallsEnded();
        if (ended.IsCompleted) return;
        try
        {
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            // The client is gone; the services still wait for the handler.
        }
        await ended.ConfigureAwait(false);
    }

    /// <summary>
    /// Serves a well-formed message: a 2026-07-28 request on its own, anything else in its session (or a new one). Not
    /// async itself, so that a 2026-07-28 request goes through one state machine only (the one of the awaits it needs).
    /// </summary>
    private Task RouteAsync(HttpContext context, in JsonRpcEnvelope envelope, ReadOnlyMemory<byte> body, AcceptedMedia accepted, McpCaller caller)
    {
        var headers = McpRequestHeaders.Read(context.Request.Headers);
        var versionHeader = headers.Version;
        if (envelope.HasModernClaim || (versionHeader is not null && !McpProtocolVersions.IsSession(versionHeader)))
        {
            // A _meta protocol-version claim, or a version header no session speaks: a 2026-07-28 request, served on
            // its own. A session id it may carry is ignored (never echoed, never minted).
            return HandleModernAsync(context, envelope, body, accepted, headers, caller);
        }
        return HandleSessionMessageAsync(context, envelope, body, accepted, versionHeader, headers.SessionId, caller);
    }

    /// <summary>A message of the session era: in the session its <c>Mcp-Session-Id</c> names, or opening one (<c>initialize</c>).</summary>
    private async Task HandleSessionMessageAsync(HttpContext context, JsonRpcEnvelope envelope, ReadOnlyMemory<byte> body, AcceptedMedia accepted,
        string? versionHeader, StringValues sessionId, McpCaller caller)
    {
        var isInitialize = envelope.Kind == JsonRpcMessageKind.Request && envelope.Method == McpMethod.Initialize;
        HttpSession session;
        var isNew = false;
        if (Options.Stateless)
        {
            session = new HttpSession(this, string.Empty, stateless: true);
            if (!isInitialize) session.Connection.OpenStatelessSession(versionHeader ?? McpProtocolVersions.V2025_03_26);
        }
        else if (isInitialize && StringValues.IsNullOrEmpty(sessionId))
        {
            if (_sessions.Count >= Options.MaxSessions)
            {
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, JsonRpcErrorCode.InvalidRequest,
                    $"The server has {Options.MaxSessions} sessions open (McpHttpOptions.MaxSessions); try again later.").ConfigureAwait(false);
                return;
            }
            session = new HttpSession(this, NewSessionId(), stateless: false) { Owner = McpCaller.KeyOf(caller.User), Epoch = Router is null ? 0 : 1 };
            isNew = true;
        }
        else if (await FindSessionAsync(context, sessionId, caller).ConfigureAwait(false) is { } found)
        {
            session = found;
        }
        else
        {
            return;
        }
        session.Touch();

        if (envelope.Kind != JsonRpcMessageKind.Request)
        {
            // Notifications and responses to the server's own requests are accepted without a body.
            session.Connection.Dispatch(envelope, body.Span, caller);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var stream = new OutgoingStream(session, envelope.Id, accepted);
        if (!session.TryAddRequest(stream))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                $"The request id {envelope.Id} is already used by a request in progress.", envelope.Id).ConfigureAwait(false);
            return;
        }
        if (!await DispatchInTurnAsync(context, session, stream, envelope, body, caller).ConfigureAwait(false))
        {
            return;
        }
        if (Router is not null && !isNew && ScaleOut.SessionRouter.ChangesSnapshot(envelope.Method) && session.Connection.HasSession)
        {
            await Router.SaveChangedAsync(session).ConfigureAwait(false);
        }

        if (isNew)
        {
            if (!session.Connection.HasSession)
            {
                await WriteResponseAsync(context, session, stream).ConfigureAwait(false);
                return; // a failed initialize leaves no session behind
            }
            if (Router is not null)
            {
                session.InitializeParams = System.Text.Encoding.UTF8.GetString(envelope.Params(body.Span) is { IsEmpty: false } initialize ? initialize : "{}"u8);
                if (!await Router.RegisterAsync(session, context.RequestAborted).ConfigureAwait(false))
                {
                    // A session the other instances cannot find would answer 404 there: none is opened.
                    session.Close();
                    context.Response.Headers.RetryAfter = "1";
                    await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, JsonRpcErrorCode.InvalidRequest,
                        "The session store cannot be reached, so no session can be opened; retry shortly.", envelope.Id).ConfigureAwait(false);
                    return;
                }
            }
            _sessions[session.Id] = session;
            Server.Attach(session.Connection);
            context.Response.Headers[SessionHeader] = session.Id;
        }
        await WriteResponseAsync(context, session, stream).ConfigureAwait(false);
        session.Touch();
    }

    /// <summary>
    /// A 2026-07-28 request (MCP 2026-07-28, Streamable HTTP): checked in the order the spec and the conformance suite
    /// expect — the version header, <c>_meta</c>, the header against <c>_meta</c>, the <c>Mcp-*</c> headers against the
    /// body, the version, the method — each refusal with its status and code; then served statelessly on an exchange of
    /// its own. Everything the request needs is in it; nothing of it stays.
    /// </summary>
    private Task HandleModernAsync(HttpContext context, in JsonRpcEnvelope envelope, ReadOnlyMemory<byte> body, AcceptedMedia accepted,
        in McpRequestHeaders headers, McpCaller caller)
    {
        var versionHeader = headers.Version;
        if (envelope.Kind == JsonRpcMessageKind.Response)
        {
            return WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                "A 2026-07-28 client answers no requests: the server sends none.", envelope.Id);
        }
        if (envelope.Kind == JsonRpcMessageKind.Notification)
        {
            // notifications/cancelled has nothing to find here: a 2026-07-28 request is cancelled by closing its stream.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        }
        if (versionHeader is null)
        {
            return WriteRefusalAsync(context, envelope.Id, new McpRefusal(JsonRpcErrorCode.HeaderMismatch, StatusCodes.Status400BadRequest,
                "The MCP-Protocol-Version header is required on 2026-07-28 requests; it repeats _meta[\"io.modelcontextprotocol/protocolVersion\"]."));
        }
        if (!McpConnection.TryReadModernMeta(Server, envelope, body.Span, out var meta, out var refusal))
        {
            if (!envelope.HasModernClaim && !McpProtocolVersions.IsPerRequest(versionHeader))
            {
                // No claim, and a header naming no version at all (not 2026-07-28, no session's): say why this is read as
                // 2026-07-28. A header that names 2026-07-28 says it, so the details name what the request lacks.
                refusal = refusal with
                {
                    Details = $"MCP-Protocol-Version '{versionHeader}' is not a session version ({string.Join(", ", McpProtocolVersions.Session.ToArray())}), "
                        + "so the request is read as a 2026-07-28 request, which needs params._meta with \"io.modelcontextprotocol/protocolVersion\" and \"io.modelcontextprotocol/clientCapabilities\".",
                };
            }
            return WriteRefusalAsync(context, envelope.Id, refusal);
        }
        if (!string.Equals(meta.ProtocolVersion, versionHeader, StringComparison.Ordinal))
        {
            return WriteRefusalAsync(context, envelope.Id, new McpRefusal(JsonRpcErrorCode.HeaderMismatch, StatusCodes.Status400BadRequest,
                $"The MCP-Protocol-Version header '{versionHeader}' differs from _meta[\"io.modelcontextprotocol/protocolVersion\"] '{meta.ProtocolVersion}'."));
        }
        if (!ModernHeaders.Check(context.Request, headers, envelope, body.Span, Server, out refusal)
            || !McpConnection.CheckModernTarget(Server, envelope, meta.ProtocolVersion, out refusal))
        {
            return WriteRefusalAsync(context, envelope.Id, refusal);
        }
        if (envelope.Method == McpMethod.SubscriptionsListen && !accepted.Events)
        {
            // A listen stream is an event stream: a client that takes JSON only would wait for its acknowledgment forever.
            return WriteRefusalAsync(context, envelope.Id, new McpRefusal(JsonRpcErrorCode.InvalidRequest, StatusCodes.Status406NotAcceptable,
                "subscriptions/listen is answered with an event stream: Accept must include text/event-stream."));
        }
        var exchange = new ModernExchange(this, envelope.Id, accepted);
        exchange.Connection.DispatchModern(envelope, body.Span, meta, caller);
        return WriteResponseAsync(context, exchange, exchange.Stream);
    }

    /// <summary>A request refused before it ran: the status the spec gives the refusal, and its JSON-RPC error with the request's id.</summary>
    private async Task WriteRefusalAsync(HttpContext context, RequestId id, McpRefusal refusal)
    {
        TransportLog.Refused(Server.Logger, refusal.Code, refusal.Details ?? refusal.Subject ?? "");
        context.Response.StatusCode = refusal.HttpStatus;
        await JsonResponse.WriteAsync(context, (id, refusal), static (w, s) => s.refusal.WriteResponse(w, s.id)).ConfigureAwait(false);
    }

    /// <summary>
    /// Dispatches a request once the session has a slot for it (McpServerOptions.MaxConcurrentRequests): a request
    /// that runs handler code waits its turn in the session's queue, as stdio's do. False when it was answered
    /// instead: 429 when the queue is full and the server rejects, nothing when the client left while it waited.
    /// </summary>
    private async ValueTask<bool> DispatchInTurnAsync(HttpContext context, HttpSession session, OutgoingStream stream,
        JsonRpcEnvelope envelope, ReadOnlyMemory<byte> body, McpCaller caller)
    {
        if (!envelope.RunsHandler || !session.Connection.HasSession)
        {
            session.Connection.Dispatch(envelope, body.Span, caller);
            return true;
        }
        bool admitted;
        try
        {
            admitted = await session.Connection.WaitTurnAsync(envelope.Id, caller, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            session.RemoveRequest(stream);
            return false;
        }
        if (!admitted)
        {
            session.RemoveRequest(stream);
            context.Response.Headers.RetryAfter = "1";
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, JsonRpcErrorCode.ServerBusy,
                session.Connection.BusyDetails, envelope.Id).ConfigureAwait(false);
            return false;
        }
        try
        {
            session.Connection.Dispatch(envelope, body.Span, caller);
        }
        finally
        {
            session.Connection.EndTurn();
        }
        return true;
    }

    /// <summary>Answers a request: one JSON body when it completed at once, otherwise an SSE stream (or a wait, for JSON-only clients).</summary>
    private async Task WriteResponseAsync(HttpContext context, IStreamOwner session, OutgoingStream stream)
    {
        if (stream.Forbidden is { } forbidden)
        {
            await WriteForbiddenAsync(context, stream.RequestId, forbidden.Scopes, forbidden.Details).ConfigureAwait(false);
            return;
        }
        if (stream.TryTakeImmediateResponse(out var response))
        {
            session.StreamDelivered(stream);
            await WriteJsonAsync(context, response, session.JsonAnswerStatus).ConfigureAwait(false);
            return;
        }
        if (stream.Accepted.Events)
        {
            await stream.StreamAsync(context).ConfigureAwait(false);
            return;
        }
        Outgoing? answer;
        try
        {
            answer = await stream.WaitForResponseAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            session.StreamLost(stream); // a JSON answer cannot be resumed: the call is cancelled
            return;
        }
        session.StreamDelivered(stream);
        if (answer is { } json) await WriteJsonAsync(context, json, session.JsonAnswerStatus).ConfigureAwait(false);
        else context.Response.StatusCode = StatusCodes.Status204NoContent; // cancelled: JSON-RPC sends no response
    }

    private static async Task WriteJsonAsync(HttpContext context, Outgoing response, int status)
    {
        try
        {
            if (response.IsEmpty)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = response.Span.Length;
            context.Response.BodyWriter.Write(response.Span);
        }
        finally
        {
            response.Return();
        }
        // Without RequestAborted, as the body was read (RequestBody): the flush ends when Kestrel has the bytes or the
        // connection is gone, whether or not anyone asked for the token.
        await context.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The <c>MCP-Protocol-Version</c> header, or null.</summary>
    private static string? VersionHeader(HttpRequest request)
    {
        var header = request.Headers[VersionHeaderName];
        return StringValues.IsNullOrEmpty(header) ? null : McpRequestHeaders.Trim(header.ToString());
    }

    /// <summary>A GET or DELETE naming a 2026-07-28 version: that revision has no GET stream and no sessions to delete (405).</summary>
    private static bool IsModernStreamOrDelete(HttpRequest request) =>
        VersionHeader(request) is { } version && !McpProtocolVersions.IsSession(version);

    private async Task HandleGetAsync(HttpContext context, McpCaller caller)
    {
        if (IsModernStreamOrDelete(context.Request))
        {
            await MethodNotAllowedAsync(context, "A 2026-07-28 client has no GET stream: it opens subscriptions/listen instead.").ConfigureAwait(false);
            return;
        }
        var accepted = AcceptedMedia.From(context.Request.Headers.Accept);
        if (!accepted.Events || StringValues.IsNullOrEmpty(context.Request.Headers.Accept))
        {
            await WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, JsonRpcErrorCode.InvalidRequest,
                "A GET must accept text/event-stream.").ConfigureAwait(false);
            return;
        }
        if (Options.Stateless)
        {
            await MethodNotAllowedAsync(context).ConfigureAwait(false);
            return;
        }
        if (!CheckVersionHeader(context.Request, out var version))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                $"MCP-Protocol-Version '{version}' is not supported.").ConfigureAwait(false);
            return;
        }
        if (await FindSessionAsync(context, context.Request.Headers[SessionHeader], caller).ConfigureAwait(false) is not { } session) return;
        session.Touch();

        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            await ResumeAsync(context, session, lastEventId).ConfigureAwait(false);
            return;
        }
        var stream = new OutgoingStream(session, default, new AcceptedMedia(false, true, true));
        if (!session.TryOpenStandalone(stream))
        {
            await WriteErrorAsync(context, StatusCodes.Status409Conflict, JsonRpcErrorCode.InvalidRequest,
                "This session already has a GET stream open; a session has one at a time.").ConfigureAwait(false);
            return;
        }
        await stream.StreamAsync(context).ConfigureAwait(false);
    }

    private async Task ResumeAsync(HttpContext context, HttpSession session, string lastEventId)
    {
        if (session.Epoch > 1 && ScaleOut.StreamIds.IsFromEarlierEpoch(lastEventId, session.Epoch, out var standalone, out var lost))
        {
            await ResumeFromEarlierOwnerAsync(context, session, lastEventId, standalone, lost).ConfigureAwait(false);
            return;
        }
        var store = Options.EventStore;
        var events = new System.Collections.Generic.List<EventStore.StoredEvent>();
        if (store is null || !store.TryGetEventsAfter(session.Id, lastEventId, out var streamId, events))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                $"Last-Event-ID '{lastEventId}' names no stream of this session that can be resumed.").ConfigureAwait(false);
            return;
        }
        if (!session.TryGetResumable(streamId, out var stream))
        {
            // The stream ended longer ago than the replay window: nothing is left to replay.
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                $"The stream of Last-Event-ID '{lastEventId}' has ended.").ConfigureAwait(false);
            return;
        }
        if (!await stream.ResumeAsync(context, lastEventId).ConfigureAwait(false))
        {
            await WriteErrorAsync(context, StatusCodes.Status409Conflict, JsonRpcErrorCode.InvalidRequest,
                "That stream is connected already.").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A resume of a stream the session's previous owner carried (it died or stopped; this instance took the session
    /// over): a GET stream starts afresh, since what it missed were hints the client refetches; a call's stream gets
    /// that call's error at once, so the client is not left waiting for a result that is gone.
    /// </summary>
    private async Task ResumeFromEarlierOwnerAsync(HttpContext context, HttpSession session, string lastEventId, bool standalone, RequestId lost)
    {
        if (standalone)
        {
            var fresh = new OutgoingStream(session, default, new AcceptedMedia(false, true, true));
            if (!session.TryOpenStandalone(fresh))
            {
                await WriteErrorAsync(context, StatusCodes.Status409Conflict, JsonRpcErrorCode.InvalidRequest,
                    "This session already has a GET stream open; a session has one at a time.").ConfigureAwait(false);
                return;
            }
            await fresh.StreamAsync(context).ConfigureAwait(false);
            return;
        }
        const string Why = "The instance that ran this call stopped before it finished; its result is lost. Call again.";
        if (!lost.IsValid)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                $"Last-Event-ID '{lastEventId}' names a stream of an instance that stopped: {Why}").ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            new McpRefusal(JsonRpcErrorCode.InternalError, StatusCodes.Status200OK, Why).WriteResponse(w, lost);
        }
        SseFormat.WriteMessage(context.Response.BodyWriter, null, buffer.WrittenSpan);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task HandleDeleteAsync(HttpContext context, McpCaller caller)
    {
        if (IsModernStreamOrDelete(context.Request))
        {
            await MethodNotAllowedAsync(context, "A 2026-07-28 client has no session to delete.").ConfigureAwait(false);
            return;
        }
        if (Options.Stateless)
        {
            await MethodNotAllowedAsync(context).ConfigureAwait(false);
            return;
        }
        if (await FindSessionAsync(context, context.Request.Headers[SessionHeader], caller).ConfigureAwait(false) is not { } session) return;
        EndSession(session);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static Task HandlePreflightAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = "GET, POST, DELETE";
        // 2026-07-28 clients also send Mcp-Method, Mcp-Name and an Mcp-Param-{Name} per mirrored tool argument: those it
        // asks for are allowed by name (a wildcard would not cover Authorization).
        var allowed = "Content-Type, Accept, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name";
        foreach (var requested in context.Request.Headers.AccessControlRequestHeaders.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (requested.StartsWith("Mcp-Param-", StringComparison.OrdinalIgnoreCase) && requested.All(c => c < 127 && c > 32 && c != ':'))
            {
                allowed += ", " + requested;
            }
        }
        headers.AccessControlAllowHeaders = allowed;
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private void AddCorsHeaders(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !RequestChecks.IsAllowedOrigin(Options, origin)) return;
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        // Browsers hide response headers unless told: a client must read the session id.
        headers.AccessControlExposeHeaders = "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate";
    }

    private static Task MethodNotAllowedAsync(HttpContext context, string? why = null)
    {
        context.Response.Headers.Allow = "GET, POST, DELETE";
        return WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, JsonRpcErrorCode.InvalidRequest,
            why ?? $"{context.Request.Method} is not supported on the MCP endpoint{(context.Request.Method is "GET" or "DELETE" ? " of a stateless server" : "")}.");
    }

    /// <summary>The session a request names: 400 when it names none, 404 when it is unknown or ended.</summary>
    private async Task<HttpSession?> FindSessionAsync(HttpContext context, StringValues sessionId, McpCaller caller)
    {
        if (StringValues.IsNullOrEmpty(sessionId))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCode.InvalidRequest,
                "The Mcp-Session-Id header is required after initialize.").ConfigureAwait(false);
            return null;
        }
        if (_sessions.TryGetValue(sessionId.ToString(), out var session) && !session.IsClosed)
        {
            // A session id is not a credential: it belongs to the user who opened it, and to no one else.
            if (session.Owner is null || session.Owner == McpCaller.KeyOf(caller.User)) return session;
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCode.Forbidden,
                "The session was opened by another user; start one of your own with initialize.").ConfigureAwait(false);
            return null;
        }
        await WriteErrorAsync(context, StatusCodes.Status404NotFound, JsonRpcErrorCode.InvalidRequest,
            "The session is unknown or has ended; send initialize without Mcp-Session-Id to start a new one.").ConfigureAwait(false);
        return null;
    }

    private static bool CheckVersionHeader(HttpRequest request, out string? version)
    {
        var header = request.Headers[VersionHeaderName];
        version = StringValues.IsNullOrEmpty(header) ? null : header.ToString();
        return version is null || McpProtocolVersions.IsSession(version);
    }

    /// <summary>
    /// Ends a session here: DELETE, idle expiry, or shutdown. In a fleet the store forgets it too, unless
    /// <paramref name="forget"/> is false: the session goes on elsewhere (handed over, or taken over meanwhile).
    /// </summary>
    public void EndSession(HttpSession session, bool forget = true)
    {
        if (!_sessions.TryRemove(new(session.Id, session))) forget = false;
        session.Close();
        if (forget) Router?.Forget(session.Id);
    }

    /// <summary>The session of this process with that id, if it is open.</summary>
    internal bool TryGetSession(string id, out HttpSession session) =>
        _sessions.TryGetValue(id, out session!) && !session.IsClosed;

    /// <summary>The ids of the sessions open here.</summary>
    internal System.Collections.Generic.IReadOnlyCollection<string> SessionIds() => [.. _sessions.Keys];

    /// <summary>True while a request of a session here is in progress.</summary>
    internal bool HasRequestsInProgress()
    {
        foreach (var session in _sessions.Values)
        {
            if (session.HasRequests) return true;
        }
        return false;
    }

    /// <summary>
    /// Opens a session taken over from another instance, from its snapshot (no handshake); null when the snapshot does
    /// not read as a session.
    /// </summary>
    internal HttpSession? Restore(ScaleOut.McpSessionRecord record, long leaseGeneration)
    {
        var session = new HttpSession(this, record.SessionId, stateless: false)
        {
            Owner = record.Principal,
            Epoch = record.Epoch,
            LeaseGeneration = leaseGeneration,
            InitializeParams = record.InitializeParams,
        };
        if (!session.Connection.TryRestoreSession(System.Text.Encoding.UTF8.GetBytes(record.InitializeParams), record.ProtocolVersion,
            record.LogLevel, record.Subscriptions))
        {
            return null;
        }
        session.Touch();
        _sessions[session.Id] = session;
        Server.Attach(session.Connection);
        return session;
    }

    private void EndIdleSessions()
    {
        var now = Now;
        var idle = (long)Options.SessionIdleTimeout.TotalMilliseconds;
        foreach (var session in _sessions.Values)
        {
            if (now - session.LastActivity > idle && !session.IsBusy) EndSession(session);
            else session.ForgetDeliveredStreams(now);
        }
    }

    /// <summary>Ends every session (the application is stopping).</summary>
    public void Dispose()
    {
        // In a fleet the sessions are handed over, not ended: the calls in progress finish first, then the lease goes.
        Router?.Drain(Options.DrainDelay, Server.Options.ShutdownTimeout);
        _sweeper.Dispose();
        Router?.Dispose();
        Server.EndSubscriptions(null, graceful: true); // each listen stream gets its result before the server goes
        foreach (var session in _sessions.Values) EndSession(session, forget: Router is null);
        // Running tasks end cancelled, saying the server stopped (docs/tasks.md, "Shutdown"); a shared store keeps that for other instances.
        Server.StopTasksAsync().GetAwaiter().GetResult();
        Server.FlushTrace();
    }

    /// <summary>A session id: 128 random bits as hex, visible ASCII as MCP requires, unguessable.</summary>
    private static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal void Log(string what) => TransportLog.Warning(Server.Logger, what);

    private static async Task WriteTooLargeAsync(HttpContext context) =>
        await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcErrorCode.InvalidRequest,
            "The body is over the size limit (McpHttpOptions.MaxRequestBodyBytes).").ConfigureAwait(false);

    /// <summary>An HTTP error whose body is a JSON-RPC error (with the request's id when it is known).</summary>
    internal static async Task WriteErrorAsync(HttpContext context, int status, int code, string details, RequestId id = default)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        await JsonResponse.WriteAsync(context, (id, code, details), static (w, error) => new McpRefusal(error.code, 0, error.details).WriteResponse(w, error.id))
            .ConfigureAwait(false);
    }
}
