using System;
using System.Collections.Generic;

namespace McpForge.AspNetCore.EventStore;

/// <summary>One stored SSE event: its id and the JSON-RPC message it carried (empty for a priming event).</summary>
/// <param name="Id">The event id sent to the client.</param>
/// <param name="Message">The message, UTF-8 JSON.</param>
public readonly record struct StoredEvent(string Id, ReadOnlyMemory<byte> Message);

/// <summary>
/// Keeps the SSE events of a session's streams so that a client that lost a stream can resume it with
/// <c>Last-Event-ID</c> (MCP Streamable HTTP, "Resumability"). Event ids must be unique within a session and
/// identify their stream. Called under the stream's lock, so implementations must be quick and must not block
/// on I/O: a session lives in one process (its calls are in flight there), so its events do too.
/// </summary>
public interface IMcpEventStore
{
    /// <summary>Stores <paramref name="message"/> (empty for the priming event) as the next event of the stream and returns its id.</summary>
    string Append(string sessionId, string streamId, ReadOnlySpan<byte> message);

    /// <summary>
    /// The stream <paramref name="lastEventId"/> belongs to, and its events after it, in order (priming events left
    /// out). False when the id is not one this store issued for the session, or was evicted.
    /// </summary>
    bool TryGetEventsAfter(string sessionId, string lastEventId, out string streamId, List<StoredEvent> events);

    /// <summary>Forgets a stream whose events the client has all received.</summary>
    void RemoveStream(string sessionId, string streamId);

    /// <summary>Forgets everything of an ended session.</summary>
    void RemoveSession(string sessionId);
}
