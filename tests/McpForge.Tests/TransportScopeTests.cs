using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Transports;

namespace McpForge.Tests;

/// <summary>
/// A transport request's services made on first use (<see cref="McpTransportScope"/>'s lazy constructor, which Streamable
/// HTTP uses so that a call resolving nothing makes no DI scope): never before a call asks, once however many ask at once.
/// </summary>
public sealed class TransportScopeTests
{
    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    [Fact]
    public async Task A_lazy_transport_scope_resolves_its_services_once_on_first_use_even_when_calls_race()
    {
        var services = new NoServices();
        var resolved = 0;
        using var bothAsking = new Barrier(2);
        var scope = new McpTransportScope(services, state =>
        {
            Interlocked.Increment(ref resolved);
            return (IServiceProvider)state!;
        });
        Assert.Equal(0, resolved);

        IServiceProvider Ask()
        {
            Assert.True(bothAsking.SignalAndWait(TimeSpan.FromSeconds(30)), "the other call never came to ask");
            return scope.Services;
        }
        var first = Task.Run(Ask);
        var second = Task.Run(Ask);
        Assert.Same(services, await first);
        Assert.Same(services, await second);
        Assert.Same(services, scope.Services);
        Assert.Equal(1, resolved);
    }

    [Fact]
    public void A_transport_scope_given_its_services_resolves_nothing()
    {
        var services = new NoServices();
        Assert.Same(services, new McpTransportScope(services).Services);
        Assert.Throws<ArgumentNullException>(() => new McpTransportScope(null!));
        Assert.Throws<ArgumentNullException>(() => new McpTransportScope(services, null!));
    }
}
