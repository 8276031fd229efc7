using System;
using System.Collections.Generic;
using System.Text.Json;
using McpForge.Protocol;

namespace McpForge.Tools;

/// <summary>
/// Writes a tool method's return value as a <c>CallToolResult</c> object. Generated invokers pick the overload
/// for the method's return type at compile time; values are formatted straight into UTF-8, without a string.
/// </summary>
public static class ToolResults
{
    /// <summary>A method returning <c>void</c> or <c>Task</c>: an empty content list.</summary>
    public static void WriteEmpty(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("content"u8);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One text block; <c>null</c> gives an empty content list.</summary>
    public static void WriteText(Utf8JsonWriter writer, string? text)
    {
        if (text is null)
        {
            WriteEmpty(writer);
            return;
        }
        StartText(writer);
        writer.WriteStringValue(text);
        EndText(writer);
    }

    /// <summary><c>true</c> or <c>false</c> as one text block.</summary>
    public static void WriteText(Utf8JsonWriter writer, bool value) => WriteUtf8Text(writer, value ? "true"u8 : "false"u8);

    /// <summary>A character as one text block.</summary>
    public static void WriteText(Utf8JsonWriter writer, char value) => WriteText(writer, value.ToString());

    /// <summary>A number, date, time or UUID as one text block, in the invariant format (<paramref name="format"/> for dates).</summary>
    public static void WriteFormatted<T>(Utf8JsonWriter writer, T value, string? format = null) where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[128];
        if (value.TryFormat(buffer, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            WriteUtf8Text(writer, buffer[..written]);
        }
        else
        {
            WriteText(writer, value.ToString());
        }
    }

    /// <summary>A URI as one text block.</summary>
    public static void WriteText(Utf8JsonWriter writer, Uri? value) => WriteText(writer, value?.OriginalString);

    /// <summary>One content block.</summary>
    public static void WriteContent(Utf8JsonWriter writer, ContentBlock? block)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("content"u8);
        block?.WriteTo(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A list of content blocks.</summary>
    public static void WriteContent(Utf8JsonWriter writer, IEnumerable<ContentBlock>? blocks)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("content"u8);
        if (blocks is not null)
        {
            foreach (var block in blocks)
            {
                block.WriteTo(writer);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A complete result, as the method built it.</summary>
    public static void WriteResult(Utf8JsonWriter writer, CallToolResult? result)
    {
        if (result is null)
        {
            WriteEmpty(writer);
            return;
        }
        result.WriteTo(writer);
    }

    private static void WriteUtf8Text(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        StartText(writer);
        writer.WriteStringValue(utf8);
        EndText(writer);
    }

    private static void StartText(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("content"u8);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WritePropertyName("text"u8);
    }

    private static void EndText(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
