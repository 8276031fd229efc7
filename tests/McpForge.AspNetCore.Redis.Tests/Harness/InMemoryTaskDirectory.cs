using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>
/// One instance's view of where the fleet's 2026-07-28 tasks run, kept in the <see cref="InMemorySessionStore"/> as
/// RedisTaskDirectory keeps it in Redis: the instance that runs a task, and that instance's lease for its address.
/// </summary>
internal sealed class InMemoryTaskDirectory(InMemorySessionStore store, InMemorySessionDirectory self) : IMcpTaskDirectory
{
    public ValueTask<Uri?> LocateAsync(string taskId, CancellationToken cancellationToken)
    {
        var runner = store.TaskRunner(taskId);
        return ValueTask.FromResult(runner is null || runner == self.InstanceId ? null : store.LeaseUrl(runner));
    }

    public ValueTask RegisterAsync(string taskId, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        store.RegisterTask(taskId, self.InstanceId);
        return ValueTask.CompletedTask;
    }
}
