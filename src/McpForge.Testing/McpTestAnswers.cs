using System;
using System.Text.Json.Nodes;

namespace McpForge.Testing;

/// <summary>
/// Results a test's sampling and elicitation handlers can return, written as MCP defines them
/// (<c>CreateMessageResult</c>, <c>ElicitResult</c>, <c>ListRootsResult</c>).
/// </summary>
public static class McpTestAnswers
{
    /// <summary>A sampling answer: the assistant's <paramref name="text"/>, from <paramref name="model"/>, ending its turn.</summary>
    public static JsonObject SampledText(string text, string model = "test-model") => new()
    {
        ["role"] = "assistant",
        ["content"] = new JsonObject { ["type"] = "text", ["text"] = text },
        ["model"] = model,
        ["stopReason"] = "endTurn",
    };

    /// <summary>The user accepted the form and filled it in with <paramref name="content"/>.</summary>
    public static JsonObject Accept(JsonObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new JsonObject { ["action"] = "accept", ["content"] = content };
    }

    /// <summary>The user accepted a URL elicitation (no content).</summary>
    public static JsonObject Accept() => new() { ["action"] = "accept" };

    /// <summary>The user declined to answer.</summary>
    public static JsonObject Decline() => new() { ["action"] = "decline" };

    /// <summary>The user dismissed the request without choosing.</summary>
    public static JsonObject Cancel() => new() { ["action"] = "cancel" };

    /// <summary>The client's roots: each a <c>file://</c> URI, named by its last segment.</summary>
    public static JsonObject Roots(params string[] uris)
    {
        ArgumentNullException.ThrowIfNull(uris);
        var roots = new JsonArray();
        foreach (var uri in uris)
        {
            roots.Add((JsonNode)new JsonObject { ["uri"] = uri, ["name"] = uri.TrimEnd('/').Split('/')[^1] });
        }
        return new JsonObject { ["roots"] = roots };
    }
}
