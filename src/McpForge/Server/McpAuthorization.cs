using System;
using System.Collections.Generic;

namespace McpForge.Server;

/// <summary>
/// What a component asks of its callers: every scope and every policy of the <see cref="McpAuthorizeAttribute"/>s on
/// it and on its class (all of them must hold, as ASP.NET Core's <c>[Authorize]</c> attributes combine).
/// </summary>
public sealed class McpAuthorization
{
    /// <summary>Requires every scope in <paramref name="scopes"/> and every policy in <paramref name="policies"/>.</summary>
    public McpAuthorization(string[] scopes, string[] policies)
    {
        Scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        Policies = policies ?? throw new ArgumentNullException(nameof(policies));
    }

    /// <summary>The scopes a caller's token must grant.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The authorization policies a caller must satisfy.</summary>
    public IReadOnlyList<string> Policies { get; }
}
