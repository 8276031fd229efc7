using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// The DataAnnotations constraints of an argument, read at compile time: written into its JSON schema and checked
/// by the generated binder before the method runs.
/// </summary>
/// <remarks>Cache contract: strings, numbers, bools and equatable arrays only.</remarks>
[DebuggerDisplay("min={Minimum} max={Maximum} len={MinLength}..{MaxLength}")]
internal sealed record ConstraintSpec
{
    /// <summary><c>[Range]</c> bounds, as JSON numbers.</summary>
    public string? Minimum { get; init; }
    public string? Maximum { get; init; }
    public bool MinimumIsExclusive { get; init; }
    public bool MaximumIsExclusive { get; init; }

    /// <summary>Length bounds (<c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c>, <c>[Length]</c>).</summary>
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }

    /// <summary><c>[RegularExpression]</c>.</summary>
    public string? Pattern { get; init; }

    /// <summary><c>email</c> (<c>[EmailAddress]</c>) or <c>uri</c> (<c>[Url]</c>).</summary>
    public string? Format { get; init; }

    /// <summary><c>[Required]</c> on a string: not empty or white space (the schema says <c>minLength: 1</c>).</summary>
    public bool NotEmpty { get; init; }

    /// <summary><c>[Base64String]</c>.</summary>
    public bool Base64 { get; init; }

    /// <summary><c>[AllowedValues]</c> and <c>[DeniedValues]</c>, as C# literals of the argument's type.</summary>
    public EquatableArray<string> Allowed { get; init; } = EquatableArray<string>.Empty;
    public EquatableArray<string> Denied { get; init; } = EquatableArray<string>.Empty;

    public bool IsEmpty => Minimum is null && Maximum is null && MinLength is null && MaxLength is null && Pattern is null
        && Format is null && !Base64 && !NotEmpty && Allowed.Count == 0 && Denied.Count == 0;
}
