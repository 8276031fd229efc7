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
public sealed class McpTransportScope
{
    private readonly object? _state;
    private readonly Func<object?, IServiceProvider>? _resolve;
    private IServiceProvider? _services;
    private object? _resolving;
    private int _running;
    private TaskCompletionSource? _ended;

    /// <summary>A transport request whose services are <paramref name="services"/>.</summary>
    public McpTransportScope(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <summary>
    /// A transport request whose services are made when a call first asks for one: <paramref name="resolve"/> runs once,
    /// with <paramref name="state"/>, then. Over ASP.NET Core, <c>HttpContext.RequestServices</c> makes the request's DI
    /// scope on first access (and the request disposes it at its end), which a call that resolves nothing (a tool whose
    /// parameters are its arguments) need not pay for. A static <paramref name="resolve"/> allocates nothing.
    /// </summary>
    public McpTransportScope(object? state, Func<object?, IServiceProvider> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        _state = state;
        _resolve = resolve;
    }

    /// <summary>The request's services, made on first use when they are resolved lazily.</summary>
    internal IServiceProvider Services => Volatile.Read(ref _services) ?? Resolve();

    /// <summary>
    /// Resolves the services once: two calls of one request asking at the same moment must not make two scopes (the
    /// second would never be disposed). The lock is made only here, so a request that resolves nothing allocates none.
    /// </summary>
    private IServiceProvider Resolve()
    {
        var gate = Volatile.Read(ref _resolving) ?? Interlocked.CompareExchange(ref _resolving, new object(), null) ?? _resolving!;
        lock (gate)
        {
            if (_services is { } services) return services;
            services = _resolve!(_state);
            Volatile.Write(ref _services, services);
            return services;
        }
    }

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
