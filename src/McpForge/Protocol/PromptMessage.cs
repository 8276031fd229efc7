using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>One message of a prompt: who says it, and one content block (text, image, audio or an embedded resource).</summary>
public sealed class PromptMessage(Role role, ContentBlock content)
{
    /// <summary>Who says it.</summary>
    public Role Role { get; } = role;

    /// <summary>What is said.</summary>
    public ContentBlock Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>A text message from the user.</summary>
    public static PromptMessage User(string text) => new(Role.User, new TextContent(text));

    /// <summary>A text message from the assistant.</summary>
    public static PromptMessage Assistant(string text) => new(Role.Assistant, new TextContent(text));

    /// <summary>Writes the message as the JSON object the MCP schema defines.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("role"u8, Role == Role.User ? "user"u8 : "assistant"u8);
        writer.WritePropertyName("content"u8);
        Content.WriteTo(writer);
        writer.WriteEndObject();
    }
}

/// <summary>The full result of <c>prompts/get</c>: an optional description and the messages.</summary>
public sealed class GetPromptResult
{
    /// <summary>A description of this rendering of the prompt.</summary>
    public string? Description { get; init; }

    /// <summary>The messages.</summary>
    public IReadOnlyList<PromptMessage> Messages { get; init; } = Array.Empty<PromptMessage>();

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
        if (Description is not null) writer.WriteString("description"u8, Description);
        writer.WriteStartArray("messages"u8);
        foreach (var message in Messages)
        {
            message.WriteTo(writer);
        }
        writer.WriteEndArray();
    }
}
