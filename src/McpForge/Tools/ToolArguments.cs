using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace McpForge.Tools;

/// <summary>Reads one value of type <typeparamref name="T"/> at the reader's current token, or records why it cannot.</summary>
public delegate bool ArgumentReader<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out T value);

/// <summary>
/// The value readers that generated argument binders call. Each reads the value at the reader's current token
/// straight from the request's UTF-8 bytes, leaves the reader on the value's last token, and on a mismatch
/// records an <see cref="JsonRpc.ArgumentError"/> on the call and returns false. None of them throws for bad input.
/// </summary>
public static class ToolArguments
{
    /// <summary>Moves to the next argument name; false at the end of the <c>arguments</c> object.</summary>
    public static bool NextArgument(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Starts reading <paramref name="arguments"/>, which the server has checked to be a JSON object.</summary>
    public static Utf8JsonReader Begin(ReadOnlySpan<byte> arguments)
    {
        var reader = new Utf8JsonReader(arguments.IsEmpty ? "{}"u8 : arguments);
        reader.Read();
        return reader;
    }

    /// <summary>Handles an argument the tool does not declare: an error, or skipped when the server allows unknown arguments.</summary>
    public static void UnknownArgument(ref Utf8JsonReader reader, McpToolCall call, string accepted)
    {
        var name = reader.GetString() ?? string.Empty;
        reader.Read();
        reader.Skip();
        if (call.RejectUnknownArguments)
        {
            call.AddArgumentError("/" + EscapePointer(name),
                accepted.Length == 0 ? "unknown argument; this tool takes no arguments" : "unknown argument; this tool accepts: " + accepted);
        }
    }

    /// <summary>Records that a required argument is absent.</summary>
    public static void Missing(McpToolCall call, string path) => call.AddArgumentError(path, "required argument is missing");

    /// <summary>Records a <c>null</c> given for an argument that does not accept it.</summary>
    public static void NotNullable(McpToolCall call, ArgumentPath path) => call.AddArgumentError(path.ToString(), "must not be null");

    /// <summary>Reads a string.</summary>
    public static bool TryReadString(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out string value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString()!;
            return true;
        }
        return Fail(ref reader, call, path, "expected a string", out value);
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool TryReadBoolean(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: value = true; return true;
            case JsonTokenType.False: value = false; return true;
            default: return Fail(ref reader, call, path, "expected true or false", out value);
        }
    }

    /// <summary>Reads a string of exactly one UTF-16 character.</summary>
    public static bool TryReadChar(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out char value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (text.Length == 1)
            {
                value = text[0];
                return true;
            }
        }
        return Fail(ref reader, call, path, "expected a string of exactly one character", out value);
    }

    /// <summary>
    /// Reads an integer of type <typeparamref name="T"/>. A number with a zero fraction (<c>5.0</c>, <c>5e0</c>) is an
    /// integer, as JSON Schema says; a value outside the type's range is an error, never a silent wrap.
    /// </summary>
    public static bool TryReadInteger<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out T value)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
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
        return Fail(ref reader, call, path,
            string.Create(CultureInfo.InvariantCulture, $"expected an integer between {T.MinValue} and {T.MaxValue}"), out value);
    }

    /// <summary>Reads a number of type <typeparamref name="T"/> (<c>double</c>, <c>float</c>, <c>decimal</c>, <c>Half</c>).</summary>
    public static bool TryReadNumber<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out T value)
        where T : struct, IFloatingPoint<T>
    {
        if (reader.TokenType == JsonTokenType.Number
            && T.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && T.IsFinite(value))
        {
            return true;
        }
        return Fail(ref reader, call, path, "expected a number", out value);
    }

    /// <summary>Reads a UUID string.</summary>
    public static bool TryReadGuid(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out Guid value)
    {
        if (reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out value))
        {
            return true;
        }
        return Fail(ref reader, call, path, "expected a UUID string such as \"0f8fad5b-d9cb-469f-a165-70867728950e\"", out value);
    }

    /// <summary>Reads an ISO 8601 date-time string.</summary>
    public static bool TryReadDateTime(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out DateTime value)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out value))
        {
            return true;
        }
        return Fail(ref reader, call, path, "expected a date-time string (ISO 8601, such as \"2025-11-25T14:30:00Z\")", out value);
    }

    /// <summary>Reads an ISO 8601 date-time string with its offset.</summary>
    public static bool TryReadDateTimeOffset(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out DateTimeOffset value)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value))
        {
            return true;
        }
        return Fail(ref reader, call, path, "expected a date-time string (ISO 8601, such as \"2025-11-25T14:30:00+01:00\")", out value);
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> date string.</summary>
    public static bool TryReadDateOnly(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out DateOnly value)
    {
        if (reader.TokenType == JsonTokenType.String
            && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }
        return Fail(ref reader, call, path, "expected a date string (yyyy-MM-dd)", out value);
    }

    private static readonly string[] s_timeFormats = ["HH:mm:ss", "HH:mm", "HH:mm:ss.FFFFFFF"];

    /// <summary>Reads an <c>HH:mm[:ss[.fffffff]]</c> time string.</summary>
    public static bool TryReadTimeOnly(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out TimeOnly value)
    {
        if (reader.TokenType == JsonTokenType.String
            && TimeOnly.TryParseExact(reader.GetString(), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }
        return Fail(ref reader, call, path, "expected a time string (HH:mm:ss)", out value);
    }

    /// <summary>Reads a duration: ISO 8601 (<c>PT1H30M</c>, <c>P2DT3H</c>) or .NET's constant format (<c>1.02:30:00</c>).</summary>
    public static bool TryReadTimeSpan(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out TimeSpan value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (IsoDuration.TryParse(text, out value)
                || TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value))
            {
                return true;
            }
        }
        return Fail(ref reader, call, path, "expected a duration string (ISO 8601, such as \"PT1H30M\")", out value);
    }

    /// <summary>Reads an absolute URI string.</summary>
    public static bool TryReadUri(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, out Uri value)
    {
        if (reader.TokenType == JsonTokenType.String && Uri.TryCreate(reader.GetString(), UriKind.Absolute, out var uri))
        {
            value = uri;
            return true;
        }
        return Fail(ref reader, call, path, "expected an absolute URI string", out value);
    }

    /// <summary>Reads a JSON array into a <see cref="List{T}"/>, element by element; every bad element is reported.</summary>
    public static bool TryReadList<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, ArgumentReader<T> element,
        bool elementsNullable, out List<T> value)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Fail(ref reader, call, path, "expected an array", out value);
        }
        value = new List<T>();
        var ok = true;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var elementPath = path.Element(index++);
            if (reader.TokenType == JsonTokenType.Null)
            {
                if (elementsNullable)
                {
                    value.Add(default!);
                    continue;
                }
                NotNullable(call, elementPath);
                ok = false;
                continue;
            }
            if (element(ref reader, call, elementPath, out var item))
            {
                value.Add(item);
            }
            else
            {
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>Reads a JSON array into a <typeparamref name="T"/> array.</summary>
    public static bool TryReadArray<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, ArgumentReader<T> element,
        bool elementsNullable, out T[] value)
    {
        var ok = TryReadList(ref reader, call, path, element, elementsNullable, out var list);
        value = ok ? list.ToArray() : Array.Empty<T>();
        return ok;
    }

    /// <summary>Records an enum value that is not one of the names; generated enum readers call it.</summary>
    public static bool InvalidEnum<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, string allowed, out T value)
        => Fail(ref reader, call, path, "expected one of: " + allowed, out value);

    private static bool Fail<T>(ref Utf8JsonReader reader, McpToolCall call, ArgumentPath path, string expected, out T value)
    {
        call.AddArgumentError(path.ToString(), expected + ", got " + Describe(reader.TokenType));
        reader.Skip();
        value = default!;
        return false;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "an unexpected token",
    };

    /// <summary>Escapes a name for use in a JSON Pointer (RFC 6901: <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    private static string EscapePointer(string name) =>
        name.AsSpan().IndexOfAny('~', '/') < 0 ? name : name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
