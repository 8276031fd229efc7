using System;

namespace McpForge;

/// <summary>
/// Restricts a tool, prompt or resource (or every one of a class) to callers whose access token grants all of
/// <see cref="Scopes"/> and who satisfy <see cref="Policy"/> (an ASP.NET Core authorization policy). Checked before
/// arguments are bound; lists show a caller only what it may use, and a call without the scopes is answered with
/// HTTP 403 <c>insufficient_scope</c> naming them, so the client can ask for them. Applies where the transport
/// authenticates callers (Streamable HTTP with authentication, docs/authorization.md); a stdio server runs as the
/// user who started it and has no callers to tell apart.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class McpAuthorizeAttribute : Attribute
{
    /// <summary>Requires an authenticated caller with every scope in <paramref name="scopes"/> (none: any authenticated caller).</summary>
    public McpAuthorizeAttribute(params string[] scopes) => Scopes = scopes;

    /// <summary>The OAuth scopes the caller's token must grant (the <c>scope</c> or <c>scp</c> claim).</summary>
    public string[] Scopes { get; }

    /// <summary>An ASP.NET Core authorization policy the caller must satisfy, by name.</summary>
    public string? Policy { get; set; }
}
