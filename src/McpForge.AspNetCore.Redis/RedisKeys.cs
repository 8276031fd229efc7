using StackExchange.Redis;

namespace McpForge.AspNetCore.Redis;

/// <summary>The names of everything the fleet keeps in Redis, in one place (docs/scale-out.md, "What Redis holds").</summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>A session's record: a hash of owner, epoch and snapshot, expiring when the session is idle.</summary>
    public RedisKey Session(string sessionId) => prefix + "sess:" + sessionId;

    /// <summary>What an instance's lease key starts with; the rest is its id, the value its URL.</summary>
    public string LeasePrefix => prefix + "inst:";

    /// <summary>An instance's lease: its URL, expiring unless renewed.</summary>
    public RedisKey Lease(string instanceId) => LeasePrefix + instanceId;

    /// <summary>Which instance runs a 2026-07-28 task: its id, expiring with the task.</summary>
    public RedisKey Task(string taskId) => prefix + "task:" + taskId;

    /// <summary>The channel of the event bus (list changes, resource updates).</summary>
    public RedisChannel Bus => RedisChannel.Literal(prefix + "bus");

    /// <summary>The Data Protection key ring.</summary>
    public RedisKey DataProtectionKeys => prefix + "dataprotection-keys";
}
