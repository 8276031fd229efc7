using System;

namespace McpForge;

/// <summary>
/// Marks a method of a <c>partial</c> class as an MCP resource. A URI without <c>{variables}</c> is a fixed
/// resource, listed by <c>resources/list</c>; a URI template (RFC 6570 simple <c>{name}</c> and reserved
/// <c>{+name}</c> expansions) is listed by <c>resources/templates/list</c>, and its variables are bound to the
/// method's parameters of the same names.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpResourceAttribute(string uri) : Attribute
{
    /// <summary>The resource's URI, or a URI template such as <c>users://{id}/profile</c>.</summary>
    public string Uri { get; } = uri;

    /// <summary>The resource's name; the method name in snake_case when not set.</summary>
    public string? Name { get; set; }

    /// <summary>A human-readable title for user interfaces.</summary>
    public string? Title { get; set; }

    /// <summary>The MIME type of the contents, such as <c>text/markdown</c>.</summary>
    public string? MimeType { get; set; }

    /// <summary>
    /// How long, in milliseconds, a 2026-07-28 client may reuse what this resource or template gives (its entry in <c>resources/list</c> or <c>resources/templates/list</c>, and <c>resources/read</c>: <c>ttlMs</c>); unset takes
    /// <see cref="McpServerOptions.CacheTtl"/>, 0 makes it stale at once, a negative value is a build error (MCPF0032).
    /// </summary>
    public long CacheTtlMs { get; set; }

    /// <summary>
    /// Who may reuse what this resource or template gives (<c>cacheScope</c>); unset takes <see cref="McpServerOptions.CacheScope"/>.
    /// <see cref="McpCacheScope.Public"/> only when it holds nothing user-specific; results are private anyway when the
    /// transport authenticates callers.
    /// </summary>
    public McpCacheScope CacheScope { get; set; }
}
