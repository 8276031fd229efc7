using System.Diagnostics;

namespace McpForge.Generators.Model;

/// <summary>One <c>[McpCompletion]</c> method: what it completes, and which optional parameters it takes.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Reference}/{Argument} = {MethodName}")]
internal sealed record CompletionSpec
{
    public required string MethodName { get; init; }
    public required string Reference { get; init; }
    public required string Argument { get; init; }
    public required bool IsStatic { get; init; }
    public required bool IsAsync { get; init; }

    /// <summary>The parameters in declaration order, as the generated call passes them.</summary>
    public required Helpers.EquatableArray<string> Arguments { get; init; }

    /// <summary>Its place among the class's components, for a stable order that no edit of a body or comment moves.</summary>
    public required DeclarationOrder Order { get; init; }
}
