namespace McpForge;

/// <summary>A root the client exposes (<c>roots/list</c>): a <c>file://</c> URI and an optional name.</summary>
/// <param name="Uri">The root's URI.</param>
/// <param name="Name">A human-readable name, if the client gave one.</param>
public sealed record McpRoot(string Uri, string? Name);
