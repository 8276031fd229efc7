using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;

namespace McpForge.Server;

/// <summary>
/// Admission of the requests that run handler code (<c>tools/call</c>, <c>prompts/get</c>, <c>resources/read</c>,
/// <c>completion/complete</c>): at most <see cref="McpServerOptions.MaxConcurrentRequests"/> run at once; the rest wait
/// in arrival order in a queue bounded by <see cref="McpServerOptions.MaxQueuedRequests"/> and
/// <see cref="McpServerOptions.MaxQueuedBytes"/>. When the queue is full too, <see cref="McpServerOptions.WhenBusy"/>
/// decides: the transport stops reading (stdio) or holds the POST (HTTP), or the request is answered at once with
/// -32004. Everything else (pings, lists, notifications, the client's answers to the server's own requests) is never
/// queued, so a tool waiting on an elicitation still gets its answer while every slot is taken.
/// </summary>
internal sealed partial class McpSession
{
    private readonly LinkedList<QueuedRequest> _queue = new();
    private long _queuedBytes;
    private int _admitting; // admitted, not yet holding their response slot (under _capacityGate)
    private bool _pumping; // a worker is starting queued requests (under _capacityGate)
    private TaskCompletionSource? _queueSpaceWaiter;

    /// <summary>
    /// True while the queue is at its bound and the server waits rather than rejects: a stdio transport then stops
    /// reading until a queued request starts (<see cref="WaitForQueueSpaceAsync"/>).
    /// </summary>
    public bool ShouldPauseReading
    {
        get
        {
            if (Server.Options.WhenBusy == BusyBehavior.Reject) return false;
            lock (_capacityGate) return IsQueueFull;
        }
    }

    private bool IsQueueFull => _queue.Count >= Server.Options.MaxQueuedRequests || _queuedBytes >= Server.Options.MaxQueuedBytes;

    private bool SlotsTaken => Volatile.Read(ref _pendingResponses) + _admitting >= Server.Options.MaxConcurrentRequests;

    /// <summary>Completes once the queue has room again.</summary>
    public Task WaitForQueueSpaceAsync()
    {
        lock (_capacityGate)
        {
            if (!IsQueueFull) return Task.CompletedTask;
            _queueSpaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _queueSpaceWaiter.Task;
        }
    }

    /// <summary>The methods that hold a response slot while their handler runs, and so wait for one.</summary>
    internal static bool TakesSlot(McpMethod method) =>
        method is McpMethod.ToolsCall or McpMethod.PromptsGet or McpMethod.ResourcesRead or McpMethod.CompletionComplete;

    /// <summary>
    /// A request read from a stream (stdio): runs now when a slot is free and nothing waits before it, else waits in
    /// the queue as a copy of its bytes, or is answered with -32004 when the queue is full and the server rejects.
    /// </summary>
    private void Admit(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, McpCaller caller)
    {
        bool runNow;
        lock (_capacityGate)
        {
            runNow = _queue.Count == 0 && !SlotsTaken;
            if (runNow)
            {
                _admitting++;
            }
            else if (!IsQueueFull || Server.Options.WhenBusy == BusyBehavior.Wait)
            {
                var copy = ArrayPool<byte>.Shared.Rent(message.Length);
                message.CopyTo(copy);
                _queue.AddLast(new QueuedRequest(envelope.Id, copy, message.Length, caller, null));
                _queuedBytes += message.Length;
                return;
            }
        }
        if (!runNow)
        {
            Server.Tracer?.Incoming(SessionId, message);
            SendBusy(envelope.Id);
            return;
        }
        try
        {
            Dispatch(envelope, message, caller);
        }
        finally
        {
            EndAdmission();
        }
    }

    /// <summary>
    /// A request that arrived with its own connection (Streamable HTTP): true once it may run, after waiting its turn
    /// if need be; false when the queue is full and the server rejects. The caller dispatches it, then calls
    /// <see cref="EndAdmission"/>. Cancelling <paramref name="aborted"/> (the client went away) leaves the queue.
    /// </summary>
    internal async ValueTask<bool> WaitTurnAsync(RequestId id, McpCaller caller, CancellationToken aborted)
    {
        QueuedRequest waiting;
        lock (_capacityGate)
        {
            if (_queue.Count == 0 && !SlotsTaken)
            {
                _admitting++;
                return true;
            }
            if (IsQueueFull && Server.Options.WhenBusy == BusyBehavior.Reject) return false;
            waiting = new QueuedRequest(id, null, 0, caller, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            _queue.AddLast(waiting);
        }
        try
        {
            return await waiting.Turn!.Task.WaitAsync(aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            bool admitted;
            lock (_capacityGate)
            {
                admitted = !_queue.Remove(waiting); // its turn came as the client left: give the slot back
            }
            if (admitted) EndAdmission();
            throw;
        }
    }

    /// <summary>The admitted request was dispatched: it holds its own response slot now, if it took one.</summary>
    internal void EndAdmission()
    {
        lock (_capacityGate)
        {
            _admitting--;
        }
        StartQueuedIfFree();
    }

    /// <summary>Starts waiting requests while slots are free (one worker at a time, so they start in arrival order).</summary>
    private void StartQueuedIfFree()
    {
        TaskCompletionSource? drain = null;
        lock (_capacityGate)
        {
            if (_queue.Count > 0)
            {
                if (_pumping || SlotsTaken) return;
                _pumping = true;
            }
            else
            {
                if (Volatile.Read(ref _pendingResponses) == 0 && _admitting == 0)
                {
                    drain = _drainWaiter;
                    _drainWaiter = null;
                }
            }
        }
        if (drain is not null)
        {
            drain.TrySetResult();
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static session => session.StartQueued(), this, preferLocal: false);
    }

    private void StartQueued()
    {
        while (true)
        {
            QueuedRequest next;
            TaskCompletionSource? space = null;
            lock (_capacityGate)
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
                var message = next.Message.AsSpan(0, next.Length);
                Dispatch(JsonRpcEnvelope.Read(message, Server.Options.MaxJsonDepth), message, next.Caller);
            }
            catch (JsonException)
            {
                // It was read once before it was queued, with the same limits; it cannot fail now.
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
        lock (_capacityGate)
        {
            _admitting--;
        }
    }

    /// <summary>A cancellation of a request still in the queue removes it: it never runs and gets no response.</summary>
    private bool TryCancelQueued(RequestId id)
    {
        QueuedRequest? removed = null;
        TaskCompletionSource? space = null;
        lock (_capacityGate)
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

    private void SendBusy(RequestId id) =>
        SendError(id, JsonRpcErrorCode.ServerBusy, BusyDetails(Server.Options));

    internal static string BusyDetails(McpServerOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"The server is busy: {options.MaxConcurrentRequests} requests are running and the queue is full (McpServerOptions.MaxConcurrentRequests, MaxQueuedRequests = {options.MaxQueuedRequests}). Try again shortly.");

    /// <summary>A request waiting for a slot: the bytes of a stdio message, or the turn of an HTTP request.</summary>
    private sealed record QueuedRequest(RequestId Id, byte[]? Message, int Length, McpCaller Caller, TaskCompletionSource<bool>? Turn);
}
