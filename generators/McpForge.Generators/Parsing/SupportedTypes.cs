using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators;

/// <summary>
/// The one place that decides which CLR types McpForge binds as arguments and writes as results. The generator
/// builds its specs from it; the analyzers (issue: build-time diagnostics) ask it the same questions.
/// </summary>
internal static class SupportedTypes
{
    // Type arguments keep their nullable annotations (List<string?>), so generated code declares exactly the user's types.
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_match = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>The <c>global::</c>-qualified name of <paramref name="type"/>, without its own nullable annotation.</summary>
    public static string FullName(ITypeSymbol type) => type.SpecialType switch
    {
        // The types of most parameters and members, named without building a display string each time.
        SpecialType.System_String => "string",
        SpecialType.System_Boolean => "bool",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Int64 => "long",
        SpecialType.System_Double => "double",
        SpecialType.System_Decimal => "decimal",
        _ => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_fullyQualified),
    };

    /// <summary>The name of <paramref name="type"/> with no nullable annotations anywhere, for matching types (a <c>[JsonSerializable]</c> list).</summary>
    public static string MatchName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_match);

    /// <summary>
    /// The shape of a scalar or collection argument (nullable wrappers removed), or null when it has none; user types
    /// are classified by a <see cref="Parsing.TypeModel"/>, which also describes what they reach.
    /// </summary>
    public static ValueSpec? ClassifyArgument(ITypeSymbol type) =>
        new Parsing.TypeModel(null, default).Classify(type, out _);

    /// <summary><c>Nullable&lt;T&gt;</c>'s <c>T</c>, or null.</summary>
    public static ITypeSymbol? NullableUnderlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : null;

    /// <summary>How a method's return value (already unwrapped from Task/ValueTask) is written, or null when it cannot be.</summary>
    /// <remarks>
    /// Scalars become one text block; content blocks and <c>CallToolResult</c> are written as they are; anything else
    /// <paramref name="model"/> can serialize is JSON: structured output (an <c>outputSchema</c> and
    /// <c>structuredContent</c>) for a non-null object or dictionary when <paramref name="structuredOutput"/>, else a
    /// text block of JSON.
    /// </remarks>
    public static ReturnSpec? ClassifyReturn(ITypeSymbol type, bool isAsync, Compilation compilation, Parsing.TypeModel? model = null,
        bool structuredOutput = true, NullableAnnotation annotation = NullableAnnotation.NotAnnotated)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return new ReturnSpec { Kind = ReturnKind.Void, IsAsync = isAsync };
        }

        var nullableValue = false;
        if (NullableUnderlying(type) is { } underlying)
        {
            type = underlying;
            nullableValue = true;
        }

        var name = FullName(type);
        ReturnSpec Make(ReturnKind kind, string? format = null) => new() { Kind = kind, IsAsync = isAsync, IsNullableValue = nullableValue, Format = format };
        // A JSON number or boolean: its text is its JSON, so a 2026-07-28 call also gets it as structuredContent. Strings,
        // dates, UUIDs and enums stay text (their JSON would only repeat the text in quotes).
        ReturnSpec Scalar(ReturnKind kind, string schemaType) =>
            Make(kind) with { ScalarSchemaType = structuredOutput && !nullableValue ? schemaType : null };

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Make(ReturnKind.String);
            case SpecialType.System_Boolean: return Scalar(ReturnKind.Boolean, "boolean");
            case SpecialType.System_Char: return Make(ReturnKind.Char);
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return Scalar(ReturnKind.Formatted, "integer");
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return Scalar(ReturnKind.Formatted, "number");
            case SpecialType.System_DateTime: return Make(ReturnKind.Formatted, "O");
        }

        switch (name)
        {
            case "global::System.Int128":
            case "global::System.UInt128":
            case "global::System.Half":
            case "global::System.Guid":
                return Make(ReturnKind.Formatted);
            case "global::System.TimeSpan": return Make(ReturnKind.Formatted, "c");
            case "global::System.DateTimeOffset": return Make(ReturnKind.Formatted, "O");
            case "global::System.DateOnly": return Make(ReturnKind.Formatted, "yyyy-MM-dd");
            case "global::System.TimeOnly": return Make(ReturnKind.Formatted, "HH:mm:ss.FFFFFFF");
            case "global::System.Uri": return Make(ReturnKind.Uri);
        }

        if (type.TypeKind == TypeKind.Enum) return Make(ReturnKind.Enum);
        if (nullableValue)
        {
            // A nullable struct of the user's: its JSON, or null, with no output schema (a schema promises an object).
            return model?.Classify(type, out _) is { } structValue
                ? new ReturnSpec { Kind = ReturnKind.Json, IsAsync = isAsync, Value = structValue, IsNullable = true }
                : null;
        }

        var contentBlock = compilation.GetTypeByMetadataName(TypeNames.ContentBlock);
        var callToolResult = compilation.GetTypeByMetadataName(TypeNames.CallToolResult);
        if (callToolResult is not null && SymbolEqualityComparer.Default.Equals(type, callToolResult)) return Make(ReturnKind.CallToolResult);
        if (contentBlock is not null)
        {
            if (DerivesFrom(type, contentBlock)) return Make(ReturnKind.Content);
            var enumerables = type.AllInterfaces.AsEnumerable();
            if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                enumerables = enumerables.Append(named);
            }
            foreach (var candidate in enumerables)
            {
                if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    && DerivesFrom(candidate.TypeArguments[0], contentBlock))
                {
                    return Make(ReturnKind.ContentList);
                }
            }
        }

        if (model?.Classify(type, out _) is { } value)
        {
            var nullable = type.IsReferenceType && annotation == NullableAnnotation.Annotated;
            var structured = structuredOutput && !nullable && value.Kind is ValueKind.Object or ValueKind.Dictionary;
            return new ReturnSpec
            {
                Kind = structured ? ReturnKind.Structured : ReturnKind.Json,
                IsAsync = isAsync,
                Value = value,
                IsNullable = nullable,
                IsModernStructured = structuredOutput && !nullable && value.IsCollection,
            };
        }
        return null;
    }

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
        }
        return false;
    }
}
