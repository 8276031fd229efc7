using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using McpForge.AspNetCore.EventStore;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Transports;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// One MCP session over Streamable HTTP: the protocol session, the streams open to its client, and the routing of
/// every outgoing message onto exactly one of them. A response and what its call sends go on that request's POST
/// stream; anything else goes on the GET stream.
/// </summary>
internal sealed class HttpSession : IMcpMessageSink, IStreamOwner
{
    private readonly ConcurrentDictionary<RequestId, OutgoingStream> _requests = new();
    private readonly ConcurrentDictionary<string, OutgoingStream> _resumable = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(OutgoingStream Stream, long At)> _delivered = new();
    private readonly McpHttpTransport _transport;
    private OutgoingStream? _standalone;
    private long _lastActivity;
    private int _nextStream;
    private int _closed;

    public HttpSession(McpHttpTransport transport, string id, bool stateless)
    {
        _transport = transport;
        _lastActivity = transport.Now;
        Id = id;
        IsStateless = stateless;
        Connection = new McpConnection(transport.Server, this, "tcp", stateless ? null : id, canNotify: !stateless);
    }

    /// <summary>The <c>Mcp-Session-Id</c> (empty for a stateless request).</summary>
    public string Id { get; }

    public bool IsStateless { get; }

    /// <summary>The protocol side of the session: its legacy session once <c>initialize</c> succeeded, its requests, its admission.</summary>
    public McpConnection Connection { get; }

    public McpHttpOptions Options => _transport.Options;

    public TimeProvider Time => _transport.Server.Options.TimeProvider;

    public IMcpEventStore? Store => _transport.Options.EventStore;

    /// <summary>
    /// Streams get event ids (and a priming event) when there is a store and the client is new enough to expect
    /// priming events: 2025-11-25 clients; older ones may not accept an event without data.
    /// </summary>
    /// <summary>Every JSON answer of a session is a 200, errors included (MCP 2025-11-25, Streamable HTTP).</summary>
    public int JsonAnswerStatus => Microsoft.AspNetCore.Http.StatusCodes.Status200OK;

    public bool IsResumable => !IsStateless && Store is not null
        && string.CompareOrdinal(Connection.SessionProtocolVersion ?? "", McpProtocolVersions.V2025_11_25) >= 0; // priming events came with SEP-1699

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Milliseconds (<see cref="McpHttpTransport.Now"/>) of the last request.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>True while a request is in progress or a stream is connected: such a session is never idle.</summary>
    public bool IsBusy
    {
        get
        {
            if (!_requests.IsEmpty) return true;
            foreach (var stream in _resumable.Values)
            {
                if (stream.IsAttached) return true;
            }
            return _standalone is { IsAttached: true };
        }
    }

    /// <summary>Requests whose response is still to come (tests wait on it to know a request has ended).</summary>
    public int RequestsInProgress => _requests.Count;

    /// <summary>True while a client connection carries one of this session's streams (tests wait on it to know a client left).</summary>
    public bool HasAttachedStream
    {
        get
        {
            foreach (var stream in _resumable.Values)
            {
                if (stream.IsAttached) return true;
            }
            foreach (var stream in _requests.Values)
            {
                if (stream.IsAttached) return true;
            }
            return _standalone is { IsAttached: true };
        }
    }

    /// <summary>True while a request of the session is in progress (its answer not yet delivered).</summary>
    public bool HasRequests => !_requests.IsEmpty;

    public void Touch() => Volatile.Write(ref _lastActivity, _transport.Now);

    /// <summary>Registers the stream of a request; false when the id is already in use by a request in progress.</summary>
    public bool TryAddRequest(OutgoingStream stream) => _requests.TryAdd(stream.RequestId, stream);

    public void RemoveRequest(OutgoingStream stream) => _requests.TryRemove(new(stream.RequestId, stream));

    public string NextStreamId(RequestId request)
    {
        var n = Interlocked.Increment(ref _nextStream);
        return Epoch == 0 ? n.ToString(CultureInfo.InvariantCulture) : ScaleOut.StreamIds.Format(Epoch, n, request);
    }

    /// <summary>
    /// The owner's epoch when the endpoint runs in a fleet (<see cref="ScaleOut.IMcpSessionDirectory"/>): 1 for a session
    /// opened here, one more at each takeover. 0 on a single instance, whose stream ids stay plain numbers.
    /// </summary>
    public long Epoch { get; init; }

    /// <summary>The directory's lease generation this session was last saved under (a fleet only).</summary>
    public long LeaseGeneration { get; set; }

    /// <summary>The client's <c>initialize</c> params as JSON, kept for the fleet's snapshot (a fleet only).</summary>
    public string? InitializeParams { get; set; }

    public void TrackResumable(OutgoingStream stream) => _resumable[stream.StreamId!] = stream;

    public bool TryGetResumable(string streamId, out OutgoingStream stream) => _resumable.TryGetValue(streamId, out stream!);

    /// <summary>Opens the GET stream; false when a connected one exists (a session has one at a time).</summary>
    public bool TryOpenStandalone(OutgoingStream stream)
    {
        while (true)
        {
            var current = Volatile.Read(ref _standalone);
            if (current is { IsAttached: true }) return false;
            if (Interlocked.CompareExchange(ref _standalone, stream, current) == current)
            {
                if (current?.StreamId is { } old)
                {
                    // A fresh GET (no Last-Event-ID) replaces a broken one: what it missed is not wanted any more.
                    _resumable.TryRemove(old, out _);
                    Store?.RemoveStream(Id, old);
                }
                return true;
            }
        }
    }

    /// <summary>
    /// A stream's last message was written to its client. Its events stay replayable for
    /// <see cref="McpHttpOptions.ReplayWindow"/> (the write may not have reached the client), then are dropped.
    /// </summary>
    public void StreamDelivered(OutgoingStream stream)
    {
        RemoveRequest(stream);
        if (stream.StreamId is not null) _delivered.Enqueue((stream, _transport.Now));
        if (stream == Volatile.Read(ref _standalone)) Interlocked.CompareExchange(ref _standalone, null, stream);
    }

    /// <summary>Drops the events of streams delivered longer ago than the replay window (the transport's sweep calls it).</summary>
    public void ForgetDeliveredStreams(long now)
    {
        var window = (long)Options.ReplayWindow.TotalMilliseconds;
        while (_delivered.TryPeek(out var entry) && now - entry.At >= window && _delivered.TryDequeue(out entry))
        {
            // A stream resumed and still connected is in use again; it is queued anew when that delivery ends.
            if (entry.Stream.IsAttached) continue;
            _resumable.TryRemove(new(entry.Stream.StreamId!, entry.Stream));
            Store?.RemoveStream(Id, entry.Stream.StreamId!);
        }
    }

    /// <summary>A stream that cannot be resumed lost its client: the call behind it is cancelled.</summary>
    public void StreamLost(OutgoingStream stream)
    {
        RemoveRequest(stream);
        if (stream.RequestId.IsValid) Connection.TryCancel(stream.RequestId);
        if (stream == Volatile.Read(ref _standalone)) Interlocked.CompareExchange(ref _standalone, null, stream);
    }

    void IMcpMessageSink.Send(ReadOnlySpan<byte> message, McpMessageRoute route)
    {
        if (McpForge.Diagnostics.McpTelemetry.BytesSent.Enabled)
        {
            McpForge.Diagnostics.McpTelemetry.BytesSent.Add(message.Length, TransportLog.TcpTag);
        }
        var related = route.RelatedRequest;
        if (route.Kind == McpOutgoingKind.Response)
        {
            if (_requests.TryRemove(related, out var answered)) answered.Complete(message);
            else _transport.Log($"a response to {related}, whose request is no longer waiting, was dropped");
            return;
        }
        if (related.IsValid && _requests.TryGetValue(related, out var stream) && stream.Publish(message))
        {
            return;
        }
        // Unrelated messages, and those of a request whose client takes JSON only, go on the GET stream if there is one.
        if (Volatile.Read(ref _standalone) is { } standalone)
        {
            standalone.Publish(message);
        }
    }

    void IMcpMessageSink.Abandon(RequestId request)
    {
        if (_requests.TryRemove(request, out var stream)) stream.Complete(ReadOnlySpan<byte>.Empty);
    }

    bool IMcpMessageSink.EndStreamForPolling(RequestId request) =>
        _requests.TryGetValue(request, out var stream) && stream.RequestPollingClose();

    bool IMcpMessageSink.Forbid(RequestId request, System.Collections.Generic.IReadOnlyList<string> scopes, string details)
    {
        if (!_requests.TryRemove(request, out var stream)) return false;
        stream.Forbid(scopes, details);
        return true;
    }

    /// <summary>Who opened the session (issuer and subject of its first caller), or null without authentication.</summary>
    public string? Owner { get; set; }


    /// <summary>Ends the session: calls in flight are cancelled, streams end, stored events are dropped. Idempotent.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        Connection.CancelAll();
        foreach (var stream in _requests.Values) stream.Close();
        foreach (var stream in _resumable.Values) stream.Close();
        _standalone?.Close();
        _requests.Clear();
        _resumable.Clear();
        Store?.RemoveSession(Id);
        _transport.Server.Detach(Connection);
    }
}
