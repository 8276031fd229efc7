using System;

namespace McpForge;

/// <summary>
/// An icon a client may show beside a tool, prompt, resource or resource template (MCP 2025-11-25, <c>Icon</c>): listed
/// in the component's <c>icons</c> in <c>tools/list</c>, <c>prompts/list</c>, <c>resources/list</c> and
/// <c>resources/templates/list</c>. Repeat it for several sizes or themes; they are listed in declaration order.
/// </summary>
/// <remarks>
/// Checked at build time (MCPF0033): <paramref name="src"/> must be an absolute <c>https:</c> or <c>http:</c> URL or a
/// <c>data:</c> URI, <see cref="MimeType"/> a <c>type/subtype</c>, each of <see cref="Sizes"/> <c>WxH</c> or <c>any</c>,
/// <see cref="Theme"/> <c>light</c> or <c>dark</c>.
/// </remarks>
/// <param name="src">Where the image is: an <c>https:</c> URL, or a <c>data:</c> URI with Base64 image data.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class McpIconAttribute(string src) : Attribute
{
    /// <summary>Where the image is (<c>src</c>).</summary>
    public string Src { get; } = src;

    /// <summary>The image's MIME type when the source does not make it clear (<c>image/png</c>, <c>image/svg+xml</c>).</summary>
    public string? MimeType { get; set; }

    /// <summary>The sizes it suits, separated by spaces or commas, each <c>WxH</c> or <c>any</c> (<c>"48x48 96x96"</c>); unset: any size.</summary>
    public string? Sizes { get; set; }

    /// <summary>The background it is drawn for, <c>light</c> or <c>dark</c>; unset: either.</summary>
    public string? Theme { get; set; }
}
