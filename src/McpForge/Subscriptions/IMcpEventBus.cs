using System;

namespace McpForge.Subscriptions;

/// <summary>
/// Carries a server's changes (list changes, resource updates) to everything that tells clients of them: the legacy
/// sessions and the <c>subscriptions/listen</c> streams of this process, and, behind a shared bus, those of every
/// instance. <see cref="McpServer"/> publishes here when a component is added or removed and on
/// <see cref="McpServer.NotifyResourceUpdatedAsync"/>; it subscribes once and fans each event out. In process by default
/// (<see cref="InProcessEventBus"/>); a bus shared by several instances must deliver every event to every subscriber
/// exactly once, including the publisher's own.
/// </summary>
public interface IMcpEventBus
{
    /// <summary>Publishes <paramref name="event"/> to every subscriber.</summary>
    void Publish(McpServerEvent @event);

    /// <summary>Calls <paramref name="handler"/> for every event published from now on, until the result is disposed.</summary>
    IDisposable Subscribe(Action<McpServerEvent> handler);
}
