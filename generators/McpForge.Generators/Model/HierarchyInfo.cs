using System;
using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>Where a tool class is declared: its namespace and the chain of types that contain it.</summary>
/// <remarks>Cache contract: strings and an equatable array only; no symbols or syntax.</remarks>
[DebuggerDisplay("{FullyQualifiedName}")]
internal sealed record HierarchyInfo
{
    /// <summary>The namespace, or empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The types from outermost to the tool class itself.</summary>
    public required EquatableArray<TypeDeclarationInfo> Types { get; init; }

    /// <summary>The class's <c>global::</c>-qualified name.</summary>
    public required string FullyQualifiedName { get; init; }

    /// <summary>A file-name-safe name for the hint, such as <c>QuickStart.QuickStartTools</c>.</summary>
    public required string HintName { get; init; }
}

/// <summary>One type declaration of a <see cref="HierarchyInfo"/>: its keyword (<c>class</c>, <c>record</c>, …) and name.</summary>
internal sealed record TypeDeclarationInfo(string Keyword, string Name) : IEquatable<TypeDeclarationInfo>;
