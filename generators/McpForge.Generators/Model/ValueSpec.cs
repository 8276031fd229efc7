using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>The wire shapes of argument values the generator binds.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Char,
    Integer,
    Number,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Uri,
    Enum,
    /// <summary><c>T[]</c>.</summary>
    Array,
    /// <summary><c>List&lt;T&gt;</c> and the interfaces it implements (<c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, …).</summary>
    List,
}

/// <summary>The shape of an argument value: its kind, its CLR type, and what the schema and binder need to know.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Kind} {TypeName}")]
internal sealed record ValueSpec
{
    public required ValueKind Kind { get; init; }

    /// <summary>The <c>global::</c>-qualified type without nullability, such as <c>global::System.Int32</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>For integers: the type's range, for the schema's <c>minimum</c>/<c>maximum</c>.</summary>
    public string? Minimum { get; init; }
    public string? Maximum { get; init; }

    /// <summary>For enums: the member names, in declaration order.</summary>
    public EquatableArray<string> EnumMembers { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For arrays and lists: the element's shape.</summary>
    public ValueSpec? Element { get; init; }

    /// <summary>For arrays and lists: elements may be <c>null</c>.</summary>
    public bool ElementNullable { get; init; }
}
