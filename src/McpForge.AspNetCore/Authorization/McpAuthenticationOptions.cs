using System;
using System.Collections.Generic;

namespace McpForge.AspNetCore.Authorization;

/// <summary>
/// How an MCP endpoint authenticates its callers (MCP 2025-11-25, "Authorization": the server is an OAuth 2.1
/// resource server). Authentication itself is ASP.NET Core's: register the handlers with
/// <c>AddAuthentication().AddJwtBearer(…)</c> (and/or <c>AddMcpClientCertificate(…)</c>) and name their schemes here.
/// </summary>
public sealed class McpAuthenticationOptions
{
    /// <summary>The authentication schemes tried, in order, for every request; the first that succeeds identifies the caller.</summary>
    public IList<string> Schemes { get; } = new List<string>();

    /// <summary>
    /// The RFC 9728 Protected Resource Metadata to publish at <c>/.well-known/oauth-protected-resource</c> (and the
    /// form with the endpoint's path appended), and to point at from every <c>401</c>'s <c>WWW-Authenticate</c>. Null for
    /// endpoints that take no bearer tokens (client certificates only).
    /// </summary>
    public ProtectedResourceMetadata? ResourceMetadata { get; set; }
}

/// <summary>RFC 9728 metadata of this MCP server as an OAuth protected resource.</summary>
public sealed class ProtectedResourceMetadata
{
    /// <summary>
    /// The server's canonical URI, such as <c>https://mcp.example.com/mcp</c>: the RFC 8707 resource clients ask tokens
    /// for, and so the audience the bearer handler must require (<c>TokenValidationParameters.ValidAudience</c>).
    /// </summary>
    public required string Resource { get; init; }

    /// <summary>The issuers of the authorization servers whose tokens this server accepts (at least one).</summary>
    public IList<string> AuthorizationServers { get; } = new List<string>();

    /// <summary>The scopes this server understands, for clients to request.</summary>
    public IList<string> ScopesSupported { get; } = new List<string>();

    /// <summary>A human-readable name of the server.</summary>
    public string? ResourceName { get; init; }

    /// <summary>A page that documents the server for developers.</summary>
    public string? ResourceDocumentation { get; init; }

    internal void Validate()
    {
        if (!Uri.TryCreate(Resource, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
        {
            throw new ArgumentException($"ProtectedResourceMetadata.Resource '{Resource}' must be an absolute URI without a fragment (RFC 8707).");
        }
        if (AuthorizationServers.Count == 0)
        {
            throw new ArgumentException("ProtectedResourceMetadata.AuthorizationServers needs at least one issuer (RFC 9728, MCP authorization).");
        }
    }
}
