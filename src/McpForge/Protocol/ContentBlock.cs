using System;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>
/// One block of a tool result or prompt message: <see cref="TextContent"/>, <see cref="ImageContent"/>,
/// <see cref="AudioContent"/>, <see cref="EmbeddedResource"/> or <see cref="ResourceLink"/>.
/// </summary>
public abstract class ContentBlock
{
    private protected ContentBlock() { }

    /// <summary>Who the block is meant for and how important it is (optional).</summary>
    public ContentAnnotations? Annotations { get; init; }

    /// <summary>Writes the block as the JSON object the MCP schema defines.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteProperties(writer);
        Annotations?.WriteProperty(writer);
        writer.WriteEndObject();
    }

    private protected abstract void WriteProperties(Utf8JsonWriter writer);

    /// <summary>Text content.</summary>
    public static implicit operator ContentBlock(string text) => new TextContent(text);
}

/// <summary>A block of text.</summary>
public sealed class TextContent(string text) : ContentBlock
{
    /// <summary>The text.</summary>
    public string Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "text"u8);
        writer.WriteString("text"u8, Text);
    }
}

/// <summary>An image, sent base64-encoded.</summary>
public sealed class ImageContent : ContentBlock
{
    /// <summary>An image from its bytes.</summary>
    public ImageContent(ReadOnlyMemory<byte> data, string mimeType)
    {
        Data = data;
        MimeType = mimeType ?? throw new ArgumentNullException(nameof(mimeType));
    }

    /// <summary>The image bytes (written as base64).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The image's MIME type, such as <c>image/png</c>.</summary>
    public string MimeType { get; }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "image"u8);
        writer.WriteBase64String("data"u8, Data.Span);
        writer.WriteString("mimeType"u8, MimeType);
    }
}

/// <summary>Audio, sent base64-encoded.</summary>
public sealed class AudioContent : ContentBlock
{
    /// <summary>Audio from its bytes.</summary>
    public AudioContent(ReadOnlyMemory<byte> data, string mimeType)
    {
        Data = data;
        MimeType = mimeType ?? throw new ArgumentNullException(nameof(mimeType));
    }

    /// <summary>The audio bytes (written as base64).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The audio's MIME type, such as <c>audio/wav</c>.</summary>
    public string MimeType { get; }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "audio"u8);
        writer.WriteBase64String("data"u8, Data.Span);
        writer.WriteString("mimeType"u8, MimeType);
    }
}

/// <summary>The contents of a resource, embedded in the result.</summary>
public sealed class EmbeddedResource(ResourceContents resource) : ContentBlock
{
    /// <summary>The embedded contents.</summary>
    public ResourceContents Resource { get; } = resource ?? throw new ArgumentNullException(nameof(resource));

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "resource"u8);
        writer.WritePropertyName("resource"u8);
        Resource.WriteTo(writer);
    }
}

/// <summary>A link to a resource the client may read (<c>resource_link</c>).</summary>
public sealed class ResourceLink : ContentBlock
{
    /// <summary>A link to <paramref name="uri"/>, named <paramref name="name"/>.</summary>
    public ResourceLink(string uri, string name)
    {
        Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The resource's URI.</summary>
    public string Uri { get; }

    /// <summary>The resource's name.</summary>
    public string Name { get; }

    /// <summary>A human-readable title.</summary>
    public string? Title { get; init; }

    /// <summary>What the resource is.</summary>
    public string? Description { get; init; }

    /// <summary>The resource's MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>The resource's size in bytes, if known.</summary>
    public long? Size { get; init; }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "resource_link"u8);
        writer.WriteString("uri"u8, Uri);
        writer.WriteString("name"u8, Name);
        if (Title is not null) writer.WriteString("title"u8, Title);
        if (Description is not null) writer.WriteString("description"u8, Description);
        if (MimeType is not null) writer.WriteString("mimeType"u8, MimeType);
        if (Size is long size) writer.WriteNumber("size"u8, size);
    }
}

/// <summary>
/// A model's request to call a tool, in a sampling result (<c>tool_use</c>, 2025-11-25): answer it with a
/// <see cref="ToolResultContent"/> of the same <see cref="Id"/> in the next user message.
/// </summary>
public sealed class ToolUseContent : ContentBlock
{
    /// <summary>A tool call named <paramref name="name"/> with <paramref name="input"/> as its arguments.</summary>
    public ToolUseContent(string id, string name, System.Text.Json.JsonElement input)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Input = input;
    }

    /// <summary>The id that the matching <see cref="ToolResultContent.ToolUseId"/> repeats.</summary>
    public string Id { get; }

    /// <summary>The tool to call.</summary>
    public string Name { get; }

    /// <summary>The arguments, as the model wrote them.</summary>
    public System.Text.Json.JsonElement Input { get; }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "tool_use"u8);
        writer.WriteString("id"u8, Id);
        writer.WriteString("name"u8, Name);
        writer.WritePropertyName("input"u8);
        if (Input.ValueKind == System.Text.Json.JsonValueKind.Undefined) writer.WriteRawValue("{}"u8, skipInputValidation: true);
        else Input.WriteTo(writer);
    }
}

/// <summary>The result of a tool call a model asked for (<c>tool_result</c>, 2025-11-25), sent back in a user message.</summary>
public sealed class ToolResultContent : ContentBlock
{
    /// <summary>The result of the call <paramref name="toolUseId"/>.</summary>
    public ToolResultContent(string toolUseId, System.Collections.Generic.IReadOnlyList<ContentBlock> content, bool isError = false)
    {
        ToolUseId = toolUseId ?? throw new ArgumentNullException(nameof(toolUseId));
        Content = content ?? throw new ArgumentNullException(nameof(content));
        IsError = isError;
    }

    /// <summary>The <see cref="ToolUseContent.Id"/> this answers.</summary>
    public string ToolUseId { get; }

    /// <summary>What the tool returned.</summary>
    public System.Collections.Generic.IReadOnlyList<ContentBlock> Content { get; }

    /// <summary>The call failed.</summary>
    public bool IsError { get; }

    /// <summary>The tool's structured result, if it has one (JSON).</summary>
    public System.Text.Json.JsonElement? StructuredContent { get; init; }

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("type"u8, "tool_result"u8);
        writer.WriteString("toolUseId"u8, ToolUseId);
        writer.WriteStartArray("content"u8);
        foreach (var block in Content) block.WriteTo(writer);
        writer.WriteEndArray();
        if (StructuredContent is { } structured)
        {
            writer.WritePropertyName("structuredContent"u8);
            structured.WriteTo(writer);
        }
        if (IsError) writer.WriteBoolean("isError"u8, true);
    }
}
