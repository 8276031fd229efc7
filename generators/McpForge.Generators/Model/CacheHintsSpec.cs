using System.Linq;

namespace McpForge.Generators.Model;

/// <summary>
/// A component's own cache hints (<c>CacheTtlMs</c>, <c>CacheScope</c> on its attribute), for <c>McpComponent.CacheHints</c>;
/// a part left unset (null) takes the server's default.
/// </summary>
/// <param name="TtlMs">How long a 2026-07-28 client may reuse what the component gives, in milliseconds (0 or more).</param>
/// <param name="Scope">The <c>McpCacheScope</c> value: 0 <c>Private</c>, 1 <c>Public</c>.</param>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
internal sealed record CacheHintsSpec(long? TtlMs, int? Scope)
{
    /// <summary>The object initializer member that sets <c>CacheHints</c>.</summary>
    public string Initializer()
    {
        var ttl = TtlMs is long ms ? $"Ttl: global::System.TimeSpan.FromMilliseconds({ms})" : null;
        var scope = Scope switch
        {
            null => null,
            0 => "Scope: global::McpForge.McpCacheScope.Private",
            1 => "Scope: global::McpForge.McpCacheScope.Public",
            int other => $"Scope: (global::McpForge.McpCacheScope){other}",
        };
        return "CacheHints = new global::McpForge.McpCacheHints(" + string.Join(", ", new[] { ttl, scope }.Where(p => p is not null)) + ")";
    }
}
