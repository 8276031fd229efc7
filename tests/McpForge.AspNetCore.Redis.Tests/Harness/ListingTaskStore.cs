using System.Threading;
using System.Threading.Tasks;
using McpForge.Tasks;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>An instance's task store, as McpForge.AspNetCore.Redis's: records in memory, each 2026-07-28 task listed under the instance.</summary>
internal sealed class ListingTaskStore(InMemoryMcpTaskStore local, InMemorySessionStore store, string instanceId) : IMcpTaskStore
{
    public async ValueTask<bool> TryCreateAsync(McpTaskRecord record, int maxPerOwner, CancellationToken cancellationToken = default)
    {
        if (!await local.TryCreateAsync(record, maxPerOwner, cancellationToken)) return false;
        if (record.IsModern) store.RegisterTask(record.TaskId, instanceId);
        return true;
    }

    public ValueTask<McpTaskRecord?> GetAsync(string taskId, string owner, CancellationToken cancellationToken = default) => local.GetAsync(taskId, owner, cancellationToken);

    public ValueTask<bool> TryReplaceAsync(McpTaskRecord current, McpTaskRecord next, CancellationToken cancellationToken = default) =>
        local.TryReplaceAsync(current, next, cancellationToken);

    public ValueTask<McpTaskPage?> ListAsync(string owner, bool modern, string? cursor, int limit, CancellationToken cancellationToken = default) =>
        local.ListAsync(owner, modern, cursor, limit, cancellationToken);
}
