using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using McpForge.JsonRpc;

namespace McpForge.Diagnostics;

/// <summary>
/// The requests of one connection being observed (a span and measurements each, <see cref="McpOperation"/>). Costs
/// nothing unless something listens (<see cref="McpTelemetry.IsOn"/>): every method first reads one counter, zero
/// whenever nothing is observed, and the table is made on first use.
/// </summary>
internal sealed class RequestTelemetry(string transport, string? sessionId)
{
    private ConcurrentDictionary<RequestId, McpOperation>? _operations;
    private int _observed;

    /// <summary>True while a request of this connection is observed: its response is then read to end it (<see cref="Complete(RequestId, ReadOnlySpan{byte})"/>).</summary>
    public bool Observing => Volatile.Read(ref _observed) > 0;

    /// <summary>
    /// When something listens, starts the request's span and measurements and makes the span current; returns the
    /// span that was current before, for the caller to restore once the request's synchronous part is done.
    /// </summary>
    public Activity? Start(string method, RequestId id, ReadOnlySpan<byte> @params, string? protocolVersion, out bool observing)
    {
        observing = false;
        if (!McpTelemetry.IsOn) return null;
        var operations = _operations ?? Interlocked.CompareExchange(ref _operations, new(), null) ?? _operations!;
        if (operations.ContainsKey(id)) return null;
        var operation = McpOperation.Start(method, id, @params, protocolVersion, transport, sessionId);
        if (!operations.TryAdd(id, operation))
        {
            operation.Complete(JsonRpcErrorCode.InvalidRequest);
            return null;
        }
        Interlocked.Increment(ref _observed);
        var previous = Activity.Current;
        if (operation.Activity is { } activity)
        {
            Activity.Current = activity;
            observing = true;
        }
        return previous;
    }

    /// <summary>The request ended with <paramref name="response"/>.</summary>
    public void Complete(RequestId id, ReadOnlySpan<byte> response)
    {
        if (Observing && Take(id) is { } operation) operation.Complete(response);
    }

    /// <summary>The transport answered the request itself with <paramref name="errorCode"/> (HTTP 403).</summary>
    public void Complete(RequestId id, int errorCode)
    {
        if (Observing && Take(id) is { } operation) operation.Complete(errorCode);
    }

    /// <summary>The request ended without a response (the client cancelled it).</summary>
    public void Cancelled(RequestId id)
    {
        if (Observing && Take(id) is { } operation) operation.Cancelled();
    }

    /// <summary>Records what decided a tool call's outcome where its response alone does not tell (an exception, bad arguments).</summary>
    public void Outcome(RequestId id, string outcome)
    {
        if (Observing && _operations!.TryGetValue(id, out var operation)) operation.Outcome = outcome;
    }

    private McpOperation? Take(RequestId id)
    {
        if (!_operations!.TryRemove(id, out var operation)) return null;
        Interlocked.Decrement(ref _observed);
        return operation;
    }
}
