namespace McpForge.Transports;

/// <summary>The diagnostic id and documentation of the experimental transport seam (docs/transports.md).</summary>
internal static class TransportApi
{
    /// <summary>
    /// The id of <see cref="System.Diagnostics.CodeAnalysis.ExperimentalAttribute"/> on every type and member of the seam:
    /// a project that writes a transport suppresses it (<c>&lt;NoWarn&gt;$(NoWarn);MCPFEXP001&lt;/NoWarn&gt;</c>), knowing that
    /// the shape may change in a minor release.
    /// </summary>
    public const string DiagnosticId = "MCPFEXP001";

    /// <summary>Where the seam is described.</summary>
    public const string Url = "https://github.com/mcpforge/mcpforge/blob/main/docs/transports.md#writing-a-transport";
}
