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
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The <c>global::</c>-qualified name of <paramref name="type"/>, without nullable annotations.</summary>
    public static string FullName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_fullyQualified);

    /// <summary>The argument shape of <paramref name="type"/> (nullable wrappers removed), or null when it cannot be bound.</summary>
    public static ValueSpec? ClassifyArgument(ITypeSymbol type) => Classify(type, allowCollections: true);

    /// <summary><c>Nullable&lt;T&gt;</c>'s <c>T</c>, or null.</summary>
    public static ITypeSymbol? NullableUnderlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : null;

    private static ValueSpec? Classify(ITypeSymbol type, bool allowCollections)
    {
        var name = FullName(type);
        ValueSpec Simple(ValueKind kind) => new() { Kind = kind, TypeName = name };
        ValueSpec Integer(string min, string max) => new() { Kind = ValueKind.Integer, TypeName = name, Minimum = min, Maximum = max };

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Simple(ValueKind.String);
            case SpecialType.System_Boolean: return Simple(ValueKind.Boolean);
            case SpecialType.System_Char: return Simple(ValueKind.Char);
            case SpecialType.System_SByte: return Integer("-128", "127");
            case SpecialType.System_Byte: return Integer("0", "255");
            case SpecialType.System_Int16: return Integer("-32768", "32767");
            case SpecialType.System_UInt16: return Integer("0", "65535");
            case SpecialType.System_Int32: return Integer("-2147483648", "2147483647");
            case SpecialType.System_UInt32: return Integer("0", "4294967295");
            case SpecialType.System_Int64: return Integer("-9223372036854775808", "9223372036854775807");
            case SpecialType.System_UInt64: return Integer("0", "18446744073709551615");
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return Simple(ValueKind.Number);
            case SpecialType.System_DateTime: return Simple(ValueKind.DateTime);
        }

        switch (name)
        {
            case "global::System.Int128":
            case "global::System.UInt128":
                return Simple(ValueKind.Integer);
            case "global::System.Half": return Simple(ValueKind.Number);
            case "global::System.Guid": return Simple(ValueKind.Guid);
            case "global::System.DateTimeOffset": return Simple(ValueKind.DateTimeOffset);
            case "global::System.DateOnly": return Simple(ValueKind.DateOnly);
            case "global::System.TimeOnly": return Simple(ValueKind.TimeOnly);
            case "global::System.TimeSpan": return Simple(ValueKind.TimeSpan);
            case "global::System.Uri": return Simple(ValueKind.Uri);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return new ValueSpec
            {
                Kind = ValueKind.Enum,
                TypeName = name,
                EnumMembers = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray(),
            };
        }

        if (!allowCollections)
        {
            return null;
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return Collection(ValueKind.Array, name, array.ElementType);
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic)
        {
            switch (generic.OriginalDefinition.ToDisplayString())
            {
                case "System.Collections.Generic.List<T>":
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.ICollection<T>":
                case "System.Collections.Generic.IEnumerable<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                    return Collection(ValueKind.List, name, generic.TypeArguments[0]);
            }
        }

        return null;
    }

    private static ValueSpec? Collection(ValueKind kind, string name, ITypeSymbol elementType)
    {
        // Elements are scalars in this version: nullable value-type elements and nested collections are not bound.
        if (NullableUnderlying(elementType) is not null)
        {
            return null;
        }
        var element = Classify(elementType, allowCollections: false);
        if (element is null)
        {
            return null;
        }
        return new ValueSpec
        {
            Kind = kind,
            TypeName = name,
            Element = element,
            ElementNullable = elementType.IsReferenceType && elementType.NullableAnnotation == NullableAnnotation.Annotated,
        };
    }

    /// <summary>How a method's return value (already unwrapped from Task/ValueTask) is written, or null when it cannot be.</summary>
    public static ReturnSpec? ClassifyReturn(ITypeSymbol type, bool isAsync, Compilation compilation)
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

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Make(ReturnKind.String);
            case SpecialType.System_Boolean: return Make(ReturnKind.Boolean);
            case SpecialType.System_Char: return Make(ReturnKind.Char);
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return Make(ReturnKind.Formatted);
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
        if (nullableValue) return null;

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
