namespace McpForge.Eras;

/// <summary>
/// The two ways MCP requests arrive (MCP 2026-07-28, "Versioning"): in a session opened with <c>initialize</c>
/// (2025-11-25 and earlier), or self-contained, each carrying its version and the client's capabilities in its own
/// <c>_meta</c> (2026-07-28). One endpoint and one stdio process serve both at once.
/// </summary>
internal enum ProtocolEra
{
    /// <summary>A request of a session opened with <c>initialize</c>.</summary>
    Legacy,
    /// <summary>A self-contained 2026-07-28 request.</summary>
    Modern,
}
