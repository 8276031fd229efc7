using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>Every generated class of the assembly by kind, for <c>AddGeneratedComponents()</c>.</summary>
/// <remarks>Cache contract: equatable arrays of fully qualified names only.</remarks>
internal sealed record RegistrationSpec(EquatableArray<string> Tools, EquatableArray<string> Prompts, EquatableArray<string> Resources,
    EquatableArray<string> Completions);
