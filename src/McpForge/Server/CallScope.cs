using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.Server;

/// <summary>
/// The services one request's user code resolves (constructor and <see cref="FromServicesAttribute"/> parameters,
/// <see cref="McpContext.Services"/>), for a tool call, a prompt, a resource read or a completion. Where the transport
/// request is a scope (HTTP), its scope; otherwise a scope of the call's own, made from the application's container on
/// first use and disposed (asynchronously where the scope can) when the call ends, whether it completed, failed, was
/// cancelled or timed out. Singletons stay singletons; a server without an application container has no scopes.
/// </summary>
internal sealed class CallScope
{
    private readonly ServiceRegistry _root;
    private readonly McpTransportScope? _transport;
    private IServiceProvider? _services;
    private IServiceScope? _own;

    public CallScope(ServiceRegistry root, McpTransportScope? transport)
    {
        _root = root;
        _transport = transport;
        transport?.Enter();
    }

    public IServiceProvider Services => Volatile.Read(ref _services) ?? Create();

    private IServiceProvider Create()
    {
        if (_transport is not null) return Publish(_root.ForScope(_transport.Services), null);
        if (_root.ScopeFactory is not { } factory) return Publish(_root, null);
        var scope = factory.CreateScope();
        return Publish(_root.ForScope(scope.ServiceProvider), scope);
    }

    /// <summary>The first of two racing resolutions wins; the loser's scope is disposed unused.</summary>
    private IServiceProvider Publish(IServiceProvider services, IServiceScope? scope)
    {
        var won = Interlocked.CompareExchange(ref _services, services, null);
        if (won is null)
        {
            _own = scope;
            return services;
        }
        scope?.Dispose();
        return won;
    }

    /// <summary>
    /// The call ended (its response is sent): the transport request learns the call no longer needs its services, or
    /// the call's own scope is disposed; a failure to dispose is logged and changes nothing the client saw.
    /// </summary>
    public void End(McpServer server)
    {
        if (_transport is not null)
        {
            _transport.Exit();
            return;
        }
        if (Interlocked.Exchange(ref _own, null) is not { } scope) return;
        try
        {
            if (scope is IAsyncDisposable async)
            {
                var disposing = async.DisposeAsync();
                if (!disposing.IsCompletedSuccessfully) _ = AwaitDisposalAsync(disposing, server);
            }
            else
            {
                scope.Dispose();
            }
        }
        catch (Exception ex)
        {
            Diagnostics.McpLog.Failed(server.Logger, "Disposing the services of a call", ex);
        }
    }

    private static async Task AwaitDisposalAsync(ValueTask disposing, McpServer server)
    {
        try
        {
            await disposing.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Diagnostics.McpLog.Failed(server.Logger, "Disposing the services of a call", ex);
        }
    }
}
