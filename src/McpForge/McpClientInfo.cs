namespace McpForge;

/// <summary>The client's <c>clientInfo</c> from <c>initialize</c>.</summary>
/// <param name="Name">The client's name, e.g. <c>claude-ai</c>.</param>
/// <param name="Version">The client's version.</param>
public sealed record McpClientInfo(string Name, string Version);
