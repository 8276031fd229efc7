using System;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>Who a content block is for (<c>audience</c>) and how important it is (<c>priority</c>, 0–1).</summary>
public sealed class ContentAnnotations
{
    /// <summary>The intended readers: <see cref="Role.User"/>, <see cref="Role.Assistant"/> or both.</summary>
    public Role[]? Audience { get; init; }

    /// <summary>Importance from 0 (least) to 1 (most).</summary>
    public double? Priority { get; init; }

    /// <summary>When the content was last modified.</summary>
    public DateTimeOffset? LastModified { get; init; }

    internal void WriteProperty(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("annotations"u8);
        if (Audience is not null)
        {
            writer.WriteStartArray("audience"u8);
            foreach (var role in Audience)
            {
                writer.WriteStringValue(role == Role.User ? "user"u8 : "assistant"u8);
            }
            writer.WriteEndArray();
        }
        if (Priority is double priority) writer.WriteNumber("priority"u8, priority);
        if (LastModified is DateTimeOffset modified) writer.WriteString("lastModified"u8, modified);
        writer.WriteEndObject();
    }
}

/// <summary>A participant of the conversation.</summary>
public enum Role
{
    /// <summary>The human user.</summary>
    User,
    /// <summary>The model.</summary>
    Assistant,
}
