using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Diagnostics.CodeAnalysis;
using McpForge.Server;

namespace McpForge.Transports;

/// <summary>
/// Who sent a request, as the transport authenticated them, and the DI scope of the transport request that carried it
/// where it has one. A transport without callers (stdio, or HTTP without authentication) uses <see cref="Unchecked"/>,
/// for which everything is allowed.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public sealed class McpCaller
{
    private readonly HashSet<string> _scopes;
    private readonly IReadOnlySet<string> _policies;

    private McpCaller(McpCaller caller, McpTransportScope? serviceScope)
    {
        User = caller.User;
        _policies = caller._policies;
        Checks = caller.Checks;
        _scopes = caller._scopes;
        ServiceScope = serviceScope;
    }

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

    /// <summary>The caller of a transport without authentication (stdio): every component is allowed.</summary>
    public static McpCaller Unchecked { get; } = new(null, new HashSet<string>(), checks: false);

    /// <summary>An authenticated caller; <paramref name="satisfiedPolicies"/> are the policies it passed for this request.</summary>
    public static McpCaller Authenticated(ClaimsPrincipal user, IReadOnlySet<string> satisfiedPolicies) => new(user, satisfiedPolicies, checks: true);

    /// <summary>
    /// The DI scope of the transport request that carried the request (HTTP), which its calls resolve services from;
    /// null where each call makes a scope of its own (stdio).
    /// </summary>
    internal McpTransportScope? ServiceScope { get; }

    /// <summary>This caller, in the transport request whose DI scope is <paramref name="serviceScope"/>.</summary>
    public McpCaller WithServiceScope(McpTransportScope serviceScope) => new(this, serviceScope);

    /// <summary>
    /// This caller outside any transport request: a task's handler outlives the request that started it, so it runs in
    /// a DI scope of its own (<see cref="CallScope"/> without a transport scope).
    /// </summary>
    internal McpCaller WithoutServiceScope() => ServiceScope is null ? this : new(this, null);

    /// <summary>The authenticated user, or null where the transport has none.</summary>
    public ClaimsPrincipal? User { get; }

    /// <summary>
    /// Issuer and subject (or name) of the authenticated user: what binds a session, or a request state, to the user it
    /// was made for. Null without authentication.
    /// </summary>
    internal string? PrincipalKey => _principalKey ??= KeyOf(User);

    private string? _principalKey;

    /// <summary>Issuer and subject (or name) of <paramref name="user"/>, or null when it is not authenticated.</summary>
    public static string? KeyOf(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true }) return null;
        var subject = user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier) ?? user.FindFirst(ClaimTypes.Name);
        return subject is null ? null : subject.Issuer + "\n" + subject.Value;
    }

    /// <summary>False where nothing is checked.</summary>
    internal bool Checks { get; }

    /// <summary>True when the caller has every scope of <paramref name="requirement"/> and satisfies its policy.</summary>
    internal bool IsAllowed(McpAuthorization? requirement) =>
        !Checks || requirement is null || (Missing(requirement).Count == 0 && SatisfiesPolicy(requirement));

    /// <summary>The scopes of <paramref name="requirement"/> the caller lacks (empty when only a policy fails, or nothing).</summary>
    internal List<string> Missing(McpAuthorization requirement)
    {
        var missing = new List<string>();
        foreach (var scope in requirement.Scopes)
        {
            if (!_scopes.Contains(scope)) missing.Add(scope);
        }
        return missing;
    }

    internal bool SatisfiesPolicy(McpAuthorization requirement)
    {
        foreach (var policy in requirement.Policies)
        {
            if (!_policies.Contains(policy)) return false;
        }
        return true;
    }
}
