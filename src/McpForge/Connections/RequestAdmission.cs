using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Connections;

/// <summary>
/// Admission of the requests that run user code on one connection (<c>tools/call</c>, <c>prompts/get</c>,
/// <c>resources/read</c>, <c>completion/complete</c>): at most <see cref="McpServerOptions.MaxConcurrentRequests"/> hold
/// a response slot at once; the rest wait in arrival order in a queue bounded by
/// <see cref="McpServerOptions.MaxQueuedRequests"/> and <see cref="McpServerOptions.MaxQueuedBytes"/>. When the queue is
/// full too, <see cref="McpServerOptions.WhenBusy"/> decides: the transport stops reading (stdio) or holds the POST
/// (HTTP), or the request is refused at once. Everything else (pings, lists, notifications, the client's answers to the
/// server's own requests) is never queued, so a tool waiting on an elicitation still gets its answer while every slot
/// is taken. The same bookkeeping tells when every request read so far is answered (<see cref="DrainAsync"/>).
/// </summary>
internal sealed class RequestAdmission
{
    private readonly LinkedList<QueuedRequest> _queue = new(); // also the lock of every field below: private, never handed out
    private readonly McpServerOptions _options;
    private readonly McpConnection _connection;
    private long _queuedBytes;
    private int _holding; // requests holding a response slot until their outcome is decided
    private int _admitting; // admitted, not yet holding their response slot
    private bool _pumping; // a worker is starting queued requests
    private int _pumpsScheduled;
    private TaskCompletionSource? _queueSpaceWaiter;
    private TaskCompletionSource? _drainWaiter;

    /// <param name="connection">
    /// The connection whose requests these are: its server's options set the limits, its room for output paces the start
    /// of queued requests, and it runs a queued stdio message when its turn comes (<see cref="McpConnection.RunQueued"/>).
    /// A connection is made for every 2026-07-28 request over HTTP, so its admission holds no delegate of its own.
    /// </param>
    public RequestAdmission(McpConnection connection)
    {
        _connection = connection;
        _options = connection.Server.Options;
    }

    /// <summary>
    /// True while the queue is at its bound and the server waits rather than rejects: a stdio transport then stops
    /// reading until a queued request starts (<see cref="WaitForQueueSpaceAsync"/>).
    /// </summary>
    public bool ShouldPauseReading
    {
        get
        {
            if (_options.WhenBusy == BusyBehavior.Reject) return false;
            lock (_queue) return IsQueueFull;
        }
    }

    private bool IsQueueFull => _queue.Count >= _options.MaxQueuedRequests || _queuedBytes >= _options.MaxQueuedBytes;

    private bool SlotsTaken => Volatile.Read(ref _holding) + _admitting >= _options.MaxConcurrentRequests;

    /// <summary>Completes once the queue has room again.</summary>
    public Task WaitForQueueSpaceAsync()
    {
        lock (_queue)
        {
            if (!IsQueueFull) return Task.CompletedTask;
            _queueSpaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _queueSpaceWaiter.Task;
        }
    }

    /// <summary>What became of a message offered by <see cref="TryAdmit"/>.</summary>
    public enum Decision
    {
        /// <summary>A slot was free: dispatch it now, then call <see cref="EndAdmission"/>.</summary>
        RunNow,
        /// <summary>It waits in the queue as a copy of its bytes, and runs when its turn comes.</summary>
        Queued,
        /// <summary>The queue is full and the server rejects: answer -32004 (or its modern equivalent).</summary>
        Busy,
    }

    /// <summary>A request read from a stream (stdio): runs now when a slot is free and nothing waits before it, else queues.</summary>
    public Decision TryAdmit(RequestId id, ReadOnlySpan<byte> message, McpCaller caller)
    {
        lock (_queue)
        {
            if (_queue.Count == 0 && !SlotsTaken)
            {
                _admitting++;
                return Decision.RunNow;
            }
            if (IsQueueFull && _options.WhenBusy == BusyBehavior.Reject) return Decision.Busy;
            var copy = ArrayPool<byte>.Shared.Rent(message.Length);
            message.CopyTo(copy);
            _queue.AddLast(new QueuedRequest(id, copy, message.Length, caller, null));
            _queuedBytes += message.Length;
            return Decision.Queued;
        }
    }

    /// <summary>
    /// A request that arrived with its own connection (Streamable HTTP): true once it may run, after waiting its turn
    /// if need be; false when the queue is full and the server rejects. The caller dispatches it, then calls
    /// <see cref="EndAdmission"/>. Cancelling <paramref name="aborted"/> (the client went away) leaves the queue.
    /// </summary>
    public async ValueTask<bool> WaitTurnAsync(RequestId id, McpCaller caller, CancellationToken aborted)
    {
        QueuedRequest waiting;
        lock (_queue)
        {
            if (_queue.Count == 0 && !SlotsTaken)
            {
                _admitting++;
                return true;
            }
            if (IsQueueFull && _options.WhenBusy == BusyBehavior.Reject) return false;
            waiting = new QueuedRequest(id, null, 0, caller, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            _queue.AddLast(waiting);
        }
        try
        {
            return await waiting.Turn!.Task.WaitAsync(aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            bool removed;
            lock (_queue)
            {
                removed = _queue.Remove(waiting);
            }
            // Not in the queue any more: its turn came as the client left, so the slot it was given goes back.
            if (!removed && !waiting.Turn!.TrySetCanceled()) EndAdmission();
            throw;
        }
    }

    /// <summary>The admitted request was dispatched: it holds its own response slot now, if it took one.</summary>
    public void EndAdmission()
    {
        lock (_queue)
        {
            _admitting--;
        }
        StartQueuedIfFree();
    }

    /// <summary>A request starts running user code: it holds a response slot until its outcome is decided.</summary>
    public void HoldSlot() => Interlocked.Increment(ref _holding);

    /// <summary>A request's outcome is decided: its slot goes to a queued request, or completes a waiting drain.</summary>
    public void ReleaseSlot()
    {
        Interlocked.Decrement(ref _holding);
        StartQueuedIfFree();
    }

    /// <summary>Requests read and not yet answered: running, being admitted, or queued.</summary>
    public int Unanswered
    {
        get
        {
            lock (_queue) return Volatile.Read(ref _holding) + _admitting + _queue.Count;
        }
    }

    /// <summary>Requests waiting in the queue for a slot (tests wait on it to know a request reached the queue).</summary>
    public int Queued
    {
        get
        {
            lock (_queue) return _queue.Count;
        }
    }

    /// <summary>How many times a worker was scheduled to start queued requests; a request that never queued schedules none.</summary>
    public int PumpsScheduled => Volatile.Read(ref _pumpsScheduled);

    /// <summary>Completes when every request read so far has its response (or was cancelled by the client).</summary>
    public Task DrainAsync()
    {
        lock (_queue)
        {
            if (Volatile.Read(ref _holding) == 0 && _admitting == 0 && _queue.Count == 0) return Task.CompletedTask;
            _drainWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drainWaiter.Task;
        }
    }

    /// <summary>Drops every queued request unanswered (the connection is shutting down).</summary>
    public void DiscardQueued()
    {
        List<QueuedRequest> dropped;
        lock (_queue)
        {
            dropped = [.. _queue];
            _queue.Clear();
            _queuedBytes = 0;
        }
        foreach (var request in dropped)
        {
            if (request.Message is not null) ArrayPool<byte>.Shared.Return(request.Message);
            request.Turn?.TrySetCanceled();
        }
        StartQueuedIfFree();
    }

    /// <summary>A cancellation of a request still in the queue removes it: it never runs and gets no response.</summary>
    public bool TryCancelQueued(RequestId id)
    {
        QueuedRequest? removed = null;
        TaskCompletionSource? space = null;
        lock (_queue)
        {
            for (var node = _queue.First; node is not null; node = node.Next)
            {
                if (node.Value.Message is not null && node.Value.Id.Equals(id))
                {
                    removed = node.Value;
                    _queue.Remove(node);
                    _queuedBytes -= removed.Length;
                    if (!IsQueueFull)
                    {
                        space = _queueSpaceWaiter;
                        _queueSpaceWaiter = null;
                    }
                    break;
                }
            }
        }
        if (removed is null) return false;
        ArrayPool<byte>.Shared.Return(removed.Message!);
        space?.TrySetResult();
        StartQueuedIfFree();
        return true;
    }

    /// <summary>What -32004 says (and the HTTP 429 body).</summary>
    public static string BusyDetails(McpServerOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"The server is busy: {options.MaxConcurrentRequests} requests are running and the queue is full (McpServerOptions.MaxConcurrentRequests, MaxQueuedRequests = {options.MaxQueuedRequests}). Try again shortly.");

    /// <summary>Starts waiting requests while slots are free (one worker at a time, so they start in arrival order).</summary>
    private void StartQueuedIfFree()
    {
        TaskCompletionSource? drain = null;
        var pump = false;
        lock (_queue)
        {
            if (_queue.Count > 0)
            {
                if (_pumping || SlotsTaken) return;
                _pumping = pump = true;
            }
            else
            {
                if (Volatile.Read(ref _holding) != 0 || _admitting != 0) return;
                drain = _drainWaiter; // nothing queued, running or being admitted: a drain waiting for that is done
                _drainWaiter = null;
            }
        }
        if (drain is not null)
        {
            drain.TrySetResult();
            return;
        }
        if (!pump) return;
        Interlocked.Increment(ref _pumpsScheduled);
        ThreadPool.UnsafeQueueUserWorkItem(static admission => _ = admission.StartQueuedAsync(), this, preferLocal: false);
    }

    private async Task StartQueuedAsync()
    {
        while (true)
        {
            // A client that does not read its answers (stdio) holds queued calls here: starting them would only pile
            // their answers up in memory.
            await _connection.WaitForOutputRoomAsync().ConfigureAwait(false);
            QueuedRequest next;
            TaskCompletionSource? space = null;
            lock (_queue)
            {
                if (_queue.Count == 0 || SlotsTaken)
                {
                    _pumping = false;
                    break;
                }
                next = _queue.First!.Value;
                _queue.RemoveFirst();
                _queuedBytes -= next.Length;
                _admitting++;
                if (!IsQueueFull)
                {
                    space = _queueSpaceWaiter;
                    _queueSpaceWaiter = null;
                }
            }
            space?.TrySetResult();
            if (next.Turn is { } turn)
            {
                // An HTTP request: its own task dispatches it and ends the admission.
                if (!turn.TrySetResult(true)) EndAdmissionQuietly();
                continue;
            }
            try
            {
                _connection.RunQueued(next.Message!, next.Length, next.Caller);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(next.Message!);
                EndAdmissionQuietly();
            }
        }
        StartQueuedIfFree(); // a slot may have freed after the loop looked; this also signals a drain
    }

    private void EndAdmissionQuietly()
    {
        lock (_queue)
        {
            _admitting--;
        }
    }

    /// <summary>A request waiting for a slot: the bytes of a stdio message, or the turn of an HTTP request.</summary>
    private sealed record QueuedRequest(RequestId Id, byte[]? Message, int Length, McpCaller Caller, TaskCompletionSource<bool>? Turn);
}
