using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Tasks;

/// <summary>
/// The default <see cref="IMcpTaskStore"/>: tasks in this process's memory. A task is kept, with its result, until its
/// time to live (from its creation) runs out; it is then gone for every read, and a sweep every
/// <see cref="SweepInterval"/> of the <see cref="TimeProvider"/> returns its memory. Tasks do not survive a restart
/// and are not shared between instances (docs/tasks.md).
/// </summary>
public sealed class InMemoryMcpTaskStore : IMcpTaskStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, McpTaskRecord> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perOwner = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;

    /// <summary>A store whose clock is <paramref name="timeProvider"/> (default <see cref="TimeProvider.System"/>).</summary>
    public InMemoryMcpTaskStore(TimeProvider? timeProvider = null, TimeSpan? sweepInterval = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        SweepInterval = sweepInterval ?? TimeSpan.FromMinutes(1);
        if (SweepInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(sweepInterval), "must be positive");
        _sweep = _time.CreateTimer(static state => ((InMemoryMcpTaskStore)state!).Sweep(), this, SweepInterval, SweepInterval);
    }

    /// <summary>How often expired tasks are removed (their memory returned). Default one minute.</summary>
    public TimeSpan SweepInterval { get; }

    /// <summary>How many tasks the store holds, expired ones not yet swept included (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _tasks.Count;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryCreateAsync(McpTaskRecord record, int maxPerOwner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _perOwner.TryGetValue(record.Owner, out var owned);
            if (owned >= maxPerOwner)
            {
                // The bound counts unexpired tasks: sweep first, so an owner whose old tasks expired is not refused.
                SweepLocked(now);
                _perOwner.TryGetValue(record.Owner, out owned);
                if (owned >= maxPerOwner) return ValueTask.FromResult(false);
            }
            if (!_tasks.TryAdd(record.TaskId, record)) throw new InvalidOperationException($"A task with id '{record.TaskId}' exists already.");
            _perOwner[record.Owner] = owned + 1;
        }
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<McpTaskRecord?> GetAsync(string taskId, string owner, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var record) || !string.Equals(record.Owner, owner, StringComparison.Ordinal)) return default;
            if (IsExpired(record, now))
            {
                RemoveLocked(record);
                return default;
            }
            return ValueTask.FromResult<McpTaskRecord?>(record);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReplaceAsync(McpTaskRecord current, McpTaskRecord next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        lock (_gate)
        {
            if (!_tasks.TryGetValue(current.TaskId, out var stored) || stored.Version != current.Version || stored.IsTerminal
                || IsExpired(stored, _time.GetUtcNow()))
            {
                return ValueTask.FromResult(false);
            }
            _tasks[current.TaskId] = next with { Version = current.Version + 1 };
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<McpTaskPage?> ListAsync(string owner, bool modern, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        (long Ticks, string Id)? after = null;
        if (cursor is not null)
        {
            var colon = cursor.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return ValueTask.FromResult<McpTaskPage?>(null);
            }
            after = (ticks, cursor[(colon + 1)..]);
        }
        var now = _time.GetUtcNow();
        var mine = new List<McpTaskRecord>();
        lock (_gate)
        {
            foreach (var record in _tasks.Values)
            {
                if (record.IsModern == modern && string.Equals(record.Owner, owner, StringComparison.Ordinal) && !IsExpired(record, now)) mine.Add(record);
            }
        }
        // Keyset order (creation time, then id): a page boundary stays put while tasks come and go.
        mine.Sort(static (a, b) => a.CreatedAt.UtcTicks != b.CreatedAt.UtcTicks ? a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks) : string.CompareOrdinal(a.TaskId, b.TaskId));
        var start = 0;
        if (after is { } mark)
        {
            while (start < mine.Count && (mine[start].CreatedAt.UtcTicks < mark.Ticks
                || (mine[start].CreatedAt.UtcTicks == mark.Ticks && string.CompareOrdinal(mine[start].TaskId, mark.Id) <= 0)))
            {
                start++;
            }
        }
        var end = Math.Min(mine.Count, start + Math.Max(1, limit));
        var page = mine.GetRange(start, end - start);
        string? next = end < mine.Count ? Cursor(page[^1]) : null;
        return ValueTask.FromResult<McpTaskPage?>(new McpTaskPage(page, next));
    }

    private static string Cursor(McpTaskRecord last) => last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + last.TaskId;

    private static bool IsExpired(McpTaskRecord record, DateTimeOffset now) => record.ExpiresAt is { } expires && now >= expires;

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate) SweepLocked(now);
    }

    private void SweepLocked(DateTimeOffset now)
    {
        List<McpTaskRecord>? expired = null;
        foreach (var record in _tasks.Values)
        {
            if (IsExpired(record, now)) (expired ??= []).Add(record);
        }
        if (expired is null) return;
        foreach (var record in expired) RemoveLocked(record);
        _tasks.TrimExcess(); // the memory of a burst of tasks is returned once they expire
    }

    private void RemoveLocked(McpTaskRecord record)
    {
        if (!_tasks.Remove(record.TaskId)) return;
        if (_perOwner.TryGetValue(record.Owner, out var owned) && owned > 1) _perOwner[record.Owner] = owned - 1;
        else _perOwner.Remove(record.Owner);
    }

    /// <summary>Stops the sweep.</summary>
    public void Dispose() => _sweep.Dispose();
}
