using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>How a resource method's return value becomes a <c>ReadResourceResult</c>.</summary>
internal enum ResourceReturnKind
{
    /// <summary><c>string</c>: text contents.</summary>
    Text,
    /// <summary><c>byte[]</c> or <c>ReadOnlyMemory&lt;byte&gt;</c>: blob contents.</summary>
    Blob,
    /// <summary>One <c>ResourceContents</c> (or a subclass).</summary>
    Contents,
    /// <summary>Any <c>IEnumerable</c> of <c>ResourceContents</c>.</summary>
    ContentsList,
}

/// <summary>One <c>[McpResource]</c> method: a fixed resource, or a URI template split into literals and variables.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Uri} = {MethodName}")]
internal sealed record ResourceSpec
{
    public required string MethodName { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public required bool IsStatic { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? MimeType { get; init; }

    /// <summary>For templates: the literal text around the variables (one more entry than <see cref="Reserved"/>).</summary>
    public required EquatableArray<string> Literals { get; init; }

    /// <summary>For templates: per variable, whether it is a reserved (<c>{+name}</c>) expansion.</summary>
    public required EquatableArray<bool> Reserved { get; init; }

    /// <summary>For templates: the variable names, in template order.</summary>
    public required EquatableArray<string> Variables { get; init; }

    /// <summary>The parameters; arguments are bound to the variable of the same name.</summary>
    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    public required ResourceReturnKind Return { get; init; }
    public required bool IsAsync { get; init; }
    public required int Order { get; init; }

    public bool IsTemplate => Variables.Count > 0;
}
