using System.Collections.Generic;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Reads <c>CacheTtlMs</c> and <c>CacheScope</c> from a component attribute (<c>[McpTool]</c>, <c>[McpPrompt]</c>,
/// <c>[McpResource]</c>): the one rule every kind shares, a lifetime is never negative (MCPF0032).
/// </summary>
internal static class CacheHintsParser
{
    /// <summary>The hints set on <paramref name="attribute"/>, or null when neither is; a negative TTL is reported and dropped.</summary>
    public static CacheHintsSpec? Parse(AttributeData attribute, string kind, string name, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        long? ttl = AttributeArguments.Named(attribute, "CacheTtlMs") switch
        {
            long l => l,
            int i => i,
            _ => null,
        };
        var scope = AttributeArguments.Named(attribute, "CacheScope") is int s ? s : (int?)null;
        if (ttl < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeCacheTtl,
                AttributeArguments.NamedArgumentLocation(attribute, "CacheTtlMs", cancellationToken), kind, name, ttl.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            ttl = null;
        }
        return ttl is null && scope is null ? null : new CacheHintsSpec(ttl, scope);
    }
}
