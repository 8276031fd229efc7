using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>
/// Where the 2025-11-25 sessions of a fleet are (docs/scale-out.md): which instance owns each session, how to reach it,
/// whether it is alive (its lease), and a snapshot of the session from which another instance takes it over when the
/// owner dies. A session lives in its owner's memory; the other instances forward its requests there. Without a
/// directory (the default) an endpoint serves the sessions of its own process only. McpForge.AspNetCore.Redis keeps
/// one in Redis.
/// </summary>
/// <remarks>
/// Every method that reaches the store throws when the store cannot be reached; the endpoint then answers 503 with
/// <c>Retry-After</c> for sessions it does not hold, never 404. Nothing here is called for a request that lands on the
/// session's owner, so that hot path makes no round trip.
/// </remarks>
public interface IMcpSessionDirectory
{
    /// <summary>This instance's id in the fleet: unique per process, stable while it runs.</summary>
    string InstanceId { get; }

    /// <summary>
    /// True while this instance's lease is surely alive in the store, so no other instance can have taken its sessions
    /// over. When false (the store is unreachable for longer than the lease, or the lease was revoked) the endpoint
    /// serves none of its sessions until it is true again. Read on every request: must not do I/O.
    /// </summary>
    bool HoldsLease { get; }

    /// <summary>
    /// Incremented each time the lease is held again after it was lost. A session kept in memory across a loss is saved
    /// again (<see cref="SaveAsync"/>) before it is served: another instance may have taken it over meanwhile.
    /// </summary>
    long LeaseGeneration { get; }

    /// <summary>
    /// Writes the snapshot of a session this instance owns at <see cref="McpSessionRecord.Epoch"/>: a new session
    /// (before its <c>initialize</c> response leaves), a change of its log level or subscriptions, or the same
    /// snapshot again after the lease was lost. False when the store names another owner or a later epoch: the
    /// session was taken over and this instance must drop its copy.
    /// </summary>
    ValueTask<bool> SaveAsync(McpSessionRecord record, CancellationToken cancellationToken);

    /// <summary>Where the session is: unknown, owned by a live instance (this one or another), or orphaned (its owner's lease is gone).</summary>
    ValueTask<McpSessionLocation> LocateAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes this instance the owner of <paramref name="located"/> at the next epoch, if the store still holds that
    /// owner and epoch and the owner's lease is gone (or the owner is this instance): a compare-and-set, so of several
    /// instances trying at once exactly one wins. False when another won or the session changed.
    /// </summary>
    ValueTask<bool> TryTakeOverAsync(McpSessionRecord located, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the lease of an owner that refused a forwarded request's connection (nothing listens at its address: it
    /// died or stopped), if the lease still names <paramref name="ownerUrl"/>, so its sessions can be taken over at once
    /// instead of after the lease runs out.
    /// </summary>
    ValueTask RevokeAsync(string ownerId, System.Uri ownerUrl, CancellationToken cancellationToken);

    /// <summary>Keeps the sessions this instance owns from expiring in the store (their idle time is measured by their owner).</summary>
    ValueTask TouchAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken);

    /// <summary>Forgets a session that ended (DELETE, idle expiry), if this instance owns it.</summary>
    ValueTask RemoveAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up this instance's lease as it stops after draining: every session it owned becomes orphaned, and the next
    /// request for each takes it over from its snapshot on whichever instance it reaches.
    /// </summary>
    ValueTask ReleaseAsync(CancellationToken cancellationToken);

    /// <summary>True when the store answers now (for <c>/health</c>).</summary>
    ValueTask<bool> PingAsync(CancellationToken cancellationToken);
}
