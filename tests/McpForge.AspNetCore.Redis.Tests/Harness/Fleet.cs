using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using McpForge.Subscriptions;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>Three instances (a, b, c) sharing one session store, one event bus and one forwarding key.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private Fleet(InMemorySessionStore store, FleetMember[] members)
    {
        Store = store;
        Members = members;
    }

    public InMemorySessionStore Store { get; }

    public FleetMember[] Members { get; }

    public FleetMember A => Members[0];

    public FleetMember B => Members[1];

    public FleetMember C => Members[2];

    /// <summary>Starts the fleet; with <paramref name="clock"/>, every instance's server timers (the store's touch among them) run on it.</summary>
    public static async Task<Fleet> StartAsync(TimeProvider? clock = null)
    {
        var store = new InMemorySessionStore();
        var bus = new InProcessEventBus();
        var key = RandomNumberGenerator.GetBytes(32);
        var members = await Task.WhenAll(new[] { "a", "b", "c" }.Select(name => FleetMember.StartAsync(name, store, bus, key, clock)));
        return new Fleet(store, members);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members) await member.DisposeAsync();
    }
}
