using System;
using StackExchange.Redis;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// The one connection of the process to Redis. It is made at once and does not wait for Redis: an instance starts (and
/// serves what needs no Redis) while Redis is down, and the multiplexer reconnects in the background.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(McpRedisScaleOutOptions options)
    {
        Options = options;
        Keys = new RedisKeys(options.KeyPrefix);
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var configuration = ConfigurationOptions.Parse(options.Configuration!);
            configuration.AbortOnConnectFail = false;
            // A command waits at most this long for a connection that is down: a request then gets 503 soon, not a hang.
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
            configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 2000);
            configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 2000);
            configuration.ClientName ??= "mcpforge";
            return ConnectionMultiplexer.Connect(configuration);
        });
    }

    public McpRedisScaleOutOptions Options { get; }

    public RedisKeys Keys { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}
