using System;
using System.Threading;
using System.Threading.Tasks;
using System.Diagnostics.CodeAnalysis;

namespace McpForge.Transports;

/// <summary>
/// A transport request that already is a DI scope (over ASP.NET Core, the HTTP request and its
/// <c>HttpContext.RequestServices</c>), and the calls running under it. ASP.NET Core disposes the request's services
/// when its endpoint returns, so the endpoint awaits <see cref="WhenCallsEnded"/> first: a handler that outlives its
/// response (cancelled, timed out, or left running by a client that went away) keeps live services to its end.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public sealed class McpTransportScope(IServiceProvider services)
{
    private int _running;
    private TaskCompletionSource? _ended;

    /// <summary>The request's services.</summary>
    internal IServiceProvider Services { get; } = services;

    /// <summary>A call started under this request (before the transport awaits <see cref="WhenCallsEnded"/>).</summary>
    internal void Enter() => Interlocked.Increment(ref _running);

    /// <summary>A call ended: its handler returned and its own services were released.</summary>
    internal void Exit()
    {
        if (Interlocked.Decrement(ref _running) == 0) Volatile.Read(ref _ended)?.TrySetResult();
    }

    /// <summary>Completes when every call started under this request has ended.</summary>
    public Task WhenCallsEnded()
    {
        if (Volatile.Read(ref _running) == 0) return Task.CompletedTask;
        var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = Interlocked.CompareExchange(ref _ended, made, null) ?? made;
        // The last call may have ended between the first read and the publication of the source.
        if (Volatile.Read(ref _running) == 0) ended.TrySetResult();
        return ended.Task;
    }
}
