using System;
using McpForge.AspNetCore.EventStore;
using McpForge.JsonRpc;
using McpForge.Transports;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// One 2026-07-28 request over Streamable HTTP: a connection of its own, with no session behind it, whose one stream is
/// the POST's response (one JSON body, or SSE carrying the request's progress and logs, or a listen stream's
/// notifications, then the result). Nothing outlives it; closing the stream cancels the request.
/// </summary>
internal sealed class ModernExchange : IMcpMessageSink, IStreamOwner
{
    public ModernExchange(McpHttpTransport transport, RequestId requestId, AcceptedMedia accepted)
    {
        Options = transport.Options;
        Time = transport.Server.Options.TimeProvider;
        Connection = new McpConnection(transport.Server, this, "tcp", sessionId: null, canNotify: false);
        Stream = new OutgoingStream(this, requestId, accepted);
    }

    public McpConnection Connection { get; }

    public OutgoingStream Stream { get; }

    public McpHttpOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// The status of the answer, from its error code as the responder reported it (MCP 2026-07-28, Streamable HTTP): 400
    /// for a capability the request did not declare (-32021), 404 for a method that does not exist (-32601), else 200.
    /// </summary>
    public int JsonAnswerStatus { get; private set; } = StatusCodes.Status200OK;

    string IStreamOwner.Id => string.Empty;

    IMcpEventStore? IStreamOwner.Store => null;

    bool IStreamOwner.IsResumable => false; // 2026-07-28 has no resumability: no event ids, no priming events

    string IStreamOwner.NextStreamId(RequestId request) => throw new InvalidOperationException("A 2026-07-28 stream is never resumable.");

    void IStreamOwner.TrackResumable(OutgoingStream stream) => throw new InvalidOperationException("A 2026-07-28 stream is never resumable.");

    void IStreamOwner.StreamDelivered(OutgoingStream stream)
    {
    }

    /// <summary>The client closed the stream: for 2026-07-28 that is the cancellation of the request (or the end of its subscription).</summary>
    void IStreamOwner.StreamLost(OutgoingStream stream) => Connection.TryCancel(stream.RequestId);

    void IMcpMessageSink.Send(ReadOnlySpan<byte> message, McpMessageRoute route)
    {
        if (McpForge.Diagnostics.McpTelemetry.BytesSent.Enabled)
        {
            McpForge.Diagnostics.McpTelemetry.BytesSent.Add(message.Length, TransportLog.TcpTag);
        }
        if (route.RelatedRequest != Stream.RequestId) return; // nothing unrelated has anywhere to go without a session
        if (route.Kind == McpOutgoingKind.Response)
        {
            JsonAnswerStatus = route.ErrorCode switch
            {
                JsonRpcErrorCode.MissingRequiredClientCapability => StatusCodes.Status400BadRequest,
                JsonRpcErrorCode.MethodNotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status200OK,
            };
            Stream.Complete(message);
        }
        else if (route.Kind == McpOutgoingKind.Notification) Stream.Publish(message); // a JSON-only client gets the result alone
    }

    void IMcpMessageSink.Abandon(RequestId request) => Stream.Complete(ReadOnlySpan<byte>.Empty);

    bool IMcpMessageSink.Forbid(RequestId request, System.Collections.Generic.IReadOnlyList<string> scopes, string details)
    {
        Stream.Forbid(scopes, details);
        return true;
    }
}
