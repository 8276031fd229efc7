using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>One <c>[McpIcon]</c> of a component: what its list entry's <c>icons</c> array holds (MCP 2025-11-25, <c>Icon</c>).</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
internal sealed record IconSpec(string Src, string? MimeType, EquatableArray<string> Sizes, string? Theme);
