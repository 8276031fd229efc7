using System;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>Where <see cref="IMcpSessionDirectory.LocateAsync"/> found a session.</summary>
/// <param name="Kind">Unknown, owned by a live instance, orphaned, or unknown to a store that lost its data.</param>
/// <param name="Record">The session's record (null when unknown).</param>
/// <param name="OwnerUrl">How the instances reach its live owner (<see cref="McpSessionLocationKind.Live"/> only).</param>
public readonly record struct McpSessionLocation(McpSessionLocationKind Kind, McpSessionRecord? Record = null, Uri? OwnerUrl = null)
{
    /// <summary>No such session: it never existed, or it ended (404, the client starts a new one).</summary>
    public static McpSessionLocation Unknown => new(McpSessionLocationKind.Unknown);
}
