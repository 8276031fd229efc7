using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Parsing;

/// <summary>Reads the DataAnnotations of a parameter or property into a <see cref="ConstraintSpec"/> (null when it has none that apply).</summary>
internal static class Constraints
{
    private const string Namespace = "System.ComponentModel.DataAnnotations";

    public static ConstraintSpec? Read(IParameterSymbol parameter, ValueSpec value) => Read(parameter.GetAttributes(), value);

    public static ConstraintSpec? Read(IEnumerable<AttributeData> attributes, ValueSpec value)
    {
        var spec = new ConstraintSpec();
        var isString = value.Kind == ValueKind.String;
        var isNumber = value.Kind is ValueKind.Integer or ValueKind.Number;
        var isCollection = value.IsCollection;
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } attributeClass || !SymbolNames.Is(attributeClass.ContainingNamespace, Namespace)) continue;
            var args = attribute.ConstructorArguments;
            switch (attributeClass.Name)
            {
                case "RangeAttribute" when isNumber && args.Length == 2 && IsNumeric(args[0].Value) && IsNumeric(args[1].Value):
                    spec = spec with
                    {
                        Minimum = Number(args[0].Value!),
                        Maximum = Number(args[1].Value!),
                        MinimumIsExclusive = Named(attribute, "MinimumIsExclusive") is true,
                        MaximumIsExclusive = Named(attribute, "MaximumIsExclusive") is true,
                    };
                    break;
                case "StringLengthAttribute" when isString && args.Length == 1:
                    spec = spec with { MaxLength = (int)args[0].Value!, MinLength = Named(attribute, "MinimumLength") is int min && min > 0 ? min : spec.MinLength };
                    break;
                case "MinLengthAttribute" when (isString || isCollection) && args.Length == 1:
                    spec = spec with { MinLength = (int)args[0].Value! };
                    break;
                case "MaxLengthAttribute" when (isString || isCollection) && args.Length == 1:
                    spec = spec with { MaxLength = (int)args[0].Value! };
                    break;
                case "LengthAttribute" when (isString || isCollection) && args.Length == 2:
                    spec = spec with { MinLength = (int)args[0].Value!, MaxLength = (int)args[1].Value! };
                    break;
                case "RegularExpressionAttribute" when isString && args.Length == 1:
                    spec = spec with { Pattern = (string)args[0].Value! };
                    break;
                case "EmailAddressAttribute" when isString:
                    spec = spec with { Format = "email" };
                    break;
                case "UrlAttribute" when isString:
                    spec = spec with { Format = "uri" };
                    break;
                case "RequiredAttribute" when isString && Named(attribute, "AllowEmptyStrings") is not true:
                    spec = spec with { NotEmpty = true };
                    break;
                case "Base64StringAttribute" when isString:
                    spec = spec with { Base64 = true };
                    break;
                case "AllowedValuesAttribute" when (isString || isNumber) && args.Length == 1:
                    spec = spec with { Allowed = Literals(args[0]).ToEquatableArray() };
                    break;
                case "DeniedValuesAttribute" when (isString || isNumber) && args.Length == 1:
                    spec = spec with { Denied = Literals(args[0]).ToEquatableArray() };
                    break;
            }
        }
        return spec.IsEmpty ? null : spec;
    }

    private static object? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

    private static bool IsNumeric(object? value) => value is int or long or double or float or decimal;

    private static string Number(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>The values of a <c>params object[]</c> argument as C# literals (strings quoted, numbers invariant).</summary>
    private static IEnumerable<string> Literals(TypedConstant array) =>
        array.Kind == TypedConstantKind.Array
            ? array.Values.Select(v => v.Value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                null => "null",
                var other => Number(other),
            })
            : [];
}
