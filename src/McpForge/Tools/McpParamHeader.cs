namespace McpForge.Tools;

/// <summary>
/// A tool argument mirrored in an HTTP header (<c>x-mcp-header</c> in its schema, MCP 2026-07-28): a 2026-07-28 client
/// sends the argument's value in <c>Mcp-Param-{Name}</c> too, so that gateways can route on it without reading the
/// body, and the server checks that the two agree.
/// </summary>
/// <param name="Name">The header name's suffix (an RFC 9110 token), as in <c>x-mcp-header</c>.</param>
/// <param name="Argument">The argument (a top-level property of <c>arguments</c>) whose value it carries.</param>
public sealed record McpParamHeader(string Name, string Argument);
