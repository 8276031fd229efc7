using System;

namespace McpForge.Testing;

/// <summary>
/// A snapshot (see <see cref="McpToolsSnapshot"/>) does not match what the server lists now, or does not exist yet.
/// Its message names the file, the first line that differs, and how to accept the change.
/// </summary>
public sealed class McpSnapshotMismatchException : Exception
{
    /// <summary>Creates the exception for the snapshot at <paramref name="path"/>.</summary>
    public McpSnapshotMismatchException(string path, string message) : base(message) => Path = path;

    /// <summary>The snapshot file.</summary>
    public string Path { get; }
}
