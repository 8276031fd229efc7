using System.Threading;
using System.Threading.Tasks;
using McpForge.Tasks;

namespace McpForge.Tests.Fixtures;

/// <summary>
/// The in-memory task store, except that once it has stored a task's end it says so (<see cref="EndStored"/>) and
/// holds the writer until the test lets it go (<see cref="Release"/>): the moment when the store shows the task ended
/// and the server has not yet told the session.
/// </summary>
public sealed class PausingTaskStore : IMcpTaskStore
{
    private readonly InMemoryMcpTaskStore _inner = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ModernTaskTests.Start));

    public TaskCompletionSource EndStored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<bool> TryCreateAsync(McpTaskRecord record, int maxPerOwner, CancellationToken cancellationToken = default) =>
        _inner.TryCreateAsync(record, maxPerOwner, cancellationToken);

    public ValueTask<McpTaskRecord?> GetAsync(string taskId, string owner, CancellationToken cancellationToken = default) =>
        _inner.GetAsync(taskId, owner, cancellationToken);

    public async ValueTask<bool> TryReplaceAsync(McpTaskRecord current, McpTaskRecord next, CancellationToken cancellationToken = default)
    {
        var replaced = await _inner.TryReplaceAsync(current, next, cancellationToken);
        if (replaced && next.IsTerminal)
        {
            EndStored.TrySetResult();
            await Release.Task;
        }
        return replaced;
    }

    public ValueTask<McpTaskPage?> ListAsync(string owner, bool modern, string? cursor, int limit, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(owner, modern, cursor, limit, cancellationToken);
}
