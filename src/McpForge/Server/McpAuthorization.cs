using System;
using System.Collections.Generic;
using System.Security.Claims;

namespace McpForge.Server;

/// <summary>What a component asks of its callers (<see cref="McpAuthorizeAttribute"/>): scopes and an optional policy.</summary>
public sealed class McpAuthorization
{
    /// <summary>Requires every scope in <paramref name="scopes"/> and, when given, <paramref name="policy"/>.</summary>
    public McpAuthorization(string[] scopes, string? policy = null)
    {
        Scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        Policy = policy;
    }

    /// <summary>The scopes a caller's token must grant.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The authorization policy a caller must satisfy, or null.</summary>
    public string? Policy { get; }
}

/// <summary>
/// Who sent a request, as the transport authenticated them. A transport without callers (stdio, or HTTP without
/// authentication) uses <see cref="Unchecked"/>, for which everything is allowed.
/// </summary>
internal sealed class McpCaller
{
    private readonly HashSet<string> _scopes;
    private readonly IReadOnlySet<string> _policies;

    private McpCaller(ClaimsPrincipal? user, IReadOnlySet<string> policies, bool checks)
    {
        User = user;
        _policies = policies;
        Checks = checks;
        _scopes = new HashSet<string>(StringComparer.Ordinal);
        if (user is null) return;
        foreach (var claim in user.Claims)
        {
            // OAuth's "scope" is one space-separated claim; some issuers send "scp", as one claim or several.
            if (claim.Type is "scope" or "scp" or "http://schemas.microsoft.com/identity/claims/scope")
            {
                foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)) _scopes.Add(scope);
            }
        }
    }

    public static McpCaller Unchecked { get; } = new(null, new HashSet<string>(), checks: false);

    /// <summary>An authenticated caller; <paramref name="satisfiedPolicies"/> are the policies it passed for this request.</summary>
    public static McpCaller Authenticated(ClaimsPrincipal user, IReadOnlySet<string> satisfiedPolicies) => new(user, satisfiedPolicies, checks: true);

    /// <summary>The authenticated user, or null where the transport has none.</summary>
    public ClaimsPrincipal? User { get; }

    /// <summary>False where nothing is checked.</summary>
    public bool Checks { get; }

    /// <summary>True when the caller has every scope of <paramref name="requirement"/> and satisfies its policy.</summary>
    public bool IsAllowed(McpAuthorization? requirement) =>
        !Checks || requirement is null || (Missing(requirement).Count == 0 && SatisfiesPolicy(requirement));

    /// <summary>The scopes of <paramref name="requirement"/> the caller lacks (empty when only a policy fails, or nothing).</summary>
    public List<string> Missing(McpAuthorization requirement)
    {
        var missing = new List<string>();
        foreach (var scope in requirement.Scopes)
        {
            if (!_scopes.Contains(scope)) missing.Add(scope);
        }
        return missing;
    }

    public bool SatisfiesPolicy(McpAuthorization requirement) => requirement.Policy is null || _policies.Contains(requirement.Policy);
}
