using System;

namespace McpForge.Protocol;

/// <summary>The MCP protocol revisions this server negotiates, newest first.</summary>
public static class McpProtocolVersions
{
    /// <summary>Revision 2025-11-25, the newest supported.</summary>
    public const string V2025_11_25 = "2025-11-25";
    /// <summary>Revision 2025-06-18.</summary>
    public const string V2025_06_18 = "2025-06-18";
    /// <summary>Revision 2025-03-26.</summary>
    public const string V2025_03_26 = "2025-03-26";
    /// <summary>Revision 2024-11-05.</summary>
    public const string V2024_11_05 = "2024-11-05";

    /// <summary>The version offered when a client asks for one this server does not speak.</summary>
    public const string Latest = V2025_11_25;

    /// <summary>Every supported revision, newest first.</summary>
    public static ReadOnlySpan<string> Supported => s_supported;

    private static readonly string[] s_supported = [V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05];

    /// <summary>True for a revision this server speaks (the <c>MCP-Protocol-Version</c> header of Streamable HTTP must be one).</summary>
    public static bool IsSupported(ReadOnlySpan<char> version)
    {
        foreach (var supported in s_supported)
        {
            if (version.SequenceEqual(supported)) return true;
        }
        return false;
    }

    /// <summary>
    /// The version to answer <c>initialize</c> with: the client's own when supported, otherwise the newest
    /// (the specification's rule; the client then decides whether to disconnect).
    /// </summary>
    public static string Negotiate(string? requested)
    {
        foreach (var version in Supported)
        {
            if (string.Equals(version, requested, StringComparison.Ordinal))
            {
                return version;
            }
        }

        return Latest;
    }
}
