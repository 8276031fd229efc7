using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using McpForge.Diagnostics;
using McpForge.JsonRpc;

namespace McpForge.Server;

internal sealed partial class McpSession
{
    private readonly ConcurrentDictionary<RequestId, McpOperation> _operations = new();
    private int _observed; // requests being observed; zero whenever nothing listens, so the hot path reads one int

    /// <summary>
    /// When something listens (<see cref="McpTelemetry.IsOn"/>), starts the request's span and measurements and makes
    /// the span current; returns the span that was current before, for the caller to restore.
    /// </summary>
    private Activity? StartObserving(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> @params, out bool observing)
    {
        observing = false;
        if (!McpTelemetry.IsOn || _operations.ContainsKey(envelope.Id)) return null;
        var method = envelope.Method == McpMethod.Unknown ? envelope.UnknownMethodName ?? "unknown" : MethodName(envelope.Method);
        var operation = McpOperation.Start(method, envelope.Id, @params, ProtocolVersion, Transport, SessionId);
        if (!_operations.TryAdd(envelope.Id, operation))
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

    private McpOperation? TryTakeOperation(RequestId id)
    {
        if (!_operations.TryRemove(id, out var operation)) return null;
        Interlocked.Decrement(ref _observed);
        return operation;
    }

    /// <summary>Records what decided a tool call's outcome where its response alone does not tell (an exception, bad arguments).</summary>
    private void ObserveOutcome(RequestId id, string outcome)
    {
        if (Volatile.Read(ref _observed) > 0 && _operations.TryGetValue(id, out var operation)) operation.Outcome = outcome;
    }
}
