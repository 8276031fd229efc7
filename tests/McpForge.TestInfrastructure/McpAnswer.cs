using System.Linq;
using System.Net;
using System.Text.Json;

namespace McpForge.TestInfrastructure;

/// <summary>An HTTP answer to an MCP POST as the client saw it, its body read whole.</summary>
public sealed record McpAnswer(HttpStatusCode Status, string Body, string? MediaType, string? SessionId)
{
    /// <summary>
    /// The JSON-RPC message answered: the body itself, or in an SSE answer the last event carrying a result or an error
    /// (the response comes after any notifications and requests of the server).
    /// </summary>
    public JsonElement Message => JsonDocument.Parse(MessageText).RootElement.Clone();

    /// <inheritdoc cref="Message"/>
    public string MessageText
    {
        get
        {
            if (MediaType != "text/event-stream") return Body;
            var data = SseReader.Parse(Body).Select(e => e.Data).Where(d => d.Length > 0).ToList();
            return data.LastOrDefault(IsResponse) ?? data.LastOrDefault() ?? "";
        }
    }

    private static bool IsResponse(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && (document.RootElement.TryGetProperty("result", out _) || document.RootElement.TryGetProperty("error", out _));
    }
}
