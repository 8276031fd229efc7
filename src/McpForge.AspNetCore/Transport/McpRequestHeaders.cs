using System;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// The MCP headers of one POST (<c>MCP-Protocol-Version</c>, <c>Mcp-Session-Id</c>, <c>Mcp-Method</c>, <c>Mcp-Name</c>),
/// found in one pass over its headers. Kestrel keeps the headers it does not know, every <c>Mcp-*</c> one among them, in
/// a dictionary, and finds one by name only after comparing that name, ignoring case, with each header it knows of the
/// same length: about 850 instructions a lookup (bench/Eras/count_http_instructions.py), and a 2026-07-28 request needs
/// three. One pass over a request's few headers, comparing lengths first, costs less than one lookup. Header names are
/// case-insensitive; a header sent twice arrives as one name with two values.
/// </summary>
internal readonly struct McpRequestHeaders
{
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";
    public const string SessionIdHeader = "Mcp-Session-Id";
    public const string MethodHeader = "Mcp-Method";
    public const string NameHeader = "Mcp-Name";

    /// <summary><c>MCP-Protocol-Version</c>: the session's version, or the 2026-07-28 request's.</summary>
    public StringValues ProtocolVersion { get; init; }

    /// <summary><c>Mcp-Session-Id</c> (session era).</summary>
    public StringValues SessionId { get; init; }

    /// <summary><c>Mcp-Method</c> (2026-07-28): the body's method.</summary>
    public StringValues Method { get; init; }

    /// <summary><c>Mcp-Name</c> (2026-07-28): the body's tool, prompt, resource or task.</summary>
    public StringValues Name { get; init; }

    /// <summary>The <c>MCP-Protocol-Version</c> header without the whitespace around it, or null when there is none.</summary>
    public string? Version => StringValues.IsNullOrEmpty(ProtocolVersion) ? null : Trim(ProtocolVersion.ToString());

    public static McpRequestHeaders Read(IHeaderDictionary headers)
    {
        StringValues version = default, session = default, method = default, name = default;
        foreach (var header in headers)
        {
            var key = header.Key;
            switch (key.Length) // the lengths of the four names: most headers are passed over on their length alone
            {
                case 20 when key.Equals(ProtocolVersionHeader, StringComparison.OrdinalIgnoreCase):
                    version = header.Value;
                    break;
                case 14 when key.Equals(SessionIdHeader, StringComparison.OrdinalIgnoreCase):
                    session = header.Value;
                    break;
                case 10 when key.Equals(MethodHeader, StringComparison.OrdinalIgnoreCase):
                    method = header.Value;
                    break;
                case 8 when key.Equals(NameHeader, StringComparison.OrdinalIgnoreCase):
                    name = header.Value;
                    break;
            }
        }
        return new McpRequestHeaders { ProtocolVersion = version, SessionId = session, Method = method, Name = name };
    }

    /// <summary>A header value without the spaces and tabs around it (HTTP's optional whitespace), allocating only when it has some.</summary>
    public static string Trim(string value) =>
        value.Length > 0 && (value[0] is ' ' or '\t' || value[^1] is ' ' or '\t') ? value.Trim(' ', '\t') : value;
}
