using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using McpForge.Prompts;
using McpForge.Protocol;

namespace McpForge.Generated;

/// <summary>
/// Writes a prompt method's return value as the members of a <c>GetPromptResult</c>, into the result object
/// <see cref="Server.McpCall.BeginResult"/> opened (the server closes it).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptResults
{
    /// <summary>A string: one user message with that text.</summary>
    public static void WriteText(Utf8JsonWriter writer, string? text) =>
        WriteMessages(writer, text is null ? [] : [PromptMessage.User(text)]);

    /// <summary>One message.</summary>
    public static void WriteMessage(Utf8JsonWriter writer, PromptMessage? message) =>
        WriteMessages(writer, message is null ? [] : [message]);

    /// <summary>A list of messages.</summary>
    public static void WriteMessages(Utf8JsonWriter writer, IEnumerable<PromptMessage>? messages)
    {
        writer.WriteStartArray("messages"u8);
        if (messages is not null)
        {
            foreach (var message in messages) message.WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    /// <summary>A complete result, as the method built it.</summary>
    public static void WriteResult(Utf8JsonWriter writer, GetPromptResult? result)
    {
        if (result is null)
        {
            WriteMessages(writer, null);
            return;
        }
        result.WriteMembers(writer);
    }
}
