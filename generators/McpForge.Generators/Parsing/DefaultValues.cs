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
    /// <summary>The C# expression and the JSON of a parameter's default value.</summary>
    public static (string Expression, string? Json) Of(IParameterSymbol parameter, ValueSpec value) =>
        OfConstant(parameter.ExplicitDefaultValue, SupportedTypes.NullableUnderlying(parameter.Type) ?? parameter.Type, value.TypeName);

    /// <summary>The C# expression and the JSON of a constant of <paramref name="type"/>.</summary>
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
            var literal = Convert.ToString(constant, CultureInfo.InvariantCulture);
            var jsonName = member is null ? null
                : AttributeArguments.Find(member, TypeNames.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? member.Name;
            return ($"({typeName})({literal})", jsonName is null ? null : Json(jsonName));
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
                return ($"({typeName})(float.{(float.IsNaN(f) ? "NaN" : f > 0 ? "PositiveInfinity" : "NegativeInfinity")})", null);
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                return ($"({typeName})(double.{(double.IsNaN(d) ? "NaN" : d > 0 ? "PositiveInfinity" : "NegativeInfinity")})", null);
            case float f:
                return ($"({typeName})({f.ToString("R", CultureInfo.InvariantCulture)}f)", NumberJson(f.ToString("R", CultureInfo.InvariantCulture)));
            case double d:
                return ($"({typeName})({d.ToString("R", CultureInfo.InvariantCulture)}d)", NumberJson(d.ToString("R", CultureInfo.InvariantCulture)));
            case decimal m:
                return ($"({typeName})({m.ToString(CultureInfo.InvariantCulture)}m)", m.ToString(CultureInfo.InvariantCulture));
            default:
                var text = Convert.ToString(constant, CultureInfo.InvariantCulture) ?? "0";
                return ($"({typeName})({text})", text);
        }
    }

    private static string? NumberJson(string text) =>
        text.Contains("Infinity") || text.Contains("NaN") || text.Contains("∞") ? null : text;

    private static string Json(string s) => new JsonText().String(s).ToString();
}
