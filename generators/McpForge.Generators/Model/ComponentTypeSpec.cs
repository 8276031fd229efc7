using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// A <c>partial</c> class with MCP components (tools, prompts, resources, completions): everything the emitters need
/// to implement the generated interfaces on it. Each pipeline fills the member list of its own kind.
/// </summary>
/// <remarks>Cache contract: equal by value; holds no <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>.</remarks>
[DebuggerDisplay("{Hierarchy.FullyQualifiedName}: {Tools.Count} tools, {Prompts.Count} prompts, {Resources.Count} resources")]
internal sealed record ComponentTypeSpec
{
    public required HierarchyInfo Hierarchy { get; init; }

    /// <summary>How generated code creates an instance for instance tools: the constructor's service parameters.</summary>
    public required EquatableArray<string> ConstructorServiceTypes { get; init; }

    /// <summary>The class implements <c>IDisposable</c>; instances are disposed after each call.</summary>
    public required bool IsDisposable { get; init; }

    /// <summary>The class implements <c>IAsyncDisposable</c>; instances are disposed asynchronously after each call.</summary>
    public required bool IsAsyncDisposable { get; init; }

    /// <summary>The tools, sorted by method declaration order (emitted into their own file).</summary>
    public EquatableArray<ToolSpec> Tools { get; init; } = EquatableArray<ToolSpec>.Empty;

    /// <summary>The prompts, sorted by method declaration order (emitted into their own file).</summary>
    public EquatableArray<PromptSpec> Prompts { get; init; } = EquatableArray<PromptSpec>.Empty;

    /// <summary>The resources and templates, sorted by method declaration order (emitted into their own file).</summary>
    public EquatableArray<ResourceSpec> Resources { get; init; } = EquatableArray<ResourceSpec>.Empty;

    /// <summary>The completion methods, in declaration order (emitted into their own file).</summary>
    public EquatableArray<CompletionSpec> Completions { get; init; } = EquatableArray<CompletionSpec>.Empty;
}
