using System;
using System.Globalization;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Parsing;

/// <summary>A default value (of a parameter, or a constant property initializer) as C# for generated code and as JSON for a schema.</summary>
internal static class DefaultValues
{
    /// <summary>
    /// The C# expression and the JSON of a parameter's default value: <c>null</c> for a nullable parameter that defaults
    /// to it, <c>default</c> for a struct's default.
    /// </summary>
    public static (string Expression, string? Json) Of(IParameterSymbol parameter, ValueSpec value)
    {
        var nullable = SupportedTypes.NullableUnderlying(parameter.Type) is not null || parameter.Type.IsReferenceType;
        if (parameter.ExplicitDefaultValue is null && nullable)
        {
            // A reference the compiler let default to null, nullable or not: generated code says so rather than guess.
            return (parameter.NullableAnnotation == NullableAnnotation.NotAnnotated && parameter.Type.IsReferenceType ? "null!" : "null", null);
        }
        return OfConstant(parameter.ExplicitDefaultValue, SupportedTypes.NullableUnderlying(parameter.Type) ?? parameter.Type, value.TypeName);
    }

    /// <summary>
    /// The C# expression and the JSON of a constant of <paramref name="type"/>. An enum constant is its member by name
    /// (<c>global::Shop.Priority.Normal</c>); only a value no member has (a combination of flags) is a cast number.
    /// </summary>
    public static (string Expression, string? Json) OfConstant(object? constant, ITypeSymbol type, string typeName)
    {
        if (constant is null)
        {
            return ("default", null);
        }
        if (type.TypeKind == TypeKind.Enum)
        {
            var member = type.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, constant));
            if (member is null)
            {
                return ($"({typeName})({Convert.ToString(constant, CultureInfo.InvariantCulture)})", null);
            }
            var jsonName = AttributeArguments.Find(member, TypeNames.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string
                ?? member.Name;
            return ($"{typeName}.{EscapedIdentifier(member.Name)}", Json(jsonName));
        }
        switch (constant)
        {
            case string s:
                return (SymbolDisplay.FormatLiteral(s, quote: true), Json(s));
            case bool b:
                return (b ? "true" : "false", b ? "true" : "false");
            case char c:
                return (SymbolDisplay.FormatLiteral(c, quote: true), Json(c.ToString()));
            case float f when float.IsNaN(f) || float.IsInfinity(f):
                return ($"float.{(float.IsNaN(f) ? "NaN" : f > 0 ? "PositiveInfinity" : "NegativeInfinity")}", null);
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                return ($"double.{(double.IsNaN(d) ? "NaN" : d > 0 ? "PositiveInfinity" : "NegativeInfinity")}", null);
            case float f:
                return (f.ToString("R", CultureInfo.InvariantCulture) + "f", NumberJson(f.ToString("R", CultureInfo.InvariantCulture)));
            case double d:
                return (d.ToString("R", CultureInfo.InvariantCulture) + "d", NumberJson(d.ToString("R", CultureInfo.InvariantCulture)));
            case decimal m:
                return (m.ToString(CultureInfo.InvariantCulture) + "m", m.ToString(CultureInfo.InvariantCulture));
            default:
                var text = Convert.ToString(constant, CultureInfo.InvariantCulture) ?? "0";
                return (NumberExpression(constant, text, typeName), text);
        }
    }

    /// <summary>
    /// An integer constant as C# of its own type: a literal with the type's suffix where C# has one (<c>5</c>,
    /// <c>5L</c>, <c>5UL</c>), a cast for the small types that have none (<c>(byte)5</c>).
    /// </summary>
    private static string NumberExpression(object constant, string text, string typeName) => constant switch
    {
        int => text,
        long => text + "L",
        uint => text + "U",
        ulong => text + "UL",
        _ => $"({typeName})({text})",
    };

    private static string EscapedIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string? NumberJson(string text) =>
        text.Contains("Infinity") || text.Contains("NaN") || text.Contains("∞") ? null : text;

    private static string Json(string s) => new JsonText().String(s).ToString();
}
