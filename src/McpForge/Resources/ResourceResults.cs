using System;
using System.Collections.Generic;
using System.Text.Json;
using McpForge.Protocol;

namespace McpForge.Resources;

/// <summary>Writes a resource method's return value as a <c>ReadResourceResult</c> (<c>{"contents": [...]}</c>).</summary>
public static class ResourceResults
{
    /// <summary>Text contents of <paramref name="uri"/>.</summary>
    public static void WriteText(Utf8JsonWriter writer, string uri, string? mimeType, string? text) =>
        WriteContents(writer, text is null ? [] : [new TextResourceContents(uri, text, mimeType)]);

    /// <summary>Binary contents of <paramref name="uri"/>, base64-encoded.</summary>
    public static void WriteBlob(Utf8JsonWriter writer, string uri, string? mimeType, ReadOnlyMemory<byte> blob) =>
        WriteContents(writer, [new BlobResourceContents(uri, blob, mimeType)]);

    /// <summary>One set of contents, as the method built it.</summary>
    public static void WriteContents(Utf8JsonWriter writer, ResourceContents? contents) =>
        WriteContents(writer, contents is null ? [] : [contents]);

    /// <summary>Several contents (a resource may have more than one representation).</summary>
    public static void WriteContents(Utf8JsonWriter writer, IEnumerable<ResourceContents>? contents)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("contents"u8);
        if (contents is not null)
        {
            foreach (var item in contents) item.WriteTo(writer);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
