using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>
/// An icon a client may show for the server, a tool, a prompt or a resource (MCP 2025-11-25, "Icons"): an
/// <c>https:</c> URL or a <c>data:</c> URI, with an optional MIME type, sizes (<c>"48x48"</c>, <c>"any"</c>) and theme.
/// </summary>
/// <param name="Src">Where the image is: an <c>https:</c> URL or a <c>data:</c> URI with Base64 image data.</param>
public sealed record McpIcon(string Src)
{
    /// <summary>The image's MIME type, when the source does not make it clear (<c>image/png</c>, <c>image/svg+xml</c>).</summary>
    public string? MimeType { get; init; }

    /// <summary>The sizes it suits, each <c>WxH</c> or <c>any</c>; none means any size.</summary>
    public IReadOnlyList<string>? Sizes { get; init; }

    /// <summary>The background it is drawn for: <c>light</c> or <c>dark</c>; null for either.</summary>
    public string? Theme { get; init; }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("src"u8, Src);
        if (MimeType is not null) writer.WriteString("mimeType"u8, MimeType);
        if (Sizes is { Count: > 0 } sizes)
        {
            writer.WriteStartArray("sizes"u8);
            foreach (var size in sizes) writer.WriteStringValue(size);
            writer.WriteEndArray();
        }
        if (Theme is not null) writer.WriteString("theme"u8, Theme);
        writer.WriteEndObject();
    }

    /// <summary>What makes the icon one a client may not load (its source must be an http(s) URL or a data URI, its theme light or dark), or null.</summary>
    internal string? Problem()
    {
        if (!Uri.TryCreate(Src, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != "data" && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"must have an https: URL or a data: URI as source, not '{Src}'";
        }
        return Theme is not null and not ("light" or "dark") ? $"must have the theme 'light' or 'dark', not '{Theme}'" : null;
    }
}
