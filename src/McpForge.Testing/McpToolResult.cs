using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace McpForge.Testing;

/// <summary>
/// What a <c>tools/call</c> answered, and what the server sent while it ran: its progress, its log entries, and how
/// many rounds of input (2026-07-28) it took.
/// </summary>
public sealed class McpToolResult
{
    internal McpToolResult(JsonElement result, IReadOnlyList<McpTestProgress> progress, IReadOnlyList<McpTestLogEntry> logs, int rounds)
    {
        Result = result;
        Progress = progress;
        Logs = logs;
        Rounds = rounds;
    }

    /// <summary>The whole <c>result</c> object, as the server wrote it (for assertions on exact JSON).</summary>
    public JsonElement Result { get; }

    /// <summary>True when the tool failed (<c>isError</c>): it threw, timed out, or its arguments were invalid.</summary>
    public bool IsError => Result.TryGetProperty("isError"u8, out var isError) && isError.ValueKind == JsonValueKind.True;

    /// <summary>The <c>content</c> blocks (text, image, audio, resource links, embedded resources).</summary>
    public JsonElement Content => Result.TryGetProperty("content"u8, out var content) ? content : default;

    /// <summary>The text of every <c>text</c> content block, joined by newlines; empty when there is none.</summary>
    public string Text
    {
        get
        {
            if (Content.ValueKind != JsonValueKind.Array) return "";
            var text = new StringBuilder();
            foreach (var block in Content.EnumerateArray())
            {
                if (!block.TryGetProperty("type"u8, out var type) || !type.ValueEquals("text"u8)) continue;
                if (text.Length > 0) text.Append('\n');
                text.Append(block.GetProperty("text"u8).GetString());
            }
            return text.ToString();
        }
    }

    /// <summary>The <c>structuredContent</c>, or null when the tool returned none.</summary>
    public JsonElement? StructuredContent => Result.TryGetProperty("structuredContent"u8, out var structured) ? structured : null;

    /// <summary>
    /// The <c>structuredContent</c> read as <typeparamref name="T"/> with <paramref name="typeInfo"/> (from a
    /// <c>JsonSerializerContext</c> of yours, so no reflection is involved).
    /// </summary>
    /// <exception cref="InvalidOperationException">The result has no structured content.</exception>
    public T GetStructuredContent<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (StructuredContent is not { } structured)
        {
            throw new InvalidOperationException("The tool result has no structuredContent: " + Result.GetRawText());
        }
        return structured.Deserialize(typeInfo)!;
    }

    /// <summary>The <c>notifications/progress</c> the server sent for this call, in order.</summary>
    public IReadOnlyList<McpTestProgress> Progress { get; }

    /// <summary>
    /// The log entries (<c>notifications/message</c>) that arrived while this call was in flight. With several calls
    /// in flight at once, each sees the entries of all of them.
    /// </summary>
    public IReadOnlyList<McpTestLogEntry> Logs { get; }

    /// <summary>
    /// How many times the request was sent: 1, plus one per <c>input_required</c> round of a 2026-07-28 call (each
    /// round runs the handler again). Always 1 in a session, where the server's asks are requests of their own.
    /// </summary>
    public int Rounds { get; }
}
