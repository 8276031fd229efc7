using System.Collections.Concurrent;
using McpForge.Transports;

namespace McpForge.Subscriptions;

/// <summary>The open <c>subscriptions/listen</c> streams of a server, which its events fan out to.</summary>
internal sealed class ListenerRegistry
{
    private readonly ConcurrentDictionary<ListenSubscription, byte> _open = new();

    public int Count => _open.Count;

    public void Add(ListenSubscription subscription) => _open.TryAdd(subscription, 0);

    public void Remove(ListenSubscription subscription) => _open.TryRemove(subscription, out _);

    public void Deliver(in McpServerEvent @event)
    {
        foreach (var subscription in _open.Keys) subscription.Deliver(@event);
    }

    /// <summary>
    /// Ends the streams of <paramref name="connection"/> (null: all): gracefully when the server is stopping (each gets its
    /// listen request's result), or silently when the client is gone (nothing could reach it).
    /// </summary>
    public void End(McpConnection? connection, bool graceful)
    {
        foreach (var subscription in _open.Keys)
        {
            if (connection is not null && subscription.Connection != connection) continue;
            if (graceful) subscription.EndGracefully();
            else ((Connections.ICancellableRequest)subscription).CancelByClient();
        }
    }
}
