using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Parsing;

/// <summary>
/// The one table of DataAnnotations validation attributes: for each, the values it applies to and what it becomes (the
/// keywords and checks of a <see cref="ConstraintSpec"/>). Every parser reads every argument and member through it, so the
/// generator enforces exactly what the analyzers accept, and an attribute is either checked or reported, never ignored:
/// on a type it cannot apply to it is MCPF0022, with arguments that cannot be checked MCPF0028, and one McpForge does not
/// check (a custom attribute, <c>[Compare]</c>, <c>[CustomValidation]</c>, …) MCPF0027.
/// </summary>
internal static class ValidationRules
{
    private const string Namespace = "System.ComponentModel.DataAnnotations";

    /// <summary>What <c>[Range]</c> applies to, as MCPF0022 says it.</summary>
    private const string Comparable = "numbers, dates and times";

    /// <summary>
    /// The constraints <paramref name="attributes"/> put on a slot of <paramref name="value"/> (the parameter or member
    /// <paramref name="slot"/> names, such as <c>parameter 'days'</c>, of the declared <paramref name="type"/>), or null
    /// when they put none; each attribute that is not enforced is added to <paramref name="diagnostics"/>.
    /// </summary>
    public static ConstraintSpec? Read(ImmutableArray<AttributeData> attributes, ValueSpec value, bool nullable, ITypeSymbol type, SlotName slot,
        List<DiagnosticInfo> diagnostics)
    {
        // Most slots have no validation attribute: they cost a look at each attribute's class and nothing more.
        foreach (var attribute in attributes)
        {
            if (IsValidationAttribute(attribute.AttributeClass)) return ReadValidation(attributes, value, nullable, type, slot, diagnostics);
        }
        return null;
    }

    private static ConstraintSpec? ReadValidation(ImmutableArray<AttributeData> attributes, ValueSpec value, bool nullable, ITypeSymbol type, SlotName slot,
        List<DiagnosticInfo> diagnostics)
    {
        var spec = ConstraintSpec.None;
        foreach (var attribute in attributes)
        {
            if (!IsValidationAttribute(attribute.AttributeClass)) continue;
            var name = ShortName(attribute.AttributeClass!);
            var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();
            void Misapplied(string appliesTo) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisappliedValidationAttribute, location, name, slot.ToString(), type.ToDisplayString(), appliesTo));
            void Invalid(string why) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValidationAttribute, location, name, slot.ToString(), why));
            void Unchecked(string why) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UncheckedValidationAttribute, location, name, slot.ToString(), why));

            if (!SymbolNames.Is(attribute.AttributeClass!.ContainingNamespace, Namespace))
            {
                Unchecked("it is a validation attribute of its own, which McpForge does not run");
                continue;
            }
            var args = attribute.ConstructorArguments;
            var isString = value.Kind == ValueKind.String;
            var isLengthy = isString || value.IsCollection;
            switch (attribute.AttributeClass!.Name)
            {
                case "RequiredAttribute":
                    // A value type always has a value, and a required slot is reported missing: what is left is null and blank text.
                    if (isString && AttributeArguments.NamedBool(attribute, "AllowEmptyStrings") is not true) spec = spec with { NotEmpty = true };
                    if (nullable) spec = spec with { NotNull = true };
                    break;
                case "RangeAttribute":
                    spec = Range(attribute, spec, value, Misapplied, Invalid, Unchecked);
                    break;
                case "StringLengthAttribute" when isString:
                    spec = spec with { MaxLength = (int)args[0].Value!, MinLength = AttributeArguments.Named(attribute, "MinimumLength") is int min && min > 0 ? min : spec.MinLength };
                    break;
                case "StringLengthAttribute" or "RegularExpressionAttribute" or "EmailAddressAttribute" or "UrlAttribute" or "PhoneAttribute"
                    or "CreditCardAttribute" or "Base64StringAttribute" when !isString:
                    Misapplied("strings");
                    break;
                case "MinLengthAttribute" when isLengthy:
                    spec = spec with { MinLength = (int)args[0].Value! };
                    break;
                case "MaxLengthAttribute" when isLengthy:
                    spec = spec with { MaxLength = (int)args[0].Value! };
                    break;
                case "LengthAttribute" when isLengthy:
                    spec = spec with { MinLength = (int)args[0].Value!, MaxLength = (int)args[1].Value! };
                    break;
                case "MinLengthAttribute" or "MaxLengthAttribute" or "LengthAttribute":
                    Misapplied("strings and collections");
                    break;
                case "RegularExpressionAttribute":
                    var pattern = (string)args[0].Value!;
                    if (PatternError(pattern) is { } error) Invalid($"'{pattern}' is not a regular expression: {error}");
                    else spec = spec with { Pattern = pattern };
                    break;
                case "EmailAddressAttribute" or "UrlAttribute" or "PhoneAttribute" or "CreditCardAttribute":
                    var format = name switch { "EmailAddress" => "email", "Url" => "uri", "Phone" => "tel", _ => "credit-card" };
                    if (spec.Format is { } other) Invalid($"a value has one format, and [{FormatAttribute(other)}] gives it another");
                    else spec = spec with { Format = format };
                    break;
                case "Base64StringAttribute":
                    spec = spec with { Base64 = true };
                    break;
                case "AllowedValuesAttribute" or "DeniedValuesAttribute":
                    var values = Values(args.Length == 1 ? args[0] : default, value, nullable);
                    if (values is null) Misapplied("strings, numbers and enums, with values of their own type");
                    else spec = name == "AllowedValues" ? spec with { Allowed = values.ToEquatableArray() } : spec with { Denied = values.ToEquatableArray() };
                    break;
                case "DataTypeAttribute":
                    break; // It only describes the value; its own check accepts anything.
                case "EnumDataTypeAttribute" when value.Kind == ValueKind.Enum && args.Length == 1
                    && args[0].Value is ITypeSymbol enumType && SupportedTypes.FullName(enumType) == value.TypeName:
                    break; // An enum slot is read by its members' names: an undefined value never gets in.
                case "CompareAttribute":
                    Unchecked("it compares two members, which McpForge does not do");
                    break;
                case "CustomValidationAttribute":
                    Unchecked("it calls a method of yours, which McpForge does not call");
                    break;
                default:
                    Unchecked($"McpForge does not check [{name}]");
                    break;
            }
        }
        return spec.IsEmpty ? null : spec;
    }

    /// <summary>
    /// Reports every validation attribute among <paramref name="attributes"/> as not checked: the arguments of prompts and
    /// resources arrive as text for the method to interpret, and McpForge checks only tool arguments and members.
    /// </summary>
    public static void ReportUnchecked(ImmutableArray<AttributeData> attributes, SlotName slot, string kind, List<DiagnosticInfo> diagnostics)
    {
        foreach (var attribute in attributes)
        {
            if (!IsValidationAttribute(attribute.AttributeClass)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UncheckedValidationAttribute, attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation(),
                ShortName(attribute.AttributeClass!), slot.ToString(), $"McpForge checks the arguments of tools, not of {kind}"));
        }
    }

    private static string FormatAttribute(string format) => format switch { "email" => "EmailAddress", "uri" => "Url", "tel" => "Phone", _ => "CreditCard" };

    /// <summary>An attribute class that derives from DataAnnotations' <c>ValidationAttribute</c>.</summary>
    private static bool IsValidationAttribute(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolNames.Is(current, Namespace + ".ValidationAttribute")) return true;
        }
        return false;
    }

    private static string ShortName(INamedTypeSymbol attribute) =>
        attribute.Name.EndsWith("Attribute", StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;

    /// <summary>
    /// <c>[Range(min, max)]</c> on a number, or <c>[Range(typeof(T), "min", "max")]</c> on a number or on a date, time or
    /// duration of type T. Typed bounds are read in the invariant culture, whatever <c>ParseLimitsInInvariantCulture</c> says.
    /// </summary>
    private static ConstraintSpec Range(AttributeData attribute, ConstraintSpec spec, ValueSpec value, Action<string> misapplied, Action<string> invalid,
        Action<string> notChecked)
    {
        var args = attribute.ConstructorArguments;
        var minimumIsExclusive = AttributeArguments.Named(attribute, "MinimumIsExclusive") is true;
        var maximumIsExclusive = AttributeArguments.Named(attribute, "MaximumIsExclusive") is true;
        var isNumber = value.Kind is ValueKind.Integer or ValueKind.Number;
        if (args.Length == 2)
        {
            if (!isNumber)
            {
                misapplied(Comparable);
                return spec;
            }
            return spec with { Minimum = Number(args[0].Value!), Maximum = Number(args[1].Value!), MinimumIsExclusive = minimumIsExclusive, MaximumIsExclusive = maximumIsExclusive };
        }
        if (args.Length != 3 || args[0].Value is not ITypeSymbol operand || args[1].Value is not string low || args[2].Value is not string high)
        {
            invalid("its bounds are not given");
            return spec;
        }
        if (IsNumber(operand))
        {
            if (!isNumber)
            {
                misapplied(Comparable);
                return spec;
            }
            if (!decimal.TryParse(low, NumberStyles.Float, CultureInfo.InvariantCulture, out var lowNumber)
                || !decimal.TryParse(high, NumberStyles.Float, CultureInfo.InvariantCulture, out var highNumber))
            {
                invalid($"'{low}' or '{high}' is not a number in the invariant culture");
                return spec;
            }
            return spec with
            {
                Minimum = lowNumber.ToString(CultureInfo.InvariantCulture),
                Maximum = highNumber.ToString(CultureInfo.InvariantCulture),
                MinimumIsExclusive = minimumIsExclusive,
                MaximumIsExclusive = maximumIsExclusive,
            };
        }
        var kind = TemporalKind(operand);
        if (kind is null)
        {
            notChecked($"it compares values of type '{operand.ToDisplayString()}', and McpForge compares numbers, dates and times");
            return spec;
        }
        if (value.Kind != kind)
        {
            misapplied($"values of type '{operand.ToDisplayString()}'");
            return spec;
        }
        var lower = TemporalBound(kind.Value, low, minimumIsExclusive);
        var upper = TemporalBound(kind.Value, high, maximumIsExclusive);
        if (lower is null || upper is null)
        {
            invalid($"'{(lower is null ? low : high)}' is not a {operand.Name} in the invariant culture");
            return spec;
        }
        if (string.CompareOrdinal(lower.Sortable, upper.Sortable) > 0)
        {
            invalid($"its minimum '{low}' is after its maximum '{high}'");
            return spec;
        }
        return spec with { Lower = lower.Bound, Upper = upper.Bound };
    }

    private static bool IsNumber(ITypeSymbol type) =>
        type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double;

    private static ValueKind? TemporalKind(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_DateTime ? ValueKind.DateTime
        : SymbolNames.Is(type, "System.DateTimeOffset") ? ValueKind.DateTimeOffset
        : SymbolNames.Is(type, "System.DateOnly") ? ValueKind.DateOnly
        : SymbolNames.Is(type, "System.TimeOnly") ? ValueKind.TimeOnly
        : SymbolNames.Is(type, "System.TimeSpan") ? ValueKind.TimeSpan
        : null;

    /// <summary>A parsed temporal bound and a text of it that sorts as its value does, to compare the two bounds.</summary>
    private sealed record ParsedBound(BoundSpec Bound, string Sortable);

    private static ParsedBound? TemporalBound(ValueKind kind, string text, bool exclusive)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case ValueKind.DateTime when DateTime.TryParse(text, invariant, DateTimeStyles.None, out var dateTime):
                return new ParsedBound(new BoundSpec(
                    $"new global::System.DateTime({dateTime.Ticks}L, global::System.DateTimeKind.{dateTime.Kind})",
                    dateTime.ToString(dateTime.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" : "O", invariant), exclusive),
                    dateTime.Ticks.ToString("D20", invariant));
            case ValueKind.DateTimeOffset when DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var offset):
                return new ParsedBound(new BoundSpec(
                    $"new global::System.DateTimeOffset({offset.Ticks}L, global::System.TimeSpan.FromMinutes({offset.Offset.TotalMinutes.ToString(invariant)}))",
                    offset.ToString("O", invariant), exclusive),
                    offset.UtcTicks.ToString("D20", invariant));
            case ValueKind.DateOnly when DateTime.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day):
                return new ParsedBound(new BoundSpec($"new global::System.DateOnly({day.Year}, {day.Month}, {day.Day})", day.ToString("yyyy-MM-dd", invariant), exclusive),
                    day.Ticks.ToString("D20", invariant));
            case ValueKind.TimeOnly when TimeSpan.TryParse(text, invariant, out var time) && time >= TimeSpan.Zero && time < TimeSpan.FromDays(1):
                return new ParsedBound(new BoundSpec($"new global::System.TimeOnly({time.Ticks}L)", time.ToString("c", invariant), exclusive),
                    time.Ticks.ToString("D20", invariant));
            case ValueKind.TimeSpan when TimeSpan.TryParse(text, invariant, out var span):
                return new ParsedBound(new BoundSpec($"new global::System.TimeSpan({span.Ticks}L)", span.ToString("c", invariant), exclusive),
                    // Offset so that negative durations sort before positive ones.
                    ((decimal)span.Ticks - long.MinValue).ToString("000000000000000000000", invariant));
            default:
                return null;
        }
    }

    /// <summary>
    /// The values of <c>[AllowedValues]</c> or <c>[DeniedValues]</c> as C# and JSON of the slot's type, or null when the slot
    /// is not a string, number or enum, or a value is not of its type (so the attribute could never hold).
    /// </summary>
    private static List<AllowedValue>? Values(TypedConstant array, ValueSpec value, bool nullable)
    {
        if (array.Kind != TypedConstantKind.Array || value.Kind is not (ValueKind.String or ValueKind.Integer or ValueKind.Number or ValueKind.Enum))
        {
            return null;
        }
        var values = new List<AllowedValue>();
        foreach (var item in array.Values)
        {
            if (item.IsNull)
            {
                if (nullable) values.Add(new AllowedValue("null", "null"));
                continue;
            }
            var converted = value.Kind switch
            {
                ValueKind.String => item.Value is string s ? new AllowedValue(SymbolDisplay.FormatLiteral(s, quote: true), new JsonText().String(s).ToString()) : null,
                ValueKind.Enum => EnumValue(item, value),
                _ => NumberValue(item.Value, value),
            };
            if (converted is null) return null;
            values.Add(converted);
        }
        return values;
    }

    private static AllowedValue? EnumValue(TypedConstant item, ValueSpec value)
    {
        if (item.Type is not { TypeKind: TypeKind.Enum } enumType || SupportedTypes.FullName(enumType) != value.TypeName) return null;
        var member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, item.Value));
        var spec = member is null ? null : value.EnumValues.FirstOrDefault(e => e.Name == member.Name);
        return spec is null ? null : new AllowedValue($"{value.TypeName}.{spec.Name}", new JsonText().String(spec.JsonName).ToString());
    }

    /// <summary>A number constant as a literal of the slot's numeric type, which C# compares it with; null when it cannot be one.</summary>
    private static AllowedValue? NumberValue(object? constant, ValueSpec value)
    {
        if (constant is not (sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal)) return null;
        var number = Convert.ToDecimal(constant, CultureInfo.InvariantCulture);
        var text = number.ToString(CultureInfo.InvariantCulture);
        if (value.Kind == ValueKind.Integer)
        {
            if (decimal.Truncate(number) != number) return null; // 1.5 is never an integer
            return new AllowedValue(value.TypeName is "global::System.Int128" or "global::System.UInt128" ? $"({value.TypeName}){text}" : text, text);
        }
        var literal = value.TypeName switch
        {
            "decimal" => text + "m",
            "float" => text + "f",
            "double" => text + "d",
            _ => $"({value.TypeName}){text}d", // Half
        };
        return new AllowedValue(literal, text);
    }

    private static string Number(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>Why <paramref name="pattern"/> is not a .NET regular expression, or null when it is.</summary>
    private static string? PatternError(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
