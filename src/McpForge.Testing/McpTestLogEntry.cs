using System.Text.Json;

namespace McpForge.Testing;

/// <summary>One <c>notifications/message</c> (a log entry) the server sent to the client.</summary>
/// <param name="Level">The level as MCP names it: <c>debug</c>, <c>info</c>, <c>notice</c>, <c>warning</c>, <c>error</c>, …</param>
/// <param name="Logger">The logger's name, when the server gave one.</param>
/// <param name="Data">The entry's data: usually a string (see <see cref="Text"/>), possibly any JSON value.</param>
public sealed record McpTestLogEntry(string Level, string? Logger, JsonElement Data)
{
    /// <summary>The data as text: the string itself, or the JSON of any other value.</summary>
    public string Text => Data.ValueKind == JsonValueKind.String ? Data.GetString()! : Data.GetRawText();
}
