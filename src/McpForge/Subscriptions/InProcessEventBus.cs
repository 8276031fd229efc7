using System;
using System.Threading;

namespace McpForge.Subscriptions;

/// <summary>
/// The event bus of one process: a published event reaches every subscriber at once, on the publisher's thread.
/// Subscribers are an immutable array swapped on change, so publishing never locks.
/// </summary>
public sealed class InProcessEventBus : IMcpEventBus
{
    private Action<McpServerEvent>[] _handlers = [];

    /// <inheritdoc/>
    public void Publish(McpServerEvent @event)
    {
        foreach (var handler in Volatile.Read(ref _handlers)) handler(@event);
    }

    /// <inheritdoc/>
    public IDisposable Subscribe(Action<McpServerEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Swap(handlers => [.. handlers, handler]);
        return new Subscription(this, handler);
    }

    private void Swap(Func<Action<McpServerEvent>[], Action<McpServerEvent>[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            if (Interlocked.CompareExchange(ref _handlers, change(current), current) == current) return;
        }
    }

    private sealed class Subscription(InProcessEventBus bus, Action<McpServerEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) bus.Swap(handlers => Array.FindAll(handlers, h => h != handler));
        }
    }
}
