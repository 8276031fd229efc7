using System;

namespace McpForge;

/// <summary>Who may reuse a cached result (MCP 2026-07-28, "Caching"), as HTTP's <c>Cache-Control: private</c> and <c>public</c>.</summary>
public enum McpCacheScope
{
    /// <summary>Only within the same authorization context (the same user or token). The safe default.</summary>
    Private,

    /// <summary>Any client or shared cache: the result holds nothing user-specific.</summary>
    Public,
}

/// <summary>
/// How long, and by whom, a result may be cached (<c>ttlMs</c> and <c>cacheScope</c> on 2026-07-28 results of
/// <c>server/discover</c>, the list methods and <c>resources/read</c>). A part left null takes the server's default
/// (<see cref="McpServerOptions.CacheTtl"/>, <see cref="McpServerOptions.CacheScope"/>).
/// </summary>
/// <param name="Ttl">How long a client may reuse the result; zero: it is stale at once.</param>
/// <param name="Scope">Who may reuse it.</param>
public sealed record McpCacheHints(TimeSpan? Ttl = null, McpCacheScope? Scope = null);
