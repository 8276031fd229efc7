using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// The DataAnnotations constraints of an argument or member, read at compile time (<c>Parsing.ValidationRules</c>):
/// written into its JSON schema and checked by generated code before the method runs.
/// </summary>
/// <remarks>Cache contract: strings, numbers, bools and equatable arrays only.</remarks>
[DebuggerDisplay("min={Minimum} max={Maximum} len={MinLength}..{MaxLength}")]
internal sealed record ConstraintSpec
{
    /// <summary>No constraint: where a reading starts, shared because most slots have none.</summary>
    public static ConstraintSpec None { get; } = new();

    /// <summary><c>[Range]</c> bounds of a number, as JSON numbers.</summary>
    public string? Minimum { get; init; }
    public string? Maximum { get; init; }
    public bool MinimumIsExclusive { get; init; }
    public bool MaximumIsExclusive { get; init; }

    /// <summary><c>[Range(typeof(DateTime), "2020-01-01", "2030-01-01")]</c> on a date, time or duration: its bounds.</summary>
    public BoundSpec? Lower { get; init; }
    public BoundSpec? Upper { get; init; }

    /// <summary>Length bounds (<c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c>, <c>[Length]</c>).</summary>
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }

    /// <summary><c>[RegularExpression]</c>.</summary>
    public string? Pattern { get; init; }

    /// <summary>The schema's format: <c>email</c>, <c>uri</c>, <c>tel</c> (<c>[Phone]</c>) or <c>credit-card</c> (<c>[CreditCard]</c>).</summary>
    public string? Format { get; init; }

    /// <summary><c>[Required]</c> on a string: not empty or white space (the schema says <c>minLength: 1</c>).</summary>
    public bool NotEmpty { get; init; }

    /// <summary><c>[Required]</c> on a slot that could hold null: it may not (the schema drops <c>null</c>).</summary>
    public bool NotNull { get; init; }

    /// <summary><c>[Base64String]</c>.</summary>
    public bool Base64 { get; init; }

    /// <summary><c>[AllowedValues]</c> and <c>[DeniedValues]</c>: each value as a C# expression of the slot's type and as JSON.</summary>
    public EquatableArray<AllowedValue> Allowed { get; init; } = EquatableArray<AllowedValue>.Empty;
    public EquatableArray<AllowedValue> Denied { get; init; } = EquatableArray<AllowedValue>.Empty;

    public bool IsEmpty => Minimum is null && Maximum is null && Lower is null && Upper is null && MinLength is null && MaxLength is null
        && Pattern is null && Format is null && !Base64 && !NotEmpty && !NotNull && Allowed.Count == 0 && Denied.Count == 0;
}

/// <summary>One bound of a date, time or duration: as C# (<c>new global::System.DateOnly(2020, 1, 1)</c>), as its JSON text, and whether it is excluded.</summary>
internal sealed record BoundSpec(string Expression, string Text, bool IsExclusive);

/// <summary>A value of <c>[AllowedValues]</c> or <c>[DeniedValues]</c>: as a C# expression (<c>"red"</c>, <c>global::Paint.Color.Red</c>) and as JSON.</summary>
internal sealed record AllowedValue(string Expression, string Json);
