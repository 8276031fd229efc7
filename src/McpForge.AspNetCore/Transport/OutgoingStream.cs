using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.EventStore;
using McpForge.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// The messages of one stream to the client: a POST's response and what its call sends before it (progress, logs,
/// requests of the server's own), or the session's GET stream. Producers (tool threads) publish from any thread; the
/// HTTP request that carries the stream writes them. A stream with an event store behind it is resumable: every
/// event gets an id and is stored, so when the connection breaks (or the tool closes it to be polled) the messages
/// keep being stored and a GET with <c>Last-Event-ID</c> replays them and carries the stream on.
/// </summary>
internal sealed class OutgoingStream
{
    private readonly object _gate = new();
    private readonly IStreamOwner _session;
    private Queue<Outgoing> _queue = new();
    private long _queuedBytes;
    private TaskCompletionSource? _wake;
    private bool _streaming;        // SSE was chosen (a POST starts undecided: it may still be answered as JSON)
    private bool _writerAttached;   // an HTTP response is writing this stream now
    private bool _completed;        // the response is in (POST), or the session ended
    private bool _closeRequested;   // the tool asked to end the connection and be polled
    private bool _overflowed;

    public OutgoingStream(IStreamOwner session, RequestId requestId, AcceptedMedia accepted)
    {
        _session = session;
        RequestId = requestId;
        Accepted = accepted;
    }

    /// <summary>The request this stream answers; not valid for the GET stream.</summary>
    public RequestId RequestId { get; }

    public AcceptedMedia Accepted { get; }

    /// <summary>The event store's name for this stream, once it is resumable; null for a stream without event ids.</summary>
    public string? StreamId { get; private set; }

    /// <summary>True while a client connection carries the stream.</summary>
    public bool IsAttached
    {
        get
        {
            lock (_gate) return _writerAttached;
        }
    }

    public bool IsCompleted
    {
        get
        {
            lock (_gate) return _completed;
        }
    }

    /// <summary>
    /// Queues a notification or request of the server's own; false when this stream cannot carry it (its client takes
    /// JSON only), so the session sends it on its GET stream instead.
    /// </summary>
    public bool Publish(ReadOnlySpan<byte> message)
    {
        if (!Accepted.Events) return false;
        Add(message, isResponse: false);
        return true;
    }

    /// <summary>Queues the response, which ends the stream; an empty one means the request gets none (it was cancelled).</summary>
    public void Complete(ReadOnlySpan<byte> response) => Add(response, isResponse: true);

    private void Add(ReadOnlySpan<byte> message, bool isResponse)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_completed) return;
            if (isResponse) _completed = true;
            string? id = null;
            if (_streaming && StreamId is not null && !message.IsEmpty)
            {
                id = _session.Store!.Append(_session.Id, StreamId, message);
            }
            // Undecided POSTs and attached streams queue; a detached resumable stream has it in the store already,
            // and a detached plain one has no client left to reach.
            if (!_streaming || _writerAttached)
            {
                _queue.Enqueue(Outgoing.Copy(id, message, isResponse));
                _queuedBytes += message.Length;
                if (_queuedBytes > _session.Options.MaxQueuedBytesPerStream) _overflowed = true;
            }
            wake = _wake;
            _wake = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>The request was refused for lack of scopes: answered with HTTP 403 rather than on the stream.</summary>
    public (System.Collections.Generic.IReadOnlyList<string> Scopes, string Details)? Forbidden { get; private set; }

    /// <summary>Refuses the request (it was refused before it ran, so nothing was queued for it).</summary>
    public void Forbid(System.Collections.Generic.IReadOnlyList<string> scopes, string details)
    {
        Forbidden = (scopes, details);
        Close();
    }

    /// <summary>Ends the stream for good (the session is closing): its writer finishes what is queued and returns.</summary>
    public void Close()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _completed = true;
            wake = _wake;
            _wake = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>
    /// The tool asks to end the connection now and be polled (SEP-1699): possible only on a resumable stream whose
    /// client accepts SSE. The writer ends the response after what is queued; the call goes on.
    /// </summary>
    public bool RequestPollingClose()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_completed || !Accepted.Events || !_session.IsResumable) return false;
            _closeRequested = true;
            wake = _wake;
            _wake = null;
        }
        wake?.TrySetResult();
        return true;
    }

    /// <summary>
    /// The response as one JSON body, when the call answered at once and nothing needs a stream: the client accepts
    /// JSON and does not prefer SSE, and the call sent nothing before its response (or the client cannot take events).
    /// </summary>
    public bool TryTakeImmediateResponse(out Outgoing response)
    {
        lock (_gate)
        {
            response = default;
            if (_streaming || !_completed || !Accepted.Json || _closeRequested) return false;
            if (Accepted.PrefersEvents || (_queue.Count > 1 && Accepted.Events)) return false;
            while (_queue.Count > 1) _queue.Dequeue().Return(); // notifications for a JSON-only client have nowhere to go
            response = _queue.Dequeue();
            _queuedBytes = 0;
            return true;
        }
    }

    /// <summary>For a client that takes JSON only: waits for the response of a call that went asynchronous.</summary>
    public async Task<Outgoing?> WaitForResponseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_completed)
                {
                    while (_queue.Count > 1) _queue.Dequeue().Return();
                    return _queue.Count == 1 ? _queue.Dequeue() : null;
                }
                _wake ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _wake.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts SSE on this POST (or GET) and writes until the stream ends, the tool asks to be polled, or the client
    /// goes. Queued messages get their event ids now, after the priming event, so order is kept.
    /// </summary>
    public async Task StreamAsync(HttpContext context)
    {
        string? primingId = null;
        lock (_gate)
        {
            _streaming = true;
            _writerAttached = true;
            if (_session.IsResumable)
            {
                StreamId = _session.NextStreamId(RequestId);
                primingId = _session.Store!.Append(_session.Id, StreamId, ReadOnlySpan<byte>.Empty);
                var queued = _queue;
                _queue = new Queue<Outgoing>(queued.Count);
                foreach (var item in queued)
                {
                    _queue.Enqueue(item.WithId(item.IsEmpty ? null : _session.Store.Append(_session.Id, StreamId, item.Span)));
                }
                _session.TrackResumable(this);
            }
        }
        StartEventStream(context.Response);
        if (primingId is not null) SseFormat.WritePriming(context.Response.BodyWriter, primingId, _session.Options.RetryInterval);
        try
        {
            // The headers (and the priming event) leave now: the client learns at once that its call is streaming.
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            Detach(delivered: false);
            return;
        }
        await PumpAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Carries the stream on a new GET after <c>Last-Event-ID</c>: the stored events after it first, then whatever the
    /// call still sends. False when another connection carries the stream already.
    /// </summary>
    public async Task<bool> ResumeAsync(HttpContext context, string lastEventId)
    {
        lock (_gate)
        {
            if (_writerAttached) return false;
            var stored = new List<StoredEvent>();
            if (!_session.Store!.TryGetEventsAfter(_session.Id, lastEventId, out _, stored)) stored.Clear();
            ReturnAll();
            foreach (var e in stored) _queue.Enqueue(Outgoing.Copy(e.Id, e.Message.Span, isResponse: false));
            _writerAttached = true;
            _closeRequested = false;
            _overflowed = false;
        }
        StartEventStream(context.Response);
        try
        {
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            Detach(delivered: false);
            return true;
        }
        await PumpAsync(context).ConfigureAwait(false);
        return true;
    }

    private static void StartEventStream(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must pass events on as they come
        response.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private async Task PumpAsync(HttpContext context)
    {
        var output = context.Response.BodyWriter;
        var aborted = context.RequestAborted;
        var keepAlive = _session.Options.KeepAliveInterval;
        var batch = new List<Outgoing>();
        try
        {
            while (true)
            {
                Task? wait = null;
                bool done, poll, overflow;
                lock (_gate)
                {
                    while (_queue.Count > 0) batch.Add(_queue.Dequeue());
                    _queuedBytes = 0;
                    done = _completed && batch.Count == 0;
                    poll = _closeRequested && batch.Count == 0;
                    overflow = _overflowed;
                    if (batch.Count == 0 && !done && !poll && !overflow)
                    {
                        _wake ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        wait = _wake.Task;
                    }
                }
                if (overflow)
                {
                    // The client reads slower than the call writes: cut the connection rather than buffer without end.
                    context.Abort();
                    throw new IOException("The client did not read its stream fast enough.");
                }
                if (done || poll)
                {
                    await output.FlushAsync(aborted).ConfigureAwait(false);
                    Detach(delivered: done);
                    return;
                }
                if (wait is not null)
                {
                    try
                    {
                        await wait.WaitAsync(keepAlive, _session.Time, aborted).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        SseFormat.WriteKeepAlive(output);
                        await output.FlushAsync(aborted).ConfigureAwait(false);
                    }
                    continue;
                }
                foreach (var item in batch)
                {
                    if (!item.IsEmpty) SseFormat.WriteMessage(output, item.Id, item.Span);
                    item.Return();
                }
                batch.Clear();
                var flush = await output.FlushAsync(aborted).ConfigureAwait(false);
                if (flush.IsCanceled || flush.IsCompleted) throw new IOException("The client closed the stream.");
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            foreach (var item in batch) item.Return();
            Detach(delivered: false);
        }
    }

    /// <summary>The connection carrying the stream is gone (or was ended on purpose); decides what becomes of the rest.</summary>
    private void Detach(bool delivered)
    {
        bool resumable, completed;
        lock (_gate)
        {
            _writerAttached = false;
            _closeRequested = false;
            ReturnAll();
            resumable = StreamId is not null;
            completed = _completed;
        }
        if (delivered)
        {
            _session.StreamDelivered(this);
        }
        else if (!resumable && !completed)
        {
            // Nothing can ever reach this client again on this stream: a call behind it is cancelled. A resumable
            // stream keeps going (disconnection is not cancellation, MCP says), its messages stored for a GET.
            _session.StreamLost(this);
        }
    }

    private void ReturnAll()
    {
        while (_queue.Count > 0) _queue.Dequeue().Return();
        _queuedBytes = 0;
    }
}

/// <summary>
/// What a stream belongs to: a legacy session (whose streams may be resumable and share its event store), or one
/// 2026-07-28 request, whose single stream is never resumed.
/// </summary>
internal interface IStreamOwner
{
    /// <summary>The session id the event store files events under (empty for a modern request).</summary>
    string Id { get; }

    McpHttpOptions Options { get; }

    /// <summary>The server's clock, which paces keep-alive comments.</summary>
    TimeProvider Time { get; }

    IMcpEventStore? Store { get; }

    /// <summary>True when streams get event ids and a priming event (a session with a store and a 2025-11-25 client).</summary>
    bool IsResumable { get; }

    string NextStreamId(RequestId request);

    void TrackResumable(OutgoingStream stream);

    /// <summary>The stream's last message was written to its client.</summary>
    void StreamDelivered(OutgoingStream stream);

    /// <summary>A stream that cannot be resumed lost its client: the request behind it is cancelled.</summary>
    void StreamLost(OutgoingStream stream);

    /// <summary>The HTTP status of a response sent as one JSON body, read once the response came (a session's are all 200).</summary>
    int JsonAnswerStatus { get; }
}

/// <summary>One queued message: its event id (when resumable) and a pooled copy of its bytes.</summary>
internal readonly struct Outgoing
{
    private readonly byte[]? _buffer;
    private readonly int _length;

    private Outgoing(string? id, byte[]? buffer, int length, bool isResponse)
    {
        Id = id;
        _buffer = buffer;
        _length = length;
        IsResponse = isResponse;
    }

    public string? Id { get; }

    public bool IsResponse { get; }

    public bool IsEmpty => _length == 0;

    public ReadOnlySpan<byte> Span => _buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.AsSpan(0, _length);

    public static Outgoing Copy(string? id, ReadOnlySpan<byte> message, bool isResponse)
    {
        if (message.IsEmpty) return new Outgoing(id, null, 0, isResponse);
        var buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        message.CopyTo(buffer);
        return new Outgoing(id, buffer, message.Length, isResponse);
    }

    public Outgoing WithId(string? id) => new(id, _buffer, _length, IsResponse);

    public void Return()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
    }
}
