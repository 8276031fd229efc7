using System.Diagnostics;

namespace McpForge.Generators.Model;

/// <summary>How a tool's return value becomes a <c>CallToolResult</c>.</summary>
internal enum ReturnKind
{
    /// <summary><c>void</c>, <c>Task</c>, <c>ValueTask</c>: empty content.</summary>
    Void,
    /// <summary><c>string</c>: one text block.</summary>
    String,
    Boolean,
    Char,
    /// <summary>Numbers, <c>Guid</c>, dates and times: formatted invariantly as one text block.</summary>
    Formatted,
    Uri,
    Enum,
    /// <summary>One <c>ContentBlock</c> (or a subclass).</summary>
    Content,
    /// <summary>Any <c>IEnumerable&lt;ContentBlock&gt;</c>.</summary>
    ContentList,
    /// <summary>A full <c>CallToolResult</c>.</summary>
    CallToolResult,
    /// <summary>A user object or dictionary: an <c>outputSchema</c>, <c>structuredContent</c>, and the same JSON as text.</summary>
    Structured,
    /// <summary>Any other serializable value (a list, a nullable object, an opted-out object): its JSON as one text block.</summary>
    Json,
}

/// <summary>How a method returns (directly, <c>Task</c>, <c>ValueTask</c>) and what.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Kind} async={IsAsync}")]
internal sealed record ReturnSpec
{
    public required ReturnKind Kind { get; init; }

    /// <summary>The method returns <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public required bool IsAsync { get; init; }

    /// <summary>The result is a <c>Nullable&lt;T&gt;</c> value: <c>null</c> gives empty content.</summary>
    public bool IsNullableValue { get; init; }

    /// <summary>The format string for <see cref="ReturnKind.Formatted"/> values (<c>"O"</c> for dates), or null.</summary>
    public string? Format { get; init; }

    /// <summary>For <see cref="ReturnKind.Structured"/> and <see cref="ReturnKind.Json"/>: the value's shape.</summary>
    public ValueSpec? Value { get; init; }

    /// <summary>The result is a nullable reference (<c>Order?</c>): written as JSON, <c>null</c> included.</summary>
    public bool IsNullable { get; init; }

    /// <summary>
    /// A <see cref="ReturnKind.Json"/> array (a non-nullable collection, <c>StructuredOutput</c> not turned off): 2026-07-28
    /// calls get it as <c>structuredContent</c> with an array output schema; session-era ones, whose output schema must be
    /// an object, keep the text block alone.
    /// </summary>
    public bool IsModernStructured { get; init; }

    /// <summary>
    /// For a number or a boolean (not nullable, <c>StructuredOutput</c> not turned off): the JSON Schema type of the value
    /// (<c>integer</c>, <c>number</c>, <c>boolean</c>), which 2026-07-28 calls get as <c>structuredContent</c> under that
    /// output schema; session-era ones keep the text block alone. Null for every other result.
    /// </summary>
    public string? ScalarSchemaType { get; init; }

    /// <summary>A description of the result, from the <c>&lt;returns&gt;</c> doc comment.</summary>
    public string? Description { get; init; }
}
