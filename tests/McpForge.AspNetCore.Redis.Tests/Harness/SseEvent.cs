using System.Text.Json;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>One SSE event as received: its id, retry, and data (empty for a priming event).</summary>
internal sealed record SseEvent(string? Id, int? Retry, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}
