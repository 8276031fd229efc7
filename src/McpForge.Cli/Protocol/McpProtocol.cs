namespace McpForge.Cli.Protocol;

/// <summary>
/// Protocol facts the client needs. Kept here rather than shared with the McpForge runtime: the CLI talks to any
/// MCP server and must not change when the runtime's internals do.
/// </summary>
internal static class McpProtocol
{
    /// <summary>The revision the CLI asks for in <c>initialize</c>.</summary>
    public const string LatestVersion = "2025-11-25";

    /// <summary>Every revision that uses the <c>initialize</c> handshake, newest first.</summary>
    public static readonly string[] KnownVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>The JSON-RPC name of a standard error code, or null for an implementation-defined one.</summary>
    public static string? ErrorName(int code) => code switch
    {
        ParseError => "Parse error",
        InvalidRequest => "Invalid Request",
        MethodNotFound => "Method not found",
        InvalidParams => "Invalid params",
        InternalError => "Internal error",
        _ => null,
    };

    /// <summary>"-32601 (Method not found)", or just the number for a code without a standard name.</summary>
    public static string DescribeError(int code) => ErrorName(code) is { } name ? $"{code} ({name})" : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
