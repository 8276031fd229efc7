using System;
using System.Diagnostics.CodeAnalysis;
using McpForge.JsonRpc;

namespace McpForge.Transports;

/// <summary>What an outgoing message is to the transport that carries it.</summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public enum McpOutgoingKind
{
    /// <summary>The one response to a client request: it ends that request.</summary>
    Response,
    /// <summary>A notification (progress, log, list changed).</summary>
    Notification,
    /// <summary>A request of the server's own to the client (sampling, elicitation, roots).</summary>
    Request,
}

/// <summary>
/// Where an outgoing message belongs: its kind and the client request it is part of (the request a response
/// answers, or the call a progress notification or a sampling request comes from). Streamable HTTP sends a
/// message on its request's stream; a message related to no request (<see cref="RequestId.IsValid"/> false)
/// goes on the session's own stream. Stdio has one stream and ignores the route.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public readonly struct McpMessageRoute
{
    internal McpMessageRoute(McpOutgoingKind kind, RequestId relatedRequest, int errorCode = 0)
    {
        Kind = kind;
        RelatedRequest = relatedRequest;
        ErrorCode = errorCode;
    }

    /// <summary>What the message is: a response, a notification, or a request of the server's own.</summary>
    public McpOutgoingKind Kind { get; }

    /// <summary>The client request the message belongs to; not <see cref="RequestId.IsValid"/> when it belongs to none.</summary>
    public RequestId RelatedRequest { get; }

    /// <summary>
    /// The <c>error.code</c> of a response that is a JSON-RPC error; 0 for a result and for anything but a response. A
    /// transport that answers some errors with their own HTTP status (a 2026-07-28 -32601 is a 404) reads it here
    /// instead of the message.
    /// </summary>
    public int ErrorCode { get; }

    internal static McpMessageRoute ResponseTo(RequestId request, int errorCode = 0) => new(McpOutgoingKind.Response, request, errorCode);

    internal static McpMessageRoute NotificationFor(RequestId request) => new(McpOutgoingKind.Notification, request);

    /// <summary>A notification that belongs to no request (list changed, resource updated).</summary>
    internal static McpMessageRoute Unrelated => new(McpOutgoingKind.Notification, default);
}

/// <summary>Where a session sends outgoing messages. Each call carries one complete JSON-RPC message.</summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public interface IMcpMessageSink
{
    /// <summary>Sends one complete message (JSON, without framing). Safe to call from any thread.</summary>
    void Send(ReadOnlySpan<byte> message, McpMessageRoute route);

    /// <summary>
    /// The request will get no response (the client cancelled it): a transport holding a stream open for it can end it.
    /// </summary>
    void Abandon(RequestId request)
    {
    }

    /// <summary>
    /// Completes when the transport can take more output. A stdio sink whose client stops reading holds tools that
    /// send progress or logs here; transports that bound their buffers otherwise complete at once.
    /// </summary>
    System.Threading.Tasks.ValueTask WaitForRoomAsync() => System.Threading.Tasks.ValueTask.CompletedTask;

    /// <summary>
    /// Ends the stream of <paramref name="request"/> for now, if the transport can resume it later (Streamable HTTP
    /// with an event store): the rest of the request's messages wait until the client reconnects. False when it cannot.
    /// </summary>
    bool EndStreamForPolling(RequestId request) => false;

    /// <summary>
    /// Answers a request the caller is not allowed to make, in the transport's own terms (HTTP 403 with
    /// <c>WWW-Authenticate: Bearer error="insufficient_scope"</c>); false leaves it to a JSON-RPC error.
    /// </summary>
    /// <remarks><paramref name="scopes"/>: the scopes to ask for (every one the component needs), empty when a policy refused.</remarks>
    bool Forbid(RequestId request, System.Collections.Generic.IReadOnlyList<string> scopes, string details) => false;
}
