using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.TestInfrastructure;

/// <summary>MCP over a <see cref="ChildProcess"/>'s stdin and stdout: one JSON-RPC message per line.</summary>
public static class StdioMcpExtensions
{
    /// <summary>Reads lines until the response with <paramref name="id"/>, returning it and whatever came before it.</summary>
    public static (JsonElement Response, List<JsonElement> Before) ReadResponse(this ChildProcess server, long id, TimeSpan? wait = null)
    {
        var before = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (wait ?? ChildProcess.DefaultWait);
        for (var i = 0; i < 10_000; i++)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) break;
            var message = JsonDocument.Parse(server.ReadLine(remaining)).RootElement.Clone();
            if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt64() == id)
            {
                return (message, before);
            }
            before.Add(message);
        }
        throw new TimeoutException($"No response with id {id}. stderr:\n{server.StandardError}");
    }

    /// <summary>Sends a request and returns its response (the messages before it are dropped).</summary>
    public static JsonElement Request(this ChildProcess server, long id, string method, string paramsJson = "{}")
    {
        server.Send($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"{{{method}}}","params":{{{paramsJson}}}}""");
        return server.ReadResponse(id).Response;
    }

    /// <summary>The initialize handshake (request 0, then <c>notifications/initialized</c>); returns the initialize response.</summary>
    public static JsonElement Initialize(this ChildProcess server, string version = "2025-11-25")
    {
        var response = server.Request(0, "initialize", $$$"""{"protocolVersion":"{{{version}}}","capabilities":{},"clientInfo":{"name":"integration-tests","version":"1.0"}}""");
        server.Send("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        return response;
    }
}
