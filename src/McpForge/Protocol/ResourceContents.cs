using System;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>The contents of a resource: <see cref="TextResourceContents"/> or <see cref="BlobResourceContents"/>.</summary>
public abstract class ResourceContents
{
    private protected ResourceContents(string uri, string? mimeType)
    {
        Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        MimeType = mimeType;
    }

    /// <summary>The resource's URI.</summary>
    public string Uri { get; }

    /// <summary>The MIME type, if known.</summary>
    public string? MimeType { get; }

    /// <summary>Writes the contents as the JSON object the MCP schema defines.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("uri"u8, Uri);
        if (MimeType is not null) writer.WriteString("mimeType"u8, MimeType);
        WriteBody(writer);
        writer.WriteEndObject();
    }

    private protected abstract void WriteBody(Utf8JsonWriter writer);
}

/// <summary>Text contents of a resource.</summary>
public sealed class TextResourceContents(string uri, string text, string? mimeType = null) : ResourceContents(uri, mimeType)
{
    /// <summary>The text.</summary>
    public string Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    private protected override void WriteBody(Utf8JsonWriter writer) => writer.WriteString("text"u8, Text);
}

/// <summary>Binary contents of a resource, sent base64-encoded.</summary>
public sealed class BlobResourceContents(string uri, ReadOnlyMemory<byte> blob, string? mimeType = null) : ResourceContents(uri, mimeType)
{
    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Blob { get; } = blob;

    private protected override void WriteBody(Utf8JsonWriter writer) => writer.WriteBase64String("blob"u8, Blob.Span);
}
