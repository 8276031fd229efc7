using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;
using StackExchange.Redis;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// Which instance runs each 2026-07-28 task of the fleet, in Redis: a key per task naming the instance, expiring with
/// the task. Locating reads it and that instance's lease in one script, so a task whose instance is gone is known so
/// at once.
/// </summary>
internal sealed class RedisTaskDirectory(RedisConnection redis, RedisSessionDirectory sessions) : IMcpTaskDirectory
{
    // The runner's id and its lease's URL ('' once the lease is gone); false when no instance registered the task.
    private const string LocateScript = """
        local runner = redis.call('GET', KEYS[1])
        if not runner then return false end
        return {runner, redis.call('GET', ARGV[1] .. runner) or ''}
        """;

    public async ValueTask RegisterAsync(string taskId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        await redis.Database.StringSetAsync(redis.Keys.Task(taskId), sessions.InstanceId, timeToLive).WaitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<Uri?> LocateAsync(string taskId, CancellationToken cancellationToken)
    {
        var result = await redis.Database.ScriptEvaluateAsync(LocateScript, [redis.Keys.Task(taskId)], [redis.Keys.LeasePrefix])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsNull) return null;
        var fields = (RedisResult[])result!;
        var url = (string?)fields[1];
        return (string?)fields[0] == sessions.InstanceId || string.IsNullOrEmpty(url) ? null : new Uri(url);
    }
}
