using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;
using McpForge.Tasks;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// The task store of an instance in a fleet: the records of the tasks this instance runs, in its memory (where their
/// handlers and open asks are too), and each 2026-07-28 task listed in the fleet's <see cref="IMcpTaskDirectory"/> under
/// this instance (Redis's, or the in-memory one of the fleet tests), so that the others forward the task's requests
/// here. A 2025-11-25 task needs no listing: it belongs to a session, whose requests already reach the session's owner.
/// </summary>
internal sealed class FleetTaskStore(InMemoryMcpTaskStore local, IMcpTaskDirectory directory) : IMcpTaskStore, IDisposable
{
    /// <summary>How long a task without a time to live is listed (the longest a client may ask for by default).</summary>
    private static readonly TimeSpan Unbounded = TimeSpan.FromHours(24);

    public async ValueTask<bool> TryCreateAsync(McpTaskRecord record, int maxPerOwner, CancellationToken cancellationToken = default)
    {
        if (!await local.TryCreateAsync(record, maxPerOwner, cancellationToken).ConfigureAwait(false)) return false;
        // Listed before the handle leaves, so a poll that reaches another instance at once is forwarded here.
        if (record.IsModern) await directory.RegisterAsync(record.TaskId, record.TimeToLive ?? Unbounded, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public ValueTask<McpTaskRecord?> GetAsync(string taskId, string owner, CancellationToken cancellationToken = default) =>
        local.GetAsync(taskId, owner, cancellationToken);

    public ValueTask<bool> TryReplaceAsync(McpTaskRecord current, McpTaskRecord next, CancellationToken cancellationToken = default) =>
        local.TryReplaceAsync(current, next, cancellationToken);

    public ValueTask<McpTaskPage?> ListAsync(string owner, bool modern, string? cursor, int limit, CancellationToken cancellationToken = default) =>
        local.ListAsync(owner, modern, cursor, limit, cancellationToken);

    public void Dispose() => local.Dispose();
}
