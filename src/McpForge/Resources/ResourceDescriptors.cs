using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Server;

namespace McpForge.Resources;

/// <summary>Writes the list entries of resources and templates made at run time.</summary>
internal static class ResourceDescriptors
{
    public static byte[] Write(ReadOnlySpan<byte> uriProperty, string uri, string name, string? description, string? mimeType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, McpForge.JsonRpc.MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString(uriProperty, uri);
            w.WriteString("name"u8, name);
            if (description is not null) w.WriteString("description"u8, description);
            if (mimeType is not null) w.WriteString("mimeType"u8, mimeType);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
