using McpForge.JsonRpc;

namespace McpForge.Dispatch;

/// <summary>
/// What a 2026-07-28 result carries besides its own members (MCP 2026-07-28, "Result Responses", "Caching"):
/// <c>resultType</c>, the cache hints of a cacheable complete result, and the listen stream a final result closes.
/// Legacy results get none of these.
/// </summary>
internal readonly struct ResultFields
{
    /// <summary>A complete result with no cache hints.</summary>
    public static ResultFields Complete => default;

    /// <summary>An <c>input_required</c> result: never cacheable.</summary>
    public static ResultFields InputRequired => new() { IsInputRequired = true };

    /// <summary>A <c>CreateTaskResult</c> of the tasks extension (<c>resultType: "task"</c>): never cacheable.</summary>
    public static ResultFields Task => new() { IsTask = true };

    /// <summary>A complete result that may be cached for <paramref name="ttlMs"/> by <paramref name="scope"/>.</summary>
    public static ResultFields Cacheable(long ttlMs, McpCacheScope scope) => new() { HasCacheHints = true, TtlMs = ttlMs, Scope = scope };

    /// <summary>The final result of a listen stream, which names its subscription.</summary>
    public static ResultFields EndOfSubscription(RequestId subscription) => new() { Subscription = subscription };

    /// <summary>A complete result with neither cache hints nor a subscription: the 2026-07-28 fields every such result ends with.</summary>
    public bool IsPlainComplete => !IsInputRequired && !IsTask && !HasCacheHints && !Subscription.IsValid;

    public bool IsInputRequired { get; init; }

    public bool IsTask { get; init; }

    public bool HasCacheHints { get; init; }

    public long TtlMs { get; init; }

    public McpCacheScope Scope { get; init; }

    public RequestId Subscription { get; init; }
}
