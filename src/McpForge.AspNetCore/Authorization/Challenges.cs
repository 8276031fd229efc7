using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Authorization;

/// <summary>
/// The <c>WWW-Authenticate</c> challenges of an OAuth resource server (RFC 6750 §3, RFC 9728 §5.1): what a client
/// needs to find the authorization server and ask for the right token.
/// </summary>
internal static class Challenges
{
    /// <summary>The well-known path of the metadata of an endpoint at <paramref name="endpointPath"/> (RFC 9728 §3.1).</summary>
    public static string MetadataPath(string endpointPath) =>
        "/.well-known/oauth-protected-resource" + (endpointPath == "/" ? "" : endpointPath.TrimEnd('/'));

    /// <summary>The absolute URL of that metadata, on the host the request came to.</summary>
    public static string MetadataUrl(HttpRequest request, string endpointPath) =>
        request.Scheme + "://" + request.Host.Value + request.PathBase.Value + MetadataPath(endpointPath);

    /// <summary>
    /// <c>Bearer resource_metadata="…"</c> for a request without a token (no error code, RFC 6750 §3.1); with
    /// <paramref name="error"/> and its description for a token that was refused.
    /// </summary>
    public static string Unauthorized(string? metadataUrl, string? error, string? description, IReadOnlyList<string>? scopes)
    {
        var header = new StringBuilder("Bearer");
        var first = true;
        void Add(string name, string value)
        {
            header.Append(first ? " " : ", ").Append(name).Append("=\"").Append(Quote(value)).Append('"');
            first = false;
        }
        if (error is not null) Add("error", error);
        if (description is not null) Add("error_description", description);
        if (scopes is { Count: > 0 }) Add("scope", string.Join(' ', scopes));
        if (metadataUrl is not null) Add("resource_metadata", metadataUrl);
        return header.ToString();
    }

    /// <summary>A quoted-string value: quotes and backslashes escaped, control characters dropped, kept short.</summary>
    private static string Quote(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, 300));
        foreach (var c in value)
        {
            if (text.Length >= 300) break;
            if (c < ' ' || c == 0x7F) continue;
            if (c is '"' or '\\') text.Append('\\');
            text.Append(c);
        }
        return text.ToString();
    }
}
