using System;

namespace McpForge;

/// <summary>
/// Mirrors a tool argument into the HTTP header <c>Mcp-Param-{Name}</c> (MCP 2026-07-28, "Custom Headers from Tool
/// Parameters"): the parameter's input schema carries <c>"x-mcp-header": "Name"</c>, a 2026-07-28 client sends the
/// argument's value in that header as well as in the body, so that gateways, load balancers and WAFs can route on it
/// without reading the body, and the Streamable HTTP transport answers a request whose header and body differ with
/// HTTP 400, -32020.
/// </summary>
/// <remarks>
/// Named after the <c>Mcp-</c> header it produces and the <c>x-mcp-header</c> keyword it writes, like the other
/// <c>Mcp*</c> attributes. Checked at build time: the parameter must be a string, boolean, enum or integer type whose
/// values stay within ±(2^53−1) (MCPF0029), <paramref name="name"/> an RFC 9110 token (MCPF0030), unique within the
/// tool regardless of case (MCPF0031). Ignored by stdio and by session-era (2025-11-25 and older) requests.
/// </remarks>
/// <param name="name">The header name after <c>Mcp-Param-</c>: letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>.</param>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class McpHeaderAttribute(string name) : Attribute
{
    /// <summary>The header name after <c>Mcp-Param-</c>, as written into <c>x-mcp-header</c>.</summary>
    public string Name { get; } = name;
}
