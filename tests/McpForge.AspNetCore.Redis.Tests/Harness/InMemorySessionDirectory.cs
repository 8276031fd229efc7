using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>
/// One instance's view of the <see cref="InMemorySessionStore"/>, with the faults a test needs: a store that cannot be
/// reached (every call throws, as StackExchange.Redis does), and a crash (the lease is not given up on stop). Counts the
/// round trips a request makes to the store, which the hot path must not make.
/// </summary>
internal sealed class InMemorySessionDirectory(InMemorySessionStore store, string instanceId) : IMcpSessionDirectory
{
    private int _roundTrips;
    private int _released;

    public string InstanceId { get; } = instanceId;

    /// <summary>How other instances reach this one: set once Kestrel has its port, when the lease is taken.</summary>
    public Uri? Url { get; private set; }

    /// <summary>When true every call to the store throws, as when Redis cannot be reached.</summary>
    public bool Unreachable { get; set; }

    /// <summary>When true the instance stops as if killed: its lease stays in the store.</summary>
    public bool Crashing { get; set; }

    /// <summary>Calls made to the store for requests (locate, save, take over, revoke, remove); the background touch is not counted.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>
    /// When true the lease runs out in the store the next time this instance asks whether it holds it: a request that
    /// another instance forwarded here just before is handed back.
    /// </summary>
    public bool LeaseRunsOut { get; set; }

    public bool HoldsLease
    {
        get
        {
            if (LeaseRunsOut) store.DropLease(InstanceId);
            return Volatile.Read(ref _released) == 0 && store.HasLease(InstanceId);
        }
    }

    public long LeaseGeneration => Volatile.Read(ref _generation);

    private long _generation;

    /// <summary>Takes the lease again after the store lost it, as RedisSessionDirectory's renewal does: a new generation.</summary>
    public void RegainLease()
    {
        Interlocked.Increment(ref _generation);
        store.SetLease(InstanceId, Url!);
    }

    public void TakeLease(Uri url)
    {
        Url = url;
        store.SetLease(InstanceId, url);
    }

    public ValueTask<bool> SaveAsync(McpSessionRecord record, CancellationToken cancellationToken)
    {
        Reach();
        return ValueTask.FromResult(store.Save(record));
    }

    public ValueTask<McpSessionLocation> LocateAsync(string sessionId, CancellationToken cancellationToken)
    {
        Reach();
        var where = store.Locate(sessionId);
        // As RedisSessionDirectory's script: no record and no lease of this instance either is a store that lost its data.
        if (where.Kind == McpSessionLocationKind.Unknown && !store.HasLease(InstanceId)) return ValueTask.FromResult(new McpSessionLocation(McpSessionLocationKind.StoreReset));
        return ValueTask.FromResult(where);
    }

    public ValueTask<bool> TryTakeOverAsync(McpSessionRecord located, CancellationToken cancellationToken)
    {
        Reach();
        return ValueTask.FromResult(store.TakeOver(located, InstanceId));
    }

    public ValueTask RevokeAsync(string ownerId, Uri ownerUrl, CancellationToken cancellationToken)
    {
        Reach();
        store.DropLease(ownerId, ownerUrl);
        return ValueTask.CompletedTask;
    }

    public ValueTask TouchAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        Reach();
        store.Remove(sessionId, InstanceId);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _released, 1);
        if (!Crashing) store.DropLease(InstanceId);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (Unreachable) throw new InvalidOperationException("the store cannot be reached (test)");
        return ValueTask.FromResult(true);
    }

    private void Reach()
    {
        if (Unreachable) throw new InvalidOperationException("the store cannot be reached (test)");
        Interlocked.Increment(ref _roundTrips);
    }
}
