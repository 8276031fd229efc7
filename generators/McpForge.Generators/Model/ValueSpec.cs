using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>The wire shapes of the values the generator reads and writes.</summary>
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
    /// <summary><c>HashSet&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c>, <c>IReadOnlySet&lt;T&gt;</c>: an array of distinct items.</summary>
    Set,
    /// <summary><c>Dictionary&lt;string, T&gt;</c> and its interfaces: a JSON object of any property names.</summary>
    Dictionary,
    /// <summary><c>byte[]</c>: a base64 string, as System.Text.Json writes it.</summary>
    Bytes,
    /// <summary><c>JsonElement</c>: any JSON, passed through as it is.</summary>
    JsonElement,
    /// <summary>A user record, class or struct: an <see cref="ObjectSpec"/> of the same <see cref="ValueSpec.TypeName"/>.</summary>
    Object,
    /// <summary>A type listed in the user's <c>JsonSerializerContext</c> (the escape hatch): read and written through it.</summary>
    External,
}

/// <summary>The shape of a value: its kind, its CLR type, and what the schema, reader and writer need to know.</summary>
/// <remarks>
/// Cache contract: equal by value; holds no symbols or syntax. An object value refers to its <see cref="ObjectSpec"/>
/// by type name only, so recursive types are finite.
/// </remarks>
[DebuggerDisplay("{Kind} {TypeName}")]
internal sealed record ValueSpec
{
    public required ValueKind Kind { get; init; }

    /// <summary>
    /// The <c>global::</c>-qualified type as generated code writes it, without a top-level nullable annotation
    /// (type arguments keep theirs), such as <c>global::System.Collections.Generic.List&lt;string?&gt;</c>.
    /// </summary>
    public required string TypeName { get; init; }

    /// <summary>
    /// For kinds that get generated reader and writer methods (enums, collections, objects, external types): the
    /// stem of their names, unique per type in the assembly, such as <c>Shop_Order</c> (see <c>TypeIds</c>).
    /// </summary>
    public string? Id { get; init; }

    /// <summary>A struct (so a nullable slot of it is a <c>Nullable&lt;T&gt;</c>, and a non-nullable one needs no null check).</summary>
    public bool IsValueType { get; init; }

    /// <summary>For integers: the type's range, for the schema's <c>minimum</c>/<c>maximum</c>.</summary>
    public string? Minimum { get; init; }
    public string? Maximum { get; init; }

    /// <summary>For enums: the C# member names, in declaration order.</summary>
    public EquatableArray<string> EnumMembers { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For enums: each member's name on the wire, titles and which members own their value.</summary>
    public EquatableArray<EnumMemberSpec> EnumValues { get; init; } = EquatableArray<EnumMemberSpec>.Empty;

    /// <summary>For arrays, lists, sets (their items) and dictionaries (their values): the element's shape.</summary>
    public ValueSpec? Element { get; init; }

    /// <summary>Elements may be <c>null</c>.</summary>
    public bool ElementNullable { get; init; }

    /// <summary>For collections: the type a reader builds (<c>List&lt;T&gt;</c> for a list interface, and for an array before it is copied).</summary>
    public string? ConcreteTypeName { get; init; }

    /// <summary>For lists: the declared type can be indexed (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>), so a writer loops by index.</summary>
    public bool IsIndexable { get; init; }

    /// <summary>For <see cref="ValueKind.External"/>: the user's <c>JsonSerializerContext</c>, <c>global::</c>-qualified.</summary>
    public string? ContextTypeName { get; init; }

    /// <summary>The C# type of a slot holding an element (with <c>?</c> when elements may be null).</summary>
    public string ElementSlotType => Element is null ? string.Empty : Element.TypeName + (ElementNullable ? "?" : string.Empty);

    public bool IsCollection => Kind is ValueKind.Array or ValueKind.List or ValueKind.Set;
}

/// <summary>One member of an enum as generated code and schemas see it.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="JsonName">Its name on the wire: <c>[JsonStringEnumMemberName]</c>, or the member name.</param>
/// <param name="Title">A title for titled choices (elicitation forms): its <c>[Description]</c>, or null.</param>
/// <param name="OwnsValue">The first member with its numeric value, which a writer names; aliases are read only.</param>
internal sealed record EnumMemberSpec(string Name, string JsonName, string? Title, bool OwnsValue);
