using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>
/// The full result of a tool call: content blocks, optional structured content, and whether it is an error
/// the model should see (<c>isError</c>). Return it from a tool for complete control over the result.
/// </summary>
public sealed class CallToolResult
{
    /// <summary>The content blocks.</summary>
    public IReadOnlyList<ContentBlock> Content { get; init; } = Array.Empty<ContentBlock>();

    /// <summary>Structured content (a JSON object), written as <c>structuredContent</c> when set.</summary>
    public JsonElement? StructuredContent { get; init; }

    /// <summary>The call failed in a way the model should see and may correct.</summary>
    public bool IsError { get; init; }

    /// <summary>A result with one text block.</summary>
    public static CallToolResult FromText(string text) => new() { Content = new ContentBlock[] { new TextContent(text) } };

    /// <summary>An error result (<c>isError: true</c>) with one text block.</summary>
    public static CallToolResult Error(string message) => new() { Content = new ContentBlock[] { new TextContent(message) }, IsError = true };

    /// <summary>Writes the result as the JSON object the MCP schema defines.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteMembers(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes the result's members into an open object (the server closes the result it frames).</summary>
    internal void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("content"u8);
        foreach (var block in Content)
        {
            block.WriteTo(writer);
        }
        writer.WriteEndArray();
        if (StructuredContent is JsonElement structured)
        {
            writer.WritePropertyName("structuredContent"u8);
            structured.WriteTo(writer);
        }
        if (IsError)
        {
            writer.WriteBoolean("isError"u8, true);
        }
    }
}
