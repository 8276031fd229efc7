using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// The C# that reads, writes and checks one value, shared by the tool binders and the assembly's serializers:
/// built-in types call <c>JsonValueReader</c>/<c>Utf8JsonWriter</c>, everything else the generated
/// <c>Read_{Id}</c>/<c>Write_{Id}</c> of <see cref="SerializerEmitter.ClassName"/>, which the shared serializers themselves
/// (<c>inside</c>) name without their class.
/// </summary>
internal static class ValueCode
{
    public const string JsonValueReader = "global::McpForge.Generated.JsonValueReader";
    public const string JsonValueWriter = "global::McpForge.Generated.JsonValueWriter";
    public const string ToolValidation = "global::McpForge.Generated.ToolValidation";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";

    /// <summary>The statement that reads the current value into <paramref name="target"/>: <c>Reader(ref reader, context, out target);</c>.</summary>
    public static string Read(ValueSpec value, string reader, string context, string target, bool inside = false) =>
        $"{ReaderMethod(value, inside)}(ref {reader}, {context}, out {target});";

    /// <summary>The method that reads a value of this shape (errors are recorded on the context; the bool result is optional).</summary>
    public static string ReaderMethod(ValueSpec value, bool inside = false) => value.Kind switch
    {
        ValueKind.Integer => $"{JsonValueReader}.TryReadInteger<{value.TypeName}>",
        ValueKind.Number => $"{JsonValueReader}.TryReadNumber<{value.TypeName}>",
        ValueKind.String or ValueKind.Boolean or ValueKind.Char or ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset
            or ValueKind.DateOnly or ValueKind.TimeOnly or ValueKind.TimeSpan or ValueKind.Uri or ValueKind.Bytes or ValueKind.JsonElement
            => $"{JsonValueReader}.TryRead{value.Kind}",
        _ => $"{Generated(inside)}Read_{value.Id}",
    };

    /// <summary>Statements that write <paramref name="expression"/> (of the slot's type) as a JSON value.</summary>
    public static void Write(SourceWriter w, ValueSpec value, bool nullable, string writer, string expression, string local, bool inside = false)
    {
        // Reference types are checked for null even when not annotated nullable: System.Text.Json writes null for them too.
        if (nullable || !value.IsValueType)
        {
            w.OpenBlock($"if ({expression} is {{ }} {local})");
            w.WriteLine(WriteValue(value, writer, local, inside));
            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine($"{writer}.WriteNullValue();");
            w.CloseBlock();
            return;
        }
        w.WriteLine(WriteValue(value, writer, expression, inside));
    }

    /// <summary>How generated code names a member of the shared serializers: by their class, or plainly from inside them.</summary>
    private static string Generated(bool inside) => inside ? "" : SerializerEmitter.ClassName + ".";

    /// <summary>A statement that writes a non-null value.</summary>
    public static string WriteValue(ValueSpec value, string writer, string expression, bool inside = false) => value.Kind switch
    {
        ValueKind.String or ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset => $"{writer}.WriteStringValue({expression});",
        ValueKind.Boolean => $"{writer}.WriteBooleanValue({expression});",
        ValueKind.Char => $"{JsonValueWriter}.WriteChar({writer}, {expression});",
        ValueKind.Integer when value.TypeName is "global::System.Int128" or "global::System.UInt128" => $"{JsonValueWriter}.WriteNumber({writer}, {expression});",
        ValueKind.Number when value.TypeName == "global::System.Half" => $"{JsonValueWriter}.WriteNumber({writer}, {expression});",
        ValueKind.Integer or ValueKind.Number => $"{writer}.WriteNumberValue({expression});",
        ValueKind.DateOnly or ValueKind.TimeOnly or ValueKind.TimeSpan or ValueKind.Uri => $"{JsonValueWriter}.Write{value.Kind}({writer}, {expression});",
        ValueKind.Bytes => $"{writer}.WriteBase64StringValue({expression});",
        ValueKind.JsonElement => $"{JsonValueWriter}.WriteJsonElement({writer}, {expression});",
        _ => $"{Generated(inside)}Write_{value.Id}({writer}, {expression});",
    };

    /// <summary>
    /// A single call that writes a property and its non-null value, for the types <c>Utf8JsonWriter</c> has one for
    /// (<c>WriteString(name, value)</c>, <c>WriteNumber</c>, <c>WriteBoolean</c>); null otherwise.
    /// </summary>
    public static string? WriteProperty(ValueSpec value, string writer, string name, string expression) => value.Kind switch
    {
        ValueKind.String or ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset => $"{writer}.WriteString({name}, {expression});",
        ValueKind.Boolean => $"{writer}.WriteBoolean({name}, {expression});",
        ValueKind.Integer when value.TypeName is "global::System.Int128" or "global::System.UInt128" => null,
        ValueKind.Number when value.TypeName == "global::System.Half" => null,
        ValueKind.Integer or ValueKind.Number => $"{writer}.WriteNumber({name}, {expression});",
        _ => null,
    };

    /// <summary>
    /// The DataAnnotations checks of one member or argument named <paramref name="jsonName"/> holding
    /// <paramref name="expression"/>; a nullable one is checked only when it has a value.
    /// </summary>
    public static void Checks(SourceWriter w, ConstraintSpec c, ValueSpec value, bool nullable, string context, string jsonName, string expression,
        string? patternField)
    {
        var member = CSharpLiteral.String(jsonName);
        if (c.NotNull)
        {
            w.OpenBlock($"if ({expression} is null)");
            w.WriteLine($"{context}.AddMemberError({member}, \"must not be null\");");
            w.CloseBlock();
        }
        var checkedValue = nullable ? expression + "_checked" : expression;
        if (nullable) w.OpenBlock($"if ({expression} is {{ }} {checkedValue})");
        if (c.Minimum is not null || c.Maximum is not null)
        {
            w.WriteLine($"{ToolValidation}.Range({context}, {member}, (double){checkedValue}, {c.Minimum ?? "double.MinValue"}, {c.Maximum ?? "double.MaxValue"}, {CSharpLiteral.Bool(c.MinimumIsExclusive)}, {CSharpLiteral.Bool(c.MaximumIsExclusive)});");
        }
        if (c.Lower is not null && c.Upper is not null)
        {
            TemporalRange(w, c.Lower, c.Upper, value, context, member, checkedValue);
        }
        if (c.MinLength is not null || c.MaxLength is not null)
        {
            var count = value.Kind is ValueKind.List or ValueKind.Set ? $"global::System.Linq.Enumerable.Count({checkedValue})" : checkedValue + ".Length";
            var unit = value.Kind == ValueKind.String ? "characters" : "items";
            w.WriteLine($"{ToolValidation}.Length({context}, {member}, {count}, {c.MinLength ?? 0}, {(c.MaxLength is int max ? max.ToString(CultureInfo.InvariantCulture) : "int.MaxValue")}, \"{unit}\");");
        }
        if (c.NotEmpty)
        {
            w.WriteLine($"{ToolValidation}.NotEmpty({context}, {member}, {checkedValue});");
        }
        if (c.Pattern is not null && patternField is not null)
        {
            w.WriteLine($"{ToolValidation}.Pattern({context}, {member}, {checkedValue}, {patternField});");
        }
        if (c.Format == "email")
        {
            w.WriteLine($"{ToolValidation}.Email({context}, {member}, {checkedValue});");
        }
        if (c.Format == "uri")
        {
            w.WriteLine($"{ToolValidation}.Url({context}, {member}, {checkedValue});");
        }
        if (c.Format is "tel" or "credit-card")
        {
            // DataAnnotations' own check, shared by the assembly (SerializerEmitter.Validators).
            var (validator, what) = c.Format == "tel" ? ("Phone", "a phone number") : ("CreditCard", "a credit card number");
            w.OpenBlock($"if (!{SerializerEmitter.ClassName}.{validator}.IsValid({checkedValue}))");
            w.WriteLine($"{context}.AddMemberError({member}, \"must be {what}\");");
            w.CloseBlock();
        }
        if (c.Base64)
        {
            w.WriteLine($"{ToolValidation}.Base64({context}, {member}, {checkedValue});");
        }
        // Null is only ever among the values of a slot that may hold it, which is checked here only when it holds a value.
        var allowed = c.Allowed.Where(v => v.Expression != "null").ToList();
        if (allowed.Count > 0)
        {
            w.OpenBlock($"if (!({string.Join(" || ", allowed.Select(v => $"{checkedValue} == {v.Expression}"))}))");
            w.WriteLine($"{ToolValidation}.NotAllowed({context}, {member}, {CSharpLiteral.String(string.Join(", ", c.Allowed.Select(v => v.Json)))});");
            w.CloseBlock();
        }
        var denied = c.Denied.Where(v => v.Expression != "null").ToList();
        if (denied.Count > 0)
        {
            w.OpenBlock($"if ({string.Join(" || ", denied.Select(v => $"{checkedValue} == {v.Expression}"))})");
            w.WriteLine($"{ToolValidation}.Denied({context}, {member}, {CSharpLiteral.String(string.Join(", ", c.Denied.Select(v => v.Json)))});");
            w.CloseBlock();
        }
        if (nullable) w.CloseBlock();
    }

    /// <summary>
    /// <c>[Range(typeof(DateTime), …)]</c> and its kin: generated comparisons, since the runtime's <c>ToolValidation.Range</c>
    /// compares numbers, with the same words and the value given in the format its reader takes.
    /// </summary>
    private static void TemporalRange(SourceWriter w, BoundSpec lower, BoundSpec upper, ValueSpec value, string context, string member, string checkedValue)
    {
        var format = value.Kind switch
        {
            ValueKind.DateOnly => "yyyy-MM-dd",
            ValueKind.TimeOnly => "HH:mm:ss.FFFFFFF",
            ValueKind.TimeSpan => "c",
            _ => "O",
        };
        var below = $"{checkedValue} {(lower.IsExclusive ? "<=" : "<")} {lower.Expression}";
        var above = $"{checkedValue} {(upper.IsExclusive ? ">=" : ">")} {upper.Expression}";
        var bounds = $"must be {(lower.IsExclusive ? "after" : "at least")} {lower.Text} and {(upper.IsExclusive ? "before" : "at most")} {upper.Text}, got ";
        w.OpenBlock($"if ({below} || {above})");
        w.WriteLine($"{context}.AddMemberError({member}, {CSharpLiteral.String(bounds)} + {checkedValue}.ToString({CSharpLiteral.String(format)}, global::System.Globalization.CultureInfo.InvariantCulture));");
        w.CloseBlock();
    }

    /// <summary>A static field holding a compiled <c>[RegularExpression]</c>; the interpreter keeps it NativeAOT-safe.</summary>
    public static void PatternField(SourceWriter w, string field, string pattern)
    {
        w.WriteLine($"private static readonly global::System.Text.RegularExpressions.Regex {field} =");
        w.WriteLine($"    new({CSharpLiteral.String(pattern)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant);");
    }

    /// <summary>A name made of identifier characters only (for fields and locals derived from JSON names).</summary>
    public static string Identifier(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars);
    }

    /// <summary>Every value shape reachable from <paramref name="roots"/> through elements and object members (objects by name).</summary>
    public static IEnumerable<ValueSpec> Reachable(IEnumerable<ValueSpec> roots, IReadOnlyDictionary<string, ObjectSpec> objects, bool forReading)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var stack = new Stack<ValueSpec>(roots);
        while (stack.Count > 0)
        {
            var value = stack.Pop();
            if (value.Element is not null) stack.Push(value.Element);
            if (value.Id is null || !seen.Add(value.TypeName)) continue;
            yield return value;
            if (value.Kind == ValueKind.Object && objects.TryGetValue(value.TypeName, out var spec))
            {
                foreach (var member in spec.Members)
                {
                    if (forReading ? member.CanRead : member.CanWrite) stack.Push(member.Value);
                }
            }
        }
    }
}
