using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>Reads content blocks a client sent (sampling results) back into <see cref="ContentBlock"/>s.</summary>
internal static class ContentBlockReader
{
    /// <summary>One block, or every block of an array (the 2025-11-25 form of sampling content).</summary>
    public static IReadOnlyList<ContentBlock> ReadOneOrMany(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.Array)
        {
            var blocks = new List<ContentBlock>(content.GetArrayLength());
            foreach (var item in content.EnumerateArray()) blocks.Add(Read(item));
            return blocks;
        }
        return [Read(content)];
    }

    public static ContentBlock Read(JsonElement block)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            throw new McpClientException(0, "A content block must be a JSON object.");
        }
        var type = block.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            "text" => new TextContent(String(block, "text")),
            "image" => new ImageContent(Base64(block, "data"), String(block, "mimeType")),
            "audio" => new AudioContent(Base64(block, "data"), String(block, "mimeType")),
            "tool_use" => new ToolUseContent(String(block, "id"), String(block, "name"),
                block.TryGetProperty("input"u8, out var input) ? input.Clone() : default),
            "tool_result" => new ToolResultContent(String(block, "toolUseId"),
                block.TryGetProperty("content"u8, out var inner) && inner.ValueKind == JsonValueKind.Array ? ReadOneOrMany(inner) : [],
                block.TryGetProperty("isError"u8, out var isError) && isError.ValueKind == JsonValueKind.True)
            {
                StructuredContent = block.TryGetProperty("structuredContent"u8, out var structured) ? structured.Clone() : null,
            },
            "resource_link" => new ResourceLink(String(block, "uri"), String(block, "name")),
            _ => throw new McpClientException(0, $"The client sent content of type '{type}', which this server does not read."),
        };
    }

    private static string String(JsonElement block, string name) =>
        block.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new McpClientException(0, $"A content block is missing \"{name}\" (a string).");

    private static ReadOnlyMemory<byte> Base64(JsonElement block, string name)
    {
        var text = String(block, name);
        var bytes = new byte[(text.Length + 3) / 4 * 3];
        return Convert.TryFromBase64String(text, bytes, out var written)
            ? bytes.AsMemory(0, written)
            : throw new McpClientException(0, $"\"{name}\" of a content block is not valid base64.");
    }
}
