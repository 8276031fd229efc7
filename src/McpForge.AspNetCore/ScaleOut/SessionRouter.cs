using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.Transport;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Transports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>
/// Sends each 2025-11-25 request of a fleet to the instance that owns its session (docs/scale-out.md): a session in this
/// process is served here with no round trip to the store; one owned by a live instance is forwarded there; one whose
/// owner is gone is taken over from its snapshot. Also keeps the store's view of the sessions owned here (snapshots,
/// expiry, removal) and hands them over when the application stops. With a task directory, also sends each 2026-07-28
/// <c>tasks/get</c>, <c>tasks/update</c> and <c>tasks/cancel</c> to the instance that runs its task.
/// </summary>
internal sealed class SessionRouter : IDisposable
{
    private const string SessionHeader = "Mcp-Session-Id";
    private readonly McpHttpTransport _transport;
    private readonly ConcurrentDictionary<string, Task<HttpSession?>> _takeovers = new(StringComparer.Ordinal);
    private readonly ITimer _toucher;
    private readonly TimeSpan _touchPeriod;
    private long _generationSeen;
    private long _regainedAt;
    private int _draining;

    public SessionRouter(McpHttpTransport transport, IMcpSessionDirectory directory, IMcpSessionForwarder forwarder, IMcpTaskDirectory? tasks = null)
    {
        _transport = transport;
        Directory = directory;
        Forwarder = forwarder;
        Tasks = tasks;
        // The store forgets a session idle for SessionIdleTimeout; its owner, which sees its requests, keeps it alive.
        var period = TimeSpan.FromTicks(Math.Clamp(transport.Options.SessionIdleTimeout.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(10).Ticks));
        _touchPeriod = period;
        _generationSeen = directory.LeaseGeneration;
        _toucher = transport.Server.Options.TimeProvider.CreateTimer(static state => _ = ((SessionRouter)state!).TouchAsync(), this, period, period);
    }

    public IMcpSessionDirectory Directory { get; }

    public IMcpSessionForwarder Forwarder { get; }

    /// <summary>Where the fleet's 2026-07-28 tasks run; null when tasks are served by whichever instance a request reaches.</summary>
    public IMcpTaskDirectory? Tasks { get; }

    /// <summary>True once the application started stopping: <c>/health</c> answers 503 and no session is taken over here.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    /// <summary>
    /// Routes a request: true when it was answered here (forwarded to its owner, or refused), false when the endpoint
    /// serves it — a session of this process (taken over just now, perhaps), a request without a session, or an
    /// unknown session (404).
    /// </summary>
    public async ValueTask<bool> RouteAsync(HttpContext context)
    {
        var check = Forwarder.Check(context);
        if (check == McpForwardCheck.Forged)
        {
            await McpHttpTransport.WriteErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCode.InvalidRequest,
                "The request claims to be forwarded by an instance of the fleet, but its signature does not hold.").ConfigureAwait(false);
            return true;
        }
        if (check == McpForwardCheck.Looped)
        {
            await McpHttpTransport.WriteErrorAsync(context, StatusCodes.Status508LoopDetected, JsonRpcErrorCode.InvalidRequest,
                "The request was forwarded by this very instance.").ConfigureAwait(false);
            return true;
        }
        if (IsModern(context.Request)) return Tasks is not null && check != McpForwardCheck.Authentic && await RouteTaskAsync(context).ConfigureAwait(false);
        var header = context.Request.Headers[SessionHeader];
        if (StringValues.IsNullOrEmpty(header)) return false;
        var id = header.ToString();
        if (_transport.TryGetSession(id, out var local))
        {
            if (!Directory.HoldsLease)
            {
                return await HandBackAsync(context, check, "This instance lost its lease in the session store; retry shortly.").ConfigureAwait(false);
            }
            var generation = Directory.LeaseGeneration;
            if (local.LeaseGeneration == generation) return false;
            // The lease was lost and is held again: the session is served only if no one took it over meanwhile.
            bool stillOwned;
            try
            {
                stillOwned = await ReclaimAsync(local, generation, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
            {
                return await UnavailableAsync(context, ex).ConfigureAwait(false);
            }
            if (stillOwned) return false;
        }
        return await RouteElsewhereAsync(context, id, forwarded: check == McpForwardCheck.Authentic).ConfigureAwait(false);
    }

    /// <summary>
    /// A 2026-07-28 request on a task (its id in <c>Mcp-Name</c>, which the endpoint checks against the body) goes to the
    /// instance that runs the task; one that runs here, or whose instance is gone, is served here (the latter answers
    /// that no such task exists: it went with its instance). Never forwarded twice: the caller skips forwarded requests.
    /// </summary>
    private async ValueTask<bool> RouteTaskAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method)) return false;
        var method = request.Headers["Mcp-Method"].ToString();
        if (method is not ("tasks/get" or "tasks/update" or "tasks/cancel")) return false;
        var taskId = request.Headers["Mcp-Name"].ToString();
        if (taskId.Length == 0) return false; // the endpoint refuses it (-32020)
        var aborted = context.RequestAborted;
        Uri? runner;
        try
        {
            runner = await Tasks!.LocateAsync(taskId, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            _transport.Log("the task directory cannot be reached: " + ex.Message);
            return await RefuseAsync(context, "The task directory cannot be reached, and the task may run on another instance; retry shortly.").ConfigureAwait(false);
        }
        if (runner is null) return false;
        switch (await ForwardKeepingBodyAsync(context, runner, aborted).ConfigureAwait(false))
        {
            case McpForwardResult.Forwarded:
                return true;
            case McpForwardResult.OwnerGone:
                return false; // served here: not found, as the task went with its instance
            default:
                return await RefuseAsync(context, "The instance that runs the task did not answer; retry shortly.").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forwards the request to the instance at <paramref name="target"/>, keeping its body readable again (in memory up to
    /// 30 KB, in a temporary file beyond; a request body is read once otherwise): when that instance hands the request
    /// back or is gone, this one serves it or forwards it again, and reads the body from its start.
    /// </summary>
    private async ValueTask<McpForwardResult> ForwardKeepingBodyAsync(HttpContext context, Uri target, CancellationToken aborted)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)) request.EnableBuffering(); // nothing to do when it already is
        var result = await Forwarder.ForwardAsync(context, target, aborted).ConfigureAwait(false);
        if (result != McpForwardResult.Forwarded && request.Body.CanSeek) request.Body.Position = 0;
        return result;
    }

    /// <summary>A session not in this process: forwarded to its live owner, or taken over when its owner is gone.</summary>
    private async ValueTask<bool> RouteElsewhereAsync(HttpContext context, string id, bool forwarded)
    {
        var aborted = context.RequestAborted;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            McpSessionLocation where;
            try
            {
                where = await Directory.LocateAsync(id, aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (!aborted.IsCancellationRequested)
            {
                return await UnavailableAsync(context, ex).ConfigureAwait(false);
            }
            if (where.Kind is McpSessionLocationKind.Unknown or McpSessionLocationKind.StoreReset)
            {
                // The endpoint answers 404, unless the store may have lost the session along with the leases (Redis
                // restarted empty): seen now (this instance's lease is gone too), or moments ago (it was just taken
                // again). Its owner writes it back within a touch period, so the client is told to retry.
                if (where.Kind == McpSessionLocationKind.Unknown && !JustRegainedLease()) return false;
                return await RefuseAsync(context, "The session store lost its records moments ago and the session's owner has not written it again yet; retry.")
                    .ConfigureAwait(false);
            }
            var record = where.Record!;
            if (where.Kind == McpSessionLocationKind.Live && record.OwnerId != Directory.InstanceId)
            {
                if (forwarded)
                {
                    // Forwarded here, yet owned elsewhere (it moved meanwhile): never forwarded twice, so no loop.
                    return await RefuseAsync(context, "The session moved to another instance while the request travelled; retry.").ConfigureAwait(false);
                }
                var result = await ForwardKeepingBodyAsync(context, where.OwnerUrl!, aborted).ConfigureAwait(false);
                if (result == McpForwardResult.Forwarded) return true;
                if (result == McpForwardResult.HandedBack) continue; // the owner let go of it: where is it now?
                if (result == McpForwardResult.Failed) return await RefuseAsync(context, "The instance that holds the session did not answer; retry shortly.").ConfigureAwait(false);
                try
                {
                    // Nothing listens where the owner was: it died or stopped, so its sessions need not wait for its lease to run out.
                    await Directory.RevokeAsync(record.OwnerId, where.OwnerUrl!, aborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (!aborted.IsCancellationRequested)
                {
                    return await UnavailableAsync(context, ex).ConfigureAwait(false);
                }
                continue;
            }
            // Orphaned, or recorded as this instance's though this process does not hold it (it restarted, or dropped it).
            if (IsDraining) return await HandBackAsync(context, forwarded ? McpForwardCheck.Authentic : McpForwardCheck.Direct, "This instance is stopping; retry.").ConfigureAwait(false);
            HttpSession? session;
            try
            {
                session = await TakeOverAsync(record).ConfigureAwait(false);
            }
            catch (Exception ex) when (!aborted.IsCancellationRequested)
            {
                return await UnavailableAsync(context, ex).ConfigureAwait(false);
            }
            if (session is not null) return false;
        }
        return await RefuseAsync(context, "The session is changing hands; retry.").ConfigureAwait(false);
    }

    /// <summary>Takes an orphaned session over from its snapshot; requests that reach this instance together share one takeover.</summary>
    private async Task<HttpSession?> TakeOverAsync(McpSessionRecord record)
    {
        var task = _takeovers.GetOrAdd(record.SessionId, static (_, state) => state.Self.TakeOverOnceAsync(state.Record), (Self: this, Record: record));
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            _takeovers.TryRemove(new(record.SessionId, task));
        }
    }

    private async Task<HttpSession?> TakeOverOnceAsync(McpSessionRecord record)
    {
        if (_transport.TryGetSession(record.SessionId, out var existing)) return existing;
        // Not the request's token: a takeover that won must finish even if its client left.
        if (!await Directory.TryTakeOverAsync(record, CancellationToken.None).ConfigureAwait(false)) return null;
        var owned = record with { OwnerId = Directory.InstanceId, Epoch = record.Epoch + 1 };
        var session = _transport.Restore(owned, Directory.LeaseGeneration);
        if (session is null)
        {
            // A snapshot that does not read as a session: forgotten, so the client hears 404 and starts anew.
            _transport.Log($"the snapshot of session {record.SessionId} could not be restored; it is forgotten");
            await Directory.RemoveAsync(record.SessionId, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        TransportLog.Warning(_transport.Server.Logger, $"session {record.SessionId} taken over from {record.OwnerId} at epoch {owned.Epoch}");
        return session;
    }

    /// <summary>
    /// Writes a new session's snapshot before its <c>initialize</c> response leaves (the client's next request may reach
    /// another instance at once); false when the store could not take it.
    /// </summary>
    public async ValueTask<bool> RegisterAsync(HttpSession session, CancellationToken cancellationToken)
    {
        session.LeaseGeneration = Directory.LeaseGeneration;
        try
        {
            return Directory.HoldsLease && await Directory.SaveAsync(Snapshot(session), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _transport.Log("a new session could not be registered in the session store: " + ex.Message);
            return false;
        }
    }

    /// <summary>The session's log level or subscriptions changed: its snapshot follows before the answer leaves.</summary>
    public async ValueTask SaveChangedAsync(HttpSession session)
    {
        try
        {
            await Directory.SaveAsync(Snapshot(session), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _transport.Log($"the snapshot of session {session.Id} could not be saved (a takeover would restore an older one): {ex.Message}");
        }
    }

    /// <summary>A session ended here (DELETE, idle expiry): the store forgets it, so every instance answers 404.</summary>
    public void Forget(string sessionId) => _ = ForgetAsync(sessionId);

    private async Task ForgetAsync(string sessionId)
    {
        try
        {
            await Directory.RemoveAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _transport.Log($"session {sessionId} ended but could not be removed from the session store (it expires there): {ex.Message}");
        }
    }

    /// <summary>
    /// Saves the snapshot of a session kept here across a loss of the lease (compare-and-set: false when another instance
    /// took it over meanwhile, and then this copy is ended). Also how the sessions come back after Redis restarted empty.
    /// </summary>
    private async ValueTask<bool> ReclaimAsync(HttpSession local, long generation, CancellationToken cancellationToken)
    {
        if (await Directory.SaveAsync(Snapshot(local), cancellationToken).ConfigureAwait(false))
        {
            local.LeaseGeneration = generation;
            return true;
        }
        _transport.EndSession(local, forget: false);
        return false;
    }

    /// <summary>
    /// True for three touch periods after this instance saw its lease held again after a loss: long enough for every
    /// owner to have renewed its own lease and written its sessions again (<see cref="TouchAsync"/>) if the store lost
    /// them, even when it reconnected later than this instance. An id that never existed gets 503 instead of 404 then.
    /// </summary>
    private bool JustRegainedLease()
    {
        var time = _transport.Server.Options.TimeProvider;
        var generation = Directory.LeaseGeneration;
        if (generation != Volatile.Read(ref _generationSeen))
        {
            Volatile.Write(ref _regainedAt, time.GetTimestamp());
            Volatile.Write(ref _generationSeen, generation);
        }
        var regainedAt = Volatile.Read(ref _regainedAt);
        return regainedAt != 0 && time.GetElapsedTime(regainedAt) < 3 * _touchPeriod;
    }

    /// <summary>
    /// Every touch period: keeps the sessions owned here alive in the store, and writes again those kept across a loss
    /// of the lease, so that after Redis restarted empty every session is found again within one period.
    /// </summary>
    private async Task TouchAsync()
    {
        var ids = _transport.SessionIds();
        JustRegainedLease(); // notes when the lease came back, for the grace it gives unknown sessions
        if (ids.Count == 0 || !Directory.HoldsLease) return;
        var generation = Directory.LeaseGeneration;
        foreach (var id in ids)
        {
            if (!_transport.TryGetSession(id, out var local) || local.LeaseGeneration == generation) continue;
            try
            {
                await ReclaimAsync(local, generation, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _transport.Log($"session {id} could not be written again to the session store after the lease was lost: {ex.Message}");
                return;
            }
        }
        try
        {
            await Directory.TouchAsync(ids, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _transport.Log("the sessions of this instance could not be kept alive in the session store: " + ex.Message);
        }
    }

    /// <summary>
    /// The application is stopping: <c>/health</c> answers 503 at once so the load balancer stops sending requests here;
    /// after <paramref name="delay"/> (its health checks notice) the calls in progress get up to <paramref name="timeout"/>
    /// to finish; then the lease is given up, so each session is taken over from its snapshot by the instance its next
    /// request reaches. The caller then closes the sessions here.
    /// </summary>
    public void Drain(TimeSpan delay, TimeSpan? timeout)
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0) return;
        var time = _transport.Server.Options.TimeProvider;
        try
        {
            if (delay > TimeSpan.Zero) Task.Delay(delay, time).Wait();
            var started = time.GetTimestamp();
            while (_transport.HasRequestsInProgress() && (timeout is not TimeSpan limit || time.GetElapsedTime(started) < limit))
            {
                Task.Delay(TimeSpan.FromMilliseconds(50), time).Wait();
            }
            Directory.ReleaseAsync(CancellationToken.None).AsTask().Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            _transport.Log("the lease could not be given up as the instance stopped (its sessions are taken over when it runs out): " + ex.Message);
        }
    }

    /// <summary>What the store keeps of a session owned here.</summary>
    public McpSessionRecord Snapshot(HttpSession session)
    {
        return new McpSessionRecord
        {
            SessionId = session.Id,
            OwnerId = Directory.InstanceId,
            Epoch = session.Epoch,
            Principal = session.Owner,
            ProtocolVersion = session.Connection.SessionProtocolVersion!,
            InitializeParams = session.InitializeParams ?? "{}",
            LogLevel = session.Connection.SessionLogLevel,
            Subscriptions = [.. session.Connection.SessionSubscriptions],
        };
    }

    /// <summary>True for methods that change what the snapshot holds.</summary>
    public static bool ChangesSnapshot(McpMethod method) =>
        method is McpMethod.LoggingSetLevel or McpMethod.ResourcesSubscribe or McpMethod.ResourcesUnsubscribe;

    private static bool IsModern(HttpRequest request)
    {
        var version = request.Headers["MCP-Protocol-Version"];
        return !StringValues.IsNullOrEmpty(version) && !McpProtocolVersions.IsSession(version.ToString().Trim(' ', '\t'));
    }

    private async ValueTask<bool> UnavailableAsync(HttpContext context, Exception ex)
    {
        _transport.Log("the session store cannot be reached: " + ex.Message);
        return await RefuseAsync(context, "The session store cannot be reached, and the session is held by another instance; retry shortly.").ConfigureAwait(false);
    }

    /// <summary>
    /// This instance cannot serve the session (it is stopping, or lost its lease). To a client: 503 with
    /// <c>Retry-After</c>. To another instance that forwarded the request: the same, marked
    /// (<see cref="McpForwardResult.HandedBack"/>), so that instance looks the session up again and takes it over
    /// itself instead of passing the 503 on: a rolling restart costs the client nothing.
    /// </summary>
    private static ValueTask<bool> HandBackAsync(HttpContext context, McpForwardCheck check, string why)
    {
        if (check == McpForwardCheck.Authentic) context.Response.Headers[McpForwardingHeaders.HandedBack] = "1";
        return RefuseAsync(context, why);
    }

    /// <summary>503 with <c>Retry-After</c>: never 404, which would make the client throw a live session away.</summary>
    private static async ValueTask<bool> RefuseAsync(HttpContext context, string why)
    {
        context.Response.Headers.RetryAfter = "1";
        await McpHttpTransport.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, JsonRpcErrorCode.InvalidRequest, why).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _toucher.Dispose();
}
