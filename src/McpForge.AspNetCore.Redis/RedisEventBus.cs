using System;
using System.Threading.Tasks;
using McpForge.Subscriptions;
using StackExchange.Redis;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// The fleet's event bus: an event reaches this process's subscribers at once (even with Redis down) and the other
/// instances through one Redis pub/sub channel; an instance skips what it published itself. Each instance tells only
/// the sessions and listen streams it holds, and each session is held by one instance, so every session hears each
/// event once. Pub/sub keeps nothing: an instance cut from Redis misses what was published meanwhile (docs/scale-out.md).
/// </summary>
internal sealed class RedisEventBus : IMcpEventBus
{
    private readonly InProcessEventBus _local = new();
    private readonly RedisConnection _redis;
    private readonly string _instanceId;

    public RedisEventBus(RedisConnection redis, RedisSessionDirectory directory)
    {
        _redis = redis;
        _instanceId = directory.InstanceId;
    }

    public void Publish(McpServerEvent @event)
    {
        _local.Publish(@event);
        try
        {
            _redis.Multiplexer.GetSubscriber().Publish(_redis.Keys.Bus, Encode(@event), CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is down: this instance's clients heard it; the others' miss it, as documented.
        }
    }

    public IDisposable Subscribe(Action<McpServerEvent> handler) => _local.Subscribe(handler);

    /// <summary>Starts hearing the other instances (the hosted service calls it, again until Redis answers).</summary>
    public Task ListenAsync() => _redis.Multiplexer.GetSubscriber().SubscribeAsync(_redis.Keys.Bus, (_, message) => Receive(message));

    private void Receive(RedisValue message)
    {
        if (Decode(message, out var origin, out var @event) && origin != _instanceId) _local.Publish(@event);
    }

    /// <summary><c>{instance}\n{kind}\n{uri}</c>: small, and read without a serializer.</summary>
    private string Encode(McpServerEvent @event) => _instanceId + "\n" + ((int)@event.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + @event.Uri;

    private static bool Decode(RedisValue message, out string origin, out McpServerEvent @event)
    {
        @event = default;
        origin = "";
        var text = (string?)message;
        if (text is null) return false;
        var parts = text.Split('\n', 3);
        if (parts.Length != 3 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var kind)
            || kind > (int)McpServerEventKind.ResourceUpdated)
        {
            return false;
        }
        origin = parts[0];
        @event = new McpServerEvent((McpServerEventKind)kind, parts[2].Length == 0 ? null : parts[2]);
        return true;
    }
}
