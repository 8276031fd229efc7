using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>How the properties a type does not declare are treated when it is read.</summary>
internal enum UnknownMembers
{
    /// <summary>As the server is configured (<c>McpServerOptions.RejectUnknownArguments</c>).</summary>
    AsConfigured,
    /// <summary><c>[JsonUnmappedMemberHandling(Skip)]</c>: always skipped.</summary>
    Skip,
    /// <summary><c>[JsonUnmappedMemberHandling(Disallow)]</c>: always errors.</summary>
    Disallow,
}

/// <summary>
/// A user record, class or struct reachable from a tool (or form) signature: its members as JSON sees them and how
/// a reader creates it.
/// </summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax; other objects are referred to by type name.</remarks>
[DebuggerDisplay("{TypeName}")]
internal sealed record ObjectSpec
{
    /// <summary>The <c>global::</c>-qualified type.</summary>
    public required string TypeName { get; init; }

    /// <summary>The stem of its generated method names (see <see cref="ValueSpec.Id"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The type as a reader would write it, for comments and <c>$defs</c> names, such as <c>Order</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The type's <c>&lt;summary&gt;</c> or <c>[Description]</c>.</summary>
    public string? Description { get; init; }

    public required bool IsValueType { get; init; }

    /// <summary>Members in the order they are written (<c>[JsonPropertyOrder]</c>, then the most derived type's first, as System.Text.Json does).</summary>
    public required EquatableArray<MemberSpec> Members { get; init; }

    /// <summary>Why the type cannot be read from JSON (no usable constructor, …); null when it can. It can always be written.</summary>
    public string? ReadProblem { get; init; }

    public UnknownMembers UnknownMembers { get; init; }

    /// <summary>The constructor's parameter count; members with a <see cref="MemberSpec.ConstructorPosition"/> fill it.</summary>
    public int ConstructorArity { get; init; }
}

/// <summary>How a reader gives a member its value.</summary>
internal enum MemberBinding
{
    /// <summary>A constructor parameter (a record's primary constructor, say).</summary>
    Constructor,
    /// <summary>In the object initializer: <c>required</c> members, and <c>init</c> members whose default is known.</summary>
    Initializer,
    /// <summary>A settable property, assigned after construction only when the JSON has it (its initializer stays otherwise).</summary>
    Setter,
    /// <summary>An <c>init</c> property with an initializer that is not a constant: set through an <c>[UnsafeAccessor]</c> only when given.</summary>
    InitAccessor,
    /// <summary>No setter: written, and skipped when read.</summary>
    ReadOnly,
}

/// <summary>When a writer leaves a member out (<c>[JsonIgnore(Condition = …)]</c>).</summary>
internal enum WriteCondition
{
    Always,
    WhenNotNull,
    WhenNotDefault,
}

/// <summary>One property of an <see cref="ObjectSpec"/>.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Name} as {JsonName}: {Binding}")]
internal sealed record MemberSpec
{
    /// <summary>The C# property name (escaped with <c>@</c> where it is a keyword).</summary>
    public required string Name { get; init; }

    /// <summary>The property's name in JSON.</summary>
    public required string JsonName { get; init; }

    /// <summary>The value's shape (nullable wrappers removed).</summary>
    public required ValueSpec Value { get; init; }

    /// <summary>The member accepts and may hold <c>null</c>.</summary>
    public required bool IsNullable { get; init; }

    public required MemberBinding Binding { get; init; }

    /// <summary>For <see cref="MemberBinding.Constructor"/>: the parameter's position; otherwise -1.</summary>
    public int ConstructorPosition { get; init; } = -1;

    /// <summary>The JSON must have it: a constructor parameter without a default, <c>required</c>, <c>[JsonRequired]</c> or <c>[Required]</c>.</summary>
    public required bool IsRequired { get; init; }

    /// <summary>The C# value a reader starts from when the JSON does not have it (a parameter's default, a constant initializer).</summary>
    public string? DefaultExpression { get; init; }

    /// <summary>The default as JSON, for the schema's <c>default</c> (from a parameter default, a constant initializer or <c>[DefaultValue]</c>).</summary>
    public string? DefaultJson { get; init; }

    public string? Description { get; init; }

    /// <summary><c>[DisplayName]</c> or <c>[Display(Name = …)]</c>, for the schema's <c>title</c>.</summary>
    public string? Title { get; init; }

    /// <summary>DataAnnotations, for the schema and the generated checks; null when there are none.</summary>
    public ConstraintSpec? Constraints { get; init; }

    /// <summary>The member has a public getter, so writers write it.</summary>
    public bool CanWrite { get; init; } = true;

    public WriteCondition WriteCondition { get; init; }

    /// <summary>The C# type of the member (with <c>?</c> where nullable).</summary>
    public string SlotType => Value.TypeName + (IsNullable ? "?" : string.Empty);

    /// <summary>A reader gives it a value (it is not <see cref="MemberBinding.ReadOnly"/>).</summary>
    public bool CanRead => Binding != MemberBinding.ReadOnly;
}
