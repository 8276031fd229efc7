using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace McpForge.Generated;

/// <summary>
/// Writes the built-in values <see cref="Utf8JsonWriter"/> has no method for, in exactly the text System.Text.Json
/// writes for them (so a generated writer and a <c>JsonSerializerContext</c> agree byte for byte). Generated writers
/// call <see cref="Utf8JsonWriter"/> directly for everything else.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValueWriter
{
    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public static void WriteDateOnly(Utf8JsonWriter writer, DateOnly value)
    {
        Span<byte> buffer = stackalloc byte[16];
        value.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>A time as <c>HH:mm:ss</c>, with seven fraction digits when it has a fraction.</summary>
    public static void WriteTimeOnly(Utf8JsonWriter writer, TimeOnly value) => WriteTimeSpan(writer, value.ToTimeSpan());

    /// <summary>A duration in .NET's constant format (<c>[-][d.]hh:mm:ss[.fffffff]</c>).</summary>
    public static void WriteTimeSpan(Utf8JsonWriter writer, TimeSpan value)
    {
        Span<byte> buffer = stackalloc byte[32];
        value.TryFormat(buffer, out var written, "c", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>A one-character string.</summary>
    public static void WriteChar(Utf8JsonWriter writer, char value)
    {
        ReadOnlySpan<char> text = [value];
        writer.WriteStringValue(text);
    }

    /// <summary>A URI as it was given (<see cref="Uri.OriginalString"/>).</summary>
    public static void WriteUri(Utf8JsonWriter writer, Uri value) => writer.WriteStringValue(value.OriginalString);

    /// <summary>A number type the writer has no overload for (<c>Half</c>, <c>Int128</c>, <c>UInt128</c>), as its shortest invariant text.</summary>
    public static void WriteNumber<T>(Utf8JsonWriter writer, T value) where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[64];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    /// <summary>Any JSON as it is; a default (undefined) element, which holds no JSON, as <c>null</c>.</summary>
    public static void WriteJsonElement(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
        else value.WriteTo(writer);
    }

    /// <summary>A value through a <see cref="JsonTypeInfo{T}"/> of the user's <c>JsonSerializerContext</c>.</summary>
    public static void WriteWith<T>(Utf8JsonWriter writer, T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(writer, value, typeInfo);

    /// <summary>Thrown by generated enum writers for a value that is no member of its enum (it has no name to write).</summary>
    public static void UndefinedEnum<TEnum>(TEnum value) where TEnum : struct, Enum =>
        throw new InvalidOperationException($"{typeof(TEnum).Name} value {value} is not a member of the enum, so it has no name to write.");
}
