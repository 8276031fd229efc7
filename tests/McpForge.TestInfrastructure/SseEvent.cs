using System.Text.Json;

namespace McpForge.TestInfrastructure;

/// <summary>One SSE event as received: its id, retry, data (empty for a priming event) and event type (null when not named).</summary>
public sealed record SseEvent(string? Id, int? Retry, string Data, string? Event = null)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}
