using System;

namespace McpForge.Protocol;

/// <summary>
/// The MCP protocol revisions this server speaks. A 2026-07-28 request carries its version in its own
/// <c>_meta</c> and is served on its own (no session); the earlier revisions are reached through <c>initialize</c>,
/// which opens a session for the connection. One endpoint and one stdio process serve both.
/// </summary>
public static class McpProtocolVersions
{
    /// <summary>Revision 2026-07-28: every request self-contained, no <c>initialize</c>.</summary>
    public const string V2026_07_28 = "2026-07-28";
    /// <summary>Revision 2025-11-25, the newest reached through <c>initialize</c>.</summary>
    public const string V2025_11_25 = "2025-11-25";
    /// <summary>Revision 2025-06-18.</summary>
    public const string V2025_06_18 = "2025-06-18";
    /// <summary>Revision 2025-03-26.</summary>
    public const string V2025_03_26 = "2025-03-26";
    /// <summary>Revision 2024-11-05.</summary>
    public const string V2024_11_05 = "2024-11-05";

    /// <summary>The newest revision, served per request.</summary>
    public const string Latest = V2026_07_28;

    /// <summary>The version <c>initialize</c> offers when a client asks for one no session speaks (2026-07-28 included: it has no sessions).</summary>
    public const string LatestSession = V2025_11_25;

    /// <summary>The revisions served per request (what <c>server/discover</c> lists and -32022 names).</summary>
    public static ReadOnlySpan<string> PerRequest => s_perRequest;

    /// <summary>The revisions reached through <c>initialize</c>, newest first.</summary>
    public static ReadOnlySpan<string> Session => s_session;

    private static readonly string[] s_perRequest = [V2026_07_28];

    private static readonly string[] s_session = [V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05];

    /// <summary>True for a revision served per request.</summary>
    public static bool IsPerRequest(ReadOnlySpan<char> version) => Contains(s_perRequest, version);

    /// <summary>True for a revision reached through <c>initialize</c> (what a session's <c>MCP-Protocol-Version</c> header must name).</summary>
    public static bool IsSession(ReadOnlySpan<char> version) => Contains(s_session, version);

    /// <summary>
    /// The version to answer <c>initialize</c> with: the client's own when a session speaks it, otherwise the newest
    /// session revision (the specification's rule; the client then decides whether to disconnect).
    /// </summary>
    public static string Negotiate(string? requested)
    {
        foreach (var version in s_session)
        {
            if (string.Equals(version, requested, StringComparison.Ordinal)) return version;
        }
        return LatestSession;
    }

    private static bool Contains(string[] versions, ReadOnlySpan<char> version)
    {
        foreach (var known in versions)
        {
            if (version.SequenceEqual(known)) return true;
        }
        return false;
    }
}
