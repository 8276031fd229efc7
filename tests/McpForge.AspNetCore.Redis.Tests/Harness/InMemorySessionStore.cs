using System;
using System.Collections.Generic;
using McpForge.AspNetCore.ScaleOut;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>
/// What Redis holds for a fleet, in memory: the session records and the instances' leases. Every operation takes one
/// lock, as each of RedisSessionDirectory's scripts is one atomic step in Redis. Leases do not run out on their own:
/// a test ends one by stopping its instance (which gives it up) or by letting a forward find nothing listening.
/// </summary>
internal sealed class InMemorySessionStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, McpSessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Uri> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _taskRunners = new(StringComparer.Ordinal);

    public void RegisterTask(string taskId, string instanceId)
    {
        lock (_lock) _taskRunners[taskId] = instanceId;
    }

    public string? TaskRunner(string taskId)
    {
        lock (_lock) return _taskRunners.GetValueOrDefault(taskId);
    }

    public Uri? LeaseUrl(string instanceId)
    {
        lock (_lock) return _leases.GetValueOrDefault(instanceId);
    }

    public void SetLease(string instanceId, Uri url)
    {
        lock (_lock) _leases[instanceId] = url;
    }

    public void DropLease(string instanceId, Uri? onlyIf = null)
    {
        lock (_lock)
        {
            if (onlyIf is null || (_leases.TryGetValue(instanceId, out var url) && url == onlyIf)) _leases.Remove(instanceId);
        }
    }

    public bool HasLease(string instanceId)
    {
        lock (_lock) return _leases.ContainsKey(instanceId);
    }

    public bool Save(McpSessionRecord record)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(record.SessionId, out var current) && (current.OwnerId != record.OwnerId || current.Epoch != record.Epoch)) return false;
            _sessions[record.SessionId] = record;
            return true;
        }
    }

    public McpSessionLocation Locate(string sessionId)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var record)) return McpSessionLocation.Unknown;
            return _leases.TryGetValue(record.OwnerId, out var url)
                ? new McpSessionLocation(McpSessionLocationKind.Live, record, url)
                : new McpSessionLocation(McpSessionLocationKind.Orphaned, record);
        }
    }

    public bool TakeOver(McpSessionRecord located, string newOwner)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(located.SessionId, out var current) || current.OwnerId != located.OwnerId || current.Epoch != located.Epoch) return false;
            if (current.OwnerId != newOwner && _leases.ContainsKey(current.OwnerId)) return false;
            _sessions[located.SessionId] = current with { OwnerId = newOwner, Epoch = current.Epoch + 1 };
            return true;
        }
    }

    public void Remove(string sessionId, string owner)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(sessionId, out var current) && current.OwnerId == owner) _sessions.Remove(sessionId);
        }
    }

    /// <summary>Forgets every record and lease, as Redis restarted without persistence does.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _sessions.Clear();
            _leases.Clear();
        }
    }

    public McpSessionRecord? Get(string sessionId)
    {
        lock (_lock) return _sessions.GetValueOrDefault(sessionId);
    }
}
