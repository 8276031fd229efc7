using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>
/// Writes a tool method's return value as the members of a <c>CallToolResult</c>, into the result object
/// <see cref="McpCall.BeginResult"/> opened (the server closes it). Generated invokers pick the overload for the
/// method's return type at compile time; values are formatted straight into UTF-8, without a string.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolResults
{
    // The names every result writes, encoded once: a result copies them without checking them for escapes.
    private static readonly JsonEncodedText s_content = JsonEncodedText.Encode("content"u8);
    private static readonly JsonEncodedText s_type = JsonEncodedText.Encode("type"u8);
    private static readonly JsonEncodedText s_text = JsonEncodedText.Encode("text"u8);
    private static readonly JsonEncodedText s_structuredContent = JsonEncodedText.Encode("structuredContent"u8);

    /// <summary>A method returning <c>void</c> or <c>Task</c>: an empty content list.</summary>
    public static void WriteEmpty(Utf8JsonWriter writer)
    {
        writer.WriteStartArray(s_content);
        writer.WriteEndArray();
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
        writer.WriteStartArray(s_content);
        block?.WriteTo(writer);
        writer.WriteEndArray();
    }

    /// <summary>A list of content blocks.</summary>
    public static void WriteContent(Utf8JsonWriter writer, IEnumerable<ContentBlock>? blocks)
    {
        writer.WriteStartArray(s_content);
        if (blocks is not null)
        {
            foreach (var block in blocks)
            {
                block.WriteTo(writer);
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>A complete result, as the method built it.</summary>
    public static void WriteResult(Utf8JsonWriter writer, CallToolResult? result)
    {
        if (result is null)
        {
            WriteEmpty(writer);
            return;
        }
        result.WriteMembers(writer);
    }

    /// <summary>
    /// A structured result (a tool returning a user type): the value as <c>structuredContent</c>, and the same JSON as
    /// one text block for clients that predate structured content. <paramref name="write"/> is the generated writer.
    /// The JSON is written once, into a scratch buffer bounded like the response (<see cref="McpServerOptions.MaxResponseBytes"/>).
    /// </summary>
    public static void WriteStructured<T>(McpCall call, T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(call);
        var json = Scratch.Write(value, write, call.MaxResponseBytes);
        try
        {
            var writer = call.BeginResult();
            StartText(writer);
            writer.WriteStringValue(json.WrittenSpan);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WritePropertyName(s_structuredContent);
            writer.WriteRawValue(json.WrittenSpan, skipInputValidation: true);
        }
        finally
        {
            Scratch.Release(json);
        }
    }

    /// <summary>
    /// A result that is not an object (an array): for a 2026-07-28 call, structured like <see cref="WriteStructured"/>
    /// (its list entry has the matching <see cref="McpTool.ModernOutputSchema"/>); for a session-era call, whose output
    /// schema must be an object, its JSON as one text block, as <see cref="WriteJson"/>.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void WriteStructuredIfModern<T>(McpCall call, T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Client.IsModern) WriteStructured(call, value, write);
        else WriteJson(call, value, write);
    }

    /// <summary>
    /// A number: one text block in the invariant format, as <see cref="WriteFormatted"/>; for a 2026-07-28 call also the
    /// same JSON number as <c>structuredContent</c> (its list entry has the matching <see cref="McpTool.ModernOutputSchema"/>).
    /// A value with no JSON form (NaN, infinities) is the text alone.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void WriteScalarIfModern<T>(McpCall call, T value) where T : IUtf8SpanFormattable
    {
        ArgumentNullException.ThrowIfNull(call);
        Span<byte> buffer = stackalloc byte[128];
        if (!value.TryFormat(buffer, out var written, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            WriteText(call.BeginResult(), value.ToString());
            return;
        }
        WriteScalar(call, buffer[..written], structured: call.Client.IsModern && (IsInteger<T>() || IsJsonNumber(buffer[..written])));
    }

    /// <summary>True for the integer types, whose invariant text is always a JSON number (the compiler folds it to a constant).</summary>
    private static bool IsInteger<T>() =>
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte)
        || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong) || typeof(T) == typeof(ushort) || typeof(T) == typeof(byte);

    /// <summary><c>true</c> or <c>false</c> as one text block; for a 2026-07-28 call also as <c>structuredContent</c>.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void WriteScalarIfModern(McpCall call, bool value)
    {
        ArgumentNullException.ThrowIfNull(call);
        WriteScalar(call, value ? "true"u8 : "false"u8, structured: call.Client.IsModern);
    }

    private static void WriteScalar(McpCall call, ReadOnlySpan<byte> json, bool structured)
    {
        WriteUtf8Text(call.BeginResult(), json);
        if (!structured) return;
        // A JSON number or literal after the content: copied whole, not handed to the writer as a raw value to check.
        call.ResultBuffer!.AppendMember("\"structuredContent\":"u8, json);
    }

    /// <summary>True when the invariant text of a number is also a JSON number (not NaN or an infinity).</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || !(char.IsAsciiDigit((char)text[0]) || text[0] == (byte)'-')) return false;
        foreach (var b in text)
        {
            if (!(char.IsAsciiDigit((char)b) || b is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')) return false;
        }
        return true;
    }

    /// <summary>A value without an output schema (a list, a nullable object): its JSON as one text block.</summary>
    public static void WriteJson<T>(McpCall call, T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(call);
        var json = Scratch.Write(value, write, call.MaxResponseBytes);
        try
        {
            WriteUtf8Text(call.BeginResult(), json.WrittenSpan);
        }
        finally
        {
            Scratch.Release(json);
        }
    }

    /// <summary>One reusable buffer and writer per thread, in which a result's JSON is written once and then copied twice.</summary>
    private static class Scratch
    {
        [ThreadStatic] private static Buffer? t_cached;

        public static Buffer Write<T>(T value, Action<Utf8JsonWriter, T> write, long limit)
        {
            var buffer = t_cached ?? new Buffer();
            t_cached = null;
            buffer.Bytes.Limit = limit;
            try
            {
                write(buffer.Writer, value);
                buffer.Writer.Flush();
            }
            catch
            {
                Release(buffer);
                throw;
            }
            return buffer;
        }

        public static void Release(Buffer buffer)
        {
            buffer.Writer.Reset();
            buffer.Bytes.ResetWrittenCount();
            if (buffer.Bytes.Capacity <= 256 * 1024) t_cached = buffer;
        }

        public sealed class Buffer
        {
            public readonly JsonRpc.BoundedBufferWriter Bytes = new(1024);
            public readonly Utf8JsonWriter Writer;

            public Buffer() => Writer = new Utf8JsonWriter(Bytes, new JsonWriterOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });

            public ReadOnlySpan<byte> WrittenSpan => Bytes.WrittenSpan;
        }
    }

    private static void WriteUtf8Text(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        StartText(writer);
        writer.WriteStringValue(utf8);
        EndText(writer);
    }

    private static void StartText(Utf8JsonWriter writer)
    {
        writer.WriteStartArray(s_content);
        writer.WriteStartObject();
        writer.WriteString(s_type, s_text);
        writer.WritePropertyName(s_text);
    }

    private static void EndText(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
