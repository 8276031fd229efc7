using System;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>
/// The readers of JSON values that generated code calls for every built-in type, and the problems generated
/// readers of user types record. Each reads the value at the reader's current token straight from the UTF-8 bytes,
/// leaves the reader on the value's last token, and on a mismatch records what was expected (at the context's
/// current path), skips the value and returns false. None of them throws for bad input, and none coerces: a string
/// is never read as a number, nor a number outside the target type's range as a wrapped value.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValueReader
{
    private const int MaxQuotedLength = 40;

    /// <summary>Reads a string.</summary>
    public static bool TryReadString(ref Utf8JsonReader reader, JsonReadContext context, out string value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString()!;
            return true;
        }
        return Mismatch(ref reader, context, "a string", out value);
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool TryReadBoolean(ref Utf8JsonReader reader, JsonReadContext context, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: value = true; return true;
            case JsonTokenType.False: value = false; return true;
            default: return Mismatch(ref reader, context, "true or false", out value);
        }
    }

    /// <summary>Reads a string of exactly one UTF-16 character.</summary>
    public static bool TryReadChar(ref Utf8JsonReader reader, JsonReadContext context, out char value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (text.Length == 1)
            {
                value = text[0];
                return true;
            }
            return Malformed(ref reader, context, "a string of exactly one character", out value);
        }
        return Mismatch(ref reader, context, "a string of exactly one character", out value);
    }

    /// <summary>
    /// Reads an integer of type <typeparamref name="T"/>. A number with a zero fraction (<c>5.0</c>, <c>5e0</c>) is an
    /// integer, as JSON Schema says; a value outside the type's range is an error, never a silent wrap.
    /// </summary>
    public static bool TryReadInteger<T>(ref Utf8JsonReader reader, JsonReadContext context, out T value)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // The common types take the reader's own parser (typeof checks fold away when the JIT specializes T).
            if (typeof(T) == typeof(int) && reader.TryGetInt32(out var i32)) { value = Unsafe.As<int, T>(ref i32); return true; }
            if (typeof(T) == typeof(long) && reader.TryGetInt64(out var i64)) { value = Unsafe.As<long, T>(ref i64); return true; }
            var raw = reader.ValueSpan;
            if (T.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                return true;
            }
            if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number == decimal.Truncate(number)
                && number >= decimal.CreateSaturating(T.MinValue)
                && number <= decimal.CreateSaturating(T.MaxValue))
            {
                value = T.CreateChecked(number);
                return true;
            }
        }
        return Mismatch(ref reader, context,
            string.Create(CultureInfo.InvariantCulture, $"an integer between {T.MinValue} and {T.MaxValue}"), out value);
    }

    /// <summary>Reads a finite number of type <typeparamref name="T"/> (<c>double</c>, <c>float</c>, <c>decimal</c>, <c>Half</c>).</summary>
    public static bool TryReadNumber<T>(ref Utf8JsonReader reader, JsonReadContext context, out T value)
        where T : struct, IFloatingPoint<T>
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (typeof(T) == typeof(double) && reader.TryGetDouble(out var f64) && double.IsFinite(f64)) { value = Unsafe.As<double, T>(ref f64); return true; }
            if (typeof(T) == typeof(decimal) && reader.TryGetDecimal(out var m)) { value = Unsafe.As<decimal, T>(ref m); return true; }
            if (T.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && T.IsFinite(value))
            {
                return true;
            }
        }
        return Mismatch(ref reader, context, "a number", out value);
    }

    /// <summary>Reads a UUID string.</summary>
    public static bool TryReadGuid(ref Utf8JsonReader reader, JsonReadContext context, out Guid value)
    {
        const string expected = "a UUID string such as \"0f8fad5b-d9cb-469f-a165-70867728950e\"";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        return reader.TryGetGuid(out value) || Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads an ISO 8601 date-time string.</summary>
    public static bool TryReadDateTime(ref Utf8JsonReader reader, JsonReadContext context, out DateTime value)
    {
        const string expected = "a date-time string (ISO 8601, such as \"2025-11-25T14:30:00Z\")";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        return reader.TryGetDateTime(out value) || Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads an ISO 8601 date-time string with its offset.</summary>
    public static bool TryReadDateTimeOffset(ref Utf8JsonReader reader, JsonReadContext context, out DateTimeOffset value)
    {
        const string expected = "a date-time string (ISO 8601, such as \"2025-11-25T14:30:00+01:00\")";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        return reader.TryGetDateTimeOffset(out value) || Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> date string.</summary>
    public static bool TryReadDateOnly(ref Utf8JsonReader reader, JsonReadContext context, out DateOnly value)
    {
        const string expected = "a date string (yyyy-MM-dd)";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        return DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || Malformed(ref reader, context, expected, out value);
    }

    private static readonly string[] s_timeFormats = ["HH:mm:ss", "HH:mm", "HH:mm:ss.FFFFFFF"];

    /// <summary>Reads an <c>HH:mm[:ss[.fffffff]]</c> time string.</summary>
    public static bool TryReadTimeOnly(ref Utf8JsonReader reader, JsonReadContext context, out TimeOnly value)
    {
        const string expected = "a time string (HH:mm:ss)";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        return TimeOnly.TryParseExact(reader.GetString(), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads a duration: ISO 8601 (<c>PT1H30M</c>, <c>P2DT3H</c>) or .NET's constant format (<c>1.02:30:00</c>).</summary>
    public static bool TryReadTimeSpan(ref Utf8JsonReader reader, JsonReadContext context, out TimeSpan value)
    {
        const string expected = "a duration string (ISO 8601, such as \"PT1H30M\")";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        var text = reader.GetString()!;
        return IsoDuration.TryParse(text, out value)
            || TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value)
            || Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads an absolute URI string.</summary>
    public static bool TryReadUri(ref Utf8JsonReader reader, JsonReadContext context, out Uri value)
    {
        const string expected = "an absolute URI string";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        if (Uri.TryCreate(reader.GetString(), UriKind.Absolute, out var uri))
        {
            value = uri;
            return true;
        }
        return Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads a base64 string into bytes, as System.Text.Json writes <c>byte[]</c>.</summary>
    public static bool TryReadBytes(ref Utf8JsonReader reader, JsonReadContext context, out byte[] value)
    {
        const string expected = "a base64 string";
        if (reader.TokenType != JsonTokenType.String) return Mismatch(ref reader, context, expected, out value);
        if (reader.TryGetBytesFromBase64(out var bytes))
        {
            value = bytes ?? []; // "" is the empty array, not null
            return true;
        }
        return Malformed(ref reader, context, expected, out value);
    }

    /// <summary>Reads any JSON value as it is (a pass-through <see cref="JsonElement"/>).</summary>
    public static bool TryReadJsonElement(ref Utf8JsonReader reader, JsonReadContext context, out JsonElement value)
    {
        value = JsonElement.ParseValue(ref reader);
        return true;
    }

    /// <summary>Reads a value through a <see cref="System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}"/> of the user's <c>JsonSerializerContext</c>.</summary>
    public static bool TryReadWith<T>(ref Utf8JsonReader reader, JsonReadContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
        out T value)
    {
        // The context's converters may throw for bad input; the reader is reset to skip the whole value either way.
        var copy = reader;
        try
        {
            value = JsonSerializer.Deserialize(ref reader, typeInfo)!;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            reader = copy;
            reader.Skip();
            context.AddError("cannot be read as " + typeof(T).Name + ": " + ex.Message);
            value = default!;
            return false;
        }
    }

    /// <summary>Records a value of the wrong JSON type (<paramref name="expected"/> is, say, <c>"an object"</c>) and skips it.</summary>
    public static bool Mismatch<T>(ref Utf8JsonReader reader, JsonReadContext context, string expected, out T value)
    {
        context.AddError("expected " + expected + ", got " + Describe(ref reader));
        reader.Skip();
        value = default!;
        return false;
    }

    /// <summary>Records a string whose text is not in the expected format (a malformed date, UUID, base64, …).</summary>
    public static bool Malformed<T>(ref Utf8JsonReader reader, JsonReadContext context, string expected, out T value)
    {
        var text = reader.GetString() ?? string.Empty;
        context.AddError("expected " + expected + ", got " + Quote(text));
        value = default!;
        return false;
    }

    /// <summary>Records an enum value that is not one of the names; generated enum readers call it.</summary>
    public static bool InvalidEnum<T>(ref Utf8JsonReader reader, JsonReadContext context, string allowed, out T value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Malformed(ref reader, context, "one of: " + allowed, out value);
        }
        return Mismatch(ref reader, context, "one of: " + allowed, out value);
    }

    /// <summary>Records a <c>null</c> given where null is not accepted.</summary>
    public static void NotNullable(JsonReadContext context) => context.AddError("must not be null");

    /// <summary>Records that the required member <paramref name="name"/> is absent from the object being read.</summary>
    public static void Missing(JsonReadContext context, string name) => context.AddMemberError(name, "required property is missing");

    /// <summary>Records a property given twice in one object, and skips the second value.</summary>
    public static void Duplicate(ref Utf8JsonReader reader, JsonReadContext context, string name)
    {
        reader.Read();
        reader.Skip();
        context.AddMemberError(name, "property given more than once");
    }

    /// <summary>
    /// Handles a property the type does not declare (the reader is on its name): skipped, and an error when
    /// <paramref name="reject"/> is true. <paramref name="accepted"/> lists the properties the type has.
    /// </summary>
    public static void UnknownProperty(ref Utf8JsonReader reader, JsonReadContext context, bool reject, string accepted)
    {
        var name = reader.GetString() ?? string.Empty;
        reader.Read();
        reader.Skip();
        if (reject)
        {
            context.AddMemberError(name, accepted.Length == 0 ? "unknown property; this object has no properties" : "unknown property; expected one of: " + accepted);
        }
    }

    /// <summary>Records a set element equal to one already read.</summary>
    public static void DuplicateItem(JsonReadContext context) => context.AddError("duplicate item; each value may appear once");

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => reader.ValueSpan.Length <= MaxQuotedLength ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan) : "a number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "an unexpected token",
    };

    /// <summary>The string as a JSON literal, cut at <see cref="MaxQuotedLength"/> characters so an error never echoes a whole document.</summary>
    private static string Quote(string text)
    {
        var shown = text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength];
        var encoded = JsonEncodedText.Encode(shown, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        return "\"" + encoded + (shown.Length < text.Length ? "…\"" : "\"");
    }
}
