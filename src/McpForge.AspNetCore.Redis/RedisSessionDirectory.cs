using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;
using McpForge.Protocol;
using StackExchange.Redis;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// The fleet's session directory in Redis: a hash per session (owner, epoch, snapshot) that expires when the session is
/// idle, and a lease per instance (its URL, renewed every third of <see cref="McpRedisScaleOutOptions.LeaseTime"/>).
/// Every change that depends on what is there is one Lua script, so it is atomic: locating a session reads its record
/// and its owner's lease in one round trip; a takeover is a compare-and-set on owner and epoch.
/// </summary>
/// <remarks>
/// The scripts read an instance's lease beside a session's record, so the fleet needs one Redis primary (with replicas
/// or Sentinel as you like), not Redis Cluster, whose slots would split those keys.
/// </remarks>
internal sealed class RedisSessionDirectory : IMcpSessionDirectory
{
    // No record: 0 when the asking instance's lease is there (the session does not exist), 1 when it is not (the
    // store lost its data, or the lease ran out: the owner may write the session back). An owner whose lease names the
    // asking instance's own address is an earlier process at that address (it died and this one took its port): its
    // lease is dropped, and the session is orphaned at once rather than when that lease runs out.
    private const string LocateScript = """
        local f = redis.call('HMGET', KEYS[1], 'owner', 'epoch', 'principal', 'version', 'init', 'level', 'subs')
        if not f[1] then return redis.call('EXISTS', KEYS[2]) == 1 and 0 or 1 end
        local url = redis.call('GET', ARGV[1] .. f[1]) or ''
        if url ~= '' and url == ARGV[2] and f[1] ~= ARGV[3] then
            redis.call('DEL', ARGV[1] .. f[1])
            url = ''
        end
        f[8] = url
        return f
        """;

    private const string SaveScript = """
        local cur = redis.call('HMGET', KEYS[1], 'owner', 'epoch')
        if cur[1] and (cur[1] ~= ARGV[1] or cur[2] ~= ARGV[2]) then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'epoch', ARGV[2], 'version', ARGV[4], 'init', ARGV[5], 'subs', ARGV[6])
        if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'principal', ARGV[7]) end
        if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'level', ARGV[8]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private const string TakeOverScript = """
        local cur = redis.call('HMGET', KEYS[1], 'owner', 'epoch')
        if not cur[1] or cur[1] ~= ARGV[1] or cur[2] ~= ARGV[2] then return 0 end
        if cur[1] ~= ARGV[3] and redis.call('EXISTS', ARGV[4] .. cur[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'owner', ARGV[3], 'epoch', ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        return 1
        """;

    private const string DeleteIfEqualScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private const string RemoveScript = """
        if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly string _url;
    private readonly long _leaseTicks;
    private long _validUntil;
    private long _generation;
    private bool _everHeld;
    private int _released;

    public RedisSessionDirectory(RedisConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
        _url = Normalize(redis.Options.InstanceUrl!);
        // A tenth of the lease is left for the clocks of Redis and this process to drift apart.
        _leaseTicks = (long)(redis.Options.LeaseTime.TotalSeconds * 0.9 * time.TimestampFrequency);
        InstanceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }

    public string InstanceId { get; }

    public bool HoldsLease => Volatile.Read(ref _released) == 0 && _time.GetTimestamp() < Volatile.Read(ref _validUntil);

    public long LeaseGeneration => Volatile.Read(ref _generation);

    private IDatabase Db => _redis.Database;

    private RedisKeys Keys => _redis.Keys;

    private long SessionTtlMs => (long)_redis.Options.SessionIdleTimeout.TotalMilliseconds;

    /// <summary>
    /// Renews the lease (or takes it again after it was lost: then <see cref="LeaseGeneration"/> grows, since sessions
    /// may have been taken over meanwhile, or Redis restarted empty). Swallows the failure of an unreachable Redis: the
    /// lease then runs out and <see cref="HoldsLease"/> turns false.
    /// </summary>
    public async Task RenewLeaseAsync()
    {
        if (Volatile.Read(ref _released) != 0) return;
        var sent = _time.GetTimestamp();
        var continuous = _everHeld && sent < Volatile.Read(ref _validUntil);
        var key = Keys.Lease(InstanceId);
        if (!await Db.StringSetAsync(key, _url, _redis.Options.LeaseTime, When.Exists).ConfigureAwait(false))
        {
            continuous = false;
            await Db.StringSetAsync(key, _url, _redis.Options.LeaseTime, When.NotExists).ConfigureAwait(false);
        }
        if (!continuous && _everHeld) Interlocked.Increment(ref _generation);
        _everHeld = true;
        Volatile.Write(ref _validUntil, sent + _leaseTicks);
    }

    public async ValueTask<bool> SaveAsync(McpSessionRecord record, CancellationToken cancellationToken)
    {
        var result = await Db.ScriptEvaluateAsync(SaveScript, [Keys.Session(record.SessionId)],
        [
            record.OwnerId,
            record.Epoch.ToString(CultureInfo.InvariantCulture),
            SessionTtlMs,
            record.ProtocolVersion,
            record.InitializeParams,
            string.Join('\n', record.Subscriptions),
            record.Principal ?? "",
            record.LogLevel is McpLogLevel level ? ((int)level).ToString(CultureInfo.InvariantCulture) : "",
        ]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async ValueTask<McpSessionLocation> LocateAsync(string sessionId, CancellationToken cancellationToken)
    {
        var result = await Db.ScriptEvaluateAsync(LocateScript, [Keys.Session(sessionId), Keys.Lease(InstanceId)], [Keys.LeasePrefix, _url, InstanceId])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.Resp2Type == ResultType.Integer)
        {
            return (long)result == 0 ? McpSessionLocation.Unknown : new McpSessionLocation(McpSessionLocationKind.StoreReset);
        }
        var fields = (RedisResult[])result!;
        var level = (string?)fields[5];
        var subscriptions = (string?)fields[6];
        var record = new McpSessionRecord
        {
            SessionId = sessionId,
            OwnerId = (string)fields[0]!,
            Epoch = long.Parse((string)fields[1]!, NumberStyles.None, CultureInfo.InvariantCulture),
            Principal = (string?)fields[2],
            ProtocolVersion = (string?)fields[3] ?? "",
            InitializeParams = (string?)fields[4] ?? "{}",
            LogLevel = string.IsNullOrEmpty(level) ? null : (McpLogLevel)int.Parse(level, NumberStyles.None, CultureInfo.InvariantCulture),
            Subscriptions = string.IsNullOrEmpty(subscriptions) ? [] : subscriptions.Split('\n'),
        };
        var url = (string?)fields[7];
        return string.IsNullOrEmpty(url)
            ? new McpSessionLocation(McpSessionLocationKind.Orphaned, record)
            : new McpSessionLocation(McpSessionLocationKind.Live, record, new Uri(url));
    }

    public async ValueTask<bool> TryTakeOverAsync(McpSessionRecord located, CancellationToken cancellationToken)
    {
        var result = await Db.ScriptEvaluateAsync(TakeOverScript, [Keys.Session(located.SessionId)],
        [
            located.OwnerId,
            located.Epoch.ToString(CultureInfo.InvariantCulture),
            InstanceId,
            Keys.LeasePrefix,
            (located.Epoch + 1).ToString(CultureInfo.InvariantCulture),
            SessionTtlMs,
        ]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async ValueTask RevokeAsync(string ownerId, Uri ownerUrl, CancellationToken cancellationToken) =>
        await Db.ScriptEvaluateAsync(DeleteIfEqualScript, [Keys.Lease(ownerId)], [Normalize(ownerUrl)])
            .WaitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask TouchAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        var batch = Db.CreateBatch();
        var ttl = _redis.Options.SessionIdleTimeout;
        var pending = new List<Task>(sessionIds.Count);
        foreach (var id in sessionIds) pending.Add(batch.KeyExpireAsync(Keys.Session(id), ttl));
        batch.Execute();
        await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RemoveAsync(string sessionId, CancellationToken cancellationToken) =>
        await Db.ScriptEvaluateAsync(RemoveScript, [Keys.Session(sessionId)], [InstanceId]).WaitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask ReleaseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        await Db.ScriptEvaluateAsync(DeleteIfEqualScript, [Keys.Lease(InstanceId)], [_url]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An instance's URL as its lease holds it: absolute, without a trailing slash.</summary>
    public static string Normalize(Uri url) => url.AbsoluteUri.TrimEnd('/');

    public async ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        await Db.PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
