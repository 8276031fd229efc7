using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Tasks;

/// <summary>
/// Where tasks live between the call that created them and the polls that read them (docs/tasks.md, "The store").
/// A store must be safe from any thread; a record it returned from <see cref="TryCreateAsync"/> must be readable by
/// every instance sharing the store at once; replaces are compare-and-set on <see cref="McpTaskRecord.Version"/>, so a
/// terminal state is written once (first writer wins); an expired or another owner's task is never returned. The
/// in-memory default is <see cref="InMemoryMcpTaskStore"/>.
/// </summary>
public interface IMcpTaskStore
{
    /// <summary>Stores a new task; false when its owner already has <paramref name="maxPerOwner"/> unexpired tasks.</summary>
    ValueTask<bool> TryCreateAsync(McpTaskRecord record, int maxPerOwner, CancellationToken cancellationToken = default);

    /// <summary>The task, or null when it is unknown, expired or owned by someone else (which look the same).</summary>
    ValueTask<McpTaskRecord?> GetAsync(string taskId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces <paramref name="current"/> by <paramref name="next"/> (whose version is one more) unless the stored record
    /// changed since it was read, or is terminal; false then, and the caller reads again.
    /// </summary>
    ValueTask<bool> TryReplaceAsync(McpTaskRecord current, McpTaskRecord next, CancellationToken cancellationToken = default);

    /// <summary>
    /// The owner's tasks of one era, oldest first, after <paramref name="cursor"/> (a cursor a previous page returned,
    /// or null); null when the cursor is not one this store issued.
    /// </summary>
    ValueTask<McpTaskPage?> ListAsync(string owner, bool modern, string? cursor, int limit, CancellationToken cancellationToken = default);
}
